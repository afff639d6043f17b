"""Read-only ad hoc SQL for `jobtrends sql`: checking, running, and writing results.

Only statements that read are accepted (checked with DuckDB's own parser before anything
runs), and the database is opened read-only as well, so a query can never change it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from . import store
from .errors import JobtrendsError
from .paths import views_dir

READING = {
    duckdb.StatementType.SELECT,
    duckdb.StatementType.EXPLAIN,
    duckdb.StatementType.PRAGMA,
    duckdb.StatementType.CALL,
}
FORMATS = ("table", "csv", "json", "parquet")


class SqlError(JobtrendsError):
    """A query DuckDB rejected, or one that would write; exit code 2."""


def check_read_only(con: duckdb.DuckDBPyConnection, query: str) -> list:
    """The parsed statements, or SqlError if there are none or one of them writes."""
    try:
        statements = con.extract_statements(query)
    except duckdb.Error as error:
        raise SqlError(str(error)) from None
    if not statements:
        raise SqlError("the query is empty")
    for statement in statements:
        if statement.type not in READING:
            kind = statement.type.name
            raise SqlError(
                f"jobtrends sql is read-only: a {kind} statement is refused. "
                "Postings change only through crawl, import and tag; to save a result use --output."
            )
    return statements


def run_query(db_path: str | Path, query: str, wait: float = store.DEFAULT_WAIT_SECONDS) -> pa.Table:
    """Run the read-only query (several statements: the last one's result) as an Arrow table."""
    with store.reading(db_path, wait=wait) as con:
        return run_on(con, query)


def run_on(con: duckdb.DuckDBPyConnection, query: str) -> pa.Table:
    """run_query on an open connection (e.g. jobtrends.lake.reading's)."""
    statements = check_read_only(con, query)
    cursor = con.cursor()  # a fresh cursor: no unfinished result of the store's own checks
    try:
        for statement in statements[:-1]:
            cursor.execute(statement).fetchall()
        return cursor.sql(statements[-1].query).to_arrow_table()
    except duckdb.Error as error:
        raise SqlError(str(error)) from None


def _plain(value):
    """A JSON/CSV-friendly form of a DuckDB value."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, dict)):
        return json.loads(json.dumps(value, default=_plain))
    return value


def to_csv(table: pa.Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow([
            json.dumps(_plain(v)) if isinstance(v, (list, dict)) else ("" if v is None else _plain(v))
            for v in row.values()
        ])
    return out.getvalue()


def to_json(table: pa.Table) -> str:
    rows = [{k: _plain(v) for k, v in row.items()} for row in table.to_pylist()]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def write_result(table: pa.Table, fmt: str, output: str | None, render_table) -> None:
    """Write in `fmt` to `output` (a file) or standard output; parquet needs a file."""
    if fmt == "parquet":
        if not output:
            raise JobtrendsError("--format parquet writes a binary file: give --output FILE")
        pq.write_table(table, output)
        return
    if fmt == "table":
        render_table(table, output)
        return
    text = to_csv(table) if fmt == "csv" else to_json(table)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        import click

        click.echo(text, nl=False)


def view_descriptions() -> dict[str, str]:
    """View name -> the description in the comment lines that open its .sql file."""
    found = {}
    for file in sorted(views_dir().glob("*.sql")):
        lines = []
        for line in file.read_text().splitlines():
            if not line.startswith("--"):
                break
            lines.append(line.lstrip("- ").strip())
        text = " ".join(lines)
        found[file.stem] = text.split(":", 1)[1].strip() if text.startswith(f"{file.stem}:") else text
    return found


def schema(db_path: str | Path) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(view, description, [(column, type)]) for every public view."""
    with store.reading(db_path) as con:
        return schema_on(con)


def schema_on(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """schema on an open connection (e.g. jobtrends.lake.reading's)."""
    described = view_descriptions()
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_name IN (SELECT view_name FROM duckdb_views() "
        "WHERE schema_name = 'main' AND NOT internal) ORDER BY table_name, ordinal_position"
    ).fetchall()
    views: dict[str, list] = {}
    for view, column, dtype in rows:
        views.setdefault(view, []).append((column, dtype))
    return [(v, described.get(v, ""), cols) for v, cols in views.items()]
