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
from itertools import islice
from typing import Callable, Iterable, Iterator

import pyarrow as pa
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jobtrends.config import Config
from jobtrends.store import select_postings, transaction, utcnow, writing

from .batch import one_batch, postings_of
from .companies import AboutPool, companies_to_infer, write_company_industries
from .industry import IndustryTag
from .tagger import Tagger
from .workers import BatchJob, TaggingPool, infer_job, iter_chunks, tag_job

IDF_META_KEY = "theme_idf"
COMPANY_BATCH = 500         # companies per industry-inference job
READS_PER_OPEN = 4          # chunks (or company batches) read per opening of the database
WRITES_PER_OPEN = 4         # chunks of tag rows written per opening (and transaction)
IDF_SAMPLE = 5000           # postings the IDF is fitted on at most (lowest posting_id first)
_POSTING_COLUMNS = "posting_id, title, description, description_html, company, source_industry, config_industry"
_CONTEXT_COLUMNS = ("content_hash", "source", "url")  # with company: kept by the parent for writing



@dataclass
class TagSummary:
    tagged: int = 0              # postings (re)tagged in this run
    skipped: int = 0             # postings whose tags were already current
    seconds: float = 0.0
    failed: int = 0              # postings whose text could not be processed (see store.rejects)
    idf_refitted: bool = False
    tagger_version: str = ""


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
        due = _due(con, tagger.version, everything=refit or all_postings)
        sample = _sample_ids(con) if refit and due else []
        names = companies_to_infer(con, tagger, due.ids)
        abouts = AboutPool(con, names)
    summary = TagSummary(skipped=total - len(due), idf_refitted=bool(refit and due), tagger_version=tagger.version)
    # A pool only pays for its start-up when there is more than one chunk. It is made before
    # the progress bar's thread starts (see TaggingPool).
    workers = config.tag.workers if len(due) > chunk_size else 1
    with TaggingPool(workers, tagger, config.tag.spacy_model) as pool, _progress(progress) as bar:
        idf = None
        if summary.idf_refitted:
            _fit_idf(db_path, tagger, sample, chunk_size, bar)
            idf = (tagger.scorer.idf(), tagger.scorer.n_docs)
        elif due and tagger.model is None:
            idf = (stored["idf"], stored.get("n_docs", 0))
        writer = _TagWriter(db_path, tagger, summary, bar, bar.add_task("tagging", total=len(due)))

        def write(job: BatchJob, result: pa.RecordBatch) -> None:
            abouts.collect(result.column("posting_id").to_pylist(), job.context.column("company").to_pylist(),
                           result.column("about").to_pylist())
            writer.add(_with_context(result.drop_columns(["about"]), job.context))

        jobs = (_job_of(table, idf) for table in _read_in_groups(db_path, due.chunks(chunk_size), _read_batch))
        pool.run(tag_job, jobs, write)
        writer.flush()
        companies = _infer_companies(db_path, pool, names, abouts, bar)
        with writing(db_path) as con, transaction(con):
            write_company_industries(con, names, companies)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


class _TagWriter:
    """Writes tag rows WRITES_PER_OPEN chunks at a time, each group in one transaction: an
    open and the close that checkpoints cost more than writing a chunk."""

    def __init__(self, db_path, tagger: Tagger, summary: TagSummary, bar: Progress, task) -> None:
        self.db_path, self.tagger, self.summary, self.bar, self.task = db_path, tagger, summary, bar, task
        self.pending: list[pa.Table] = []
        self.idf_written = not summary.idf_refitted

    def add(self, rows: pa.Table) -> None:
        self.pending.append(rows)
        if len(self.pending) >= WRITES_PER_OPEN:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        rows = pa.concat_tables(self.pending)
        with writing(self.db_path) as con, transaction(con):
            _write_chunk(con, rows)
            if not self.idf_written:
                _write_idf(con, self.tagger)
        self.idf_written, self.pending = True, []
        failed = rows.num_rows - rows.column("error").null_count
        self.summary.tagged += rows.num_rows - failed
        self.summary.failed += failed
        self.bar.advance(self.task, rows.num_rows)


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), disable=not enabled, transient=False,
    )


# --- reading ----------------------------------------------------------------------------

@dataclass
class DueChunk:
    """Postings to read and tag together: their ids, and the store's rowid range holding them
    (None: read by id alone)."""

    ids: list[str]
    rowids: tuple[int, int] | None = None


class Due:
    """The due postings in the store's physical order (rowid), so that each chunk is read by
    scanning only the row groups of its rowid range: a read by id alone scans the whole
    postings table (0.25 CPU-s a chunk at 100,000 postings, ten times that at 1M)."""

    def __init__(self, rows: list[tuple[int, str]]) -> None:
        self.rowids = [r[0] for r in rows]
        self.ids = [r[1] for r in rows]

    def __len__(self) -> int:
        return len(self.ids)

    def chunks(self, size: int) -> Iterator[DueChunk]:
        for start in range(0, len(self.ids), size):
            end = min(start + size, len(self.ids))
            yield DueChunk(self.ids[start:end], (self.rowids[start], self.rowids[end - 1]))


def _due(con, version: str, everything: bool) -> Due:
    return Due(con.execute(
        """
        SELECT p.rowid, p.posting_id FROM store.postings AS p
        LEFT JOIN store.posting_tags AS t USING (posting_id)
        WHERE $everything OR t.posting_id IS NULL OR t.content_hash <> p.content_hash OR t.tagger_version <> $version
           OR (t.industry IS NULL AND t.industry_source = 'inferred')  -- a stopped run's pending company
        ORDER BY p.rowid
        """,
        {"version": version, "everything": everything},
    ).fetchall())


