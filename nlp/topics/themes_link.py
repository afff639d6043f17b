"""Relate each topic to the nearest theme of data/themes.toml, or flag it emerging.

A theme is represented by its cue terms in the topic model's own term space: each cue
(normalised like the postings) counts with its weight (1 for `cues`, `[scoring] weak_weight`
for `weak_cues`) when it is a term of the vocabulary; a longer cue the vocabulary lacks counts
through its words with half the weight. The similarity of a topic and a theme is the cosine of
the topic's NMF term vector and that cue vector (Salton & McGill 1983). A topic whose best
similarity is under the threshold talks about something no theme's cues name: it is flagged
**emerging** (a candidate for a new theme or for new cues).

The file is read as data/themes.toml documents it (ids, cues, weak_cues, [scoring]); this
package does not import the tagger, so the NLP stage can change without breaking topics.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .corpus import STOP_WORDS, _lemma_table, normalise


@dataclass(frozen=True)
class ThemeCues:
    theme: str
    weights: dict[str, float]   # cue term as written -> weight


@dataclass(frozen=True)
class ThemeMatch:
    nearest_theme: str | None
    similarity: float
    emerging: bool


def load_theme_cues(path: Path) -> list[ThemeCues]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    weak_weight = float(data.get("scoring", {}).get("weak_weight", 0.3))
    themes = []
    for index, entry in enumerate(data.get("themes", [])):
        if not entry.get("id") or not entry.get("cues"):
            raise ValueError(f"{path}: theme #{index + 1} lacks id or cues")
        weights = {term: weak_weight for term in entry.get("weak_cues", [])}
        weights.update({term: 1.0 for term in entry["cues"]})
        themes.append(ThemeCues(entry["id"], weights))
    return themes


TOP_TERMS = 20              # a topic is judged by the weight of its 20 top terms
PART_CREDIT = 0.5           # a term sharing words with a cue (not equal to one) counts half


def _lemmas(text: str) -> tuple[str, ...]:
    """Content words of a normalised term, lemmatised for matching only ("partitioning" and
    "partition", "tested" and "test" meet), never shown."""
    table = _lemma_table()
    return tuple(table.get(w, w) for w in text.split() if w not in STOP_WORDS)


def term_scores(cues: ThemeCues, terms: list[str]) -> np.ndarray:
    """How much each vocabulary term says the theme: its cue weight when it is a cue (after
    normalising and lemmatising both), PART_CREDIT times the weight of the best cue whose words
    cover part of it otherwise, 0 when it shares no word with any cue."""
    whole: dict[tuple[str, ...], float] = {}
    words: dict[str, float] = {}
    for cue, weight in cues.weights.items():
        lemmas = _lemmas(normalise(cue))
        whole[lemmas] = max(whole.get(lemmas, 0.0), weight)
        for word in lemmas:
            words[word] = max(words.get(word, 0.0), weight)
    scores = np.zeros(len(terms))
    for i, term in enumerate(terms):
        lemmas = _lemmas(term)
        if lemmas in whole:
            scores[i] = whole[lemmas]
        elif lemmas:
            shared = [words[w] for w in lemmas if w in words]
            scores[i] = PART_CREDIT * max(shared, default=0.0) * len(shared) / len(lemmas)
    return scores


def cue_coverage(row: np.ndarray, scores: np.ndarray) -> float:
    """Share of a topic's top-term weight that the theme's cues account for (0 to 1). Unlike a
    cosine with the whole cue vector, it does not shrink as a theme gains cues: a topic is
    judged by what its own leading terms say."""
    top = np.argsort(-row, kind="stable")[:TOP_TERMS]
    total = float(row[top].sum())
    return float(row[top] @ scores[top]) / total if total > 0 else 0.0


def match_topics(components: np.ndarray, terms: list[str], themes: list[ThemeCues],
                 emerging_below: float) -> list[ThemeMatch]:
    """For each topic (row of NMF components): the nearest theme, its cue coverage, and
    whether the topic is emerging (best coverage under `emerging_below`)."""
    vectors = [(t.theme, term_scores(t, terms)) for t in themes]
    matches = []
    for row in components:
        scored = [(round(cue_coverage(row, vector), 6), theme) for theme, vector in vectors]
        best, theme = min(scored, key=lambda s: (-s[0], s[1])) if scored else (0.0, None)
        matches.append(ThemeMatch(theme if best > 0 else None, best, best < emerging_below))
    return matches
