"""Duplicate clustering: one job found on several sources, or reposted under a new id.

Two postings are copies of one job when they have the same `dedup_key` (normalised employer
and title, jobtrends.postings.dedup_key) and near-identical text: the Jaccard similarity of
their word 3-shingles, estimated from MinHash signatures, is at least SIMILARITY. Copies are
linked transitively; every member of a cluster of two or more gets `cluster_id` = the smallest
posting_id in it (deterministic, whatever order the sources were crawled in); a posting with
no copy has cluster_id NULL (the public `postings` view shows its own id). Every copy keeps its
row and its source URL.

Incremental: jobtrends.postings.merge_postings stores each posting's signature
(`cluster_signature`, SIGNATURE_SIZE uint32) and then calls cluster_incoming, which compares
only the new or changed postings with the stored signatures of their dedup groups; stored
clusters that none of them belonged to are kept as they are. Descriptions are never re-read
(except once, for postings stored before signatures existed). A changed posting's former
cluster is re-derived from its members' signatures, so a text that drifted away leaves it.
In a dedup group of more than MAX_COMPARED distinct texts, a text is compared only with the
MAX_COMPARED on each side of it (in posting_id order), so work stays linear in the group size.
"""

from __future__ import annotations

import re
import zlib
from typing import Iterable

import duckdb
import numpy as np
import pyarrow as pa

SHINGLE_WORDS = 3
SIMILARITY = 0.7
# Distinct texts each posting is compared with inside one dedup group (bounds big groups).
MAX_COMPARED = 200
# MinHash size: the estimate's standard error is about sqrt(J(1-J)/64), 0.06 at J = 0.7.
SIGNATURE_SIZE = 64
_SEEDS = np.random.default_rng(20240607).integers(1, 2**63, size=(2, SIGNATURE_SIZE), dtype=np.uint64)
_MULTIPLIERS = _SEEDS[0] | np.uint64(1)  # odd: multiply-shift hashing
_OFFSETS = _SEEDS[1]
_OFFSETS_COLUMN = _OFFSETS[:, None]  # one row a hash function (signature)
_WORD_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


class _WordHashes(dict):
    """word -> fixed 32-bit hash (Python's hash() changes between processes); words repeat
    across postings, so each is hashed once (a bounded cache)."""

    def __missing__(self, word: str) -> int:
        if len(self) > 1_000_000:
            self.clear()
        value = self[word] = zlib.crc32(word.encode())
        return value


_word_hashes = _WordHashes()
_NO_SIGNATURE = np.empty(0, dtype=np.uint32)


def shingles(text: str | None, size: int = SHINGLE_WORDS) -> frozenset[tuple[str, ...]]:
    """Every run of `size` consecutive words (lower case, letters and digits), as word tuples
    (exact; for checks: clustering uses the signatures)."""
    words = _words(text)
    if len(words) < size:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(zip(*(words[i:] for i in range(size))))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


_WORD = re.compile(r"\w+")


def _words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


# Bytes that are not ASCII word characters (`\w` on ASCII: letters, digits, "_") become a
# space, A-Z lower case: on an ASCII text, `text.encode().translate(_ASCII_WORDS).split()` is
# _words(text) as bytes, in one C pass and a split (~3x faster than the regex and the dict).
_ASCII_WORDS = bytes(b if chr(b).isascii() and (chr(b).isalnum() or chr(b) == "_") else 0x20
                     for b in range(256)).lower()


def word_hashes(text: str | None) -> np.ndarray:
    """crc32 of each of the text's words (_words), as uint64: the MinHash input."""
    if not text:
        return np.empty(0, dtype=np.uint64)
    if text.isascii():  # crc32 of the UTF-8 word is crc32 of these bytes
        return np.fromiter(map(zlib.crc32, text.encode().translate(_ASCII_WORDS).split()), dtype=np.uint64)
    return np.fromiter(map(_word_hashes.__getitem__, _words(text)), dtype=np.uint64)


