"""One company, one industry: the pooled inference of `jobtrends tag`, after the tagging pass.

A company's industry is inferred from its name and the about-texts of its first
MAX_ABOUT_TEXTS postings (by posting_id) in the store, whether or not they are due. The
tagging pass already splits every due posting into sections, so it returns the about-text of
each posting whose company is pending (nlp.batch.tag_batch with defer_companies) and
AboutPool keeps those of pool members; only pool members that were not tagged in this run are
read and parsed again. Then every company is inferred once (nlp.batch.infer_company_batch)
and its industry written to all its postings with an inferred industry, in one UPDATE.

Until that UPDATE, the postings of a pending company have industry NULL; a run stopped in
between leaves them so, and the next run tags them again (nlp.stage._due).
"""

from __future__ import annotations

import pyarrow as pa

from . import industry as ind
from .batch import ABOUT_COLUMNS, company_key_of
from .industry import IndustryTag
from .tagger import MAX_ABOUT_TEXTS, Tagger

_ABOUT_SCHEMA = pa.schema([(name, pa.string()) for name in ABOUT_COLUMNS])


def companies_to_infer(con, tagger: Tagger, due: list[str]) -> list[str]:
    """Companies of due postings without a source label or company-map entry, sorted."""
    found = con.execute(
        """SELECT DISTINCT company, source_industry, config_industry FROM store.postings
           WHERE company IS NOT NULL AND posting_id IN (SELECT unnest(?))""", [due]).fetchall()
    return sorted({company for company, src, cfg in found
                   if ind.from_source_fields(src, cfg, company, tagger.industries) is None})


_POOL = """
    SELECT company, posting_id FROM (
        SELECT company, posting_id, row_number() OVER (PARTITION BY company ORDER BY posting_id) AS n
        FROM store.postings WHERE company IN (SELECT unnest($names))
    ) WHERE n <= $most
"""


class AboutPool:
    """The about-texts of each company's pool members: those the tagging pass returned, and
    (read when a batch of companies is inferred) those it did not see."""

    def __init__(self, con, names: list[str]) -> None:
        # Pool members not yet seen, by company; a member's text is kept once per distinct text.
        self.unseen: dict[str, set[str]] = {}
        for company, pid in con.execute(f"SELECT company, posting_id FROM ({_POOL})",
                                        {"names": names, "most": MAX_ABOUT_TEXTS}).fetchall():
            self.unseen.setdefault(company, set()).add(pid)
        self.texts: dict[str, set[str]] = {}

    def collect(self, posting_ids: list[str], companies: list[str | None], abouts: list[str | None]) -> None:
        """Keep the about-texts a tagged batch returned (null: not pending) of pool members."""
        for pid, company, about in zip(posting_ids, companies, abouts):
            if about is not None and pid in self.unseen.get(company, ()):
                self.unseen[company].discard(pid)
                self.texts.setdefault(company, set()).add(about)

    def rows(self, con, names: list[str]) -> pa.Table:
        """infer_company_batch's input for `names`, by company: the collected texts, and the
        descriptions of pool members the tagging pass did not return (read only when there
        are any: the read scans the postings table)."""
        unseen_ids = [pid for name in names for pid in self.unseen.get(name, ())]
        stored = con.execute(
            "SELECT company, description, description_html FROM store.postings "
            "WHERE posting_id IN (SELECT unnest(?)) ORDER BY company, posting_id", [unseen_ids]).fetchall() if unseen_ids else []
        unseen: dict[str, list[dict]] = {}
        for company, description, html in stored:
            unseen.setdefault(company, []).append({"company": company, "description": description,
                                                   "description_html": html, "about": None})
        rows = []
        for name in names:  # sorted: the first raw name of a company key names it, as before
            rows += [{"company": name, "description": None, "description_html": None, "about": text}
                     for text in sorted(self.texts.pop(name, ()))]
            rows += unseen.get(name, [])
            self.unseen.pop(name, None)
        return pa.Table.from_pylist(rows, schema=_ABOUT_SCHEMA)


def write_company_industries(con, names: list[str], inferred: dict[str, IndustryTag]) -> None:
    """Each named company's inferred industry on every one of its postings whose industry is
    inferred (pending ones of this run, and those tagged earlier: one company, one industry)."""
    rows = [(name, tag.industry, tag.confidence) for name in names
            if (key := company_key_of(name, "")).startswith("company:") and (tag := inferred.get(key))]
    table = pa.table({"company": [r[0] for r in rows], "industry": [r[1] for r in rows],
                      "confidence": pa.array([r[2] for r in rows], pa.float64())})
    con.register("company_industries", table)
    try:
        con.execute(
            """
            UPDATE store.posting_tags AS t SET industry = c.industry, industry_confidence = c.confidence
            FROM store.postings AS p JOIN company_industries AS c ON p.company = c.company
            WHERE t.posting_id = p.posting_id AND t.industry_source = 'inferred'
            """
        )
    finally:
        con.unregister("company_industries")
