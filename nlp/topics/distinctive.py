"""Distinctive terms of one group against the rest: weighted log-odds with an informative
Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", Political Analysis 16(4)).

For term w, group i and the rest j, with counts y (postings mentioning w), totals n and a
prior alpha_w = a0 * (share of w in the whole corpus), a0 = min(ALPHA0, a tenth of all mentions):

    delta_w = log((y_wi + a_w) / (n_i + a0 - y_wi - a_w)) - log((y_wj + a_w) / (n_j + a0 - y_wj - a_w))
    z_w     = delta_w / sqrt(1 / (y_wi + a_w) + 1 / (y_wj + a_w))

The prior pulls rare terms towards the corpus rate, so a word seen twice in a small group does
not top the list, and z accounts for how much evidence there is. Counts are postings
mentioning the term (not occurrences), so one long posting cannot carry a term alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

ALPHA0 = 500.0              # prior strength in mentions (Monroe et al. use a few hundred) ...
MAX_PRIOR_SHARE = 0.1       # ... but at most a tenth of the corpus's mentions, so it never drowns the data
TOP_PER_GROUP = 30          # terms stored per group (the positive end: what sets it apart)


@dataclass(frozen=True)
class DistinctiveTerm:
    group_kind: str
    group_value: str
    term: str
    z: float
    postings: int


def log_odds_z(group: np.ndarray, rest: np.ndarray, background: np.ndarray, alpha0: float = ALPHA0) -> np.ndarray:
    """z-scores of the weighted log-odds ratio, group vs rest, for every term. A term found in
    no posting has no prior and no counts: its z is not a number (callers list only terms
    with support), so numpy's divide-by-zero warnings for it are silenced, not printed to
    users running `jobtrends topics` or the demo."""
    group = group.astype(np.float64)
    rest = rest.astype(np.float64)
    alpha = alpha0 * background / background.sum()
    n_i, n_j = group.sum(), rest.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((group + alpha) / (n_i + alpha0 - group - alpha))
                 - np.log((rest + alpha) / (n_j + alpha0 - rest - alpha)))
        return delta / np.sqrt(1.0 / (group + alpha) + 1.0 / (rest + alpha))


def distinctive_terms(presence: sp.csr_matrix, terms: list[str], labels: list[str | None], group_kind: str,
                      min_support: int, top_n: int = TOP_PER_GROUP) -> list[DistinctiveTerm]:
    """distinctive_counts over a posting x term presence matrix held in memory."""
    values, codes = group_codes(labels)
    return distinctive_counts(group_sums(presence, codes, len(values)), np.bincount(codes[codes >= 0], minlength=len(values)),
                              np.asarray(presence.sum(axis=0), dtype=np.float32).ravel(), len(labels), values,
                              terms, group_kind, min_support, top_n)


def group_codes(labels) -> tuple[list[str], np.ndarray]:
    """The groups (labels sorted, without empty ones) and each posting's group index (-1: none)."""
    values = sorted({label for label in labels if label})
    index = {value: i for i, value in enumerate(values)}
    return values, np.array([index.get(label, -1) if label else -1 for label in labels], dtype=np.int64)


def group_sums(presence: sp.spmatrix, codes: np.ndarray, groups: int) -> np.ndarray:
    """groups x terms: the postings of each group that mention each term."""
    member = np.flatnonzero(codes >= 0)
    indicator = sp.csr_matrix((np.ones(len(member), dtype=np.float64), (codes[member], member)),
                              shape=(groups, presence.shape[0]))
    return np.asarray((indicator @ presence).todense(), dtype=np.float64).reshape(groups, presence.shape[1])


def distinctive_counts(in_groups: np.ndarray, sizes: np.ndarray, totals: np.ndarray, postings: int, values: list[str],
                       terms: list[str], group_kind: str, min_support: int,
                       top_n: int = TOP_PER_GROUP) -> list[DistinctiveTerm]:
    """The top_n terms with the highest positive z of each group that has at least
    min_support postings; a term needs min_support postings in the group to be listed.
    in_groups: groups x terms posting counts; sizes: postings per group; totals: postings
    mentioning each term in the whole corpus (float32, as the prior's sums were always taken:
    the same sums give the same z to the last digit)."""
    totals = np.asarray(totals, dtype=np.float32)
    alpha0 = min(ALPHA0, MAX_PRIOR_SHARE * float(totals.sum()))
    out: list[DistinctiveTerm] = []
    for g, value in enumerate(values):
        if sizes[g] < min_support or sizes[g] == postings:
            continue
        in_group = in_groups[g].astype(np.float32)
        z = log_odds_z(in_group, totals - in_group, totals, alpha0)
        eligible = np.flatnonzero((in_group >= min_support) & (z > 0))
        ranked = eligible[np.lexsort((eligible, -z[eligible]))][:top_n]
        out += [DistinctiveTerm(group_kind, value, terms[i], round(float(z[i]), 6), int(in_group[i])) for i in ranked]
    return out
