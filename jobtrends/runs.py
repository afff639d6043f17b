"""Run records (store.crawl_runs) and rejects (store.rejects), shared by crawl and import."""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime

import duckdb

from .procs import process_alive
from .store import scalar, transaction, utcnow

COUNTERS = ("items_seen", "items_new", "items_updated", "items_closed", "items_rejected", "items_skipped",
            "items_reopened")


def start_run(con: duckdb.DuckDBPyConnection, source: str, kind: str, started_at: datetime | None = None) -> int:
    """Append a `running` row (with this process's pid and host) and return its run_id."""
    run_id = scalar(con, "SELECT nextval('store.run_id_seq')")
    con.execute(
        "INSERT INTO store.crawl_runs (run_id, source, kind, started_at, status, pid, host) "
        "VALUES (?, ?, ?, ?, 'running', ?, ?)",
        [run_id, source, kind, started_at or utcnow(), os.getpid(), socket.gethostname()],
    )
    return run_id


def mark_dead_runs(con: duckdb.DuckDBPyConnection) -> int:
    """Mark `aborted` the `running` rows whose process is gone (killed, crashed, power cut).

    Only rows started on this host can be checked (a pid means nothing elsewhere); rows
    without a pid come from before pids were recorded and cannot be running any more.
    Returns how many rows were marked.
    """
    here = socket.gethostname()
    running = con.execute("SELECT run_id, pid, host FROM store.crawl_runs WHERE status = 'running'").fetchall()
    dead = [(run_id, pid) for run_id, pid, host in running
            if pid is None or (host == here and not process_alive(pid))]
    for run_id, pid in dead:
        who = f"process {pid}" if pid is not None else "its process"
        con.execute(
            "UPDATE store.crawl_runs SET status = 'aborted', complete = false, finished_at = ?, message = ? "
            "WHERE run_id = ?",
            [utcnow(), f"{who} ended without finishing this run (killed or crashed); "
                       "what it had merged is kept, nothing was closed", run_id],
        )
    return len(dead)


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
