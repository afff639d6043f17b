"""Topic coherence: normalised pointwise mutual information (NPMI) of each topic's top terms.

Bouma (2009) "Normalized (pointwise) mutual information in collocation extraction"; used for
topic models by Aletras & Stevenson (2013) and Röder, Both & Hinneburg (2015), who found NPMI
over document co-occurrence among the measures closest to human judgements. Probabilities
are document frequencies in the fitted corpus itself (no reference corpus is needed).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import scipy.sparse as sp


def npmi(p_i: float, p_j: float, p_ij: float) -> float:
    """NPMI in [-1, 1]: 1 always together, 0 independent, -1 never together."""
    if p_ij <= 0:
        return -1.0
    if p_ij >= 1:
        return 1.0
    return math.log(p_ij / (p_i * p_j)) / -math.log(p_ij)


def _nested(a: str, b: str) -> bool:
    """"robotics" and "robotics simulation" co-occur by construction: their pair says nothing."""
    return a in b.split() or b in a.split()


def topic_coherence(presence: sp.csc_matrix, top_indices: list[int], terms: list[str]) -> float:
    """Mean NPMI over pairs of a topic's top terms (nested uni/bigram pairs left out).
    `presence` is the binary posting x term matrix (CSC, so columns are cheap)."""
    n_docs = presence.shape[0]
    columns = {i: presence[:, i] for i in top_indices}
    scores = []
    for i, j in itertools.combinations(top_indices, 2):
        if _nested(terms[i], terms[j]):
            continue
        p_i = columns[i].nnz / n_docs
        p_j = columns[j].nnz / n_docs
        p_ij = columns[i].multiply(columns[j]).nnz / n_docs
        scores.append(npmi(p_i, p_j, p_ij))
    return float(np.mean(scores)) if scores else 0.0


def model_coherence(presence: sp.csc_matrix, components: np.ndarray, terms: list[str], top_n: int = 10) -> float:
    """Mean topic coherence of an NMF model's topics (rows of `components`)."""
    scores = [topic_coherence(presence, top_term_indices(row, top_n), terms) for row in components]
    return float(np.mean(scores)) if scores else 0.0


def top_term_indices(row: np.ndarray, top_n: int) -> list[int]:
    """Indices of the row's largest weights, ties broken by index so the order is stable."""
    order = np.lexsort((np.arange(row.size), -row))
    return [int(i) for i in order[:top_n] if row[i] > 0]
