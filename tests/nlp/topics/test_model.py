import numpy as np
import pytest
import scipy.sparse as sp

from jobtrends.paths import data_dir
from nlp.topics.coherence import npmi, topic_coherence
from nlp.topics.model import (ModelSettings, TopicModelError, candidate_ks, dump_pipeline, fit_topics,
                              load_pipeline, short_label, top_terms, topic_weights)
from nlp.topics.synthetic import TOPIC_TERMS
from nlp.topics.themes_link import load_theme_cues, match_topics

SETTINGS = ModelSettings()
ROBOTICS_WORDS = {w for phrase in TOPIC_TERMS["robotics"] for w in phrase.replace("-", " ").split()} | {"sensor"}


@pytest.fixture(scope="module")
def fit(synthetic_docs):
    return fit_topics(synthetic_docs, SETTINGS, k_range=(8, 12))


def _robotics_topic(fit):
    """The topic whose top terms hold most words of the planted robotics phrases."""
    def overlap(terms):
        return sum(all(w in ROBOTICS_WORDS for w in term.split()) for term, _ in terms)
    scored = [(overlap(terms), topic) for topic, terms in enumerate(top_terms(fit, 10))]
    return max(scored)


def test_the_planted_topic_is_found_and_flagged_emerging(fit):
    overlap, topic = _robotics_topic(fit)
    assert overlap >= 6  # most of its top 10 terms are the planted robotics vocabulary
    matches = match_topics(fit.nmf.components_, fit.terms, load_theme_cues(data_dir() / "themes.toml"), 0.2)
    assert matches[topic].emerging
    # the topics that mirror themes are near their theme, not emerging
    labels = {m.nearest_theme for m in matches if not m.emerging}
    assert {"data", "production", "systems", "modeling", "software_engineering", "collaboration"} <= labels


def test_k_is_chosen_by_coherence_within_the_range(fit):
    assert set(fit.coherence) == {8, 10, 12}
    assert fit.n_topics == max(fit.coherence, key=lambda k: (fit.coherence[k], -k))


def test_two_fits_are_identical(fit, synthetic_docs):
    again = fit_topics(synthetic_docs, SETTINGS, k_range=(8, 12))
    assert again.n_topics == fit.n_topics and again.terms == fit.terms
    assert np.array_equal(again.nmf.components_, fit.nmf.components_)
    assert top_terms(again, 10) == top_terms(fit, 10)


def test_fits_in_worker_processes_are_the_fits_in_process(fit, synthetic_docs, monkeypatch):
    from nlp.topics import model

    monkeypatch.setattr(model, "PARALLEL_FIT_FROM", 10)
    pooled = fit_topics(synthetic_docs, SETTINGS, k_range=(8, 12), workers=2)
    assert pooled.coherence == fit.coherence and pooled.stability == fit.stability and pooled.n_topics == fit.n_topics
    assert np.array_equal(pooled.nmf.components_, fit.nmf.components_)


def test_a_user_set_k_is_fitted_alone(synthetic_docs):
    fitted = fit_topics(synthetic_docs[:400], SETTINGS, n_topics=5)
    assert fitted.n_topics == 5 and list(fitted.coherence) == [5]


def test_the_stored_model_transforms_new_postings_like_the_fitted_one(fit, synthetic_docs):
    restored = load_pipeline(dump_pipeline(fit.pipeline))
    new = synthetic_docs[-50:]
    assert np.allclose(topic_weights(restored, new), topic_weights(fit.pipeline, new))
    shares = topic_weights(restored, new + [""])
    assert np.allclose(shares[:-1].sum(axis=1), 1.0) and shares[-1].sum() == 0  # no vocabulary: no topic


def test_too_small_a_corpus_is_refused_clearly():
    with pytest.raises(TopicModelError, match="too few postings"):
        fit_topics(["kubernetes cluster"] * 5, SETTINGS)
    with pytest.raises(TopicModelError, match="empty"):
        candidate_ks(10, 4)


def test_candidate_ks_cover_the_range():
    assert candidate_ks(6, 20) == [6, 8, 10, 12, 14, 16, 18, 20]
    assert candidate_ks(5, 10) == [5, 7, 9, 10]


def test_npmi_bounds_and_nested_pairs_are_ignored():
    assert npmi(0.5, 0.5, 0.5) == pytest.approx(1.0)
    assert npmi(0.5, 0.5, 0.25) == pytest.approx(0.0)
    assert npmi(0.5, 0.5, 0.0) == -1.0
    presence = sp.csc_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 0, 1]], dtype=np.float32))
    terms = ["robot", "robot arm", "sql"]
    assert topic_coherence(presence, [0, 1], terms) == 0.0      # only a nested pair: nothing measured
    assert topic_coherence(presence, [0, 2], terms) == -1.0     # never together


def test_short_label_skips_words_a_bigram_holds():
    assert short_label(["robotics simulation", "robotics", "gazebo", "simulation", "ros node"]) == \
        "robotics simulation / gazebo / ros node"
