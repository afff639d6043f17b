"""Pass 3 of the prepared corpus (prepare.py): each chunk's documents vectorised, given topic
weights and reduced to term presence counts per group and month, in worker processes.

Nothing the size of the corpus times the vocabulary is held: per chunk, the TF-IDF rows live
only in the worker; the parent adds the chunk's presence into groups x terms and months x
terms counts (what distinctive terms and trends read) and keeps the topic weights.

NMF's transform of a chunk starts from that chunk's mean and stops on its own tolerance, so a
posting's weights can differ from a transform of the whole corpus at once in the last digits
(float noise well inside NMF's tol; benchmarks/notes.md, "Topics (session 3)"). Chunks are
fixed (prepare.CHUNK postings in the store's rowid order), so a run is deterministic whatever the
number of workers.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.pipeline import Pipeline

from jobtrends.procs import exit_with_parent, ordered_results

from .distinctive import group_sums
from .model import as_shares
from .prepare import PARALLEL_FROM, PreparedCorpus, chunk_documents

_STATE: dict = {}


@dataclass
class Grouping:
    """One way of grouping the postings (industry, role, month): group count and each posting's group."""
    groups: int
    codes: np.ndarray


@dataclass
class Transformed:
    weights: np.ndarray                 # topic shares of the postings asked for, in order
    totals: np.ndarray                  # postings mentioning each term
    counts: list[np.ndarray]            # per grouping: groups x terms postings mentioning each term


def _init(pipeline: Pipeline, boilerplate: frozenset, stop_words: frozenset, in_worker: bool = True) -> None:
    if in_worker:
        exit_with_parent()
    _STATE.update(pipeline=pipeline, boilerplate=boilerplate, stop_words=stop_words)


def transform_chunk(job: tuple[str, np.ndarray]) -> tuple[sp.csr_matrix, np.ndarray]:
    """(term presence of every posting of the chunk, topic shares of the rows in `todo`)."""
    path, todo = job
    pipeline = _STATE["pipeline"]
    tfidf = pipeline.named_steps["tfidf"].transform(chunk_documents(path, _STATE["boilerplate"], _STATE["stop_words"]))
    nmf = pipeline.named_steps["nmf"]
    weights = as_shares(nmf.transform(tfidf[todo])) if len(todo) else np.zeros((0, nmf.n_components_), np.float32)
    return sp.csr_matrix((tfidf > 0).astype(np.float32)), weights


def transform_corpus(prepared: PreparedCorpus, pipeline: Pipeline, todo: np.ndarray, groupings: list[Grouping],
                     workers: int) -> Transformed:
    """Topic weights of the postings where `todo` (bool per posting) is set, and term presence
    counts over all postings for each grouping."""
    n_terms = len(pipeline.named_steps["tfidf"].vocabulary_)
    result = Transformed([], np.zeros(n_terms), [np.zeros((g.groups, n_terms)) for g in groupings])
    starts = np.cumsum([0] + [c.size for c in prepared.chunks])
    jobs = [(c.path, np.flatnonzero(todo[starts[i]:starts[i + 1]])) for i, c in enumerate(prepared.chunks)]
    state = (pipeline, prepared.boilerplate, prepared.stop_words)
    if workers <= 1 or starts[-1] < PARALLEL_FROM:
        _init(*state, in_worker=False)
        results = ((job, transform_chunk(job)) for job in jobs)
        _collect(result, results, starts, groupings)
        _STATE.clear()
    else:
        with ProcessPoolExecutor(workers, initializer=_init, initargs=state) as pool:
            _collect(result, ordered_results(pool, transform_chunk, jobs, 2 * workers), starts, groupings)
    k = pipeline.named_steps["nmf"].n_components_
    result.weights = np.concatenate(result.weights) if result.weights else np.zeros((0, k), np.float32)
    return result


def _collect(result: Transformed, results, starts: np.ndarray, groupings: list[Grouping]) -> None:
    for i, (_, (presence, weights)) in enumerate(results):
        result.weights.append(weights)
        result.totals += np.asarray(presence.sum(axis=0), dtype=np.float64).ravel()
        for counts, grouping in zip(result.counts, groupings):
            counts += group_sums(presence, grouping.codes[starts[i]:starts[i + 1]], grouping.groups)
