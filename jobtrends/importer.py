"""`jobtrends import`: postings from JSON Lines, CSV or Parquet files (interface.md's format).

Each file is one run (store.crawl_runs, kind `import`); each bad row is a reject with its
line and reason while the good rows load; posting ids come from the source name and the
row's `id`, so importing the same file again updates rather than duplicates.
"""

from __future__ import annotations

import csv
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Iterator

import pyarrow.parquet as pq

from . import store
from .errors import JobtrendsError
from .import_batch import DEFAULT_WORKERS, Chunk, PreparedBatch, merged_batches, prepared_batches
from .postings import MergeCounts, make_posting_id, merge_table
from .runs import add_rejects, finish_run, start_run
from .text import html_to_text, looks_like_html

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet"}
COLUMNS = ("id", "title", "description", "company", "location", "date_posted", "url", "industry")
REQUIRED = ("id", "title", "description")
# Rows a worker prepares at a time: small enough that each worker holds its batch (~120 MB of
# Arrow records) in well under 1 GB.
BATCH_ROWS = 10_000
# Rows a merge (one transaction, one checkpoint): each merge's cost grows with the store (the
# checkpoint, the scans that find stored postings), so at 1M postings 10,000-row merges took
# 1.4-5.1 s each. The parent holds the batch being merged and the next one (~360 MB of Arrow
# each at 30,000 rows): 50,000 put the 100k import's peak at 3.2 GB in all, 2.9 GB before.
MERGE_ROWS = 30_000
MERGE_MEMORY_LIMIT = "1GB"  # DuckDB's, in the merging process (see _merge)
NO_AUTO_CHECKPOINT = "1TB"


@dataclass
class ImportResult:
    file: str
    source: str
    run_id: int
    rows: int = 0
    counts: MergeCounts = field(default_factory=MergeCounts)
    rejected: int = 0


class RowError(ValueError):
    """A row that cannot become a posting; the message is the reject reason."""


def file_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise JobtrendsError(f"{path}: unknown file type {path.suffix!r} (expected .jsonl, .csv or .parquet)")
    return fmt


