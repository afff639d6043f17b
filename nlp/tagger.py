"""Tag postings: themes, skills, role, seniority and industry, without touching the database.

nlp.stage reads postings from the store and writes what this module computes; tests and
the evaluation call it directly. The flow for a batch of postings:

    text (HTML -> lines) -> sections -> job text -> spaCy (theme_cues, skill_matcher, role_cues)
                                     -> about text -> spaCy (industry_cues), pooled per company
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from jobtrends.paths import data_dir as default_data_dir

from . import industry as ind
from .pipeline import build_pipeline, disabled_for
from .model import load_model
from .negation import is_negated
from .role import load_roles, role_from_title_and_duties, seniority_from_title
from .sections import about_text, job_text, split_sections
from jobtrends.text import posting_text
from .themes import CueHit, ThemeResult, ThemeScorer, load_themes, with_thresholds

log = logging.getLogger(__name__)

# Bump when the code's tagging logic changes; data-file changes are picked up by their hash.
CODE_VERSION = "nlp-3"
DATA_FILES = ("themes.toml", "roles.toml", "skills.csv", "industries.toml", "company_map.csv", "models/themes.json")
MAX_TEXT_CHARS = 60_000       # longer postings are boilerplate-heavy; cap the NLP cost
MAX_ABOUT_TEXTS = 20          # per company, for industry inference
# A company's industry left for the caller to infer from the pooled about-texts of all its
# postings (Tagger.tag with defer_companies): nlp.stage fills it in after tagging.
PENDING = ind.IndustryTag(None, "inferred", None)
PIPE_BATCH = 64
VOCABULARY_LIMIT = 100_000    # spaCy strings kept for good by a long run (Tagger.memory_zone)


def tagger_version(data_dir: str | Path | None = None) -> str:
    """CODE_VERSION + a hash of the taxonomy files: any edit re-tags every posting."""
    folder = Path(data_dir) if data_dir else default_data_dir()
    digest = hashlib.sha256(CODE_VERSION.encode())
    for name in DATA_FILES:
        path = folder / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"<missing>") + b"\0")
    return f"{CODE_VERSION}-{digest.hexdigest()[:12]}"


TAGGER_VERSION = tagger_version()


@dataclass
class PostingInput:
    posting_id: str
    title: str = ""
    description: str = ""
    description_html: str | None = None
    company: str | None = None
    source_industry: str | None = None
    config_industry: str | None = None


@dataclass
class Analysis:
    """What the NLP found in one posting's text (before scoring)."""

    posting_id: str
    hits: list[CueHit] = field(default_factory=list)
    skills: list[tuple[str, str]] = field(default_factory=list)
    duty_hits: Counter = field(default_factory=Counter)
    about: str = ""
    error: str | None = None


@dataclass
class PostingTags:
    posting_id: str
    role: str
    seniority: str
    industry: ind.IndustryTag
    themes: list[ThemeResult]
    skills: list[tuple[str, str]]


def company_key(posting: PostingInput) -> str:
    """Postings of one company pool their evidence; a posting without a company stands alone."""
    name = ind.normalise_company(posting.company)
    return f"company:{name}" if name else f"posting:{posting.posting_id}"


def _without_negated(hits: list[CueHit]) -> list[CueHit]:
    """Drop cues of sentences that say the job does not need them ("no Kubernetes needed")."""
    verdict: dict[int, bool] = {}
    kept = []
    for hit in hits:
        if hit.sentence_index not in verdict:
            verdict[hit.sentence_index] = is_negated(hit.sentence)
        if not verdict[hit.sentence_index]:
            kept.append(hit)
    return kept


_NON_WORD = re.compile(r"[^\w+#]+")
# Level words vary between a title and its echoes in the text ("Sr. ML Scientist" vs
# "ML SCIENTIST *** Remote ***"), so they are left out when looking for the echo.
_LEVEL_WORDS = re.compile(r"\b(senior|sr|junior|jr|lead|principal|staff|associate|entry level|graduate|"
                          r"intern|head of|ii|iii|iv)\b")


