"""The corpus prepared for the topic model, streamed: memory stays bounded however large the store.

Three passes over the postings, in posting_id order and in chunks of CHUNK postings:

1. lines (worker processes): each posting's job lines (corpus.job_lines), written to a spill
   file per chunk in the system temp directory as (line key, normalised text); what goes back
   to the parent is compact: each posting's distinct line keys (a 64-bit hash of the
   lower-cased line) and, for lines holding words of some posting's company or location,
   those words;
2. corpus-level cleaning (parent, counts only): employer boilerplate from the line keys and
   employers (clean.boilerplate_keys), name stop words from the name-word hits of the lines
   that are not boilerplate (clean.stop_words_of);
3. documents (chunk_documents), read back from the spill: the fit sample's in the parent, and
   every chunk's in the workers that vectorise and transform them (transform.py).

The documents are those the whole-corpus cleaning of earlier versions built, string for string
(tests/nlp/topics/test_prepare.py checks it against the list-based clean.py functions).
"""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

import numpy as np

from jobtrends.procs import exit_with_parent, ordered_results, spill_directory

from .clean import boilerplate_keys, line_key, stop_words_of
from .corpus import job_lines, normalise

CHUNK = 1000                # postings a job (one spill file)
PARALLEL_FROM = 5000        # postings; below this, a process pool costs more than it saves
NO_EMPLOYER = -1
SPILL_PREFIX = "jobtrends-topics-"   # + the run's pid: a later run removes the spill of a killed one


@dataclass
class ChunkLines:
    """Pass 1's result for one chunk, all the parent keeps of its text."""
    path: str
    size: int
    keys: np.ndarray            # int64: each posting's distinct line keys, posting after posting
    key_counts: np.ndarray      # int32: how many keys each posting has
    hit_postings: np.ndarray    # int32, per line holding name words: its posting's index in the chunk,
    hit_keys: np.ndarray        # int64: its line key,
    hit_counts: np.ndarray      # int32: and how many name words it holds;
    hit_words: np.ndarray       # int32: those words (indexes into the sorted candidates), line after line
    sample_rows: list[int] = field(default_factory=list)  # the chunk's postings in the fit sample, spilled again


