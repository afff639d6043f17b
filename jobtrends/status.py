"""What is in the database, for `jobtrends status`."""

from __future__ import annotations

from pathlib import Path

from . import store


def gather(db_path: str | Path) -> dict:
    """Postings by source (open, closed, untagged), by role, last run per source, size."""
    with store.reading(db_path) as con:
        by_source = con.execute(
            """
            SELECT source, count(*) AS postings,
                   count(*) FILTER (WHERE closed_at IS NULL) AS open,
                   count(*) FILTER (WHERE closed_at IS NOT NULL) AS closed,
                   count(*) FILTER (WHERE NOT tags_current) AS untagged
            FROM postings GROUP BY source ORDER BY source
            """
        ).fetchall()
        by_role = con.execute(
            "SELECT coalesce(role, '(untagged)') AS role, count(*) FROM postings GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()
        last_runs = con.execute(
            """
            SELECT source, run_id, started_at, finished_at, status, items_seen, items_new,
                   items_updated, items_closed, items_rejected
            FROM crawl_runs
            QUALIFY row_number() OVER (PARTITION BY source ORDER BY started_at DESC, run_id DESC) = 1
            ORDER BY source
            """
        ).fetchall()
        rejects = store.scalar(con, "SELECT count(*) FROM rejects")
    return {
        "database": str(db_path),
        "size_bytes": Path(db_path).stat().st_size,
        "by_source": by_source,
        "by_role": by_role,
        "last_runs": last_runs,
        "rejects": rejects,
    }
