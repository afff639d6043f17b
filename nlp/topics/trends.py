"""Rising and falling terms and skills: the share of postings per month that mention each,
its 3-month moving average and the year-on-year change of that average.

This is the measure of the "Who is hiring?" trend analyses of Hacker News (e.g. hiringtrends):
share of the month's postings mentioning a term, so months with more postings do not look
like growth. The 3-month average (this month and the two before it, over the months that have
postings) smooths single-thread noise; yoy_change = share_3m - share_3m twelve months earlier,
in shares (0.05 = five percentage points), null without a month a year earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import scipy.sparse as sp

MAX_TREND_TERMS = 2000      # the most frequent vocabulary terms are tracked (bounds the table)


@dataclass(frozen=True)
class TrendRow:
    month: date
    kind: str               # term | skill
    term: str
    postings: int
    share: float
    share_3m: float
    yoy_change: float | None


def _shift(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def monthly_trends(presence: sp.csr_matrix, names: list[str], months: list[date | None], kind: str,
                   min_postings: int) -> list[TrendRow]:
    """Trend rows for every name (column of presence) mentioned by at least min_postings
    postings overall. Postings without a month are left out."""
    month_list, codes = month_codes(months)
    if not month_list:
        return []
    known = np.flatnonzero(codes >= 0)
    # month x posting indicator, times posting x term presence = month x term counts
    indicator = sp.csr_matrix((np.ones(len(known)), (codes[known], known)), shape=(len(month_list), len(months)))
    counts = np.asarray((indicator @ presence).todense(), dtype=np.float64).reshape(len(month_list), len(names))
    return trend_rows(counts, month_list, np.bincount(codes[known], minlength=len(month_list)), names, kind, min_postings)


def month_codes(months: list[date | None]) -> tuple[list[date], np.ndarray]:
    """The months that have postings, sorted, and each posting's index among them (-1: no month)."""
    month_list = sorted({m for m in months if m is not None})
    index = {m: k for k, m in enumerate(month_list)}
    return month_list, np.array([index[m] if m is not None else -1 for m in months], dtype=np.int64)


def trend_rows(counts: np.ndarray, month_list: list[date], month_postings: np.ndarray, names: list[str], kind: str,
               min_postings: int) -> list[TrendRow]:
    """Trend rows from counts (months x names: postings of the month mentioning the name) and
    month_postings (postings per month)."""
    if not month_list:
        return []
    month_index = {m: k for k, m in enumerate(month_list)}
    month_totals = np.asarray(month_postings, dtype=np.float64)
    totals = counts.sum(axis=0)
    tracked = [j for j in np.argsort(-totals, kind="stable")[:MAX_TREND_TERMS] if totals[j] >= min_postings]
    shares = counts / month_totals[:, None]
    rows = []
    for j in tracked:
        smooth = _moving_average(month_list, shares[:, j])
        for k, month in enumerate(month_list):
            year_ago = month_index.get(_shift(month, -12))
            yoy = None if year_ago is None else round(smooth[k] - smooth[year_ago], 6)
            rows.append(TrendRow(month, kind, names[j], int(counts[k, j]), round(float(shares[k, j]), 6),
                                 round(float(smooth[k]), 6), yoy))
    return rows


def _moving_average(month_list: list[date], shares: np.ndarray) -> list[float]:
    """Mean share over the month and the two calendar months before it that have postings."""
    by_month = dict(zip(month_list, shares))
    out = []
    for month in month_list:
        window = [by_month[m] for m in (_shift(month, -2), _shift(month, -1), month) if m in by_month]
        out.append(float(np.mean(window)))
    return out
