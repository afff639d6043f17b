"""Merging posting records into store.postings: shared by the crawl store pipeline and import.

A *posting record* is a dict with the keys of RECORD_SCHEMA (missing keys are null). The
merge is one short transaction: new postings are inserted, known ones updated (and reopened
if they had been closed), so re-running the same input is always safe.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime
from typing import Iterable

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from .clusters import cluster_incoming, signature_column
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
    ("dedup_key", pa.string()),
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
    return _hash_of([record.get(f) for f in HASHED_FIELDS])


def _hash_of(values: list) -> str:
    return hashlib.sha1(_HASH_JSON.encode(values).encode()).hexdigest()


# json.dumps(value, **options) builds an encoder each call; these are those encoders, built once
# (the same text: dumps passes its options to exactly this constructor).
_HASH_JSON = json.JSONEncoder(ensure_ascii=False)
_RAW_JSON = json.JSONEncoder(ensure_ascii=False, default=str)


# Legal-form words that do not tell employers apart ("Acme Inc." is "Acme").
_COMPANY_SUFFIXES = {"inc", "incorporated", "llc", "ltd", "limited", "gmbh", "corp", "corporation", "co",
                     "company", "plc", "sa", "sas", "ag", "bv", "nv", "oy", "ab", "pty", "srl", "spa", "the"}


def _words(text: str) -> list[str]:
    """Lower-case ASCII words: accents dropped, anything not a letter or digit splits."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", plain)


@lru_cache(maxsize=65536)  # employers and titles repeat across a batch
def normal_company(name: str | None) -> str:
    return " ".join(w for w in _words(name or "") if w not in _COMPANY_SUFFIXES)


