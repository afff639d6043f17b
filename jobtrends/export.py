"""`jobtrends export`: the public views as Parquet or CSV files for notebooks, BI tools and Spark.

Layout under the output folder: one dataset per view, named after it. With Parquet,
`postings/` is partitioned by month (`postings/month=2025-03-01/*.parquet`, Hive style, which
DuckDB, pandas, polars and Spark read as a column); other views are one file each
(`posting_themes.parquet`). With CSV, every view is one file (`postings.csv`).
Each export is written into a temporary folder beside the output and moved into place view
by view, so an interrupted export never leaves a half-written dataset where a reader looks.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import store
from .errors import JobtrendsError

FORMATS = ("parquet", "csv")
PARTITIONED = {"postings": "month"}


@dataclass
class Exported:
    view: str
    path: Path
    rows: int


def public_views(con) -> list[str]:
    """The views of the database's public (main) schema."""
    return [r[0] for r in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal ORDER BY view_name"
    ).fetchall()]


def export_views(db_path: str | Path, out_dir: str | Path, fmt: str = "parquet",
                 views: list[str] | None = None) -> list[Exported]:
    """Write each view (all public views by default) under out_dir; returns what was written."""
    if fmt not in FORMATS:
        raise JobtrendsError(f"unknown export format {fmt!r} (expected {' or '.join(FORMATS)})")
    out = Path(out_dir)
    written = []
    with store.reading(db_path) as con:
        known = public_views(con)
        chosen = views or known
        unknown = [v for v in chosen if v not in known]
        if unknown:
            raise JobtrendsError(f"unknown view {', '.join(unknown)} (views: {', '.join(known)})")
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
        try:
            for view in chosen:
                target = staging / _name(view, fmt)
                rows = store.scalar(con, f'SELECT count(*) FROM "{view}"')
                con.execute(f'COPY (SELECT * FROM "{view}") TO \'{_sql_path(target)}\' ({_options(view, fmt)})')
                written.append(Exported(view, out / _name(view, fmt), rows))
            for item in written:
                _replace(staging / item.path.name, item.path)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return written


def _name(view: str, fmt: str) -> str:
    if fmt == "parquet" and view in PARTITIONED:
        return view
    return f"{view}.{fmt}"


def _options(view: str, fmt: str) -> str:
    if fmt == "csv":
        return "FORMAT csv, HEADER"
    if view in PARTITIONED:
        return f"FORMAT parquet, PARTITION_BY ({PARTITIONED[view]})"
    return "FORMAT parquet"


def _sql_path(path: Path) -> str:
    """A path as a SQL string literal body (the path is ours, but quote it properly anyway)."""
    return str(path).replace("'", "''")


def _replace(source: Path, target: Path) -> None:
    """Move a finished dataset into place, replacing the previous export of that view."""
    if target.is_dir():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
        os.replace(source, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(source, target)
