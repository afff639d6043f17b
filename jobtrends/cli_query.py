"""Commands that read the database: sql and status (read-only connections)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pyarrow as pa
from rich.console import Console
from rich.table import Table

from .cli import pass_app
from .errors import JobtrendsError


def _console(output: str | None = None, handle=None) -> Console:
    if output:
        return Console(file=handle, width=200, no_color=True, highlight=False)
    # Piped or in cron mail, rich would assume 80 columns and cut values; give tables room.
    return Console(highlight=False, width=None if sys.stdout.isatty() else 200)


def _render_arrow(table: pa.Table, output: str | None) -> None:
    view = Table(show_lines=False)
    for name in table.column_names:
        view.add_column(name, overflow="fold")
    for row in table.to_pylist():
        view.add_row(*["" if v is None else str(v) for v in row.values()])
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            _console(output, handle).print(view)
    else:
        _console().print(view)
        sys.stdout.flush()  # the row count (stderr) after the table, not inside it
        click.echo(f"{table.num_rows} row{'s' if table.num_rows != 1 else ''}", err=True)


@click.command()
@click.argument("query", required=False)
@click.option("--file", "-f", "query_file", type=click.Path(exists=True, dir_okay=False),
              help="Read the query from this file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "parquet"]), default="table",
              show_default=True, help="Output format.")
@click.option("--output", "-o", metavar="FILE", help="Write the result to FILE instead of standard output.")
@click.option("--schema", "show_schema", is_flag=True, help="List the views and their columns, then exit.")
@click.option("--wait", default=30.0, show_default=True, metavar="SECONDS",
              help="How long to wait while a crawl or tag holds the database.")
@click.option("--lake", metavar="DIR", help="Query a Parquet lake (docs/scale.md) instead of the database.")
@pass_app
def sql(app, query, query_file, fmt, output, show_schema, wait, lake) -> None:
    """Run a read-only SQL query over the views (postings, posting_themes, …).

    The query comes from the argument, --file, or standard input. Statements that
    write are refused; a SQL error prints DuckDB's message and exits 2.

    \b
    Example:
        jobtrends sql "select industry, count(*) from postings group by 1"
        jobtrends sql --format csv -o themes.csv "select * from theme_by_industry"
        echo "select count(*) from postings" | jobtrends sql
        jobtrends sql --schema
        jobtrends sql --lake lake/ "select theme, share from theme_by_industry"
    """
    from .sqlquery import run_on, run_query, schema, schema_on, write_result

    if show_schema:
        if lake:
            from .lake import reading

            with reading(lake) as con:
                found = schema_on(con)
        else:
            found = schema(app.db_path)
        for view, description, columns in found:
            click.echo(f"{view}: {description}")
            for column, dtype in columns:
                click.echo(f"    {column} {dtype}")
        return
    if query_file:
        query = Path(query_file).read_text(encoding="utf-8")
    elif query is None or query == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise JobtrendsError("give a query as an argument, with --file, or on standard input")
        query = sys.stdin.read()
    if lake:
        from .lake import reading

        with reading(lake) as con:
            table = run_on(con, query)
    else:
        table = run_query(app.db_path, query, wait=wait)
    write_result(table, fmt, output, _render_arrow)


@click.command()
@pass_app
def status(app) -> None:
    """Show what is in the database: postings by source and role, last runs, untagged.

    \b
    Example:
        jobtrends status
        jobtrends --db data/demo.duckdb status
    """
    from .status import gather

    facts = gather(app.db_path)
    console = _console()
    console.print(f"database {facts['database']} ({facts['size_bytes'] / 1e6:.1f} MB), {facts['rejects']} rejects")
    _print_table(console, "Postings by source", ["source", "postings", "open", "closed", "untagged"], facts["by_source"])
    _print_table(console, "Postings by role", ["role", "postings"], facts["by_role"])
    _print_table(
        console, "Last run per source",
        ["source", "run", "started", "finished", "status", "seen", "new", "updated", "closed", "rejected"],
        facts["last_runs"],
    )


def _print_table(console: Console, title: str, columns: list[str], rows) -> None:
    view = Table(title=title, title_justify="left")
    for column in columns:
        view.add_column(column)
    for row in rows:
        view.add_row(*["" if v is None else str(v) for v in row])
    console.print(view)


COMMANDS = [sql, status]
