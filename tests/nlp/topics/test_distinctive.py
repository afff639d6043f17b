import numpy as np
import scipy.sparse as sp

from nlp.topics.distinctive import distinctive_terms, log_odds_z

TERMS = ["python", "clinical trial", "sql", "rare word"]


def _corpus():
    """40 healthcare postings (30 mention 'clinical trial'), 160 others (4 do); 'rare word'
    appears in 2 of 3 postings of a tiny group."""
    rng = np.random.default_rng(0)
    rows, labels = [], []
    for i in range(200):
        group = "healthcare" if i < 40 else "finance"
        row = [rng.random() < 0.6, (i < 30) if group == "healthcare" else (i % 40 == 0), rng.random() < 0.5, False]
        rows.append(row)
        labels.append(group)
    for _ in range(3):
        rows.append([True, False, True, len(labels) % 3 != 0])
        labels.append("tiny")
    return sp.csr_matrix(np.array(rows, dtype=np.float32)), labels


def test_a_planted_over_represented_term_ranks_first():
    presence, labels = _corpus()
    found = distinctive_terms(presence, TERMS, labels, "industry", min_support=5)
    healthcare = [t for t in found if t.group_value == "healthcare"]
    assert healthcare[0].term == "clinical trial" and healthcare[0].z > 3 and healthcare[0].postings == 30
    assert all(t.z > 0 for t in found)


def test_small_groups_and_thin_terms_are_not_reported():
    presence, labels = _corpus()
    found = distinctive_terms(presence, TERMS, labels, "industry", min_support=5)
    assert "tiny" not in {t.group_value for t in found}          # 3 postings < min_support
    assert all(t.postings >= 5 for t in found)


def test_the_prior_shrinks_rare_counts():
    # the same 2-of-2 vs 0 contrast is far weaker evidence than 200-of-200 vs 0
    background = np.array([10.0, 1000.0])
    small = log_odds_z(np.array([2, 0]), np.array([0, 0]), background + [2, 0])
    large = log_odds_z(np.array([200, 0]), np.array([0, 0]), background + [200, 0])
    assert 0 < small[0] < large[0]
