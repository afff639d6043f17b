import json
import shutil

import pytest

from jobtrends.store import reading
from nlp.topics.stage import run_topics
from nlp.topics.synthetic import RISING_TERM, generate

from .conftest import add_postings, topics_config



def query(db, sql, params=None):
    with reading(db) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def fitted_once(tmp_path_factory, synthetic):
    db = str(tmp_path_factory.mktemp("topics") / "fitted.duckdb")
    add_postings(db, synthetic)
    return db, run_topics(db, topics_config(), workers=1)


@pytest.fixture()
def fitted_db(fitted_once, tmp_path):
    """A copy of the fitted database per test (fitting once keeps the module fast)."""
    db, summary = fitted_once
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(db, copy)
    return str(copy), summary


def test_a_run_fills_every_view(fitted_db):
    db, summary = fitted_db
    assert summary.refitted and summary.run_id == 1 and summary.transformed == summary.postings == 1500
    [(n_topics, n_postings, vocabulary, params)] = query(db, "SELECT n_topics, n_postings, vocabulary_size, params FROM topic_runs")
    assert (n_topics, n_postings) == (summary.n_topics, 1500) and vocabulary > 100
    assert json.loads(params)["chosen_by"] == "coherence"
    topics = query(db, "SELECT topic, label, top_terms, size FROM topics ORDER BY topic")
    assert len(topics) == n_topics and all(label for _, label, _, _ in topics)
    assert sum(size for *_, size in topics) == 1500  # every generated posting has a largest topic
    assert len(json.loads(topics[0][2])) == 10
    # every posting has its dominant topic stored, and shares are what was stored
    assert query(db, "SELECT count(DISTINCT posting_id) FROM posting_topics") == [(1500,)]
    assert query(db, "SELECT min(weight) >= 0.1 OR count(*) > 0 FROM posting_topics")[0][0]


def test_the_planted_topic_is_emerging_with_examples(fitted_db):
    db, summary = fitted_db
    rows = query(db, "SELECT label, top_terms::VARCHAR, examples FROM emerging_topics")
    robotics = [r for r in rows if "simulation" in r[1] and ("gazebo" in r[1] or "lidar" in r[1] or "sensor" in r[1])]
    assert robotics, rows
    assert len(robotics[0][2]) == 3 and robotics[0][0] in summary.emerging


def test_distinctive_terms_and_trends_are_stored(fitted_db):
    db, _ = fitted_db
    top = query(db, "SELECT term, z FROM distinctive_terms_industry WHERE industry = 'healthcare' ORDER BY rank")
    best_z = top[0][1]
    # the planted sentence's words always occur together, so they share the top z
    assert "clinical trial" in {term for term, z in top if z == best_z}
    assert query(db, "SELECT count(*) FROM distinctive_terms_role")[0][0] > 0
    movers = query(db, "SELECT direction, yoy_change FROM term_movers WHERE kind = 'term' AND term = ?",
                   [RISING_TERM.rstrip("s")])
    assert movers and movers[0][0] == "rising" and movers[0][1] > 0.1


def test_incremental_transform_then_refit_on_growth(fitted_db, make_config, add_synthetic):
    db, first = fitted_db
    new = [p.__class__(**{**p.__dict__, "posting_id": "new-" + p.posting_id}) for p in generate(200, seed=99)]
    add_synthetic(db, new)
    summary = run_topics(db, make_config(), workers=1)
    assert not summary.refitted and summary.run_id == first.run_id and summary.transformed == 200
    assert query(db, "SELECT n_postings FROM topic_runs") == [(1700,)]
    assert query(db, "SELECT sum(size) FROM topics") == [(1700,)]
    assert query(db, "SELECT count(DISTINCT posting_id) FROM posting_topics WHERE posting_id LIKE 'new-%'") == [(200,)]
    # growth past refit_growth_percent (10% here) fits a new run; views show the latest run
    refit = run_topics(db, make_config(refit_growth_percent=10), workers=1)
    assert refit.refitted and refit.run_id == 2 and "grew" in refit.reason
    assert query(db, "SELECT DISTINCT run_id FROM topics") == [(2,)]
    assert query(db, "SELECT DISTINCT run_id FROM posting_topics") == [(2,)]
    assert query(db, "SELECT count(DISTINCT run_id) FROM topics_all_runs") == [(2,)]
    assert query(db, "SELECT run_id FROM topic_runs WHERE latest") == [(2,)]


def test_a_different_k_or_refit_flag_fits_a_new_run(fitted_db, make_config):
    db, first = fitted_db
    again = run_topics(db, make_config(), n_topics=first.n_topics + 1, workers=1)
    assert again.refitted and again.n_topics == first.n_topics + 1 and again.coherence.keys() == {first.n_topics + 1}
    assert run_topics(db, make_config(), refit=True, workers=1).run_id == 3


def test_an_empty_store_is_refused_with_the_too_few_message(tmp_path):
    from jobtrends.store import writing
    from nlp.topics.model import TopicModelError

    db = tmp_path / "empty.duckdb"
    with writing(db):
        pass
    with pytest.raises(TopicModelError, match="too few postings"):
        run_topics(str(db), topics_config(), workers=1)


def test_the_corpus_is_read_in_store_order_and_fitted_on_the_smallest_ids(fitted_db):
    from jobtrends.store import writing
    from nlp.topics.reading import read_corpus, read_texts

    db, _ = fitted_db
    with writing(db) as con:
        corpus = read_corpus(con, None)
        stored = con.execute("SELECT rowid, posting_id, description FROM store.postings ORDER BY rowid").fetchall()
    assert corpus.ids == [pid for _, pid, _ in stored] and corpus.rowids.tolist() == [r for r, _, _ in stored]
    assert [corpus.ids[i] for i in corpus.fit_positions(50)] == sorted(corpus.ids)[:50]
    texts = [text for chunk in read_texts(db, corpus.ids, corpus.rowids) for text, _ in chunk]
    assert texts == [description for _, _, description in stored]
