"""Duplicate clustering: one job found on several sources, or reposted under a new id.

Two postings are copies of one job when they have the same `dedup_key` (normalised employer
and title, jobtrends.postings.dedup_key) and near-identical text: the Jaccard similarity of
their word 3-shingles is at least SIMILARITY. Copies are linked transitively; every member of
a cluster of two or more gets `cluster_id` = the smallest posting_id in it (deterministic,
whatever order the sources were crawled in); a posting with no copy has cluster_id NULL (the
public `postings` view shows its own id). Every copy keeps its row and its source URL.

jobtrends.postings.merge_postings re-clusters the dedup_keys it touched after each merge, in
the same transaction (crawl and import alike), so a posting whose text drifted away from its
copies leaves their cluster.
"""

from __future__ import annotations

import re
import zlib
from typing import Iterable

import duckdb

SHINGLE_WORDS = 3
SIMILARITY = 0.7


def shingles(text: str | None, size: int = SHINGLE_WORDS) -> frozenset[int]:
    """Hashes of every run of `size` consecutive words (lower case, letters and digits)."""
    words = re.findall(r"\w+", (text or "").lower())
    if len(words) < size:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + size]).encode()) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def group_copies(postings: list[tuple[str, str | None]], threshold: float = SIMILARITY) -> dict[str, str | None]:
    """posting_id -> cluster_id for (posting_id, description) pairs sharing one dedup_key."""
    ids = sorted(pid for pid, _ in postings)
    texts = {pid: shingles(text) for pid, text in postings}
    parent = {pid: pid for pid in ids}

    def root(pid: str) -> str:
        while parent[pid] != pid:
            parent[pid] = parent[parent[pid]]
            pid = parent[pid]
        return pid

    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if root(a) != root(b) and jaccard(texts[a], texts[b]) >= threshold:
                low, high = sorted((root(a), root(b)))
                parent[high] = low  # the smaller id stays the root: it is the cluster's id
    members: dict[str, int] = {}
    for pid in ids:
        members[root(pid)] = members.get(root(pid), 0) + 1
    return {pid: root(pid) if members[root(pid)] > 1 else None for pid in ids}


def cluster_postings(con: duckdb.DuckDBPyConnection, posting_ids: Iterable[str]) -> int:
    """Re-cluster every posting sharing a dedup_key with `posting_ids`; returns rows changed."""
    ids = sorted({pid for pid in posting_ids if pid})
    if not ids:
        return 0
    rows = con.execute(
        """
        SELECT posting_id, dedup_key, description, cluster_id FROM store.postings
        WHERE dedup_key IN (SELECT DISTINCT dedup_key FROM store.postings
                            WHERE posting_id IN (SELECT unnest(?)) AND dedup_key IS NOT NULL)
        """,
        [ids],
    ).fetchall()
    groups: dict[str, list[tuple[str, str | None]]] = {}
    current = {}
    for pid, key, description, cluster_id in rows:
        groups.setdefault(key, []).append((pid, description))
        current[pid] = cluster_id
    changes = []
    for members in groups.values():
        for pid, cluster_id in group_copies(members).items():
            if current[pid] != cluster_id:
                changes.append([cluster_id, pid])
    if changes:
        con.executemany("UPDATE store.postings SET cluster_id = ? WHERE posting_id = ?", changes)
    return len(changes)
