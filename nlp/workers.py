"""Tag chunks of postings in worker processes.

spaCy's own `nlp.pipe(n_process=2)` was slower than one process: it ships whole Docs back to
the parent. Here the *whole* tagging of a chunk (HTML to text, sections, spaCy, scoring,
industry) runs inside a worker, which loads the pipeline and the taxonomy once and returns
only the tag rows (PostingTags) and the failures. The parent reads and writes the database.

Every chunk is tagged from its own postings, the about-texts the store holds for their
companies and the IDF, and nothing else (no state carried from one chunk to the next), so
the rows do not depend on how many workers there are or which one took a chunk.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from jobtrends.text import posting_text

from .sections import about_text, split_sections
from .tagger import PostingInput, PostingTags, Tagger, company_key


@dataclass
class ChunkJob:
    postings: list[PostingInput]
    pool_rows: list[tuple] = field(default_factory=list)   # (company, description, html) from the store
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
    pooled: dict[str, list[str]] = {}
    for company, description, html in job.pool_rows:
        pooled.setdefault(company_key(PostingInput("", company=company)), []).append(about_of(description, html))
    tags = tagger.tag(job.postings, analyses, pooled)
    errors = {a.posting_id: a.error for a in analyses if a.error}
    return ChunkResult(tags, errors)


def about_of(description: str | None, html: str | None) -> str:
    try:
        return about_text(split_sections(posting_text(description, html)))
    except Exception:  # untrusted markup of another posting: its pitch is just not pooled
        return ""


def run_chunks(jobs: Iterable[ChunkJob], workers: int, tagger: Tagger, spacy_model: str,
               on_result: Callable[[ChunkJob, ChunkResult], None]) -> None:
    """Tag every job and call on_result in job order. With workers > 1 the jobs run in a pool
    of that many spawned processes (not forked: the parent holds DuckDB and progress-bar
    threads), at most two jobs per worker in flight to bound memory."""
    if workers <= 1:
        for job in jobs:
            on_result(job, tag_chunk(job, tagger))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker, initargs=(spacy_model,)) as pool:
        pending: deque[tuple[ChunkJob, Future]] = deque()
        for job in jobs:
            pending.append((job, pool.submit(tag_chunk, job)))
            if len(pending) >= 2 * workers:
                done_job, future = pending.popleft()
                on_result(done_job, future.result())
        while pending:
            done_job, future = pending.popleft()
            on_result(done_job, future.result())


def iter_chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
