"""Merging posting records into store.postings: shared by the crawl store pipeline and import.

A *posting record* is a dict with the keys of RECORD_SCHEMA (missing keys are null). The
merge is one short transaction: new postings are inserted, known ones updated (and reopened
if they had been closed), so re-running the same input is always safe.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

import duckdb
import pyarrow as pa

from .store import scalar, transaction

RECORD_SCHEMA = pa.schema([
    ("posting_id", pa.string()),
    ("source", pa.string()),
    ("source_kind", pa.string()),
    ("source_id", pa.string()),
    ("url", pa.string()),
    ("title", pa.string()),
    ("company", pa.string()),
    ("location", pa.string()),
    ("country", pa.string()),
    ("remote", pa.string()),
    ("employment_type", pa.string()),
    ("department", pa.string()),
    ("date_posted", pa.timestamp("us")),
    ("valid_through", pa.timestamp("us")),
    ("description", pa.string()),
    ("description_html", pa.string()),
    ("salary_min", pa.float64()),
    ("salary_max", pa.float64()),
    ("salary_currency", pa.string()),
    ("salary_period", pa.string()),
    ("source_industry", pa.string()),
    ("config_industry", pa.string()),
    ("content_hash", pa.string()),
    ("raw", pa.string()),
    ("extra", pa.string()),
])
RECORD_FIELDS = RECORD_SCHEMA.names
# The fields tagging reads: a change in any of them makes the posting due for re-tagging.
HASHED_FIELDS = ("title", "description", "company", "source_industry", "config_industry")
_UPDATED = [f for f in RECORD_FIELDS if f not in ("posting_id",)]


def make_posting_id(kind: str, board: str, source_id: str) -> str:
    """Stable id from the source kind, the board and the posting's id on that board."""
    return hashlib.sha1(f"{kind}:{board}:{source_id}".encode()).hexdigest()[:16]


def content_hash(record: dict) -> str:
    payload = json.dumps([record.get(f) for f in HASHED_FIELDS], ensure_ascii=False)
    return hashlib.sha1(payload.encode()).hexdigest()


@dataclass
class MergeCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: "MergeCounts") -> "MergeCounts":
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


def records_table(records: Iterable[dict]) -> pa.Table:
    """An Arrow table of posting records; later duplicates of a posting_id win."""
    by_id: dict[str, dict] = {}
    for record in records:
        row = {f: record.get(f) for f in RECORD_FIELDS}
        for key in ("raw", "extra"):
            if row[key] is not None and not isinstance(row[key], str):
                row[key] = json.dumps(row[key], ensure_ascii=False, default=str)
        row["content_hash"] = content_hash(row)
        by_id[row["posting_id"]] = row
    return pa.Table.from_pylist(list(by_id.values()), schema=RECORD_SCHEMA)


def merge_postings(con: duckdb.DuckDBPyConnection, records: Iterable[dict], seen_at: datetime) -> MergeCounts:
    """Insert new postings, update known ones; every merged posting is open and seen at `seen_at`."""
    incoming = records_table(records)
    if incoming.num_rows == 0:
        return MergeCounts()
    con.register("incoming_postings", incoming)
    try:
        [(new, updated)] = con.execute(
            """
            SELECT count(*) FILTER (WHERE p.posting_id IS NULL),
                   count(*) FILTER (WHERE p.posting_id IS NOT NULL AND p.content_hash <> i.content_hash)
            FROM incoming_postings AS i LEFT JOIN store.postings AS p USING (posting_id)
            """
        ).fetchall()
        columns = ", ".join(RECORD_FIELDS)
        assignments = ", ".join(f"{f} = excluded.{f}" for f in _UPDATED)
        with transaction(con):
            con.execute(
                f"""
                INSERT INTO store.postings ({columns}, first_seen, last_seen, closed_at)
                SELECT {columns}, $seen, $seen, NULL FROM incoming_postings
                ON CONFLICT (posting_id) DO UPDATE SET {assignments},
                    last_seen = excluded.last_seen, closed_at = NULL
                """,
                {"seen": seen_at},
            )
    finally:
        con.unregister("incoming_postings")
    return MergeCounts(new=new, updated=updated, unchanged=incoming.num_rows - new - updated)


def close_unseen(con: duckdb.DuckDBPyConnection, source: str, since: datetime, closed_at: datetime) -> int:
    """Close the open postings of `source` not seen since `since` (a complete listing lacked them)."""
    with transaction(con):
        count = scalar(
            con,
            "SELECT count(*) FROM store.postings WHERE source = ? AND closed_at IS NULL AND last_seen < ?",
            [source, since],
        )
        con.execute(
            "UPDATE store.postings SET closed_at = ? WHERE source = ? AND closed_at IS NULL AND last_seen < ?",
            [closed_at, source, since],
        )
    return count
