"""spaCy components of the tagger, registered by name with @Language.factory.

Each rule-based component loads its patterns from data/ in `initialize()` (spaCy's hook for
loading resources), so the taxonomy is data, not code, and a later, trained component can
replace one by name. `data_dir` in the component config points at another folder (tests,
users' own taxonomies); empty means jobtrends.paths.data_dir().

| name            | sets                 | from                 |
|-----------------|----------------------|----------------------|
| sentences       | sentence starts: the sentencizer's rules, and every line break | - |
| line_sentences  | with a trained parser: sentence starts at line breaks | - |
| theme_cues      | Doc._.theme_hits: [CueHit]        | data/themes.toml     |
| skill_matcher   | Doc._.skills: [(skill, category)] | data/skills.csv      |
| role_cues       | Doc._.duty_hits: Counter role->n  | data/roles.toml      |
| industry_cues   | Doc._.industry_hits: Counter id->n | data/industries.toml |
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from pathlib import Path

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from jobtrends.paths import data_dir as default_data_dir

from .industry import load_industries
from .role import load_roles
from .skills import context_confirms, load_skills
from .themes import CueHit, load_themes

for _name, _default in (("theme_hits", None), ("skills", None), ("duty_hits", None), ("industry_hits", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _resolve(data_dir: str | Path | None) -> Path:
    return Path(data_dir) if data_dir else default_data_dir()


def plural_variants(term: str) -> list[str]:
    """The term and a plural of its last word ("data pipeline" -> "data pipelines")."""
    if not term[-1:].isalpha() or term.endswith("s"):
        return [term]
    if term.endswith("y") and term[-2:-1] not in "aeiou":
        return [term, term[:-1] + "ies"]
    return [term, term + "s"]


class _PhraseComponent:
    """A PhraseMatcher on LOWER whose keys and patterns come from a data file."""

    data_file = ""

    def __init__(self, nlp: Language, name: str, data_dir: str) -> None:
        self.nlp, self.name, self.data_dir = nlp, name, data_dir
        self.matcher: PhraseMatcher | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, data_dir: str | None = None) -> None:
        self.data_dir = data_dir or self.data_dir
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.load(_resolve(self.data_dir) / self.data_file)

    def add(self, key: str, phrases: list[str]) -> None:
        self.matcher.add(key, list(self.nlp.tokenizer.pipe(phrases)))

    def spans(self, doc: Doc):
        """Matched spans (label = key), overlapping ones reduced to the longest."""
        if self.matcher is None:
            raise RuntimeError(f"spaCy component {self.name!r} used before initialize()")
        return filter_spans(self.matcher(doc, as_spans=True))

    def load(self, path: Path) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


def _first_after(marks: np.ndarray, words: np.ndarray) -> np.ndarray:
    """Indices of the `words` tokens with at least one `marks` token between them and the
    previous `words` token (the state machine of spaCy's sentencizer, as array operations)."""
    index = np.flatnonzero(words)
    seen = np.cumsum(marks)[index]
    before = np.concatenate(([0], seen[:-1]))
    return index[seen > before]


class Sentences:
    """Sentence starts of spaCy's sentencizer (after ".", "!", "?" … once a word follows),
    and a line break (heading, list item, paragraph) always starts a sentence: list items
    rarely end with a full stop, and evidence should be one item, not a whole list.

    The same rules as `sentencizer` + `line_sentences`, computed over token arrays: the two
    loops over Token objects were a third of the tagging time."""

    def __init__(self, nlp: Language, name: str, punct_chars: list[str] | None = None) -> None:
        self.name = name
        chars = punct_chars or Sentencizer.default_punct_chars
        self.punct_ids = np.array(sorted(nlp.vocab.strings.add(c) for c in chars), dtype=np.uint64)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orth, punct, space = doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).T
        found = np.searchsorted(self.punct_ids, orth) % len(self.punct_ids)  # np.isin sorts: slower
        sentence_end = self.punct_ids[found] == orth
        starts = np.full(len(doc), -1, dtype=np.int64)
        starts[0] = 1
        starts[_first_after(sentence_end, (punct == 0) & ~sentence_end)] = 1
        starts[_first_after(_line_breaks(doc, space), space == 0)] = 1
        doc.from_array([SENT_START], starts.view(np.uint64))
        return doc


