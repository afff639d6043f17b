"""`jobtrends tag`: tag the postings that are new or changed, and write the tags to the store.

DuckDB allows one writer, and readers in other processes are locked out while it writes, so
the database is opened only briefly per chunk: open, read the chunk, close; tag it (the slow
part, no lock held); open, replace its rows in one transaction, close.

A posting is due when it has no tags, its content_hash differs from the one its tags were
computed from, or its tags come from another TAGGER_VERSION (or always, with all_postings).
The theme IDF is stored in store.meta; it is (re)fitted, on a deterministic sample of the
store, when none is stored for this TAGGER_VERSION or with all_postings, and then every
posting is re-tagged so that all scores share one IDF (docs/tagging.md).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import pyarrow as pa
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jobtrends.config import Config
from jobtrends.store import transaction, utcnow, writing

from . import industry as ind
from .tagger import MAX_ABOUT_TEXTS, PostingInput, PostingTags, Tagger
from .tagger import company_key
from .workers import ChunkJob, ChunkResult, TaggingPool, infer_companies, iter_chunks, tag_chunk

IDF_META_KEY = "theme_idf"
COMPANY_BATCH = 500         # companies per industry-inference job
IDF_SAMPLE = 5000           # postings the IDF is fitted on at most (lowest posting_id first)
_POSTING_COLUMNS = "posting_id, title, description, description_html, company, source_industry, config_industry, content_hash, source, url"

TAGS_SCHEMA = pa.schema([
    ("posting_id", pa.string()), ("role", pa.string()), ("seniority", pa.string()), ("industry", pa.string()),
    ("industry_source", pa.string()), ("industry_confidence", pa.float64()), ("content_hash", pa.string()),
    ("tagger_version", pa.string()), ("tagged_at", pa.timestamp("us")),
])
THEMES_SCHEMA = pa.schema([
    ("posting_id", pa.string()), ("theme", pa.string()), ("score", pa.float64()), ("tagged", pa.bool_()),
    ("evidence", pa.list_(pa.string())),
])
SKILLS_SCHEMA = pa.schema([("posting_id", pa.string()), ("skill", pa.string()), ("category", pa.string())])


@dataclass
class TagSummary:
    tagged: int = 0              # postings (re)tagged in this run
    skipped: int = 0             # postings whose tags were already current
    seconds: float = 0.0
    failed: int = 0              # postings whose text could not be processed (see store.rejects)
    idf_refitted: bool = False
    tagger_version: str = ""


@dataclass
class _Row:
    posting: PostingInput
    content_hash: str
    source: str
    url: str | None


def run_tag(db_path: str, config: Config, *, all_postings: bool = False, progress: bool = True) -> TagSummary:
    """Tag due postings (all with all_postings) and write posting_tags, theme_tags, skill_tags."""
    started = time.perf_counter()
    tagger = Tagger(config.tag.spacy_model)
    chunk_size = max(1, config.tag.batch_size)
    with writing(db_path) as con:
        _refresh_themes(con, tagger)
        total = con.execute("SELECT count(*) FROM store.postings").fetchone()[0]
        stored = _read_idf(con)
        # A calibrated model brings its own IDF (the thresholds were tuned with it): no refit.
        refit = tagger.model is None and (
            all_postings or stored is None or stored.get("tagger_version") != tagger.version)
        due = _due_ids(con, tagger.version, everything=refit or all_postings)
        sample = _sample_ids(con) if refit and due else []
    summary = TagSummary(skipped=total - len(due), idf_refitted=bool(refit and due), tagger_version=tagger.version)
    with _progress(progress) as bar:
        idf = None
        if summary.idf_refitted:
            _fit_idf(db_path, tagger, sample, chunk_size, bar)
            idf = (tagger.scorer.idf(), tagger.scorer.n_docs)
        elif due and tagger.model is None:
            idf = (stored["idf"], stored.get("n_docs", 0))
        task = bar.add_task("tagging", total=len(due))
        # A pool only pays for its start-up when there is more than one chunk.
        workers = config.tag.workers if len(due) > chunk_size else 1
        first = [True]
        companies: dict = {}

        def write(job: ChunkJob, result: ChunkResult) -> None:
            rows = job.context
            failed = [(r, result.errors[r.posting.posting_id]) for r in rows if r.posting.posting_id in result.errors]
            with writing(db_path) as con, transaction(con):
                _write_chunk(con, tagger, rows, result.tags, failed)
                if summary.idf_refitted and first[0]:
                    _write_idf(con, tagger)
            first[0] = False
            summary.tagged += len(result.tags)
            summary.failed += len(failed)
            bar.advance(task, len(rows))

        with TaggingPool(workers, tagger, config.tag.spacy_model) as pool:
            names = _companies_to_infer(db_path, tagger, due)
            pools = (_company_pool_of(db_path, batch) for batch in iter_chunks(names, COMPANY_BATCH))
            pool.run(infer_companies, pools, lambda _job, found: companies.update(found))
            jobs = (_load_chunk(db_path, ids, idf, companies) for ids in iter_chunks(due, chunk_size))
            pool.run(tag_chunk, jobs, write)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), disable=not enabled, transient=False,
    )


# --- reading ----------------------------------------------------------------------------

def _due_ids(con, version: str, everything: bool) -> list[str]:
    if everything:
        return [r[0] for r in con.execute("SELECT posting_id FROM store.postings ORDER BY posting_id").fetchall()]
    return [r[0] for r in con.execute(
        """
        SELECT p.posting_id FROM store.postings AS p
        LEFT JOIN store.posting_tags AS t USING (posting_id)
        WHERE t.posting_id IS NULL OR t.content_hash <> p.content_hash OR t.tagger_version <> ?
        ORDER BY p.posting_id
        """,
        [version],
    ).fetchall()]


def _sample_ids(con) -> list[str]:
    """The IDF's reference corpus: posting ids are hashes, so the lowest ones are an unbiased
    and deterministic sample."""
    return [r[0] for r in con.execute(
        "SELECT posting_id FROM store.postings ORDER BY posting_id LIMIT ?", [IDF_SAMPLE]
    ).fetchall()]


def _read_rows(con, ids: list[str]) -> list[_Row]:
    result = con.execute(
        f"SELECT {_POSTING_COLUMNS} FROM store.postings WHERE posting_id IN (SELECT unnest(?)) ORDER BY posting_id",
        [ids],
    ).fetchall()
    return [
        _Row(PostingInput(pid, title or "", desc or "", html, company, src_ind, cfg_ind), chash, source, url)
        for pid, title, desc, html, company, src_ind, cfg_ind, chash, source, url in result
    ]


def _fit_idf(db_path, tagger: Tagger, sample: list[str], chunk_size: int, bar: Progress) -> None:
    """Analyse the reference sample and fit the IDF on it (in this process: refits are rare,
    a calibrated model brings its own IDF)."""
    task = bar.add_task("fitting IDF", total=len(sample))
    analyses = []
    for ids in iter_chunks(sample, chunk_size):
        with writing(db_path) as con:
            rows = _read_rows(con, ids)
        analyses.extend(tagger.analyse([r.posting for r in rows]))
        bar.advance(task, len(ids))
    tagger.fit_idf(analyses)


def _load_chunk(db_path, ids: list[str], idf: tuple | None, companies: dict) -> ChunkJob:
    """The chunk's postings with the inferred industries of their companies."""
    with writing(db_path) as con:
        rows = _read_rows(con, ids)  # postings deleted since the due list was read are gone
    keys = {company_key(r.posting) for r in rows}
    return ChunkJob([r.posting for r in rows], {k: companies[k] for k in keys if k in companies},
                    idf[0] if idf else None, idf[1] if idf else 0, rows)