def read_chunks(path: Path, source: str, size: int = BATCH_ROWS) -> Iterator[Chunk]:
    """The file's rows in chunks of `size`, as read (jobtrends.import_batch.Chunk): parsing
    and checking each row is left to chunk_rows, in a worker. A 1M-row file is never held whole."""
    fmt = file_format(path)
    if fmt == "parquet":
        first = 1
        # pre_buffer off: with it, the reader kept every row group it had read (1.7 GB of
        # buffers by the end of a 1M-row file); without it, memory stays one row group.
        for batch in pq.ParquetFile(path, pre_buffer=False).iter_batches(batch_size=size):
            yield Chunk(str(path), source, "arrow", batch, first)
            first += batch.num_rows
        return
    kind, items = ("lines", _jsonl_lines(path)) if fmt == "jsonl" else ("rows", _csv_rows(path))
    while chunk := list(islice(items, size)):
        yield Chunk(str(path), source, kind, chunk)


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def _csv_rows(path: Path) -> Iterator[tuple[int, dict, str | None]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if None in row:  # csv puts surplus fields under the key None
                yield number, row, "more fields than the header has columns"
            else:
                yield number, row, None


def chunk_rows(chunk: Chunk) -> Iterator[tuple[int, dict | str, str | None]]:
    """(line number, row, error) for each row of a chunk; a row that cannot be parsed comes as
    its text with the error, so the reject keeps it."""
    if chunk.kind == "arrow":
        yield from ((number, row, None) for number, row in enumerate(chunk.payload.to_pylist(), start=chunk.first))
    elif chunk.kind == "lines":
        for number, line in chunk.payload:
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, line.rstrip("\n"), f"not valid JSON: {error.msg} at column {error.colno}"
                continue
            yield (number, row, None) if isinstance(row, dict) else (number, line.rstrip("\n"), "not a JSON object")
    else:
        yield from chunk.payload


def to_record(row: dict, source: str, path: Path) -> dict:
    """A posting record from an import row (column names case-insensitive); raises RowError."""
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    values = {c: _clean(lowered.get(c)) for c in COLUMNS}
    missing = [c for c in REQUIRED if not values[c]]
    if missing:
        raise RowError(f"missing required field{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    description = values["description"]
    is_html = looks_like_html(description)
    extra = {k: v for k, v in lowered.items() if k not in COLUMNS}
    return {
        "posting_id": make_posting_id("import", source, values["id"]),
        "source": source,
        "source_kind": "import",
        "source_id": values["id"],
        "url": values["url"],
        "title": values["title"],
        "company": values["company"],
        "location": values["location"],
        "date_posted": parse_date(values["date_posted"]),
        "description": html_to_text(description) if is_html else description,
        "description_html": description if is_html else None,
        "source_industry": values["industry"],
        "raw": {k: v for k, v in row.items()},
        "extra": extra or None,
    }


def _clean(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def parse_date(value: str | None) -> datetime | None:
    """An ISO date or datetime as naive UTC; RowError when it is not one."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RowError(f"date_posted {value!r} is not an ISO date or datetime") from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def import_file(db_path: str | Path, path: str | Path, source: str | None = None,
                workers: int = DEFAULT_WORKERS, batch_rows: int = BATCH_ROWS,
                merge_rows: int = MERGE_ROWS) -> ImportResult:
    """Load one file into the store, `merge_rows` rows (one transaction) at a time; bad rows
    become rejects. Rows are prepared `batch_rows` at a time by `workers` processes
    (jobtrends.import_batch) and merged here in file order."""
    path = Path(path)
    file_format(path)
    if not path.is_file():
        raise JobtrendsError(f"{path}: no such file")
    source = source or f"import:{path.stem}"
    with store.writing(db_path) as con:
        result = ImportResult(file=str(path), source=source, run_id=start_run(con, source, "import"))
    try:
        prepared = prepared_batches(read_chunks(path, source, batch_rows), workers)
        _merge_all(db_path, result, merged_batches(prepared, merge_rows))
    except Exception as error:
        _finish(db_path, result, "failed", f"{type(error).__name__}: {error}")
        raise JobtrendsError(f"{path}: import stopped: {error}") from error
    _finish(db_path, result, "partial" if result.rejected else "ok", None)
    return result


def _merge_all(db_path, result: ImportResult, batches: Iterator[PreparedBatch]) -> None:
    """Merge the batches in order, each in a background thread while the next one is gathered:
    DuckDB releases the GIL, so the workers keep preparing rows during a merge instead of
    waiting for the parent. One merge runs at a time, and at most one more batch is gathered
    meanwhile (memory: two batches)."""
    with ThreadPoolExecutor(max_workers=1) as merger:
        running = None
        for batch in batches:
            if running is not None:
                running.result()
            running = merger.submit(_merge, db_path, result, batch)
        if running is not None:
            running.result()


def _merge(db_path, result: ImportResult, batch: PreparedBatch) -> None:
    with store.writing(db_path) as con:
        con.execute("SET enable_progress_bar = false")  # a long merge would draw one on stdout
        # Without a cap, DuckDB's memory rose in spikes growing with the store (one thread
        # working at close: checkpoint time): 3.4 GB at 100k postings, past 13 GB near 1M
        # (benchmarks/notes.md, round 3). With it: ~1 GB, and no slower.
        con.execute(f"SET memory_limit = '{MERGE_MEMORY_LIMIT}'")
        # No checkpoint inside COMMIT (DuckDB's default past 16 MB of WAL): into a large store
        # it took 2-30x the CHECKPOINT that close() then runs on the committed data.
        con.execute(f"SET checkpoint_threshold = '{NO_AUTO_CHECKPOINT}'")
        with store.transaction(con):
            result.counts += merge_table(con, batch.records, store.utcnow(), batch.signatures)
            add_rejects(con, result.run_id, result.source, batch.rejects)
    result.rows += batch.rows
    result.rejected += len(batch.rejects)


def _finish(db_path, result: ImportResult, status: str, message: str | None) -> None:
    counts = {
        "items_seen": result.rows,
        "items_new": result.counts.new,
        "items_updated": result.counts.updated,
        "items_rejected": result.rejected,
    }
    with store.writing(db_path) as con:
        finish_run(con, result.run_id, status, counts, complete=False, message=message)
