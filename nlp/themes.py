"""Theme scores from TF-IDF weights of each theme's cue terms in the job's own sections.

The vectoriser's vocabulary is fixed: the cue terms of data/themes.toml. The matching itself
(tokens, phrases, plurals) is done by the spaCy component `theme_cues`; the vectoriser receives
each posting as the list of cue terms found, so TF-IDF counts exactly what the matcher saw.

IDF is fitted once on a reference corpus (see docs/tagging.md) and stored with the database;
a posting's score then depends only on its own text and that stored IDF, never on which
other postings happen to be tagged in the same run, so tagging is deterministic and
incremental runs agree with full ones.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

MAX_EVIDENCE_CHARS = 300


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str
    threshold: float
    weights: dict[str, float]  # cue term -> weight (1 for cues, weak_weight for weak cues)
    # When set, a weak cue counts only in a sentence that is not about another theme: one
    # with a strong cue of this theme, or with no strong cue of any other theme ("deploy
    # trained models as low-latency services" is production evidence, not modeling).
    weak_cues_need_company: bool = False


@dataclass(frozen=True)
class ThemeTaxonomy:
    themes: list[Theme]
    scale: float = 2.5
    max_evidence: int = 3
    # A weak cue's IDF is capped here: a weak cue that is rare in the reference corpus (or
    # absent from it, which gives the largest IDF) must not weigh as much as a strong cue.
    weak_idf_cap: float | None = None

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.themes]

    @property
    def vocabulary(self) -> list[str]:
        return sorted({term for theme in self.themes for term in theme.weights})


@dataclass(frozen=True)
class CueHit:
    """One occurrence of a cue term, with the sentence it occurred in (and its position)."""

    term: str
    sentence: str
    sentence_index: int


@dataclass
class ThemeResult:
    theme: str
    score: float
    tagged: bool
    evidence: list[str] = field(default_factory=list)


def load_themes(path: Path) -> ThemeTaxonomy:
    """Read data/themes.toml; a theme without id, name or cues is refused with its position."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    scoring = data.get("scoring", {})
    weak_weight = float(scoring.get("weak_weight", 0.3))
    themes = []
    for index, entry in enumerate(data.get("themes", [])):
        missing = [key for key in ("id", "name", "cues") if not entry.get(key)]
        if missing:
            raise ValueError(f"{path}: theme #{index + 1} lacks {', '.join(missing)}")
        weights = {term.lower(): weak_weight for term in entry.get("weak_cues", [])}
        weights.update({term.lower(): 1.0 for term in entry["cues"]})
        themes.append(Theme(
            id=entry["id"], name=entry["name"], description=entry.get("description", ""),
            threshold=float(entry.get("threshold", 0.3)), weights=weights,
            weak_cues_need_company=bool(entry.get("weak_cues_need_company", False)),
        ))
    if not themes:
        raise ValueError(f"{path}: no [[themes]]")
    cap = scoring.get("weak_idf_cap")
    return ThemeTaxonomy(
        themes, float(scoring.get("scale", 2.5)), int(scoring.get("max_evidence", 3)),
        None if cap is None else float(cap),
    )


def with_thresholds(taxonomy: ThemeTaxonomy, thresholds: dict[str, float]) -> ThemeTaxonomy:
    """The taxonomy with calibrated thresholds (themes without one keep themes.toml's)."""
    themes = [replace(t, threshold=float(thresholds.get(t.id, t.threshold))) for t in taxonomy.themes]
    return replace(taxonomy, themes=themes)


def _cue_terms(doc_terms: list[str]) -> list[str]:
    """The vectoriser's analyzer: postings arrive already reduced to their cue terms."""
    return doc_terms