def _companies_to_infer(db_path, tagger: Tagger, due: list[str]) -> list[str]:
    """Companies of due postings without a source label or company-map entry (one company,
    one industry: inferred once per run from all its postings in the store)."""
    with writing(db_path) as con:
        found = con.execute(
            """SELECT DISTINCT company, source_industry, config_industry FROM store.postings
               WHERE company IS NOT NULL AND posting_id IN (SELECT unnest(?))""", [due]).fetchall()
    return sorted({company for company, src, cfg in found
                   if _needs_inference(tagger, PostingInput("", company=company, source_industry=src, config_industry=cfg))})


def _company_pool_of(db_path, names: list[str]) -> list[tuple]:
    with writing(db_path) as con:
        return _company_pool(con, names)


def _needs_inference(tagger: Tagger, posting: PostingInput) -> bool:
    return ind.from_source_fields(posting.source_industry, posting.config_industry, posting.company,
                                  tagger.industries) is None


def _company_pool(con, names: list[str]) -> list[tuple]:
    return con.execute(
        """
        SELECT company, description, description_html FROM (
            SELECT company, description, description_html,
                   row_number() OVER (PARTITION BY company ORDER BY posting_id) AS n
            FROM store.postings WHERE company IN (SELECT unnest(?))
        ) WHERE n <= ? ORDER BY company, n
        """,
        [names, MAX_ABOUT_TEXTS],
    ).fetchall()


# --- writing ----------------------------------------------------------------------------

def _refresh_themes(con, tagger: Tagger) -> None:
    with transaction(con):
        con.execute("DELETE FROM store.themes")
        con.executemany(
            "INSERT INTO store.themes (theme, name, description) VALUES (?, ?, ?)",
            [[t.id, t.name, t.description] for t in tagger.themes.themes],
        )


