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

from .corpus import STOP_WORDS, normalise


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


def cue_vector(cues: ThemeCues, index: dict[str, int]) -> np.ndarray:
    """The theme's cue weights over the model's vocabulary."""
    vector = np.zeros(len(index), dtype=np.float64)
    for cue, weight in cues.weights.items():
        term = normalise(cue)
        if term in index:
            vector[index[term]] += weight
            continue
        for word in term.split():
            if word not in STOP_WORDS and word in index:
                vector[index[word]] += weight / 2
    return vector


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm else 0.0


def match_topics(components: np.ndarray, terms: list[str], themes: list[ThemeCues],
                 emerging_below: float) -> list[ThemeMatch]:
    """For each topic (row of NMF components): the nearest theme, its cosine, and whether
    the topic is emerging (best cosine under `emerging_below`)."""
    index = {term: i for i, term in enumerate(terms)}
    vectors = [(t.theme, cue_vector(t, index)) for t in themes]
    matches = []
    for row in components:
        scored = [(round(_cosine(row, vector), 6), theme) for theme, vector in vectors]
        best, theme = min(scored, key=lambda s: (-s[0], s[1])) if scored else (0.0, None)
        matches.append(ThemeMatch(theme if best > 0 else None, best, best < emerging_below))
    return matches
