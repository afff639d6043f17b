"""The topic model: a scikit-learn Pipeline of TfidfVectorizer and NMF, and how K is chosen.

TF-IDF over unigrams and bigrams of the normalised job text (corpus.py), with document
frequency bounds (min_df drops typos and one-off names, max_df drops boilerplate that most
postings share) and a bounded vocabulary (max_features, by corpus frequency): an unbounded
uni+bigram vocabulary of 100,000 postings has ~865k features and NMF on it does not finish in
minutes. NMF (Lee & Seung 1999; coordinate descent of Cichocki & Phan 2009, NNDSVDa start of
Boutsidis & Gallopoulos 2008) factorises the matrix into topics; its start is deterministic
and random_state is fixed, so two fits on the same data give identical topics.

The model is fitted on a deterministic sample (fit_sample postings) and every posting is then
transformed: NMF's cost grows with the rows, and topics found on 20,000 postings barely move
when more are added (docs/topics.md gives the measured cost).
"""

from __future__ import annotations

import io
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import joblib
import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.decomposition import NMF
from sklearn.decomposition._nmf import _initialize_nmf
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline

from jobtrends.procs import exit_with_parent

from .coherence import model_coherence, top_term_indices
from .corpus import STOP_WORDS

MIN_POSTINGS = 20           # fewer than this and topics are noise: refused with a clear message
MODEL_FORMAT = "joblib-sklearn-pipeline-1"


class TopicModelError(ValueError):
    """The corpus cannot carry a topic model (too small, no shared vocabulary)."""


