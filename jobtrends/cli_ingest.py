"""Commands that bring postings in and tag them: crawl, import, tag."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import pass_app
from .errors import ConfigError


@click.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE ...]")
@click.option("--shard", metavar="I/N", help="Only the I-th of N stable shares of the sources (by a hash of their names).")
@click.option("--lake", metavar="DIR", help="Write the postings as Parquet under DIR/postings/ instead of the database.")
@click.option("--run", "run_name", metavar="NAME", help="With --lake: the run's name in file names, a re-run "
              "with the same name replaces its files [default: today's date, UTC].")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
@pass_app
def crawl(app, sources: tuple[str, ...], shard: str | None, lake: str | None, run_name: str | None,
          quiet: bool) -> None:
    """Crawl the configured sources (all, or those named) into the database.

    Stores new and changed postings, marks postings that left a complete listing as
    closed, and records one row per source in crawl_runs. Exit code 1 when a source
    failed or items were rejected (the rest is kept). With --lake, the postings go to
    Parquet files named after the shard and run instead (docs/scale.md).

    \b
    Example:
        jobtrends crawl
        jobtrends crawl greenhouse:acme lever:globex
        jobtrends crawl --shard 2/8 --lake /data/lake
    """
    from .shard import parse_shard, select_shard

    config = app.config()
    if not config.sources:
        where = config.path or "no configuration file (./jobtrends.toml)"
        raise ConfigError(f"no sources configured in {where}: add [[sources]] tables, see jobtrends.example.toml")
    chosen = parse_shard(shard) if shard else None
    selected = select_shard(config.select_sources(list(sources)), chosen)
    if run_name is not None and not lake:
        raise click.BadParameter("--run names the files of a --lake crawl; give --lake DIR too", param_hint="--run")
    if not lake:
        from crawl.runner import run_crawl

        result = run_crawl(config, selected, str(app.db_path), quiet=quiet)
        sys.exit(result.exit_code)
    from crawl.runner import run_crawl_to_lake

    from .lake import file_stem

    result, rows = run_crawl_to_lake(config, selected, lake, file_stem(chosen, list(sources), run_name), quiet=quiet)
    if not quiet:
        click.echo(f"{rows} postings written to {lake}/postings/")
    sys.exit(result.exit_code)


@click.command(name="import")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--source", metavar="NAME", help="Source name for the postings [default: import:<file name>].")
@click.option("--tags", "tags_dir", metavar="DIR", help="Load tag tables written by `tag --engine spark` "
              "(DIR/posting_tags/, theme_tags/, skill_tags/) for the postings the database holds.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
@pass_app
def import_(app, files: tuple[str, ...], source: str | None, tags_dir: str | None, quiet: bool) -> None:
    """Load postings from JSON Lines, CSV or Parquet files; safe to repeat.

    Columns (case-insensitive): id, title, description (required); company, location,
    date_posted, url, industry. Other columns are kept as extra JSON. A malformed row is
    recorded in rejects with its line and reason, and the rest loads (exit code 1).

    \b
    Example:
        jobtrends import postings.jsonl
        jobtrends import --source mycrawl export.csv more.parquet
        jobtrends import --tags lake/
    """
    from .importer import file_format, import_file

    if tags_dir:
        if files:
            raise click.UsageError("--tags loads tag tables: give no posting files with it")
        from .lake import import_tags

        counts = import_tags(app.db_path, tags_dir)
        if not quiet:
            click.echo(", ".join(f"{table}: {rows} rows" for table, rows in counts.items()))
        return
    if not files:
        raise click.UsageError("give the files to import (or --tags DIR)")

    for file in files:  # refuse an unknown file type before writing anything
        file_format(Path(file))
    failed = False
    for file in files:
        result = import_file(app.db_path, file, source)
        failed |= result.rejected > 0
        if not quiet or result.rejected:
            click.echo(
                f"{file}: {result.rows} rows, {result.counts.new} new, {result.counts.updated} updated, "
                f"{result.counts.unchanged} unchanged, {result.rejected} rejected (source {result.source})",
                err=bool(result.rejected) and quiet,
            )
    if failed:
        click.echo("rejected rows are in the rejects view: jobtrends sql \"select * from rejects\"", err=True)
    sys.exit(1 if failed else 0)


@click.command()
@click.option("--all", "all_postings", is_flag=True, help="Re-tag every posting (e.g. after a taxonomy change).")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: the database, in worker processes; spark: a Parquet dataset, on Spark (docs/scale.md).")
@click.option("--input", "input_path", metavar="DATASET", help="With --engine spark: the postings dataset "
              "(e.g. LAKE/postings, as `jobtrends export` writes it).")
@click.option("--output", metavar="DIR", help="With --engine spark: where posting_tags/, theme_tags/ and "
              "skill_tags/ are written (replaced whole).")
@click.option("--master", metavar="URL", default="local[*]", show_default=True,
              help="With --engine spark: the Spark master (for a cluster, prefer spark-submit).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@pass_app
def tag(app, all_postings: bool, engine: str, input_path: str | None, output: str | None, master: str,
        quiet: bool) -> None:
    """Tag themes, skills, role, seniority and industry of new or changed postings.

    Postings whose text changed, or that were tagged by another taxonomy or model
    version, are tagged again; --all re-tags everything. With --engine spark, every
    posting of a Parquet dataset is tagged on Spark and the tag tables are written as
    Parquet (load them into a database with `jobtrends import --tags DIR`).

    \b
    Example:
        jobtrends tag
        jobtrends tag --all
        jobtrends tag --engine spark --input lake/postings --output lake
    """
    if engine == "spark":
        if not input_path or not output:
            raise click.UsageError("--engine spark needs --input DATASET and --output DIR")
        from .spark_tag import local_session, tag_postings

        spark = local_session(master)
        try:
            summary = tag_postings(spark, input_path, output)
        finally:
            spark.stop()
        if not quiet:
            click.echo(f"tagged {summary.postings} postings ({summary.failed} failed) -> {summary.output}")
        return
    if input_path or output:
        raise click.UsageError("--input and --output go with --engine spark")
    from nlp.stage import run_tag

    summary = run_tag(str(app.db_path), app.config(), all_postings=all_postings, progress=not quiet)
    if not quiet:
        click.echo(f"tagged {summary.tagged} postings ({summary.skipped} already current) in {summary.seconds:.1f}s")


COMMANDS = [crawl, import_, tag]