def _plain_words(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def _title_core(title: str) -> str:
    """The title without level words and punctuation; the whole plain title if that leaves
    fewer than two words (too little to recognise an echo by)."""
    plain = _plain_words(title)
    core = " ".join(_LEVEL_WORDS.sub(" ", plain).split())
    return core if len(core.split()) >= 2 else plain


def _without_title_mentions(hits: list[CueHit], title: str | None) -> list[CueHit]:
    """Drop cues that only repeat the job title ("… is hiring a Senior NLP Engineer",
    "NLP ENGINEER | Berlin"): naming the role does not make the theme part of the job; the
    duties do."""
    core = _title_core(title or "")
    if not core:
        return hits
    return [h for h in hits if not (_plain_words(h.term) in core and core in _plain_words(h.sentence))]


class Tagger:
    def __init__(self, spacy_model: str = "", data_dir: str | Path | None = None, use_model: bool = True) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.version = tagger_version(self.data_dir)
        self.themes = load_themes(self.data_dir / "themes.toml")
        # The calibrated model (data/models/themes.json): thresholds and the IDF it was tuned with.
        self.model = load_model(self.data_dir, CODE_VERSION) if use_model else None
        if self.model is not None:
            self.themes = with_thresholds(self.themes, self.model.thresholds)
        self.roles = load_roles(self.data_dir / "roles.toml")
        self.industries = ind.load_industries(self.data_dir / "industries.toml", self.data_dir / "company_map.csv")
        self.nlp = build_pipeline(spacy_model, self.data_dir)
        self.scorer = ThemeScorer(self.themes)
        if self.model is not None:
            self.scorer.set_idf(self.model.idf, self.model.n_docs)

    # --- text -> analysis -----------------------------------------------------------------

    def analyse(self, postings: list[PostingInput]) -> list[Analysis]:
        """Sections and spaCy matches of each posting; a posting that fails gets `error` set."""
        analyses, texts = [], []
        for posting in postings:
            analysis = Analysis(posting.posting_id)
            try:
                sections = split_sections(posting_text(posting.description, posting.description_html)[:MAX_TEXT_CHARS])
                analysis.about = about_text(sections)
                texts.append(job_text(sections))
            except Exception as error:  # untrusted markup: one bad posting must not stop the rest
                analysis.error = f"text extraction failed: {type(error).__name__}: {error}"
                texts.append("")
            analyses.append(analysis)
        for posting, analysis, doc in zip(postings, analyses, self._pipe(texts, "job")):
            if analysis.error is None and doc is not None:
                analysis.hits = _without_negated(_without_title_mentions(doc._.theme_hits, posting.title))
                analysis.skills, analysis.duty_hits = doc._.skills, doc._.duty_hits
            elif analysis.error is None:
                analysis.error = "spaCy failed on this text"
        return analyses

    def memory_zone(self):
        """spaCy's memory zone, for a long run's batches (nlp.batch), once the vocabulary holds
        VOCABULARY_LIMIT strings: the strings, lexemes and tokenizer-cache entries the block
        adds are then freed at its end (only plain Python values leave the tagger's methods,
        never docs). Without it every new word stays: on the scale corpus a worker grew by
        ~9 KB a posting, past 4 GB in all at 1M postings. Below the limit words are kept for
        good, so the common ones are not created and freed again in every batch (zones from
        the first batch cost ~9% of the speed on the corpus)."""
        if len(self.nlp.vocab.strings) < VOCABULARY_LIMIT:
            return nullcontext()
        return self.nlp.memory_zone()

    def _pipe(self, texts: list[str], purpose: str):
        disable = disabled_for(purpose, self.nlp)
        try:
            return list(self.nlp.pipe(texts, batch_size=PIPE_BATCH, disable=disable))
        except Exception:  # isolate the posting that breaks the batch
            log.exception("spaCy batch failed; retrying one text at a time")
            docs = []
            for text in texts:
                try:
                    docs.append(self.nlp(text, disable=disable))
                except Exception:
                    docs.append(None)
            return docs

    # --- themes ---------------------------------------------------------------------------

    def fit_idf(self, analyses: list[Analysis]) -> None:
        """Fit the theme IDF on these postings (the reference corpus)."""
        self.scorer.fit([[hit.term for hit in a.hits] for a in analyses if a.error is None])

    # --- industry -------------------------------------------------------------------------

    def infer_company_industry(self, company: str | None, about_texts: list[str]) -> ind.IndustryTag:
        """One industry for a company from its name and its distinct about-texts."""
        distinct = sorted(set(t.strip() for t in about_texts if t and t.strip()))[:MAX_ABOUT_TEXTS]
        counts: Counter = Counter()
        for doc in self._pipe(distinct, "about"):
            if doc is not None:
                counts += doc._.industry_hits
        return ind.infer(company, counts, self.industries)

    def industries_for(self, postings: list[PostingInput], analyses: list[Analysis],
                       pooled_about: dict[str, list[str]] | None = None,
                       company_cache: dict[str, ind.IndustryTag] | None = None,
                       defer_companies: bool = False) -> dict[str, ind.IndustryTag]:
        """posting_id -> industry. `pooled_about`: company key -> about-texts of *all* the
        company's postings (from the store); without it, the given postings are the pool.
        `company_cache` keeps inferred industries across calls (one run, many chunks).
        `defer_companies`: a named company not in the cache gets PENDING instead of an
        inference from these postings alone (a posting without a company is its own pool and
        is still inferred here)."""
        about_by_company: dict[str, list[str]] = defaultdict(list)
        for posting, analysis in zip(postings, analyses):
            about_by_company[company_key(posting)].append(analysis.about)
        for key, texts in (pooled_about or {}).items():
            about_by_company[key].extend(texts)
        inferred = company_cache if company_cache is not None else {}
        result = {}
        for posting in postings:
            tag = ind.from_source_fields(posting.source_industry, posting.config_industry, posting.company, self.industries)
            if tag is None:
                key = company_key(posting)
                if key in inferred:
                    tag = inferred[key]
                elif defer_companies and key.startswith("company:"):
                    tag = PENDING
                else:
                    tag = inferred[key] = self.infer_company_industry(posting.company, about_by_company[key])
            result[posting.posting_id] = tag
        return result

    # --- all together ---------------------------------------------------------------------

    def tag(self, postings: list[PostingInput], analyses: list[Analysis] | None = None,
            pooled_about: dict[str, list[str]] | None = None,
            company_cache: dict[str, ind.IndustryTag] | None = None,
            defer_companies: bool = False) -> list[PostingTags]:
        """Tags for postings whose analysis succeeded (the IDF must be fitted or set)."""
        analyses = analyses if analyses is not None else self.analyse(postings)
        good = [(p, a) for p, a in zip(postings, analyses) if a.error is None]
        if not good:
            return []
        postings_ok, analyses_ok = [p for p, _ in good], [a for _, a in good]
        theme_rows = self.scorer.score([a.hits for a in analyses_ok])
        industries = self.industries_for(postings_ok, analyses_ok, pooled_about, company_cache, defer_companies)
        return [
            PostingTags(
                posting_id=p.posting_id,
                role=role_from_title_and_duties(p.title, a.duty_hits, self.roles),
                seniority=seniority_from_title(p.title, self.roles),
                industry=industries[p.posting_id],
                themes=themes,
                skills=a.skills,
            )
            for p, a, themes in zip(postings_ok, analyses_ok, theme_rows)
        ]
