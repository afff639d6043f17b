"""Tag chunks of postings in worker processes.

spaCy's own `nlp.pipe(n_process=2)` was slower than one process: it ships whole Docs back to
the parent. Here the *whole* tagging of a chunk (HTML to text, sections, spaCy, scoring,
industry) runs inside a worker, which loads the pipeline and the taxonomy once and returns
only the tag rows (PostingTags) and the failures. The parent reads and writes the database.

Companies are inferred first, once each, from the about-texts the store holds for them
(`infer_companies`); a chunk is then tagged from its own postings, those company industries
and the IDF, and nothing else (no state carried from one chunk to the next), so the rows do
not depend on how many workers there are or which one took a chunk.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from jobtrends.text import posting_text

from .industry import IndustryTag
from .sections import about_text, split_sections
from .tagger import PostingInput, PostingTags, Tagger, company_key


@dataclass
class ChunkJob:
    postings: list[PostingInput]
    company_industries: dict[str, IndustryTag] = field(default_factory=dict)  # company_key -> inferred
    idf: dict[str, float] | None = None                     # None: the tagger's model brings its IDF
    n_docs: int = 0
    context: list = field(default_factory=list)            # the caller's per-posting data, handed back


@dataclass
class ChunkResult:
    tags: list[PostingTags]
    errors: dict[str, str]                                  # posting_id -> why its text failed


_TAGGER: Tagger | None = None


def init_worker(spacy_model: str) -> None:
    global _TAGGER
    _TAGGER = Tagger(spacy_model)


def tag_chunk(job: ChunkJob, tagger: Tagger | None = None) -> ChunkResult:
    """Analyse and tag one chunk (in a worker, with the worker's tagger, or with `tagger`)."""
    tagger = tagger or _TAGGER
    if tagger is None:
        raise RuntimeError("tag_chunk called in a process without init_worker()")
    if job.idf is not None:
        tagger.scorer.set_idf(job.idf, job.n_docs)
    analyses = tagger.analyse(job.postings)
    tags = tagger.tag(job.postings, analyses, company_cache=dict(job.company_industries))
    errors = {a.posting_id: a.error for a in analyses if a.error}
    return ChunkResult(tags, errors)


def infer_companies(pool_rows: list[tuple], tagger: Tagger | None = None) -> dict[str, IndustryTag]:
    """company_key -> industry, each from the company's name and the about-texts of its
    postings in the store: pool_rows are (company, description, html)."""
    tagger = tagger or _TAGGER
    about: dict[str, tuple[str, list[str]]] = {}
    for company, description, html in pool_rows:
        key = company_key(PostingInput("", company=company))
        about.setdefault(key, (company, []))[1].append(about_of(description, html))
    return {key: tagger.infer_company_industry(company, texts) for key, (company, texts) in about.items()}


def about_of(description: str | None, html: str | None) -> str:
    try:
        return about_text(split_sections(posting_text(description, html)))
    except Exception:  # untrusted markup of another posting: its pitch is just not pooled
        return ""


class TaggingPool:
    """Runs functions of this module on jobs, in order: in this process with workers <= 1,
    else in that many spawned processes (not forked: the parent holds DuckDB and progress-bar
    threads), with at most two jobs per worker in flight to bound memory."""

    def __init__(self, workers: int, tagger: Tagger, spacy_model: str) -> None:
        self.workers, self.tagger = workers, tagger
        self._pool = None
        if workers > 1:
            self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=init_worker, initargs=(spacy_model,))

    def __enter__(self) -> "TaggingPool":
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def run(self, function: Callable, jobs: Iterable, on_result: Callable) -> None:
        """on_result(job, function(job)) for every job, in job order."""
        if self._pool is None:
            for job in jobs:
                on_result(job, function(job, self.tagger))
            return
        pending: deque[tuple[object, Future]] = deque()
        for job in jobs:
            pending.append((job, self._pool.submit(function, job)))
            if len(pending) >= 2 * self.workers:
                done_job, future = pending.popleft()
                on_result(done_job, future.result())
        while pending:
            done_job, future = pending.popleft()
            on_result(done_job, future.result())


def iter_chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
