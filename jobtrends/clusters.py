"""Duplicate clustering: one job found on several sources, or reposted under a new id.

Two postings are copies of one job when they have the same `dedup_key` (normalised employer
and title, jobtrends.postings.dedup_key) and near-identical text: the Jaccard similarity of
their word 3-shingles is at least SIMILARITY. Copies are linked transitively; every member of
a cluster of two or more gets `cluster_id` = the smallest posting_id in it (deterministic,
whatever order the sources were crawled in); a posting with no copy has cluster_id NULL (the
public `postings` view shows its own id). Every copy keeps its row and its source URL. In a
dedup group of more than MAX_COMPARED distinct texts, each text is compared only with the
MAX_COMPARED before it (in posting_id order), so clustering stays linear in the group size.

jobtrends.postings.merge_postings re-clusters the dedup_keys it touched after each merge, in
the same transaction (crawl and import alike), so a posting whose text drifted away from its
copies leaves their cluster.
"""

from __future__ import annotations

import re
from typing import Iterable

import duckdb
import pyarrow as pa

SHINGLE_WORDS = 3
SIMILARITY = 0.7
# Distinct texts each posting is compared with inside one dedup group (bounds big groups).
MAX_COMPARED = 200


def shingles(text: str | None, size: int = SHINGLE_WORDS) -> frozenset[tuple[str, ...]]:
    """Every run of `size` consecutive words (lower case, letters and digits), as word tuples
    (exact, and cheaper than hashing joined strings)."""
    words = re.findall(r"\w+", (text or "").lower())
    if len(words) < size:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(zip(*(words[i:] for i in range(size))))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def group_copies(postings: list[tuple[str, str | None]], threshold: float = SIMILARITY,
                 window: int = MAX_COMPARED) -> dict[str, str | None]:
    """posting_id -> cluster_id for (posting_id, description) pairs sharing one dedup_key.

    Postings with the same text are linked at once; each distinct text is then compared with
    at most `window` distinct texts before it (in posting_id order), so a big group costs
    n x window comparisons, not n squared (beyond the window, copies link transitively)."""
    ids = sorted(pid for pid, _ in postings)
    description = dict(postings)
    parent = {pid: pid for pid in ids}

    def root(pid: str) -> str:
        while parent[pid] != pid:
            parent[pid] = parent[parent[pid]]
            pid = parent[pid]
        return pid

    def link(a: str, b: str) -> None:
        low, high = sorted((root(a), root(b)))
        parent[high] = low  # the smaller id stays the root: it is the cluster's id

    first_with_text: dict[str, str] = {}
    shingles_of: dict[str, frozenset] = {}
    distinct: list[tuple[str, frozenset]] = []
    for pid in ids:
        text = description[pid] or ""
        if text in first_with_text:
            if shingles_of.get(first_with_text[text]):  # an empty text matches nothing
                link(first_with_text[text], pid)
            continue
        first_with_text[text] = pid
        shingles_of[pid] = shingles(text)
        distinct.append((pid, shingles_of[pid]))
    for i, (a, text_a) in enumerate(distinct):
        for b, text_b in distinct[max(0, i - window):i]:
            if root(a) != root(b) and jaccard(text_a, text_b) >= threshold:
                link(a, b)
    members: dict[str, int] = {}
    for pid in ids:
        members[root(pid)] = members.get(root(pid), 0) + 1
    return {pid: root(pid) if members[root(pid)] > 1 else None for pid in ids}


def cluster_postings(con: duckdb.DuckDBPyConnection, posting_ids: Iterable[str]) -> int:
    """Re-cluster every posting sharing a dedup_key with `posting_ids`; returns rows changed.
    Only groups of two or more are compared; a lone posting just loses a stale cluster_id."""
    ids = sorted({pid for pid in posting_ids if pid})
    if not ids:
        return 0
    rows = con.execute(
        """
        WITH touched AS (
            SELECT DISTINCT dedup_key FROM store.postings
            WHERE posting_id IN (SELECT unnest(?)) AND dedup_key IS NOT NULL),
        grouped AS (
            SELECT p.posting_id, p.dedup_key, p.description, p.cluster_id,
                   count(*) OVER (PARTITION BY p.dedup_key) AS members
            FROM store.postings AS p JOIN touched USING (dedup_key))
        SELECT posting_id, dedup_key, CASE WHEN members > 1 THEN description END, cluster_id, members
        FROM grouped WHERE members > 1 OR cluster_id IS NOT NULL
        """,
        [ids],
    ).fetchall()
    groups: dict[str, list[tuple[str, str | None]]] = {}
    current = {}
    changes: list[tuple[str | None, str]] = []
    for pid, key, description, cluster_id, members in rows:
        if members == 1:
            changes.append((None, pid))
            continue
        groups.setdefault(key, []).append((pid, description))
        current[pid] = cluster_id
    for members in groups.values():
        for pid, cluster_id in group_copies(members).items():
            if current[pid] != cluster_id:
                changes.append((cluster_id, pid))
    if changes:
        _set_cluster_ids(con, changes)
    return len(changes)


def _set_cluster_ids(con: duckdb.DuckDBPyConnection, changes: list[tuple[str | None, str]]) -> None:
    """One set-based UPDATE (executemany is one statement a row)."""
    table = pa.table({"cluster_id": pa.array([c for c, _ in changes], pa.string()),
                      "posting_id": pa.array([p for _, p in changes], pa.string())})
    con.register("cluster_changes", table)
    try:
        con.execute("UPDATE store.postings AS p SET cluster_id = c.cluster_id FROM cluster_changes AS c "
                    "WHERE p.posting_id = c.posting_id")
    finally:
        con.unregister("cluster_changes")