@dataclass
class PreparedCorpus:
    """The spilled chunks and what corpus-level cleaning removes from them."""
    directory: Path
    chunks: list[ChunkLines] = field(default_factory=list)
    boilerplate: frozenset = frozenset()
    stop_words: frozenset = frozenset()
    sample: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def documents(self) -> Iterator[str]:
        """The cleaned documents in order, read in this process."""
        for chunk in self.chunks:
            yield from chunk_documents(chunk.path, self.boilerplate, self.stop_words)

    def sample_documents(self) -> list[str]:
        """The cleaned documents of the sample's postings, in the sample's order (read from the
        chunks' small sample spills, not the whole corpus's)."""
        found: dict[int, str] = {}
        start = 0
        for chunk in self.chunks:
            if chunk.sample_rows:
                docs = chunk_documents(_sample_path(chunk.path), self.boilerplate, self.stop_words)
                found.update(zip((start + row for row in chunk.sample_rows), docs))
            start += chunk.size
        return [found[position] for position in self.sample.tolist()]

    def close(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- pass 1: lines (runs in the workers) ---------------------------------------------------

_STATE: dict = {}           # per process: the spill directory and the name words to look for


def _init_lines(directory: str, candidates: frozenset, in_worker: bool = True) -> None:
    if in_worker:
        exit_with_parent()
    _STATE["directory"], _STATE["candidates"] = directory, candidates
    _STATE["word_ids"] = _word_ids(candidates)


def _word_ids(candidates: frozenset) -> dict[str, int]:
    """Each candidate name word's index in sorted order (how pass 1 hands hits to pass 2)."""
    return {word: index for index, word in enumerate(sorted(candidates))}


def lines_of_chunk(job: tuple[int, list[tuple], list[int]]) -> ChunkLines:
    """Pass 1 for one chunk of (description, description_html) rows, and the rows of it that
    are in the fit sample."""
    index, rows, sample_rows = job
    candidates, word_ids = _STATE["candidates"], _STATE["word_ids"]
    spilled, keys, counts = [], [], []
    # Hits as flat integer arrays: as Python sets of words they cost ~11 KB a posting in the
    # parent on the 1M scale corpus (lines full of company-name words), 11 GB in all.
    hit_postings, hit_keys, hit_counts, hit_words = [], [], [], []
    for p, row in enumerate(rows):
        kept, own_keys = [], set()
        for low, text in job_lines(row[0], row[1]):
            key = line_key(low)
            own_keys.add(key)
            if text:
                kept.append((key, text))
                if candidates:
                    found = candidates.intersection(text.split())
                    if found:
                        hit_postings.append(p)
                        hit_keys.append(key)
                        hit_counts.append(len(found))
                        hit_words.extend(map(word_ids.__getitem__, found))
        spilled.append(kept)
        keys.extend(sorted(own_keys))
        counts.append(len(own_keys))
    path = str(Path(_STATE["directory"]) / f"{index:06d}.pkl")
    _spill(path, spilled)
    if sample_rows:
        _spill(_sample_path(path), [spilled[row] for row in sample_rows])
    return ChunkLines(path, len(rows), np.array(keys, dtype=np.int64), np.array(counts, dtype=np.int32),
                      np.array(hit_postings, dtype=np.int32), np.array(hit_keys, dtype=np.int64),
                      np.array(hit_counts, dtype=np.int32), np.array(hit_words, dtype=np.int32), sample_rows)


def _spill(path: str, spilled: list) -> None:
    with open(path, "wb") as handle:
        pickle.dump(spilled, handle, protocol=pickle.HIGHEST_PROTOCOL)


def _sample_path(path: str) -> str:
    return path.removesuffix(".pkl") + ".sample.pkl"


# --- pass 3: documents ---------------------------------------------------------------------

def chunk_documents(path: str, boilerplate: frozenset, stop_words: frozenset) -> list[str]:
    """The chunk's documents: job text without employer boilerplate lines and name stop words."""
    with open(path, "rb") as handle:
        spilled = pickle.load(handle)
    docs = []
    for lines in spilled:
        doc = " ".join(text for key, text in lines if key not in boilerplate)
        if stop_words:
            words = doc.split()
            if not stop_words.isdisjoint(words):
                doc = " ".join(w for w in words if w not in stop_words)
        docs.append(doc)
    return docs


# --- the passes together -------------------------------------------------------------------

def name_words(company: str | None, location: str | None) -> frozenset:
    """The words of a posting's company and location fields, as documents spell them."""
    return frozenset(normalise(" ".join(filter(None, (company, location)))).split())


def prepare_corpus(row_chunks: Iterable[list[tuple]], employers: np.ndarray, names: list[frozenset],
                   name_of: np.ndarray, workers: int, total: int, sample: np.ndarray | None = None) -> PreparedCorpus:
    """Passes 1 and 2 over `row_chunks` (CHUNK rows of (description, description_html) each,
    `total` rows in all). employers: each posting's employer code (NO_EMPLOYER for none);
    name_of: each posting's index into `names` (its company and location words); sample: the
    positions whose documents PreparedCorpus.sample_documents gives, in that order."""
    candidates = frozenset().union(*names) if names else frozenset()
    prepared = PreparedCorpus(spill_directory(SPILL_PREFIX))
    if sample is not None:
        prepared.sample = np.asarray(sample, dtype=np.int64)
    try:
        jobs = _jobs(row_chunks, prepared.sample, total)
        if workers <= 1 or total < PARALLEL_FROM:
            _init_lines(str(prepared.directory), candidates, in_worker=False)
            prepared.chunks = [lines_of_chunk(job) for job in jobs]
        else:
            with ProcessPoolExecutor(workers, initializer=_init_lines,
                                     initargs=(str(prepared.directory), candidates)) as pool:
                prepared.chunks = [lines for _, lines in ordered_results(pool, lines_of_chunk, jobs, 2 * workers)]
        prepared.boilerplate = _boilerplate(prepared.chunks, employers)
        prepared.stop_words = _stop_words(prepared.chunks, prepared.boilerplate, candidates, names, name_of)
    except BaseException:
        prepared.close()
        raise
    return prepared


def _jobs(row_chunks: Iterable[list[tuple]], sample: np.ndarray, total: int) -> Iterator[tuple]:
    """Pass 1's jobs: (chunk index, rows, the rows' indexes in the chunk that are in the sample)."""
    in_sample = np.zeros(total, dtype=bool)
    in_sample[sample] = True
    start = 0
    for index, rows in enumerate(row_chunks):
        yield index, rows, np.flatnonzero(in_sample[start:start + len(rows)]).tolist()
        start += len(rows)


def _boilerplate(chunks: list[ChunkLines], employers: np.ndarray) -> frozenset:
    if not chunks:
        return frozenset()
    keys = np.concatenate([c.keys for c in chunks])
    owners = np.repeat(employers, np.concatenate([c.key_counts for c in chunks]))
    return frozenset(boilerplate_keys(keys, owners, NO_EMPLOYER).tolist())


def _stop_words(chunks: list[ChunkLines], boilerplate: frozenset, candidates: frozenset,
                names: list[frozenset], name_of: np.ndarray) -> frozenset:
    """Name stop words: counted over the words each posting keeps after boilerplate removal
    (clean.count_name_words's counts, as arrays: distinct (posting, word) pairs per chunk)."""
    if not candidates:
        return frozenset()
    words = sorted(candidates)
    word_ids, width = _word_ids(candidates), len(candidates)
    # (name set, word) pairs of the postings' own names, coded name * width + word
    own_codes = np.unique(np.array([n * width + word_ids[w] for n, name in enumerate(names) for w in name],
                                   dtype=np.int64))
    boiler = np.array(sorted(boilerplate), dtype=np.int64)
    using = np.zeros(width, dtype=np.int64)
    own = np.zeros(width, dtype=np.int64)
    start = 0
    for chunk in chunks:
        kept = np.repeat(~np.isin(chunk.hit_keys, boiler), chunk.hit_counts)
        postings = np.repeat(chunk.hit_postings.astype(np.int64), chunk.hit_counts)[kept]
        pairs = np.unique(postings * width + chunk.hit_words[kept])
        posting, word = np.divmod(pairs, width)
        using += np.bincount(word, minlength=width)
        mine = np.isin(name_of[start + posting] * width + word, own_codes)
        own += np.bincount(word[mine], minlength=width)
        start += chunk.size
    counted = np.flatnonzero(using).tolist()
    return frozenset(stop_words_of(candidates, {words[i]: int(using[i]) for i in counted},
                                   {words[i]: int(own[i]) for i in counted if own[i]}))


def in_chunks(rows: list, size: int | None = None) -> Iterator[list]:
    size = size or CHUNK
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def documents(rows: list[tuple], workers: int = 2) -> list[str]:
    """The corpus as the topic model reads it, in order, from rows in memory. Each row is
    (description, description_html) or (description, description_html, company, location);
    with names, employer boilerplate and name words are removed too (clean.py)."""
    codes: dict[str, int] = {}
    employers = np.array([codes.setdefault(row[2], len(codes)) if len(row) > 2 and row[2] else NO_EMPLOYER
                          for row in rows], dtype=np.int64)
    name_index: dict[frozenset, int] = {}
    name_of = np.array([name_index.setdefault(name_words(*row[2:4]) if len(row) > 2 else frozenset(),
                                              len(name_index)) for row in rows], dtype=np.int64)
    names = list(name_index)
    with prepare_corpus(in_chunks([row[:2] for row in rows]), employers, names, name_of, workers, len(rows)) as prepared:
        return list(prepared.documents())
