"""Tag batches of postings in worker processes.

spaCy's own `nlp.pipe(n_process=2)` was slower than one process: it ships whole Docs back to
the parent. Here the *whole* tagging of a batch (HTML to text, sections, spaCy, scoring,
industry) runs inside a worker, through the same pure functions the Spark engine maps over
its partitions (nlp.batch): Arrow record batches go in, Arrow tag rows come back. The worker
loads the pipeline and the taxonomy once; the parent reads and writes the database.

A batch is tagged from its own postings and the IDF, and nothing else (no state carried from
one batch to the next), so the rows do not depend on how many workers there are or which one
took a batch. Companies' industries are pooled over all their postings: nlp.stage tags with
them pending, collects the about-texts the batches return, and then infers each company once
(`infer_job`).
"""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import pyarrow as pa

from jobtrends.procs import exit_with_parent, ordered_results

from .batch import get_tagger, infer_company_batch, tag_batch, use_tagger
from .tagger import Tagger


@dataclass
class BatchJob:
    batch: pa.RecordBatch
    idf: tuple[dict[str, float], int] | None = None        # None: the tagger's model brings its IDF
    context: object = None                                 # the caller's data, handed back
    defer_companies: bool = False                          # tag_batch's option of that name


_SPACY_MODEL = ""


def init_worker(spacy_model: str, tagger: Tagger | None = None) -> None:
    global _SPACY_MODEL
    _SPACY_MODEL = spacy_model
    exit_with_parent()
    if tagger is not None:  # forked: the parent's tagger, already loaded, is this process's
        use_tagger(tagger, spacy_model)
    get_tagger(spacy_model)  # load once, before the first batch arrives


def tag_job(job: BatchJob, tagger: Tagger | None = None) -> pa.RecordBatch:
    """Tag rows of one batch of postings (in a worker, with its tagger, or with `tagger`)."""
    return tag_batch(job.batch, tagger=tagger or get_tagger(_SPACY_MODEL), idf=job.idf,
                     defer_companies=job.defer_companies)


def infer_job(job: BatchJob, tagger: Tagger | None = None) -> pa.RecordBatch:
    """Industries of the companies whose about-text rows make up the batch."""
    return infer_company_batch(job.batch, tagger=tagger or get_tagger(_SPACY_MODEL))


class TaggingPool:
    """Runs functions of this module on jobs, in order: in this process with workers <= 1,
    else in that many worker processes, with at most two jobs per worker in flight to bound
    memory.

    On Linux the workers are forked at once, when the pool is made, so they inherit the
    parent's loaded pipeline: building one costs ~3 CPU-seconds (spaCy, scikit-learn, the
    phrase matchers), as much as tagging a thousand postings. Make the pool while the process
    has no other threads (before the progress bar, with the database closed): a fork copies
    only the calling thread, and a lock another thread held would stay locked in the child.
    Elsewhere they are spawned and load their own."""

    def __init__(self, workers: int, tagger: Tagger, spacy_model: str) -> None:
        self.workers, self.tagger = workers, tagger
        self._pool = None
        if workers > 1:
            fork = sys.platform == "linux"
            self._pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
                initializer=init_worker, initargs=(spacy_model, tagger) if fork else (spacy_model,))
            self._pool.submit(int).result()  # start every worker now (fork: all at the first submit)

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
        for job, result in ordered_results(self._pool, function, jobs, 2 * self.workers):
            on_result(job, result)


def iter_chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
