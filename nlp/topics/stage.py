"""`jobtrends topics`: fit (or reuse) the topic model, and write topics, posting topic weights,
distinctive terms and term trends to the store.

A run reads the corpus (one posting per cluster, as reports count) in chunks under short locks
(reading.py), prepares its text in a streamed pass (prepare.py: memory bounded whatever the
store's size), fits on the fit_sample postings with the smallest ids, transforms and counts term presence chunk
by chunk (transform.py), and writes everything in one transaction. The last run's model is
reused, transforming only postings it has not seen, unless a refit is asked for, the corpus
grew by refit_growth_percent since the fit, the topic count or window asked differs, or the
stored model was written by another scikit-learn version. Distinctive terms and trends are
recomputed over the whole corpus every time (they are cheap next to reading the text).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pyarrow as pa

from jobtrends.config import Config
from jobtrends.paths import data_dir
from jobtrends.store import scalar, transaction, utcnow, writing

from .distinctive import distinctive_counts
from .model import (
    MODEL_FORMAT,
    ModelSettings,
    TopicFit,
    dump_pipeline,
    fit_topics,
    load_pipeline,
    short_label,
    sklearn_version,
    top_terms,
)
from .prepare import prepare_corpus
from .reading import Corpus, read_corpus, read_skill_counts, read_texts
from .themes_link import load_theme_cues, match_topics
from .transform import Grouping, Transformed, transform_corpus
from .trends import trend_rows

WEIGHT_FLOOR = 0.1          # posting topic shares below this are not stored (the dominant one always is)


@dataclass
class StoredModel:
    run_id: int
    fit: TopicFit
    params: dict
    covered: set[str]


@dataclass
class TopicsSummary:
    run_id: int = 0
    refitted: bool = False
    reason: str = ""
    n_topics: int = 0
    postings: int = 0           # postings in the corpus
    transformed: int = 0        # postings given topic weights in this run
    emerging: list[str] = field(default_factory=list)
    coherence: dict[int, float] = field(default_factory=dict)
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)   # seconds per step (benchmarks)


def settings_of(config: Config) -> ModelSettings:
    return ModelSettings(max_features=config.topics.max_features, fit_sample=config.topics.fit_sample)


def run_topics(db_path: str, config: Config, *, n_topics: int | None = None, refit: bool = False,
               since: date | None = None, workers: int = 2) -> TopicsSummary:
    started = time.perf_counter()
    phases: dict[str, float] = {}
    clock = [started]

    def lap(name: str) -> None:
        now = time.perf_counter()
        phases[name] = round(now - clock[0], 2)
        clock[0] = now

    cfg = config.topics
    n_topics = n_topics or cfg.topics or None
    with writing(db_path) as con:
        corpus = read_corpus(con, since)
        skills = read_skill_counts(con, since)
        stored = _read_latest_model(con)
    lap("read")
    reason = _refit_reason(stored, corpus, refit, n_topics, since, cfg.refit_growth_percent)
    summary = TopicsSummary(refitted=bool(reason), reason=reason or "model reused", postings=len(corpus))
    sample = corpus.fit_positions(cfg.fit_sample if reason else 0)
    with prepare_corpus(read_texts(db_path, corpus.ids, corpus.rowids), corpus.employers, corpus.names,
                        corpus.name_of, workers, len(corpus), sample) as prepared:
        lap("prepare text")
        if reason:
            fit = fit_topics(prepared.sample_documents(), settings_of(config), n_topics=n_topics,
                             k_range=(cfg.min_topics, cfg.max_topics), workers=workers)
            todo = np.ones(len(corpus), dtype=bool)
            lap("fit")
        else:
            fit = stored.fit
            todo = np.array([pid not in stored.covered for pid in corpus.ids], dtype=bool)
        groupings = [Grouping(len(values), codes) for values, codes in (corpus.industries, corpus.roles, corpus.months)]
        counted = transform_corpus(prepared, fit.pipeline, todo, groupings, workers)
    lap("transform")
    distinct, trends = _distinctive_and_trends(fit, corpus, counted, skills, cfg.min_support)
    lap("distinctive terms and trends")
    todo_ids = [pid for pid, due in zip(corpus.ids, todo) if due]
    with writing(db_path) as con, transaction(con):
        if reason:
            run_id = _write_run(con, fit, corpus, counted.weights, since, config)
        else:
            run_id = stored.run_id
            _add_postings(con, run_id, todo_ids, counted.weights)
        _replace_distinctive(con, distinct)
        _replace_trends(con, trends)
        summary.emerging = [r[0] for r in con.execute(
            "SELECT label FROM store.topics WHERE run_id = ? AND emerging ORDER BY topic", [run_id]).fetchall()]
    lap("write")
    summary.phases = phases
    summary.run_id, summary.n_topics, summary.transformed = run_id, fit.n_topics, len(todo_ids)
    summary.coherence = fit.coherence
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _distinctive_and_trends(fit: TopicFit, corpus: Corpus, counted: Transformed, skills, min_support: int):
    """Distinctive terms per industry and role, and term and skill trends, from the counts."""
    terms, n = fit.terms, len(corpus)
    distinct = []
    for kind, (values, codes), counts in (("industry", corpus.industries, counted.counts[0]),
                                          ("role", corpus.roles, counted.counts[1])):
        sizes = np.bincount(codes[codes >= 0], minlength=len(values))
        distinct += distinctive_counts(counts, sizes, counted.totals, n, values, terms, kind, min_support)
    month_list, month_of = corpus.months
    month_postings = np.bincount(month_of[month_of >= 0], minlength=len(month_list))
    trends = (trend_rows(counted.counts[2], month_list, month_postings, terms, "term", min_support)
              + _skill_trends(month_list, month_postings, skills, min_support))
    return distinct, trends


def _refit_reason(stored: StoredModel | None, corpus: Corpus, refit: bool, n_topics: int | None,
                  since: date | None, growth_percent: int) -> str:
    """Why this run fits a new model ("" when the stored one is reused)."""
    if refit:
        return "refit asked for"
    if stored is None:
        return "no stored model"
    if n_topics and n_topics != stored.fit.n_topics:
        return f"{n_topics} topics asked for, the stored model has {stored.fit.n_topics}"
    if (since.isoformat() if since else None) != stored.params.get("since"):
        return "another --since window"
    grown = len(corpus) - stored.fit.fit_postings
    if grown * 100 >= growth_percent * max(stored.fit.fit_postings, 1):
        return f"corpus grew by {grown} postings since the fit (refit_growth_percent = {growth_percent})"
    return ""


# --- reading ----------------------------------------------------------------------------

def _read_latest_model(con) -> StoredModel | None:
    row = con.execute(
        """
        SELECT r.run_id, r.params, m.format, m.sklearn_version, m.fit_postings, m.model
        FROM store.topic_runs AS r JOIN store.topic_models AS m USING (run_id)
        ORDER BY r.run_id DESC LIMIT 1
        """
    ).fetchall()
    if not row:
        return None
    run_id, params, fmt, version, fit_postings, blob = row[0]
    if fmt != MODEL_FORMAT or version != sklearn_version():
        return None  # pickles do not travel across scikit-learn versions: refit
    params = json.loads(params) if params else {}
    fit = TopicFit(load_pipeline(bytes(blob)), int(params.get("n_topics", 0)), {}, int(fit_postings))
    fit.n_topics = fit.nmf.n_components_
    covered = {r[0] for r in con.execute(
        "SELECT DISTINCT posting_id FROM store.posting_topics WHERE run_id = ?", [run_id]).fetchall()}
    return StoredModel(run_id, fit, params, covered)


def _skill_trends(month_list: list[date], month_postings: np.ndarray, skills, min_support: int):
    names, counts = skills
    if not counts:
        return []
    month_index = {m: k for k, m in enumerate(month_list)}
    col_of = {name: j for j, name in enumerate(names)}
    matrix = np.zeros((len(month_list), len(names)))
    for month, skill, postings in counts:
        if month is not None:
            matrix[month_index[month], col_of[skill]] = postings
    return trend_rows(matrix, month_list, month_postings, names, "skill", min_support)


# --- writing ----------------------------------------------------------------------------

def _write_run(con, fit: TopicFit, corpus: Corpus, weights: np.ndarray, since: date | None, config: Config) -> int:
    run_id = int(scalar(con, "SELECT coalesce(max(run_id), 0) + 1 FROM store.topic_runs"))
    cfg = config.topics
    params = {
        **settings_of(config).as_params(), "n_topics": fit.n_topics, "chosen_by": "coherence" if len(fit.coherence) > 1 else "user",
        "coherence_npmi": {str(k): v for k, v in fit.coherence.items()},
        "stability_split_half": {str(k): v for k, v in fit.stability.items()}, "k_range": [cfg.min_topics, cfg.max_topics],
        "since": since.isoformat() if since else None, "emerging_similarity": cfg.emerging_similarity_percent / 100,
        "weight_floor": WEIGHT_FLOOR, "fit_postings": fit.fit_postings, "sklearn": sklearn_version(),
    }
    con.execute("INSERT INTO store.topic_runs VALUES (?, ?, ?, ?, ?, ?)",
                [run_id, utcnow(), fit.n_topics, len(corpus), len(fit.terms), json.dumps(params, sort_keys=True)])
    dominant = _dominant(weights)
    sizes = np.bincount(dominant[dominant >= 0], minlength=fit.n_topics)
    themes = load_theme_cues(data_dir() / "themes.toml")
    matches = match_topics(fit.nmf.components_, fit.terms, themes, cfg.emerging_similarity_percent / 100)
    for topic, (terms, match) in enumerate(zip(top_terms(fit, settings_of(config).top_n), matches)):
        con.execute(
            "INSERT INTO store.topics VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, topic, short_label([t for t, _ in terms]), json.dumps([{"term": t, "weight": w} for t, w in terms]),
             int(sizes[topic]), match.nearest_theme, match.similarity, match.emerging],
        )
    _insert_posting_topics(con, run_id, corpus.ids, weights)
    con.execute("INSERT INTO store.topic_models VALUES (?, ?, ?, ?, ?)",
                [run_id, MODEL_FORMAT, sklearn_version(), fit.fit_postings, dump_pipeline(fit.pipeline)])
    return run_id


def _dominant(weights: np.ndarray) -> np.ndarray:
    """Each posting's largest topic, -1 when it has none (no shared vocabulary)."""
    if weights.size == 0:
        return np.zeros(0, dtype=int)
    return np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)


