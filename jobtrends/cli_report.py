"""Commands that produce results: report, demo, run, eval, export."""

from __future__ import annotations

import click

from .cli import not_yet, pass_app

# Commands not available yet accept any arguments so their documented examples get the
# plain "not available yet" message rather than a usage error.
_STUB = {"ignore_unknown_options": True, "allow_extra_args": True}


@click.command()
@click.option("--out", metavar="DIR", help="Output folder [default: report.out in the config, reports/latest].")
@click.option("--role", metavar="ROLE", help="Role whose postings are charted [default: ml_engineer].")
@pass_app
def report(app, out: str | None, role: str | None) -> None:
    """Regenerate the trend report: HTML with the data behind each chart as CSV.

    The HTML is self-contained (plotly.js inlined) and opens from file:// offline.

    \b
    Example:
        jobtrends report
        jobtrends report --out reports/finance --role data_scientist
    """
    from analysis.report import build_report

    config = app.config(**{"report.out": out, "report.role": role})
    result = build_report(app.db_path, config.report.out, role=config.report.role,
                          min_industry_count=config.report.min_industry_count)
    click.echo(f"report written to {result.index_path}")


@click.command()
@click.option("--quiet", "-q", is_flag=True, help="Print only the report's path.")
def demo(quiet: bool) -> None:
    """Run the whole pipeline on the bundled sample job boards, offline.

    Serves the sample boards on a loopback port, crawls them with the real spiders into
    data/demo.duckdb, tags them and writes reports/demo/index.html. Safe to repeat.

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


@click.command(context_settings=_STUB)
def run() -> None:
    """Crawl, tag and report in one go, safe to call from cron (one at a time).

    \b
    Example:
        jobtrends run --quiet
    """
    not_yet("run", "the operations issue (#8)")


@click.command(name="eval", context_settings=_STUB)
def eval_() -> None:
    """Score theme, role and industry tagging against a labelled file.

    \b
    Example:
        jobtrends eval data/eval/dev.jsonl
    """
    not_yet("eval", "the NLP issue (#5)")


@click.command(context_settings=_STUB)
def export() -> None:
    """Export the public views as Parquet or CSV for notebooks and BI tools.

    \b
    Example:
        jobtrends export --format parquet --out exports/
    """
    not_yet("export", "the operations issue (#8)")


COMMANDS = [report, demo, run, eval_, export]