def _read_idf(con) -> dict | None:
    row = con.execute("SELECT value FROM store.meta WHERE key = ?", [IDF_META_KEY]).fetchone()
    try:
        return json.loads(row[0]) if row else None
    except ValueError:
        return None  # unreadable: refit


def _write_idf(con, tagger: Tagger) -> None:
    value = json.dumps({"tagger_version": tagger.version, "n_docs": tagger.scorer.n_docs, "idf": tagger.scorer.idf()},
                       sort_keys=True)
    for key, val in ((IDF_META_KEY, value), ("tagger_version", tagger.version)):
        con.execute(
            "INSERT INTO store.meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, val]
        )


def _write_chunk(con, tagger: Tagger, rows: list[_Row], tags: list[PostingTags], failed: list) -> None:
    """Replace the chunk's rows (delete, then insert from Arrow tables) inside the caller's transaction."""
    now = utcnow()
    by_id = {r.posting.posting_id: r for r in rows}
    tag_rows = [{
        "posting_id": t.posting_id, "role": t.role, "seniority": t.seniority, "industry": t.industry.industry,
        "industry_source": t.industry.source, "industry_confidence": t.industry.confidence,
        "content_hash": by_id[t.posting_id].content_hash, "tagger_version": tagger.version, "tagged_at": now,
    } for t in tags]
    # A posting whose text failed keeps a tag row without tags, so it is not retried until it
    # changes; the reason is in store.rejects.
    tag_rows += [{
        "posting_id": r.posting.posting_id, "role": None, "seniority": None, "industry": None,
        "industry_source": None, "industry_confidence": None, "content_hash": r.content_hash,
        "tagger_version": tagger.version, "tagged_at": now,
    } for r, _ in failed]
    theme_rows = [{"posting_id": t.posting_id, "theme": th.theme, "score": th.score, "tagged": th.tagged,
                   "evidence": th.evidence} for t in tags for th in t.themes]
    skill_rows = [{"posting_id": t.posting_id, "skill": s, "category": c} for t in tags for s, c in t.skills]
    tables = {
        "tag_rows": pa.Table.from_pylist(tag_rows, schema=TAGS_SCHEMA),
        "theme_rows": pa.Table.from_pylist(theme_rows, schema=THEMES_SCHEMA),
        "skill_rows": pa.Table.from_pylist(skill_rows, schema=SKILLS_SCHEMA),
    }
    for name, table in tables.items():
        con.register(name, table)
    try:
        for target in ("posting_tags", "theme_tags", "skill_tags"):
            con.execute(f"DELETE FROM store.{target} WHERE posting_id IN (SELECT posting_id FROM tag_rows)")
        live = "WHERE posting_id IN (SELECT posting_id FROM store.postings)"
        con.execute(f"INSERT INTO store.posting_tags SELECT * FROM tag_rows {live}")
        con.execute(f"INSERT INTO store.theme_tags SELECT * FROM theme_rows {live}")
        con.execute(f"INSERT INTO store.skill_tags SELECT * FROM skill_rows {live}")
        _align_company_industries(con, tags, by_id)
        _reject(con, failed, now)
    finally:
        for name in tables:
            con.unregister(name)


def _align_company_industries(con, tags: list[PostingTags], by_id: dict) -> None:
    """One company, one industry: earlier postings of a company whose pooled inference has
    just been recomputed take the new result."""
    updates = {}
    for t in tags:
        company = by_id[t.posting_id].posting.company
        if t.industry.source == "inferred" and company:
            updates[company] = (t.industry.industry, t.industry.confidence)
    if not updates:
        return
    # One UPDATE joined to a registered table: a statement per company scanned the tags each time.
    table = pa.Table.from_pylist(
        [{"company": c, "industry": i, "confidence": conf} for c, (i, conf) in sorted(updates.items())],
        schema=pa.schema([("company", pa.string()), ("industry", pa.string()), ("confidence", pa.float64())]),
    )
    con.register("align_rows", table)
    try:
        con.execute(
            """
            UPDATE store.posting_tags AS t SET industry = u.industry, industry_confidence = u.confidence
            FROM (SELECT p.posting_id, a.industry, a.confidence
                  FROM store.postings AS p JOIN align_rows AS a ON p.company = a.company) AS u
            WHERE t.posting_id = u.posting_id AND t.industry_source = 'inferred'
            """
        )
    finally:
        con.unregister("align_rows")


def _reject(con, failed: list, now) -> None:
    if failed:
        con.executemany(
            "INSERT INTO store.rejects (run_id, source, url, reason, \"at\", payload) VALUES (NULL, ?, ?, ?, ?, ?)",
            [[r.source, r.url, f"tag: {error}", now, r.posting.posting_id] for r, error in failed],
        )