def _insert_posting_topics(con, run_id: int, ids: list[str], weights: np.ndarray) -> None:
    dominant = _dominant(weights)
    keep = weights >= WEIGHT_FLOOR
    keep[np.flatnonzero(dominant >= 0), dominant[dominant >= 0]] = True
    rows, topics = np.nonzero(keep)
    table = pa.table({
        "run_id": pa.array(np.full(len(rows), run_id), pa.int64()),
        "posting_id": pa.array([ids[r] for r in rows], pa.string()),
        "topic": pa.array(topics, pa.int32()),
        "weight": pa.array(np.round(weights[rows, topics].astype(np.float64), 6), pa.float64()),
    })
    con.register("new_posting_topics", table)
    try:
        con.execute("INSERT INTO store.posting_topics SELECT run_id, posting_id, topic, weight FROM new_posting_topics")
    finally:
        con.unregister("new_posting_topics")


def _add_postings(con, run_id: int, ids: list[str], weights: np.ndarray) -> None:
    """Incremental: the new postings' weights join the run; its counts follow."""
    if not ids:
        return
    _insert_posting_topics(con, run_id, ids, weights)
    dominant = _dominant(weights)
    for topic, count in enumerate(np.bincount(dominant[dominant >= 0], minlength=weights.shape[1])):
        if count:
            con.execute("UPDATE store.topics SET size = size + ? WHERE run_id = ? AND topic = ?", [int(count), run_id, topic])
    con.execute("UPDATE store.topic_runs SET n_postings = n_postings + ? WHERE run_id = ?", [len(ids), run_id])


def _replace_distinctive(con, terms) -> None:
    con.execute("DELETE FROM store.distinctive_terms")
    if terms:
        con.executemany("INSERT INTO store.distinctive_terms VALUES (?, ?, ?, ?, ?)",
                        [[t.group_kind, t.group_value, t.term, t.z, t.postings] for t in terms])


def _replace_trends(con, rows) -> None:
    con.execute("DELETE FROM store.term_trends")
    if not rows:
        return
    table = pa.table({
        "month": pa.array([r.month for r in rows], pa.date32()), "kind": [r.kind for r in rows],
        "term": [r.term for r in rows], "postings": pa.array([r.postings for r in rows], pa.int32()),
        "share": [r.share for r in rows], "share_3m": [r.share_3m for r in rows],
        "yoy_change": pa.array([r.yoy_change for r in rows], pa.float64()),
    })
    con.register("new_term_trends", table)
    try:
        con.execute("INSERT INTO store.term_trends SELECT * FROM new_term_trends")
    finally:
        con.unregister("new_term_trends")