@lru_cache(maxsize=65536)
def normal_title(title: str | None) -> str:
    """The title without bracketed asides ("(Remote)", "[2024]") or punctuation."""
    return " ".join(_words(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", title or "")))


def dedup_key(record: dict) -> str | None:
    """`employer|title`, normalised: postings sharing it may be copies of one job; None
    without an employer (an unknown employer never matches another)."""
    return _dedup_key(record.get("company"), record.get("title"))


def _dedup_key(company: str | None, title: str | None) -> str | None:
    company, title = normal_company(company), normal_title(title)
    return f"{company}|{title}" if company and title else None


@dataclass
class MergeCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    reopened: int = 0     # were closed, seen again (also counted as updated or unchanged)

    def __iadd__(self, other: "MergeCounts") -> "MergeCounts":
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.reopened += other.reopened
        return self


def records_table(records: Iterable[dict]) -> pa.Table:
    """An Arrow table of posting records; later duplicates of a posting_id win (in the place
    of the first). Built a column at a time: no dict a row, and Arrow converts each list once."""
    by_id: dict[str | None, dict] = {}
    for record in records:
        by_id[record.get("posting_id")] = record  # re-assigning keeps the key's first position
    rows = list(by_id.values())
    columns = {f: [record.get(f) for record in rows] for f in RECORD_FIELDS}
    for key in ("raw", "extra"):
        columns[key] = [v if v is None or isinstance(v, str) else _RAW_JSON.encode(v) for v in columns[key]]
    columns["content_hash"] = [_hash_of(list(values)) for values in zip(*(columns[f] for f in HASHED_FIELDS))]
    columns["dedup_key"] = [_dedup_key(company, title) for company, title in zip(columns["company"], columns["title"])]
    return pa.Table.from_arrays([pa.array(columns[f], RECORD_SCHEMA.field(f).type) for f in RECORD_FIELDS],
                                schema=RECORD_SCHEMA)


def merge_postings(con: duckdb.DuckDBPyConnection, records: Iterable[dict], seen_at: datetime) -> MergeCounts:
    """Insert new postings, update known ones, cluster the new or changed ones with their
    copies (jobtrends.clusters); every merged posting is open and seen at `seen_at`. One
    transaction (or the caller's)."""
    return merge_table(con, records_table(records), seen_at)


def merge_table(con: duckdb.DuckDBPyConnection, incoming: pa.Table, seen_at: datetime,
                signatures: pa.Array | None = None) -> MergeCounts:
    """merge_postings of a records_table. `signatures`: the clustering signatures of its
    descriptions (signature_column), when computed elsewhere (import workers); else only the
    new or changed postings are signed here."""
    if incoming.num_rows == 0:
        return MergeCounts()
    changed = _changed_postings(con, incoming)
    # The clustering signature is stored with the row, so later merges never re-read its
    # text; an unchanged posting keeps the one it has.
    ids = incoming.column("posting_id").to_pylist()
    if signatures is None:
        due = {row[0] for row in changed}
        signatures = signature_column(incoming.column("description").to_pylist(), [pid in due for pid in ids])
    new_ids = {row[0] for row in changed if row[1]}
    incoming = incoming.append_column("cluster_signature", signatures)
    new_rows, known_rows = _split_new(incoming, [pid in new_ids for pid in ids])
    with transaction(con):
        _insert_new(con, new_rows, seen_at)
        _update_known(con, known_rows, seen_at)
        # Copies of one job across sources or reposts share a cluster_id, whoever wrote
        # them; only new or changed postings are compared (unchanged ones keep their links).
        recheck = {pid: cluster_id for pid, new, edited, _, cluster_id, _ in changed if new or edited}
        cluster_incoming(con, recheck, stale_keys=[key for pid, *_, key in changed if pid in recheck and key])
    new = sum(1 for row in changed if row[1])
    updated = sum(1 for row in changed if row[2])
    reopened = sum(1 for row in changed if row[3])
    return MergeCounts(new=new, updated=updated, unchanged=incoming.num_rows - new - updated, reopened=reopened)


def _split_new(incoming: pa.Table, is_new: list[bool]) -> tuple[pa.Table, pa.Table]:
    """(new rows, stored rows); an import's batch is often all new: no copy then (a filter
    copies the batch, ~600 MB at 50,000 rows)."""
    if all(is_new):
        return incoming, incoming.slice(0, 0)
    if not any(is_new):
        return incoming.slice(0, 0), incoming
    mask = pa.array(is_new, pa.bool_())
    return incoming.filter(mask), incoming.filter(pc.invert(mask))


def _changed_postings(con: duckdb.DuckDBPyConnection, incoming: pa.Table) -> list[tuple]:
    """(posting_id, is new, text changed, was closed, stored cluster_id, stored dedup_key) of
    the incoming postings that are not stored as they are."""
    con.register("incoming_postings", incoming)
    try:
        return con.execute(
            """
            SELECT i.posting_id, p.posting_id IS NULL, p.content_hash <> i.content_hash,
                   p.closed_at IS NOT NULL, p.cluster_id, p.dedup_key
            FROM incoming_postings AS i LEFT JOIN store.postings AS p USING (posting_id)
            WHERE p.posting_id IS NULL OR p.content_hash <> i.content_hash OR p.closed_at IS NOT NULL
               OR p.cluster_signature IS NULL OR p.dedup_key IS DISTINCT FROM i.dedup_key
            """
        ).fetchall()
    finally:
        con.unregister("incoming_postings")


def _insert_new(con: duckdb.DuckDBPyConnection, rows: pa.Table, seen_at: datetime) -> None:
    """Postings not stored yet: a plain INSERT (an upsert costs DuckDB twice as much)."""
    if rows.num_rows:
        _write_rows(con, rows, "", {"seen": seen_at})


def _update_known(con: duckdb.DuckDBPyConnection, rows: pa.Table, seen_at: datetime) -> None:
    """Stored postings: every field replaced, the signature kept when none came, open again."""
    if rows.num_rows:
        assignments = ", ".join(f"{f} = excluded.{f}" for f in _UPDATED)
        _write_rows(con, rows, f"""ON CONFLICT (posting_id) DO UPDATE SET {assignments},
                    cluster_signature = coalesce(excluded.cluster_signature, cluster_signature),
                    last_seen = excluded.last_seen, closed_at = NULL""", {"seen": seen_at})


def _write_rows(con: duckdb.DuckDBPyConnection, rows: pa.Table, conflict: str, params: dict) -> None:
    columns = ", ".join(RECORD_FIELDS)
    con.register("merged_postings", rows)
    try:
        con.execute(f"""INSERT INTO store.postings ({columns}, cluster_signature, first_seen, last_seen, closed_at)
                        SELECT {columns}, cluster_signature, $seen, $seen, NULL FROM merged_postings {conflict}""",
                    params)
    finally:
        con.unregister("merged_postings")


def touch_seen(con: duckdb.DuckDBPyConnection, posting_ids: Iterable[str], seen_at: datetime) -> int:
    """Mark known postings as still listed without changing them (their new version was
    rejected): a complete listing then does not close them. Returns how many were known."""
    ids = sorted({i for i in posting_ids if i})
    if not ids:
        return 0
    with transaction(con):
        known = scalar(con, "SELECT count(*) FROM store.postings WHERE posting_id IN (SELECT unnest(?))", [ids])
        con.execute("UPDATE store.postings SET last_seen = greatest(last_seen, ?) WHERE posting_id IN (SELECT unnest(?))",
                    [seen_at, ids])
    return known


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
