"""Run records (store.crawl_runs) and rejects (store.rejects), shared by crawl and import."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb

from .store import scalar, transaction, utcnow

COUNTERS = ("items_seen", "items_new", "items_updated", "items_closed", "items_rejected", "items_skipped")


def start_run(con: duckdb.DuckDBPyConnection, source: str, kind: str, started_at: datetime | None = None) -> int:
    """Append a `running` row and return its run_id."""
    run_id = scalar(con, "SELECT nextval('store.run_id_seq')")
    con.execute(
        "INSERT INTO store.crawl_runs (run_id, source, kind, started_at, status) VALUES (?, ?, ?, ?, 'running')",
        [run_id, source, kind, started_at or utcnow()],
    )
    return run_id


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    status: str,
    counts: dict[str, int],
    complete: bool | None = None,
    message: str | None = None,
) -> None:
    """Record how a run ended: status ok | partial | failed, its counters and a message."""
    sets = ", ".join(f"{c} = ?" for c in COUNTERS)
    con.execute(
        f"UPDATE store.crawl_runs SET finished_at = ?, status = ?, complete = ?, message = ?, {sets} WHERE run_id = ?",
        [utcnow(), status, complete, message, *(int(counts.get(c, 0)) for c in COUNTERS), run_id],
    )


def add_rejects(con: duckdb.DuckDBPyConnection, run_id: int | None, source: str, rejects: list[dict]) -> None:
    """Append rejects: each a dict with `reason` and optionally `url` and `payload`."""
    if not rejects:
        return
    now = utcnow()
    rows = [
        [run_id, source, r.get("url"), r["reason"], now, _as_text(r.get("payload"))]
        for r in rejects
    ]
    with transaction(con):
        con.executemany('INSERT INTO store.rejects (run_id, source, url, reason, "at", payload) VALUES (?, ?, ?, ?, ?, ?)', rows)


def _as_text(payload) -> str | None:
    if payload is None or isinstance(payload, str):
        return payload
    return json.dumps(payload, ensure_ascii=False, default=str)
