from datetime import date

import numpy as np
import scipy.sparse as sp

from nlp.topics.trends import monthly_trends

MONTHS = [date(2023 + m // 12, m % 12 + 1, 1) for m in range(24)]


def _corpus():
    """20 postings a month for 24 months: 'agentic' mentioned by m of them in month m (rising),
    'hadoop' by 20 - m//2 (falling), 'sql' by 10 always (flat)."""
    rows, months = [], []
    for m, month in enumerate(MONTHS):
        for i in range(20):
            rows.append([i < m, i < 20 - m // 2, i < 10])
            months.append(month)
    return sp.csr_matrix(np.array(rows, dtype=np.float32)), months


def test_a_planted_rising_term_is_rising_and_a_falling_one_falling():
    presence, months = _corpus()
    rows = monthly_trends(presence, ["agentic", "hadoop", "sql"], months, "term", min_postings=10)
    last = {r.term: r for r in rows if r.month == MONTHS[-1]}
    # agentic: 20/20 in months 21-23 (share_3m 1.0) against 9, 10, 11 of 20 a year earlier (0.5)
    assert (last["agentic"].postings, last["agentic"].share, last["agentic"].share_3m) == (20, 1.0, 1.0)
    assert last["agentic"].yoy_change == 0.5
    assert last["hadoop"].yoy_change < 0 and last["sql"].yoy_change == 0


def test_moving_average_and_year_ago():
    presence, months = _corpus()
    rows = {(r.term, r.month): r for r in monthly_trends(presence, ["agentic", "hadoop", "sql"], months, "term", 10)}
    first, third = rows[("agentic", MONTHS[0])], rows[("agentic", MONTHS[2])]
    assert first.share == 0 and first.yoy_change is None                 # no month a year earlier
    assert third.share_3m == round((0 + 1 + 2) / 3 / 20, 6)
    year_later = rows[("agentic", MONTHS[14])]
    assert year_later.yoy_change == round(year_later.share_3m - third.share_3m, 6)


def test_rare_terms_and_undated_postings_are_left_out():
    presence = sp.csr_matrix(np.array([[1, 1], [1, 0], [1, 0]], dtype=np.float32))
    rows = monthly_trends(presence, ["common", "rare"], [MONTHS[0], MONTHS[1], None], "term", min_postings=2)
    assert {r.term for r in rows} == {"common"} and sum(r.postings for r in rows) == 2