def signature(text: str | None) -> np.ndarray:
    """MinHash of the text's word 3-shingles: SIGNATURE_SIZE uint32; empty for an empty text.
    Equal positions / SIGNATURE_SIZE estimates the Jaccard similarity of the shingle sets."""
    words = word_hashes(text)
    if words.size == 0:
        return np.empty(0, dtype=np.uint32)
    width = min(SHINGLE_WORDS, words.size)
    count = words.size - width + 1
    with np.errstate(over="ignore"):  # uint64 arithmetic wraps on purpose
        hashed = words[:count] * _WORD_MIX[0]
        for i in range(1, width):
            hashed += words[i:i + count] * _WORD_MIX[i]
        # One row a hash function: the minimum runs along contiguous memory (~10% faster).
        mixed = np.multiply.outer(_MULTIPLIERS, hashed)
        mixed += _OFFSETS_COLUMN
    # The high bits mix best; x >> 32 never decreases as x grows, so the minimum's high bits
    # are the minimum of the high bits (one shift a hash function, not one a shingle).
    return (mixed.min(axis=1) >> np.uint64(32)).astype(np.uint32)


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if a.size == 0 or b.size == 0:
        return 0.0
    return float(np.count_nonzero(a == b)) / a.size


class _Links:
    """Union-find over posting ids; the smaller id stays the root: it is the cluster's id."""

    def __init__(self, ids: Iterable[str]):
        self.parent = {pid: pid for pid in ids}

    def root(self, pid: str) -> str:
        while self.parent[pid] != pid:
            self.parent[pid] = self.parent[self.parent[pid]]
            pid = self.parent[pid]
        return pid

    def link(self, a: str, b: str) -> None:
        low, high = sorted((self.root(a), self.root(b)))
        self.parent[high] = low

    def cluster_ids(self) -> dict[str, str | None]:
        members: dict[str, int] = {}
        for pid in self.parent:
            members[self.root(pid)] = members.get(self.root(pid), 0) + 1
        return {pid: self.root(pid) if members[self.root(pid)] > 1 else None for pid in self.parent}


def link_group(signatures: dict[str, np.ndarray], settled: dict[str, str], threshold: float = SIMILARITY,
               window: int = MAX_COMPARED) -> dict[str, str | None]:
    """posting_id -> cluster_id for one dedup group.

    `settled` maps members whose links are still valid to their stored cluster_id: they are
    joined by it without comparing. Every other member is compared (by signature) with the
    group's distinct texts, at most `window` on each side in posting_id order."""
    ids = sorted(signatures)
    links = _Links(ids)
    first_of: dict[str, str] = {}
    for pid in ids:
        if pid in settled:
            first_of.setdefault(settled[pid], pid)
            links.link(first_of[settled[pid]], pid)
    first_with_text: dict[bytes, int] = {}
    distinct: list[str] = []
    unsettled: set[int] = set()
    for pid in ids:
        sig = signatures[pid]
        if sig.size == 0:
            continue  # an empty text matches nothing
        key = sig.tobytes()
        if key in first_with_text:
            links.link(distinct[first_with_text[key]], pid)
        else:
            first_with_text[key] = len(distinct)
            distinct.append(pid)
        if pid not in settled:
            unsettled.add(first_with_text[key])
    if unsettled:
        matrix = np.stack([signatures[pid] for pid in distinct])
        for i in sorted(unsettled):
            low = max(0, i - window)
            near = np.count_nonzero(matrix[low:i + window + 1] == matrix[i], axis=1) / matrix.shape[1]
            for j in np.flatnonzero(near >= threshold):
                if low + j != i:
                    links.link(distinct[i], distinct[low + j])
    return links.cluster_ids()


def group_copies(postings: list[tuple[str, str | None]], threshold: float = SIMILARITY,
                 window: int = MAX_COMPARED) -> dict[str, str | None]:
    """posting_id -> cluster_id for (posting_id, description) pairs sharing one dedup_key,
    none settled (link_group)."""
    return link_group({pid: signature(text) for pid, text in postings}, {}, threshold, window)


def cluster_incoming(con: duckdb.DuckDBPyConnection, incoming: dict[str, str | None],
                     stale_keys: Iterable[str] = ()) -> int:
    """Cluster the new or changed postings `incoming` (posting_id -> its former cluster_id)
    with the stored members of their dedup groups, and re-derive the groups in `stale_keys`
    (a changed posting's former key). Returns the rows whose cluster_id changed."""
    if not incoming and not stale_keys:
        return 0
    keys = _touched_keys(con, sorted(incoming), sorted(set(stale_keys)))
    if not keys:
        return 0
    _fill_missing_signatures(con, keys)
    rows = _group_members(con, keys)
    # A cluster a changed posting belonged to (or belongs to now) must be re-derived.
    broken = {c for c in incoming.values() if c} | {c for pid, _, c, _, _ in rows if pid in incoming and c}
    groups: dict[str, tuple[dict, dict]] = {}
    current: dict[str, str | None] = {}
    for pid, key, cluster_id, members, sig in rows:
        current[pid] = cluster_id
        signatures, settled = groups.setdefault(key, ({}, {}))
        signatures[pid] = sig if members > 1 else _NO_SIGNATURE
        if cluster_id and cluster_id not in broken and pid not in incoming:
            settled[pid] = cluster_id
    changes = [(cluster_id, pid) for signatures, settled in groups.values()
               for pid, cluster_id in link_group(signatures, settled).items() if current[pid] != cluster_id]
    if changes:
        _set_cluster_ids(con, changes)
    return len(changes)


