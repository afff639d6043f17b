"""Commands that produce results: report, demo, run, export."""

from __future__ import annotations

import sys

import click

from .cli import pass_app



@click.command()
@click.option("--out", metavar="DIR", help="Output folder [default: report.out in the config, reports/latest, "
              "plus a dated copy beside it].")
@click.option("--role", metavar="ROLE", help="Role whose postings are charted, or 'all' [default: ml_engineer].")
@click.option("--since", metavar="YYYY-MM", help="First month of postings charted (by date posted, else first seen).")
@click.option("--until", metavar="YYYY-MM", help="Last month of postings charted (inclusive).")
@click.option("--source", metavar="NAME", help="Only jobs with a copy from this source (as in `jobtrends status`).")
@click.option("--industry", metavar="ID", help="Only postings of this industry (an id of industries.md).")
@click.option("--png", is_flag=True, help="Also write a PNG per chart (needs Chromium; see docs/reports.md).")
@click.option("--lake", metavar="DIR", help="Report from a Parquet lake (docs/scale.md) instead of the database.")
@pass_app
def report(app, out: str | None, role: str | None, since: str | None, until: str | None,
           source: str | None, industry: str | None, png: bool, lake: str | None) -> None:
    """Regenerate the trend report: HTML with the data behind each chart as CSV.

    The HTML is self-contained (plotly.js inlined) and opens from file:// offline. The
    filters apply to every chart. Without --out, the report goes to report.out
    (reports/latest) and is copied to a folder named after today's date beside it.

    \b
    Example:
        jobtrends report
        jobtrends report --out reports/finance --industry finance --since 2025-01 --png
        jobtrends report --role data_scientist --source hn
        jobtrends report --lake s3://bucket/lake --out reports/lake
    """
    from datetime import date

    from analysis.report import build_report, dated_copy

    from . import lake as lake_module, store

    config = app.config(**{"report.out": out, "report.role": role})
    chosen_role = None if config.report.role == "all" else config.report.role
    result = build_report(lake or app.db_path, config.report.out, role=chosen_role,
                          min_industry_count=config.report.min_industry_count,
                          since=_month(since, "--since"), until=_month(until, "--until"),
                          source=source, industry=industry, png=png,
                          reader=lake_module.reading if lake else store.reading)
    click.echo(f"report written to {result.index_path}")
    if png:
        click.echo(f"{len(result.png_paths)} PNG files written beside it")
    if out is None:
        click.echo(f"dated copy: {dated_copy(config.report.out, date.today())}")


def _month(value: str | None, option: str):
    """'2025-03' -> date(2025, 3, 1); a clear usage error otherwise."""
    from datetime import datetime

    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a month written YYYY-MM (e.g. 2025-03)", param_hint=option)


@click.command()
@click.option("--quiet", "-q", is_flag=True, help="Print only the report's path.")
def demo(quiet: bool) -> None:
    """Run the whole pipeline on the bundled sample job boards, offline.

    Serves the sample boards on a loopback port, crawls them with the real spiders into
    data/demo.duckdb, tags them, fits topics and writes reports/demo/index.html. Safe to
    repeat.

    \b
    Example:
        jobtrends demo
        jobtrends --db data/demo.duckdb sql "select industry, count(*) from postings group by 1"
    """
    from .demo import run_demo

    result = run_demo(quiet=quiet)
    if not quiet:
        click.echo(f"demo: {result.postings} postings in {result.db} ({result.seconds:.0f}s)")
        click.echo(f"query it: jobtrends --db {result.db} sql \"select industry, count(*) from postings group by 1\"")
    click.echo(f"report: {result.report.resolve()}")


@click.command()
@click.option("--quiet", "-q", is_flag=True, help="For cron: print nothing on success, errors only on stderr.")
@pass_app
def run(app, quiet: bool) -> None:
    """Crawl, tag, update topics when due, and report in one go, for cron (one at a time).

    A second run while one is in progress exits at once with code 75; a lock left by a
    killed run is taken over. Each run logs to a file under run.log_dir. A failing stage
    stops the later ones. Exit codes: 0 ok, 1 a stage failed or a source had problems,
    2 bad configuration, 75 another run is in progress.

    \b
    Example:
        jobtrends run --quiet
        */30 * * * * cd /srv/jobtrends && .venv/bin/jobtrends run --quiet
    """
    from .pipeline import run_pipeline

    summary = run_pipeline(app.config(), quiet=quiet)
    _print_run_summary(summary, quiet)
    sys.exit(summary.exit_code)


def _print_run_summary(summary, quiet: bool) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    failed = summary.failed_stage
    problems = [s for s in summary.stages if s.status in ("partial", "failed")]
    if quiet:
        for stage in problems:
            click.echo(f"jobtrends run: stage {stage.stage} {stage.status}: {stage.detail} (log: {summary.log_file})",
                       err=True)
        return
    table = Table(title="jobtrends run", title_justify="left")
    for column in ("stage", "status", "seconds", "detail"):
        table.add_column(column)
    for stage in summary.stages:
        table.add_row(stage.stage, stage.status, f"{stage.seconds:.1f}", escape(stage.detail))
    Console(stderr=True, highlight=False).print(table)
    if failed:
        click.echo(f"stage {failed.stage} failed: {failed.detail}", err=True)
    click.echo(f"log: {summary.log_file}", err=True)


@click.command()
@click.option("--out", "out_dir", default="exports", show_default=True, metavar="DIR", help="Output folder.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
@click.option("--view", "views", multiple=True, metavar="VIEW", help="Only this view (repeatable) [default: all].")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")
@pass_app
def export(app, out_dir: str, fmt: str, views: tuple[str, ...], quiet: bool) -> None:
    """Export the public views as Parquet or CSV for notebooks and BI tools.

    Parquet: postings/ is partitioned by month (Hive style); other views are one file
    each. CSV: one file per view. Reads the database read-only.

    \b
    Example:
        jobtrends export --format parquet --out exports/
        jobtrends export --format csv --view postings --view posting_themes
    """
    from .export import export_views

    for item in export_views(app.db_path, out_dir, fmt, list(views) or None):
        if not quiet:
            click.echo(f"{item.view}: {item.rows} rows -> {item.path}")


COMMANDS = [report, demo, run, export]
