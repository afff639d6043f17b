"""What `jobtrends topics` reads from the store: the corpus's small columns at once, its text
chunk by chunk (never every description in memory), and skill counts aggregated in SQL.

The corpus is one posting per cluster (as reports count), in the store's physical order (rowid),
so that each chunk of text is read from the row groups of its rowid range only: a lookup by id
scans the whole table, a cost that grows with the store (2 CPU-s per 8,000 postings at 1M). The
model is fitted on the fit_sample postings with the smallest ids (ids are hashes: a
deterministic random sample), taken in id order (Corpus.fit_positions).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from jobtrends.store import select_postings, writing

from .prepare import CHUNK, NO_EMPLOYER, in_chunks, name_words

READS_PER_OPEN = 8          # text chunks read per opening of the store (an open and its close cost more)
READ_MEMORY_LIMIT = "1GB"   # DuckDB's, while the text is read


@dataclass
class Corpus:
    ids: list[str]                              # in rowid order
    rowids: np.ndarray                          # each posting's rowid when the corpus was read
    id_order: np.ndarray                        # the positions of the postings in posting_id order
    industries: tuple[list[str], np.ndarray]    # groups (sorted) and each posting's index (-1: none)
    roles: tuple[list[str], np.ndarray]
    months: tuple[list[date], np.ndarray]
    employers: np.ndarray                       # employer code per posting (NO_EMPLOYER: none)
    names: list[frozenset]                      # distinct company + location word sets
    name_of: np.ndarray                         # each posting's index into names

    def __len__(self) -> int:
        return len(self.ids)

    def fit_positions(self, size: int) -> np.ndarray:
        """The positions of the `size` postings with the smallest ids, in id order: the fit sample."""
        return self.id_order[:size]


def read_corpus(con, since: date | None) -> Corpus:
    table = con.sql(
        """
        SELECT s.rowid AS stored_row, u.posting_id, u.role, u.industry, u.month, s.company, s.location
        FROM postings_unique AS u JOIN store.postings AS s USING (posting_id)
        WHERE $since IS NULL OR u.month >= $since
        ORDER BY s.rowid
        """,
        params={"since": since},
    ).to_arrow_table()
    companies, employers = _codes(table.column("company"))
    locations, location_codes = _codes(table.column("location"))
    pairs, name_of = np.unique((employers + 1) * (len(locations) + 1) + location_codes + 1, return_inverse=True)
    names = [name_words(companies[p // (len(locations) + 1) - 1] if p // (len(locations) + 1) else None,
                        locations[p % (len(locations) + 1) - 1] if p % (len(locations) + 1) else None)
             for p in pairs.tolist()]
    return Corpus(table.column("posting_id").to_pylist(), table.column("stored_row").to_numpy(),
                  pc.sort_indices(table.column("posting_id")).to_numpy(), _sorted_codes(table.column("industry")),
                  _sorted_codes(table.column("role")), _sorted_codes(table.column("month")),
                  employers, names, name_of.astype(np.int64))


def _codes(column: pa.ChunkedArray) -> tuple[list, np.ndarray]:
    """The column's distinct non-empty values and each row's index among them (-1: null or empty)."""
    if len(column) == 0:
        return [], np.zeros(0, dtype=np.int64)
    encoded = pc.dictionary_encode(column).combine_chunks()
    values = encoded.dictionary.to_pylist()
    indices = encoded.indices.fill_null(-1).to_numpy().astype(np.int64)
    empty = [i for i, v in enumerate(values) if not v]
    if empty:
        indices[np.isin(indices, empty)] = NO_EMPLOYER
    return values, indices


def _sorted_codes(column: pa.ChunkedArray) -> tuple[list, np.ndarray]:
    """Like _codes, with the values sorted (groups and months are reported in order)."""
    values, indices = _codes(column)
    kept = sorted(v for v in values if v)
    rank = {v: i for i, v in enumerate(kept)}
    remap = np.array([rank.get(v, -1) if v else -1 for v in values] + [-1], dtype=np.int64)
    return kept, remap[indices]


def read_texts(db_path, ids: list[str], rowids: np.ndarray) -> Iterator[list[tuple]]:
    """(description, description_html) of every id (in rowid order, `rowids` theirs), in chunks
    of prepare.CHUNK, opening the store, and looking the texts up, once per READS_PER_OPEN
    chunks. A posting deleted since the corpus was read has no text."""
    for start in range(0, len(ids), CHUNK * READS_PER_OPEN):
        group = ids[start:start + CHUNK * READS_PER_OPEN]
        span = (int(rowids[start]), int(rowids[start + len(group) - 1]))
        with writing(db_path) as con:
            # Unbounded, DuckDB's buffers for one chunk's lookup in a 1M-posting store reached
            # 3.9 GB (1.3 GB with the cap, and faster); the cap lasts as long as the connection.
            con.execute(f"SET memory_limit = '{READ_MEMORY_LIMIT}'")
            texts = _texts(con, group, span)
        yield from in_chunks(texts)


def _texts(con, ids: list[str], rowids: tuple[int, int]) -> list[tuple]:
    # the plain description only when there is no HTML, which posting_text would prefer
    table = select_postings(con, "posting_id, CASE WHEN coalesce(trim(description_html), '') = '' "
                            "THEN description END AS description, description_html", ids, rowids)
    found = dict(zip(table.column("posting_id").to_pylist(),
                     zip(table.column("description").to_pylist(), table.column("description_html").to_pylist())))
    return [found.get(i, (None, None)) for i in ids]


def read_skill_counts(con, since: date | None) -> tuple[list[str], list[tuple[date | None, str, int]]]:
    """Every skill name, and per (month, skill) the corpus postings tagged with it."""
    names = sorted(r[0] for r in con.execute("SELECT DISTINCT skill FROM store.skill_tags").fetchall())
    counts = con.execute(
        """
        SELECT u.month, k.skill, count(*)
        FROM (SELECT DISTINCT posting_id, skill FROM store.skill_tags) AS k JOIN postings_unique AS u USING (posting_id)
        WHERE $since IS NULL OR u.month >= $since
        GROUP BY ALL
        """,
        {"since": since},
    ).fetchall()
    return names, counts
