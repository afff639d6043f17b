"""What `jobtrends topics` reads from the store: the corpus's small columns at once, its text
chunk by chunk (never every description in memory), and skill counts aggregated in SQL.

The corpus is one posting per cluster (as reports count), in posting_id order: ids are hashes,
so the first fit_sample postings are a deterministic random sample.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from jobtrends.store import writing

from .prepare import NO_EMPLOYER, in_chunks, name_words

READS_PER_OPEN = 8          # text chunks read per opening of the store (an open and its close cost more)
READ_MEMORY_LIMIT = "1GB"   # DuckDB's, while the text is read


@dataclass
class Corpus:
    ids: list[str]
    industries: tuple[list[str], np.ndarray]    # groups (sorted) and each posting's index (-1: none)
    roles: tuple[list[str], np.ndarray]
    months: tuple[list[date], np.ndarray]
    employers: np.ndarray                       # employer code per posting (NO_EMPLOYER: none)
    names: list[frozenset]                      # distinct company + location word sets
    name_of: np.ndarray                         # each posting's index into names

    def __len__(self) -> int:
        return len(self.ids)


def read_corpus(con, since: date | None) -> Corpus:
    table = con.sql(
        """
        SELECT u.posting_id, u.role, u.industry, u.month, s.company, s.location
        FROM postings_unique AS u JOIN store.postings AS s USING (posting_id)
        WHERE $since IS NULL OR u.month >= $since
        ORDER BY u.posting_id
        """,
        params={"since": since},
    ).to_arrow_table()
    companies, employers = _codes(table.column("company"))
    locations, location_codes = _codes(table.column("location"))
    pairs, name_of = np.unique((employers + 1) * (len(locations) + 1) + location_codes + 1, return_inverse=True)
    names = [name_words(companies[p // (len(locations) + 1) - 1] if p // (len(locations) + 1) else None,
                        locations[p % (len(locations) + 1) - 1] if p % (len(locations) + 1) else None)
             for p in pairs.tolist()]
    return Corpus(table.column("posting_id").to_pylist(), _sorted_codes(table.column("industry")),
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


def read_texts(db_path, ids: list[str]) -> Iterator[list[tuple]]:
    """(description, description_html) of every id, in chunks of prepare.CHUNK, opening the
    store, and looking the texts up, once per READS_PER_OPEN chunks. A posting deleted since the corpus was read has no text."""
    chunks = in_chunks(ids)
    while group := list(islice(chunks, READS_PER_OPEN)):
        with writing(db_path) as con:
            # Unbounded, DuckDB's buffers for one chunk's lookup in a 1M-posting store reached
            # 3.9 GB (1.3 GB with the cap, and faster); the cap lasts as long as the connection.
            con.execute(f"SET memory_limit = '{READ_MEMORY_LIMIT}'")
            # One lookup for the group: each lookup by id scans the whole postings table.
            texts = _texts(con, [i for chunk in group for i in chunk])
        start = 0
        for chunk in group:
            yield texts[start:start + len(chunk)]
            start += len(chunk)


def _texts(con, ids: list[str]) -> list[tuple]:
    # the plain description only when there is no HTML, which posting_text would prefer
    table = con.sql(
        """
        SELECT posting_id, CASE WHEN coalesce(trim(description_html), '') = '' THEN description END AS description,
               description_html
        FROM store.postings WHERE posting_id IN (SELECT unnest($1))
        """,
        params=[ids],
    ).to_arrow_table()
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