def _line_breaks(doc: Doc, space: np.ndarray) -> np.ndarray:
    """Tokens holding a line break (only whitespace tokens can)."""
    breaks = np.zeros(len(doc), dtype=bool)
    for i in np.flatnonzero(space):
        breaks[i] = "\n" in doc[int(i)].text
    return breaks


class LineSentences:
    """With a trained parser: a line break always starts a sentence (set before the parser,
    which keeps the starts it is given)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        space = doc.to_array([IS_SPACE]).ravel()
        for i in _first_after(_line_breaks(doc, space), space == 0):
            doc[int(i)].is_sent_start = True
        return doc


class ThemeCues(_PhraseComponent):
    data_file = "themes.toml"

    def load(self, path: Path) -> None:
        vocabulary = load_themes(path).vocabulary
        terms = set(vocabulary)
        for term in vocabulary:
            self.add(term, [v for v in plural_variants(term) if v == term or v not in terms])

    def __call__(self, doc: Doc) -> Doc:
        spans = self.spans(doc)
        hits = []
        if spans:
            # Span.sent walks the tokens each time; one pass over the sentences is cheaper.
            sentences = list(doc.sents)
            starts = [sent.start for sent in sentences]
            texts: dict[int, str] = {}
            whole = doc.text  # built from the tokens on each access: once
            for span in spans:
                index = bisect_right(starts, span.start) - 1
                if index not in texts:  # the doc's own characters: cheaper than Span.text
                    texts[index] = whole[sentences[index].start_char:sentences[index].end_char].strip()
                hits.append(CueHit(span.label_, texts[index], index))
        doc._.theme_hits = hits
        return doc


class SkillMatcher(_PhraseComponent):
    data_file = "skills.csv"

    def load(self, path: Path) -> None:
        self.skills = {skill.name.lower(): skill for skill in load_skills(path)}
        for key, skill in self.skills.items():
            self.add(key, list(skill.forms))

    def __call__(self, doc: Doc) -> Doc:
        matches = [(span.start, span.end, self.skills[span.label_]) for span in self.spans(doc)]
        clear = [m for m in matches if not m[2].is_ambiguous(doc[m[0]:m[1]].text)]
        found: dict[str, str] = {}
        for start, end, skill in matches:
            if (start, end, skill) in clear or context_confirms(doc, start, end, skill, clear):
                found.setdefault(skill.name, skill.category)
        doc._.skills = list(found.items())
        return doc


class RoleCues(_PhraseComponent):
    data_file = "roles.toml"

    def load(self, path: Path) -> None:
        for role, cues in load_roles(path).duties.items():
            self.add(role, list(cues))

    def __call__(self, doc: Doc) -> Doc:
        doc._.duty_hits = Counter(span.label_ for span in self.spans(doc))
        return doc


class IndustryCues(_PhraseComponent):
    data_file = "industries.toml"

    def load(self, path: Path) -> None:
        for industry in load_industries(path).industries:
            if industry.cues:
                self.add(industry.id, list(industry.cues))

    def __call__(self, doc: Doc) -> Doc:
        doc._.industry_hits = Counter(span.label_ for span in self.spans(doc))
        return doc


@Language.factory("sentences")
def make_sentences(nlp: Language, name: str) -> Sentences:
    return Sentences(nlp, name)


@Language.factory("line_sentences")
def make_line_sentences(nlp: Language, name: str) -> LineSentences:
    return LineSentences(nlp, name)


@Language.factory("theme_cues", default_config={"data_dir": ""})
def make_theme_cues(nlp: Language, name: str, data_dir: str) -> ThemeCues:
    return ThemeCues(nlp, name, data_dir)


@Language.factory("skill_matcher", default_config={"data_dir": ""})
def make_skill_matcher(nlp: Language, name: str, data_dir: str) -> SkillMatcher:
    return SkillMatcher(nlp, name, data_dir)


@Language.factory("role_cues", default_config={"data_dir": ""})
def make_role_cues(nlp: Language, name: str, data_dir: str) -> RoleCues:
    return RoleCues(nlp, name, data_dir)


@Language.factory("industry_cues", default_config={"data_dir": ""})
def make_industry_cues(nlp: Language, name: str, data_dir: str) -> IndustryCues:
    return IndustryCues(nlp, name, data_dir)