def _sample_ids(con) -> list[str]:
    """The IDF's reference corpus: posting ids are hashes, so the lowest ones are an unbiased
    and deterministic sample."""
    return [r[0] for r in con.execute(
        "SELECT posting_id FROM store.postings ORDER BY posting_id LIMIT ?", [IDF_SAMPLE]
    ).fetchall()]


def _read_batch(con, chunk: DueChunk) -> pa.Table:
    """The postings of the chunk (those still in the store), by posting_id, read by its rowid range."""
    return select_postings(con, f"{_POSTING_COLUMNS}, {', '.join(_CONTEXT_COLUMNS)}", chunk.ids, chunk.rowids)


def _fit_idf(db_path, tagger: Tagger, sample: list[str], chunk_size: int, bar: Progress) -> None:
    """Analyse the reference sample and fit the IDF on it (in this process: refits are rare,
    a calibrated model brings its own IDF)."""
    task = bar.add_task("fitting IDF", total=len(sample))
    analyses = []
    for table in _read_in_groups(db_path, (DueChunk(ids) for ids in iter_chunks(sample, chunk_size)), _read_batch):
        analyses.extend(tagger.analyse(postings_of(one_batch(table))))
        bar.advance(task, table.num_rows)
    tagger.fit_idf(analyses)


def _read_in_groups(db_path, groups: Iterable[list], read: Callable, per_open: int = READS_PER_OPEN) -> Iterator:
    """read(con, group) for each group, opening the database once for `per_open` groups: an
    open, and the close that checkpoints, cost more than reading a chunk."""
    pending = iter(groups)
    while batch := list(islice(pending, per_open)):
        with writing(db_path) as con:
            results = [read(con, group) for group in batch]
        yield from results


def _job_of(table: pa.Table, idf: tuple | None) -> BatchJob:
    """A chunk's postings (those still in the store), their companies' industries left
    pending; the columns needed for writing stay in the parent (job.context)."""
    postings = table.drop_columns(list(_CONTEXT_COLUMNS))
    return BatchJob(one_batch(postings), idf, table.select(["company", *_CONTEXT_COLUMNS]), defer_companies=True)


def _infer_companies(db_path, pool: TaggingPool, names: list[str], abouts: AboutPool,
                     bar: Progress) -> dict[str, IndustryTag]:
    """company key -> industry, each pending company inferred once from its pooled
    about-texts, in the workers."""
    task = bar.add_task("company industries", total=len(names))
    companies: dict[str, IndustryTag] = {}

    def learn(job: BatchJob, found: pa.RecordBatch) -> None:
        for key, industry, confidence in zip(*(found.column(i).to_pylist() for i in range(3))):
            companies[key] = IndustryTag(industry, "inferred", confidence)
        bar.advance(task, job.context)

    groups = list(iter_chunks(names, COMPANY_BATCH))
    jobs = (BatchJob(one_batch(table), context=len(group)) for group, table in
            zip(groups, _read_in_groups(db_path, groups, abouts.rows)))
    pool.run(infer_job, jobs, learn)
    return companies


def _with_context(result: pa.RecordBatch, context: pa.Table) -> pa.Table:
    """Tag rows beside the parent's columns of the same postings (same order, one row each)."""
    table = pa.Table.from_batches([result])
    for name in context.column_names:
        table = table.append_column(name, context.column(name))
    return table


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


def _write_chunk(con, rows: pa.Table) -> None:
    """Replace the tags of the chunk's postings (delete, then insert from the tag rows) inside
    the caller's transaction. A posting whose text failed keeps a tag row without tags, so it
    is not retried until it changes; the reason goes to store.rejects."""
    con.register("tag_rows", rows)
    try:
        now = utcnow()
        replaced = con.execute(
            "DELETE FROM store.posting_tags WHERE posting_id IN (SELECT posting_id FROM tag_rows)").fetchone()[0]
        if replaced:  # theme and skill rows exist only beside a posting_tags row: skip their scans otherwise
            for target in ("theme_tags", "skill_tags"):
                con.execute(f"DELETE FROM store.{target} WHERE posting_id IN (SELECT posting_id FROM tag_rows)")
        live = "posting_id IN (SELECT posting_id FROM store.postings)"
        con.execute(
            f"""INSERT INTO store.posting_tags (posting_id, role, seniority, industry, industry_source,
                    industry_confidence, content_hash, tagger_version, tagged_at)
                SELECT posting_id, role, seniority, industry, industry_source, industry_confidence,
                       content_hash, tagger_version, ? FROM tag_rows WHERE {live}""", [now])
        con.execute(
            f"""INSERT INTO store.theme_tags (posting_id, theme, score, tagged, evidence)
                SELECT posting_id, t.theme, t.score, t.tagged, t.evidence
                FROM (SELECT posting_id, unnest(themes) AS t FROM tag_rows WHERE {live})""")
        con.execute(
            f"""INSERT INTO store.skill_tags (posting_id, skill, category)
                SELECT posting_id, s.skill, s.category
                FROM (SELECT posting_id, unnest(skills) AS s FROM tag_rows WHERE {live})""")
        con.execute(
            """INSERT INTO store.rejects (run_id, source, url, reason, "at", payload)
               SELECT NULL, source, url, 'tag: ' || error, ?, posting_id FROM tag_rows WHERE error IS NOT NULL""",
            [now])
    finally:
        con.unregister("tag_rows")
