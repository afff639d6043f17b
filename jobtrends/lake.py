"""The Parquet lake: postings and tag tables as datasets, read in place by DuckDB.

Layout under a lake folder (docs/scale.md):

    postings/month=YYYY-MM-01/*.parquet      the `postings` view, as `jobtrends export` writes it
                                             (or `jobtrends crawl --lake`, one file set per shard and run)
    posting_tags/month=…/*.parquet           tag tables written by `jobtrends tag --engine spark`,
    theme_tags/month=…/*.parquet             with the columns of store.posting_tags, theme_tags,
    skill_tags/month=…/*.parquet             skill_tags (plus the partition column `month`)
    posting_themes.parquet, posting_skills.parquet, themes.parquet   (optional: a plain export)

`reading(lake)` gives an in-memory DuckDB whose `store` tables are views over those datasets
and whose public views are the same analysis/views/*.sql as in a database file, so reports
and `jobtrends sql` run unchanged over the lake. Paths may be URLs (s3://…) where DuckDB's
httpfs extension is installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from . import store
from .errors import JobtrendsError
from .paths import data_dir

POSTINGS = "postings"
TAG_DATASETS = ("posting_tags", "theme_tags", "skill_tags")
# store table -> the file `jobtrends export` writes its rows to (a view with the table's columns).
EXPORTED = {
    "theme_tags": "posting_themes", "skill_tags": "posting_skills", "themes": "themes",
    "crawl_runs": "crawl_runs", "rejects": "rejects", "topic_runs": "topic_runs", "topics": "topics_all_runs",
    "posting_topics": "posting_topics_all_runs", "distinctive_terms": "distinctive_terms",
    "term_trends": "term_trends",
}
_REMOTE = ("s3://", "s3a://", "gs://", "gcs://", "r2://", "az://", "abfss://", "http://", "https://", "hf://")


def _literal(text: str) -> str:
    """A path as a SQL string literal (paths come from the user, never from scraped text)."""
    return "'" + text.replace("'", "''") + "'"


def _join(lake: str, *parts: str) -> str:
    return "/".join([lake.rstrip("/"), *parts])


# --- writing (crawl --lake) -----------------------------------------------------------------

_RUN_NAME = re.compile(r"[A-Za-z0-9.-]{1,64}")  # no "_": it ends the stem in file names


def file_stem(shard, named: list[str], run: str | None) -> str:
    """What a crawl's files are named after: shard (or `all`), the named sources (a short hash),
    and the run (today's UTC date by default), e.g. shard-2-of-8-2025-03-14. Another shard,
    source list or run never shares a stem; the same ones replace their earlier files."""
    run = run if run is not None else store.utcnow().date().isoformat()
    if not _RUN_NAME.fullmatch(run):
        raise JobtrendsError(f"--run {run!r}: use 1 to 64 letters, digits, dots or hyphens")
    parts = [shard.label if shard else "all"]
    if named:
        parts.append(hashlib.sha256("\n".join(sorted(named)).encode()).hexdigest()[:8])
    return "-".join([*parts, run])


def write_postings(db_path: str | Path, lake: str | Path, stem: str) -> int:
    """Write the `postings` view of a database under lake/postings/month=…/<stem>_<n>.parquet,
    replacing the files an earlier run with the same stem wrote; returns the rows written.
    A database without postings writes nothing and removes nothing.

    Files are written to a staging folder first and moved in one by one, so readers see either
    the old or the new file of a month, never half of one.
    """
    target = Path(lake) / POSTINGS
    with store.reading(db_path) as con:
        rows = store.scalar(con, "SELECT count(*) FROM postings")
        if not rows:  # a crawl that stored nothing (e.g. every source failed) keeps the earlier files
            return 0
        target.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{stem}-", dir=Path(lake)))
        con.execute(f"COPY (SELECT * FROM postings ORDER BY posting_id) TO {_literal(str(staging))} "
                    f"(FORMAT parquet, PARTITION_BY (month), OVERWRITE, FILENAME_PATTERN {_literal(stem + '_{i}')})")
    try:
        fresh = {path.relative_to(staging) for path in staging.glob("month=*/*.parquet")}
        for relative in sorted(fresh):
            (target / relative.parent).mkdir(exist_ok=True)
            os.replace(staging / relative, target / relative)
        for old in target.glob(f"month=*/{stem}_*.parquet"):
            if old.relative_to(target) not in fresh:
                old.unlink()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return rows


# --- reading (sql --lake, report --lake) ---------------------------------------------------

@contextmanager
def reading(lake: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB with the store's tables as views over the lake and the public views."""
    lake = str(lake)
    con = duckdb.connect(":memory:")
    try:
        if lake.startswith(_REMOTE):
            _load_httpfs(con, lake)
        store.migrate(con)  # every store table, empty; the lake's datasets replace some of them
        attach_lake(con, lake)
        store.sync_views(con)
        yield con
    finally:
        con.close()


def attach_lake(con: duckdb.DuckDBPyConnection, lake: str) -> None:
    """Replace the store tables of a migrated connection by views over the lake's datasets.

    Tags come from the tag datasets (Spark's output) when the lake has posting_tags/, else from
    a plain export (the postings' tag columns, posting_themes.parquet, posting_skills.parquet),
    never a mix of both. A table the lake has no data for stays empty.
    """
    postings = _dataset(con, lake, POSTINGS)
    if postings is None:
        raise JobtrendsError(f"no postings dataset in the lake {lake}: expected {_join(lake, POSTINGS)}/month=…/"
                             "*.parquet (written by `jobtrends export` or `jobtrends crawl --lake`)")
    _replace_table(con, "postings", _latest_copy(postings))
    sources: dict[str, str | None] = {}
    if _dataset(con, lake, "posting_tags") is not None:
        sources.update({table: _dataset(con, lake, table) for table in TAG_DATASETS})
    else:
        sources["posting_tags"] = _tags_of_exported(postings)
    for table, exported in EXPORTED.items():
        sources.setdefault(table, _file(con, lake, f"{exported}.parquet"))
    for table, source in sources.items():
        if source is not None:
            _replace_table(con, table, source)
    if not store.scalar(con, "SELECT count(*) FROM store.themes"):
        _themes_from_taxonomy(con)


def _load_httpfs(con: duckdb.DuckDBPyConnection, lake: str) -> None:
    try:
        con.execute("LOAD httpfs")
    except duckdb.Error as error:
        raise JobtrendsError(f"reading {lake} needs DuckDB's httpfs extension (INSTALL httpfs): {error}") from None


def _has_files(con, pattern: str) -> bool:
    return bool(store.scalar(con, f"SELECT count(*) FROM glob({_literal(pattern)})"))


def _dataset(con, lake: str, name: str) -> str | None:
    """A FROM clause reading a (month-partitioned) dataset folder, or None when it has no files."""
    pattern = _join(lake, name, "**", "*.parquet")
    if not _has_files(con, pattern):
        return None
    return f"read_parquet({_literal(pattern)}, hive_partitioning = true, union_by_name = true)"


def _file(con, lake: str, name: str) -> str | None:
    path = _join(lake, name)
    return f"read_parquet({_literal(path)})" if _has_files(con, path) else None


def _latest_copy(source: str) -> str:
    """One row per posting: crawls write a snapshot per run, so the lake may hold several copies
    of a posting; the last seen wins, with the first first_seen of all."""
    return (f"(SELECT * REPLACE (min(first_seen) OVER (PARTITION BY posting_id) AS first_seen) FROM {source} "
            "QUALIFY row_number() OVER (PARTITION BY posting_id ORDER BY last_seen DESC, content_hash) = 1)")


def _tags_of_exported(postings: str) -> str:
    """store.posting_tags rebuilt from the exported postings' tag columns: the posting's own
    content_hash when its tags were current, another value when they were not."""
    return (f"(SELECT *, CASE WHEN tags_current THEN content_hash ELSE 'stale:' || content_hash END AS content_hash_, "
            f"NULL AS tagger_version FROM {_latest_copy(postings)} WHERE tagged_at IS NOT NULL)")


def _replace_table(con, table: str, source: str) -> None:
    """Drop store.<table> and create a view of the same name and columns over `source`."""
    columns = _fitted_columns(con, table, source)
    con.execute(f"DROP TABLE store.{table}")
    con.execute(f"CREATE VIEW store.{table} AS SELECT {columns} FROM {source}")


def _fitted_columns(con, table: str, source: str) -> str:
    """A select list giving `source` the columns and types of store.<table>; a column the
    source lacks is NULL (older or partial datasets stay readable), extra columns are dropped."""
    wanted = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'store' AND table_name = ? ORDER BY ordinal_position", [table]).fetchall()
    try:
        present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    except duckdb.Error as error:
        raise JobtrendsError(f"cannot read the lake's data for store.{table}: {error}") from None
    columns = []
    for column, dtype in wanted:
        # `content_hash_` is how _tags_of_exported renames a column that the postings also carry.
        name = f"{column}_" if f"{column}_" in present else column
        value = f'"{name}"' if name in present else "NULL"
        columns.append(f'CAST({value} AS {dtype}) AS "{column}"')
    return ", ".join(columns)


# --- import --tags ----------------------------------------------------------------------------

def import_tags(db_path: str | Path, tags_dir: str | Path) -> dict[str, int]:
    """Load tag datasets (Spark's posting_tags/, theme_tags/, skill_tags/ under tags_dir) into a
    database, in one transaction: each posting in posting_tags that the database holds gets its
    tag rows replaced; others are skipped. Repeating it changes nothing. Returns rows per table."""
    tags_dir = str(tags_dir)
    counts = {}
    with store.writing(db_path) as con, store.transaction(con):
        sources = {table: _dataset(con, tags_dir, table) for table in TAG_DATASETS}
        if sources["posting_tags"] is None:
            raise JobtrendsError(f"no tag datasets in {tags_dir}: expected posting_tags/month=…/*.parquet "
                                 "(written by `jobtrends tag --engine spark --output DIR`)")
        # A temp table (gone when the connection closes): the postings whose tags are replaced.
        con.execute("CREATE TEMP TABLE incoming AS SELECT DISTINCT posting_id FROM "
                    f"{sources['posting_tags']} WHERE posting_id IN (SELECT posting_id FROM store.postings)")
        for table, source in sources.items():
            con.execute(f"DELETE FROM store.{table} WHERE posting_id IN (SELECT posting_id FROM incoming)")
            if source is None:  # no rows of this kind (e.g. no skill found anywhere)
                counts[table] = 0
                continue
            con.execute(f"INSERT INTO store.{table} SELECT {_fitted_columns(con, table, source)} FROM {source} "
                        "WHERE posting_id IN (SELECT posting_id FROM incoming)")
            counts[table] = store.scalar(con, f"SELECT count(*) FROM store.{table} "
                                              "WHERE posting_id IN (SELECT posting_id FROM incoming)")
        con.execute("DELETE FROM store.themes")  # the taxonomy the tags were made with, as `tag` does
        _themes_from_taxonomy(con)
    return counts


def _themes_from_taxonomy(con) -> None:
    """store.themes from data/themes.toml, for a lake without an exported themes file."""
    taxonomy = tomllib.loads((data_dir() / "themes.toml").read_text(encoding="utf-8"))
    con.executemany("INSERT INTO store.themes VALUES (?, ?, ?)",
                    [[t["id"], t["name"], t.get("description")] for t in taxonomy["themes"]])