@dataclass(frozen=True)
class ModelSettings:
    max_features: int = 20_000
    min_df: int = 3
    max_df: float = 0.5
    fit_sample: int = 20_000
    top_n: int = 10             # top terms stored per topic and used for coherence
    random_state: int = 0
    max_iter: int = 300

    def as_params(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class TopicFit:
    pipeline: Pipeline
    n_topics: int
    coherence: dict[int, float] = field(default_factory=dict)   # K tried -> mean NPMI
    fit_postings: int = 0
    stability: dict[int, float] = field(default_factory=dict)   # K tried -> split-half stability

    @property
    def vectorizer(self) -> TfidfVectorizer:
        return self.pipeline.named_steps["tfidf"]

    @property
    def nmf(self) -> NMF:
        return self.pipeline.named_steps["nmf"]

    @property
    def terms(self) -> list[str]:
        return self.vectorizer.get_feature_names_out().tolist()


def make_vectorizer(settings: ModelSettings, min_df: int | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(
        token_pattern=r"\S+", lowercase=False, stop_words=sorted(STOP_WORDS), ngram_range=(1, 2),
        min_df=settings.min_df if min_df is None else min_df, max_df=settings.max_df,
        max_features=settings.max_features, sublinear_tf=True, dtype=np.float32,
    )


def make_nmf(n_topics: int, settings: ModelSettings, init: str = "nndsvda") -> NMF:
    return NMF(n_components=n_topics, init=init, random_state=settings.random_state,
               max_iter=settings.max_iter, tol=1e-4)


def _shared_start(matrix, k_max: int, settings: ModelSettings) -> tuple[np.ndarray, np.ndarray]:
    """NNDSVDa start for k_max topics. Its k-th component comes from the k-th singular pair
    alone, so the start for any smaller K is its first K rows: one SVD serves every K tried
    (the SVD was half the fitting time when each K made its own)."""
    return _initialize_nmf(matrix, k_max, init="nndsvda", random_state=settings.random_state)


def make_pipeline(n_topics: int, settings: ModelSettings) -> Pipeline:
    """The unfitted estimator: Pipeline(tfidf -> nmf)."""
    return Pipeline([("tfidf", make_vectorizer(settings)), ("nmf", make_nmf(n_topics, settings))])


def candidate_ks(min_topics: int, max_topics: int, postings: int | None = None) -> list[int]:
    """Every second K from min_topics up to max_topics (max_topics always included); with
    `postings`, max_topics is capped at postings / POSTINGS_PER_TOPIC (never under min_topics):
    a topic carried by a few dozen postings does not survive a resample."""
    if min_topics < 2 or max_topics < min_topics:
        raise TopicModelError(f"topic range {min_topics}..{max_topics} is empty (need 2 <= min <= max)")
    if postings is not None:
        max_topics = max(min_topics, min(max_topics, postings // POSTINGS_PER_TOPIC))
    ks = list(range(min_topics, max_topics + 1, 2))
    return ks if ks[-1] == max_topics else ks + [max_topics]


STABILITY_UP_TO = 5000      # fit samples up to this size choose K by coherence and stability together
MIN_SHARED_TERMS = 5        # of the top 10: a topic "found again" (Greene et al. 2014; stability.py)
POSTINGS_PER_TOPIC = 50     # the K range is capped at fit postings / this


def merge_redundant_terms(vectorizer: TfidfVectorizer, matrix: sp.spmatrix) -> list[str]:
    """The vocabulary with terms that occur in exactly the same postings merged into one (the
    most frequent; a bigram before a unigram, it says more; then alphabetical). Templated text
    ("Replace copy-pasted notebook logic with reusable modules" in every posting that has it)
    gives a dozen uni- and bigrams with one and the same signal; kept apart, they fill a
    topic's top terms with one sentence and make which sentence a topic picks a matter of
    chance (docs/quality.md: Topic stability)."""
    terms = vectorizer.get_feature_names_out()
    presence = sp.csc_matrix(matrix > 0)
    frequency = np.diff(presence.indptr)
    order = sorted(range(len(terms)), key=lambda i: (-frequency[i], -len(terms[i].split()), terms[i]))
    seen: set[bytes] = set()
    kept = []
    for i in order:
        key = presence.indices[presence.indptr[i]:presence.indptr[i + 1]].tobytes()
        if key not in seen:
            seen.add(key)
            kept.append(str(terms[i]))
    return sorted(kept)


def _vectorise(sample: list[str], settings: ModelSettings) -> tuple[TfidfVectorizer, sp.spmatrix]:
    """The fitted vectoriser (redundant terms merged) and the sample's TF-IDF matrix."""
    min_df = min(settings.min_df, max(1, len(sample) // 50))
    try:
        first = make_vectorizer(settings, min_df=min_df)
        vocabulary = merge_redundant_terms(first, first.fit_transform(sample))
    except ValueError as error:  # "After pruning, no terms remain" and the like
        raise TopicModelError(f"no vocabulary shared by enough postings to fit topics: {error}") from None
    vectorizer = make_vectorizer(settings, min_df=min_df)
    vectorizer.set_params(vocabulary=vocabulary, stop_words=None, max_df=1.0, min_df=1, max_features=None)
    return vectorizer, vectorizer.fit_transform(sample)


def _top_sets(components: np.ndarray, top_n: int = 10) -> list[set[int]]:
    return [set(top_term_indices(row, top_n)) for row in components]


def found_again(reference: np.ndarray, other: np.ndarray) -> float:
    """Share of the reference's topics with a topic in `other` (same vocabulary) sharing at
    least MIN_SHARED_TERMS of its top 10 terms."""
    theirs = _top_sets(other)
    mine = _top_sets(reference)
    return sum(any(len(a & b) >= MIN_SHARED_TERMS for b in theirs) for a in mine) / max(len(mine), 1)


def split_half_stability(matrix, components: np.ndarray, settings: ModelSettings) -> float:
    """Mean share of the topics that NMF with the same K finds again on each half of the
    sample (alternate rows): a cheap stand-in for the bootstrap measure of stability.py."""
    k = components.shape[0]
    shares = []
    for half in (matrix[0::2], matrix[1::2]):
        if min(half.shape) < k:
            return 0.0
        shares.append(found_again(components, make_nmf(k, settings).fit(half).components_))
    return float(np.mean(shares))


PARALLEL_FIT_FROM = 5000    # fit-sample postings from which the K candidates are fitted in worker processes


def fit_topics(docs: list[str], settings: ModelSettings, *, n_topics: int | None = None,
               k_range: tuple[int, int] = (6, 20), workers: int = 1) -> TopicFit:
    """Fit the vectoriser on the sample, then NMF for each candidate K; keep the best K: on
    samples up to STABILITY_UP_TO postings the largest sum of coherence (mean NPMI of top
    terms) and split-half stability, on larger ones the largest coherence (ties: smaller K).
    With workers > 1 and a large sample, the K candidates are fitted in parallel (each fit is
    the same computation wherever it runs)."""
    sample = docs[: settings.fit_sample]
    if sum(1 for d in sample if d) < MIN_POSTINGS:
        raise TopicModelError(f"too few postings with job text to fit topics: {len(sample)} (need {MIN_POSTINGS})")
    vectorizer, matrix = _vectorise(sample, settings)
    terms = vectorizer.get_feature_names_out().tolist()
    ks = [n_topics] if n_topics else candidate_ks(*k_range, postings=len(sample))
    ks = [k for k in ks if k <= min(matrix.shape)] or [min(matrix.shape)]
    start_w, start_h = _shared_start(matrix, max(ks), settings)
    state = (matrix, start_w, start_h, terms, settings, len(ks) > 1 and len(sample) <= STABILITY_UP_TO)
    if workers > 1 and len(ks) > 1 and len(sample) >= PARALLEL_FIT_FROM:
        with ProcessPoolExecutor(min(workers, len(ks)), initializer=_init_fit, initargs=state) as pool:
            # largest K first: the slowest fits start first, the pool ends together
            done = dict(zip(sorted(ks, reverse=True), pool.map(_fit_one_k, sorted(ks, reverse=True))))
    else:
        _init_fit(*state, in_worker=False)
        done = {k: _fit_one_k(k) for k in ks}
        _FIT.clear()
    fitted = {k: nmf for k, (nmf, _, _) in done.items()}
    scores = {k: score for k, (_, score, _) in done.items()}
    stability = {k: stable for k, (_, _, stable) in done.items() if stable is not None}
    best = max(ks, key=lambda k: (max(scores[k], 0.0) + stability.get(k, 0.0), -k))
    pipeline = Pipeline([("tfidf", vectorizer), ("nmf", fitted[best])])
    return TopicFit(pipeline, best, {k: scores[k] for k in ks}, fit_postings=len(sample),
                    stability={k: stability[k] for k in ks if k in stability})


_FIT: dict = {}             # per process: the sample matrix and the shared start of the K fits


def _init_fit(matrix, start_w, start_h, terms, settings, with_stability, in_worker: bool = True) -> None:
    if in_worker:
        exit_with_parent()
    _FIT.update(matrix=matrix, start_w=start_w, start_h=start_h, terms=terms, settings=settings,
                with_stability=with_stability, presence=sp.csc_matrix((matrix > 0).astype(np.float32)))


def _fit_one_k(k: int) -> tuple[NMF, float, float | None]:
    """NMF with k topics from the shared start: (model, coherence, split-half stability or None)."""
    matrix, settings = _FIT["matrix"], _FIT["settings"]
    nmf = make_nmf(k, settings, init="custom")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter bounds the time on purpose
        nmf.fit(matrix, W=_FIT["start_w"][:, :k].copy(), H=_FIT["start_h"][:k].copy())
        score = round(model_coherence(_FIT["presence"], nmf.components_, _FIT["terms"], settings.top_n), 6)
        stable = round(split_half_stability(matrix, nmf.components_, settings), 6) if _FIT["with_stability"] else None
    return nmf, score, stable


def topic_weights(pipeline: Pipeline, docs: list[str]) -> np.ndarray:
    """Each posting's topic shares: NMF's W rows scaled to sum to 1 (all zero when the posting
    shares no vocabulary with the model)."""
    weights = pipeline.transform(docs) if docs else np.zeros((0, pipeline.named_steps["nmf"].n_components_))
    return as_shares(weights)


def as_shares(weights: np.ndarray) -> np.ndarray:
    """NMF weights scaled to sum to 1 per posting (rows without any weight stay zero)."""
    totals = weights.sum(axis=1, keepdims=True)
    return np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)


def top_terms(fit: TopicFit, top_n: int) -> list[list[tuple[str, float]]]:
    """Per topic: its top terms with their NMF weights."""
    terms = fit.terms
    return [[(terms[i], round(float(row[i]), 6)) for i in top_term_indices(row, top_n)]
            for row in fit.nmf.components_]


def short_label(terms: list[str], size: int = 3) -> str:
    """Up to `size` top terms, in order, after dropping unigrams a bigram among the top terms
    already holds ("copy-pasted" beside "copy-pasted notebook") and skipping terms that share
    a word with one already chosen."""
    bigram_words = {word for term in terms if " " in term for word in term.split()}
    candidates = [t for t in terms if " " in t or t not in bigram_words] or terms
    chosen: list[str] = []
    for term in candidates:
        if any(set(term.split()) & set(c.split()) for c in chosen):
            continue
        chosen.append(term)
        if len(chosen) == size:
            break
    return " / ".join(chosen)


def dump_pipeline(pipeline: Pipeline) -> bytes:
    buffer = io.BytesIO()
    joblib.dump(pipeline, buffer, compress=3)
    return buffer.getvalue()


def load_pipeline(blob: bytes) -> Pipeline:
    """Unpickles: only for models this tool stored in the user's own database (docs/topics.md)."""
    return joblib.load(io.BytesIO(blob))


def sklearn_version() -> str:
    return sklearn.__version__