class ThemeScorer:
    """Sublinear TF-IDF over the cue vocabulary -> per theme S = sum(weight * tfidf),
    score = 1 - exp(-S / scale) in [0, 1), tagged when score >= the theme's threshold."""

    def __init__(self, taxonomy: ThemeTaxonomy, idf: dict[str, float] | None = None) -> None:
        self.taxonomy = taxonomy
        self.vocabulary = taxonomy.vocabulary
        self._vectorizer = TfidfVectorizer(
            vocabulary=self.vocabulary, analyzer=_cue_terms, sublinear_tf=True, norm=None, smooth_idf=True,
        )
        self._weights = np.array(
            [[theme.weights.get(term, 0.0) for theme in taxonomy.themes] for term in self.vocabulary]
        )
        self._strong_themes: dict[str, set[str]] = {}  # cue term -> themes it is a strong cue of
        for theme in taxonomy.themes:
            for term, weight in theme.weights.items():
                if weight >= 1:
                    self._strong_themes.setdefault(term, set()).add(theme.id)
        self.n_docs = 0
        if idf is not None:
            self.set_idf(idf)

    @property
    def fitted(self) -> bool:
        return hasattr(self._vectorizer, "idf_")

    def fit(self, term_docs: list[list[str]]) -> None:
        """Fit IDF on a reference corpus given as lists of cue terms (one list per posting)."""
        self._vectorizer.fit(term_docs or [[]])
        self.n_docs = len(term_docs)

    def set_idf(self, idf: dict[str, float], n_docs: int = 0) -> None:
        if set(idf) != set(self.vocabulary):
            raise ValueError("stored IDF does not cover the current cue vocabulary; refit it")
        self._vectorizer.idf_ = np.array([idf[term] for term in self.vocabulary])
        self.n_docs = n_docs

    def idf(self) -> dict[str, float]:
        return {term: float(value) for term, value in zip(self.vocabulary, self._vectorizer.idf_)}

    def score(self, hits_per_doc: list[list[CueHit]]) -> list[list[ThemeResult]]:
        """One list of ThemeResult (in taxonomy order) per posting."""
        if not self.fitted:
            raise RuntimeError("ThemeScorer.score called before fit() or set_idf()")
        if not hits_per_doc:
            return []
        idf_values = self._vectorizer.idf_
        weighted = self._weighted_idf(idf_values)
        sums = np.asarray(self._sublinear_tf(hits_per_doc, idf_values) @ weighted)
        theme_hits = {}  # theme index -> the hits it counts, when its weak cues need their own sentence
        for j, theme in enumerate(self.taxonomy.themes):
            if theme.weak_cues_need_company:
                theme_hits[j] = [self._own_sentence_hits(theme, hits) for hits in hits_per_doc]
                sums[:, j] = np.asarray(self._sublinear_tf(theme_hits[j], idf_values) @ weighted[:, j]).ravel()
        idf = dict(zip(self.vocabulary, idf_values))
        return [
            [self._result(theme, float(row[j]), theme_hits[j][i] if j in theme_hits else hits, idf)
             for j, theme in enumerate(self.taxonomy.themes)]
            for i, (row, hits) in enumerate(zip(sums, hits_per_doc))
        ]

    def _sublinear_tf(self, hits_per_doc: list[list[CueHit]], idf_values: np.ndarray):
        """Documents x terms matrix of 1 + ln(tf) (the vectoriser's TF-IDF divided by the IDF)."""
        matrix = self._vectorizer.transform([[hit.term for hit in hits] for hits in hits_per_doc])
        return matrix @ sparse.diags(1.0 / idf_values)

    def _own_sentence_hits(self, theme: Theme, hits: list[CueHit]) -> list[CueHit]:
        """The hits without this theme's weak cues in sentences about another theme only
        (a strong cue of another theme and none of this one)."""
        own, foreign = set(), set()
        for hit in hits:
            for other in self._strong_themes.get(hit.term, ()):
                (own if other == theme.id else foreign).add(hit.sentence_index)
        return [h for h in hits if not (0 < theme.weights.get(h.term, 0) < 1
                                        and h.sentence_index in foreign and h.sentence_index not in own)]

    def _weighted_idf(self, idf_values: np.ndarray) -> np.ndarray:
        """weight x IDF per (term, theme), the IDF of weak entries (weight < 1) capped."""
        cap = self.taxonomy.weak_idf_cap
        idf = np.repeat(idf_values[:, None], self._weights.shape[1], axis=1)
        if cap is not None:
            idf = np.where((self._weights > 0) & (self._weights < 1), np.minimum(idf, cap), idf)
        return self._weights * idf

    def _weak_capped(self, theme: Theme, term: str, idf: float) -> float:
        cap = self.taxonomy.weak_idf_cap
        return min(idf, cap) if cap is not None and theme.weights.get(term, 1.0) < 1 else idf

    def _result(self, theme: Theme, total: float, hits: list[CueHit], idf: dict) -> ThemeResult:
        score = round(1.0 - math.exp(-total / self.taxonomy.scale), 6)
        evidence = self._evidence(theme, hits, idf) if total > 0 else []
        return ThemeResult(theme.id, score, score >= theme.threshold, evidence)

    def _evidence(self, theme: Theme, hits: list[CueHit], idf: dict) -> list[str]:
        """The sentences that carried most of the theme's weight (at most max_evidence), in text order."""
        weight_by_sentence: dict[int, float] = {}
        text_by_sentence: dict[int, str] = {}
        for hit in hits:
            weight = theme.weights.get(hit.term)
            if weight:
                weight_by_sentence[hit.sentence_index] = weight_by_sentence.get(hit.sentence_index, 0.0) + weight * self._weak_capped(theme, hit.term, idf[hit.term])
                text_by_sentence[hit.sentence_index] = hit.sentence
        best = sorted(weight_by_sentence, key=lambda i: (-round(weight_by_sentence[i], 9), i))
        chosen = sorted(best[: self.taxonomy.max_evidence])
        return [_clip(text_by_sentence[i]) for i in chosen]


def _clip(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= MAX_EVIDENCE_CHARS else sentence[: MAX_EVIDENCE_CHARS - 1].rstrip() + "…"
