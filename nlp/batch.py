"""The tagger as pure functions over Arrow record batches: postings in, tag rows out.

`jobtrends tag` (nlp.stage, in its worker processes) and the Spark engine (`mapInArrow`) call
the same two functions, so the two engines cannot drift apart:

    infer_company_batch(about rows)  -> one industry per company (pooled about-texts)
    tag_batch(postings)              -> one tag row per posting, in input order

Spark infers the companies first and hands each batch its companies' industries (columns
below). `jobtrends tag` tags first with `defer_companies`: a named company's industry is left
pending and the posting's about-text comes back instead, so the pooled inference afterwards
reads the texts the tagging pass already extracted rather than parsing the postings again.

Neither reads or writes anything but its arguments; the spaCy pipeline and the taxonomy load
once per process (`get_tagger`), so a worker pays for them on its first batch only.

Input columns of `tag_batch` (INPUT_COLUMNS; strings, nullable): posting_id, title,
description, company, source_industry, config_industry; optional description_html; optional
company_industry and company_industry_confidence = the pooled inference for the posting's
company (from infer_company_batch over all the company's postings). Without those two
columns the batch's own postings are the pool of each company.
"""

from __future__ import annotations

from functools import lru_cache

import pyarrow as pa

from .industry import IndustryTag
from .tagger import PENDING, PostingInput, PostingTags, Tagger, company_key
from .sections import about_text, split_sections
from jobtrends.text import posting_text

INPUT_COLUMNS = ("posting_id", "title", "description", "company", "source_industry", "config_industry")
OPTIONAL_COLUMNS = ("description_html", "company_industry", "company_industry_confidence")
ABOUT_COLUMNS = ("company", "description", "description_html", "about")

THEME_TYPE = pa.struct([("theme", pa.string()), ("score", pa.float64()), ("tagged", pa.bool_()),
                        ("evidence", pa.list_(pa.string()))])
SKILL_TYPE = pa.struct([("skill", pa.string()), ("category", pa.string())])
TAG_SCHEMA = pa.schema([
    ("posting_id", pa.string()), ("role", pa.string()), ("seniority", pa.string()),
    ("industry", pa.string()), ("industry_source", pa.string()), ("industry_confidence", pa.float64()),
    ("themes", pa.list_(THEME_TYPE)), ("skills", pa.list_(SKILL_TYPE)),
    ("error", pa.string()),            # null unless the posting's text could not be processed
    ("tagger_version", pa.string()),
])
COMPANY_SCHEMA = pa.schema([("company_key", pa.string()), ("industry", pa.string()),
                            ("industry_confidence", pa.float64())])

_TAGGERS: dict[str, Tagger] = {}


def get_tagger(spacy_model: str = "") -> Tagger:
    """This process's tagger for `spacy_model` (built on first use)."""
    if spacy_model not in _TAGGERS:
        _TAGGERS[spacy_model] = Tagger(spacy_model)
    return _TAGGERS[spacy_model]


def use_tagger(tagger: Tagger, spacy_model: str = "") -> None:
    """Make `tagger` this process's tagger for `spacy_model` (a forked worker takes its
    parent's, already loaded)."""
    _TAGGERS[spacy_model] = tagger


@lru_cache(maxsize=65536)
def _company_key(company: str | None) -> str:
    return company_key(PostingInput("", company=company))


def company_key_of(company: str | None, posting_id: str) -> str:
    """The pooling key of a posting's company ("company:<normalised name>"); a posting
    without a company is its own pool ("posting:<id>")."""
    key = _company_key(company)
    return key if key != "posting:" else f"posting:{posting_id}"


def tag_batch(batch: pa.RecordBatch, *, tagger: Tagger | None = None,
              idf: tuple[dict[str, float], int] | None = None, defer_companies: bool = False) -> pa.RecordBatch:
    """One TAG_SCHEMA row per input posting, in input order. `idf` (weights, n_docs) replaces
    the tagger's IDF (only when no calibrated model brings one). With `defer_companies`, a
    posting of a named company whose industry is neither given nor from a source field or the
    company map gets industry null (source 'inferred', pending), and the rows carry one more
    column, `about`: that posting's about-the-company text (null for the others)."""
    tagger = tagger or get_tagger()
    _require(batch, INPUT_COLUMNS)
    if idf is not None:
        tagger.scorer.set_idf(*idf)
    postings = postings_of(batch)
    with tagger.memory_zone():
        analyses = tagger.analyse(postings)
        tags = {t.posting_id: t for t in tagger.tag(postings, analyses, company_cache=_company_cache(batch),
                                                      defer_companies=defer_companies)}
    errors = {a.posting_id: a.error for a in analyses if a.error}
    rows = _tag_rows(postings, tags, errors, tagger.version)
    if not defer_companies:
        return rows
    about = [a.about if (t := tags.get(a.posting_id)) is not None and t.industry is PENDING else None
             for a in analyses]
    return rows.append_column("about", pa.array(about, pa.string()))