def _group_members(con: duckdb.DuckDBPyConnection, keys: list[str]) -> list[tuple]:
    """(posting_id, dedup_key, cluster_id, members, signature) of the stored postings in the
    groups `keys` that may have copies (more than one member, or a cluster id to undo). Read as
    Arrow: each signature is a view on one buffer (fetchall made a Python list of 64 ints a
    row, ~4x slower at 50,000 rows)."""
    table = con.sql(
        """
        WITH grouped AS (
            SELECT posting_id, dedup_key, cluster_id, cluster_signature,
                   count(*) OVER (PARTITION BY dedup_key) AS members
            FROM store.postings WHERE dedup_key IN (SELECT unnest($keys)))
        SELECT posting_id, dedup_key, cluster_id, members, cluster_signature
        FROM grouped WHERE members > 1 OR cluster_id IS NOT NULL
        """,
        params={"keys": keys},
    ).to_arrow_table()
    column = table.column("cluster_signature").combine_chunks()
    offsets = column.offsets.to_numpy(zero_copy_only=False)
    values = column.values.to_numpy(zero_copy_only=False).astype(np.uint32, copy=False)  # raw, as offsets
    signatures = [values[offsets[i]:offsets[i + 1]] for i in range(table.num_rows)]
    return list(zip(table.column("posting_id").to_pylist(), table.column("dedup_key").to_pylist(),
                    table.column("cluster_id").to_pylist(), table.column("members").to_pylist(), signatures))


def _touched_keys(con: duckdb.DuckDBPyConnection, ids: list[str], stale_keys: list[str]) -> list[str]:
    rows = con.execute(
        "SELECT DISTINCT dedup_key FROM store.postings WHERE posting_id IN (SELECT unnest(?)) "
        "AND dedup_key IS NOT NULL", [ids]).fetchall()
    return sorted({k for (k,) in rows} | set(stale_keys))


def _fill_missing_signatures(con: duckdb.DuckDBPyConnection, keys: list[str]) -> None:
    """Postings stored before signatures existed (migration 0005) get one, once."""
    rows = con.execute("SELECT posting_id, description FROM store.postings WHERE dedup_key IN (SELECT unnest(?)) "
                       "AND cluster_signature IS NULL", [keys]).fetchall()
    if not rows:
        return
    table = pa.table({"posting_id": pa.array([pid for pid, _ in rows], pa.string()),
                      "cluster_signature": signature_column([text for _, text in rows])})
    _update_postings(con, table, "cluster_signature")


def signature_column(texts: Iterable[str | None], wanted: Iterable[bool] | None = None) -> pa.Array:
    """Signatures of `texts` as an Arrow list<uint32> column (store.postings.cluster_signature);
    null where `wanted` is false (the stored signature is kept)."""
    texts = list(texts)
    wanted = [True] * len(texts) if wanted is None else list(wanted)
    sigs = [signature(text) if want else np.empty(0, dtype=np.uint32) for text, want in zip(texts, wanted)]
    offsets = np.zeros(len(sigs) + 1, dtype=np.int32)
    np.cumsum([s.size for s in sigs], out=offsets[1:])
    values = np.concatenate(sigs) if sigs else np.empty(0, dtype=np.uint32)
    mask = pa.array([not want for want in wanted], pa.bool_())
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(values, pa.uint32()), mask=mask)


def _set_cluster_ids(con: duckdb.DuckDBPyConnection, changes: list[tuple[str | None, str]]) -> None:
    table = pa.table({"cluster_id": pa.array([c for c, _ in changes], pa.string()),
                      "posting_id": pa.array([p for _, p in changes], pa.string())})
    _update_postings(con, table, "cluster_id")


def _update_postings(con: duckdb.DuckDBPyConnection, table: pa.Table, column: str) -> None:
    """Set store.postings.<column> from an Arrow table of (posting_id, column) in one
    set-based UPDATE (executemany would be one statement a row)."""
    con.register("posting_updates", table)
    try:
        con.execute(f"UPDATE store.postings AS p SET {column} = u.{column} FROM posting_updates AS u "
                    "WHERE p.posting_id = u.posting_id")
    finally:
        con.unregister("posting_updates")