def infer_company_batch(batch: pa.RecordBatch, *, tagger: Tagger | None = None) -> pa.RecordBatch:
    """One COMPANY_SCHEMA row per company key in the batch, inferred from the company's name
    and the about-texts of the rows (company, description, description_html, and optionally
    `about`: the about-text already extracted, used instead of the description when not
    null): the caller sends, for each company, its first MAX_ABOUT_TEXTS postings by
    posting_id (or their distinct about-texts), and all rows of one key in one batch."""
    tagger = tagger or get_tagger()
    _require(batch, ("company", "description"))
    columns = {name: _column(batch, name) for name in ABOUT_COLUMNS}
    pooled: dict[str, tuple[str, list[str]]] = {}
    for company, description, html, about in zip(*(columns[name] for name in ABOUT_COLUMNS)):
        if company is None:
            continue
        text = about if about is not None else about_of(description, html)
        pooled.setdefault(_company_key(company), (company, []))[1].append(text)
    rows = {"company_key": [], "industry": [], "industry_confidence": []}
    with tagger.memory_zone():
        for key in sorted(pooled):
            company, texts = pooled[key]
            found = tagger.infer_company_industry(company, texts)
            rows["company_key"].append(key)
            rows["industry"].append(found.industry)
            rows["industry_confidence"].append(found.confidence)
    return pa.RecordBatch.from_pydict(rows, schema=COMPANY_SCHEMA)


def one_batch(table: pa.Table) -> pa.RecordBatch:
    """A table as one record batch (the functions above take one)."""
    batches = table.combine_chunks().to_batches()
    return batches[0] if batches else pa.RecordBatch.from_pylist([], schema=table.schema)


def about_of(description: str | None, html: str | None) -> str:
    try:
        return about_text(split_sections(posting_text(description, html)))
    except Exception:  # untrusted markup of another posting: its pitch is just not pooled
        return ""


# --- helpers ----------------------------------------------------------------------------

def _require(batch: pa.RecordBatch, names) -> None:
    missing = [n for n in names if n not in batch.schema.names]
    if missing:
        raise ValueError(f"the batch lacks the column(s) {', '.join(missing)} "
                         f"(has {', '.join(batch.schema.names)})")


def _column(batch: pa.RecordBatch, name: str) -> list:
    if name not in batch.schema.names:
        return [None] * batch.num_rows
    return batch.column(name).to_pylist()


def postings_of(batch: pa.RecordBatch) -> list[PostingInput]:
    """The batch's rows as the tagger's PostingInput."""
    c = {name: _column(batch, name) for name in INPUT_COLUMNS + ("description_html",)}
    return [
        PostingInput(pid, title or "", desc or "", html, company, src, cfg)
        for pid, title, desc, html, company, src, cfg in zip(
            c["posting_id"], c["title"], c["description"], c["description_html"], c["company"],
            c["source_industry"], c["config_industry"])
    ]


def _company_cache(batch: pa.RecordBatch) -> dict[str, IndustryTag]:
    """company key -> the pooled inference given with the batch."""
    if "company_industry" not in batch.schema.names:
        return {}
    cache = {}
    for pid, company, industry, confidence in zip(
            _column(batch, "posting_id"), _column(batch, "company"), _column(batch, "company_industry"),
            _column(batch, "company_industry_confidence")):
        if industry is not None:
            cache[company_key_of(company, pid)] = IndustryTag(industry, "inferred", float(confidence or 0.0))
    return cache


def _tag_rows(postings: list[PostingInput], tags: dict[str, PostingTags], errors: dict[str, str],
              version: str) -> pa.RecordBatch:
    rows = []
    for posting in postings:
        t = tags.get(posting.posting_id)
        if t is None:
            rows.append({"posting_id": posting.posting_id, "themes": [], "skills": [],
                         "error": errors.get(posting.posting_id, "not tagged"), "tagger_version": version})
            continue
        rows.append({
            "posting_id": t.posting_id, "role": t.role, "seniority": t.seniority,
            "industry": t.industry.industry, "industry_source": t.industry.source,
            "industry_confidence": t.industry.confidence,
            "themes": [{"theme": th.theme, "score": th.score, "tagged": th.tagged, "evidence": th.evidence}
                       for th in t.themes],
            "skills": [{"skill": s, "category": c} for s, c in t.skills],
            "error": None, "tagger_version": version,
        })
    return pa.RecordBatch.from_pylist(rows, schema=TAG_SCHEMA)
