"""The per-row work of `jobtrends import`, one batch at a time, in worker processes.

Turning rows into posting records (HTML to text, dates, hashes, raw JSON) and signing them
for clustering is pure Python per row and was ~90% of an import's time; DuckDB's merge is
the rest. So the parent process only reads the file in batches and merges prepared batches
(jobtrends.postings.merge_table, one transaction each, in file order), while up to
`workers` spawned processes prepare the next batches. The records are the same whichever
process builds them (tests/jobtrends/test_import_batch.py); a file of one batch is prepared
in the parent (spawning costs more than it saves).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc

from .clusters import signature_column
from .procs import exit_with_parent, ordered_results, spill_directory
from .postings import records_table

# Workers preparing batches while the parent merges; the machine's cores, at most 2: more
# gives nothing on the 2-core machines measured, and each worker holds a batch in memory.
DEFAULT_WORKERS = max(1, min(2, os.cpu_count() or 1))


@dataclass
class Chunk:
    """A batch of a file's rows as read, before any per-row work (picklable: it goes to a
    worker). `payload` by `kind`: "arrow", a RecordBatch whose first row is line `first`;
    "lines", (line number, JSON text) pairs; "rows", (line number, row, error) triples.
    jobtrends.importer.chunk_rows reads it."""

    path: str
    source: str
    kind: str
    payload: Any
    first: int = 1
    spilled: str | None = None  # an "arrow" payload is in this file instead (spill_chunk)


@dataclass
class PreparedBatch:
    """A chunk made ready to merge: records (RECORD_SCHEMA, one row per posting_id), their
    clustering signatures (aligned with the records) and the rejects (file:line, reason, row)."""

    records: pa.Table | None
    signatures: pa.Array | None
    rejects: list[dict] = field(default_factory=list)
    rows: int = 0
    spilled: str | None = None  # records and signatures are in this file instead (spill_batch)


def prepare(chunk: Chunk) -> PreparedBatch:
    """Records, signatures and rejects of one chunk (in a worker or in the parent)."""
    from .importer import RowError, chunk_rows, to_record  # the importer imports this module

    path = Path(chunk.path)
    records: list[dict] = []
    rejects: list[dict] = []
    rows = 0
    for number, row, error in chunk_rows(chunk):
        rows += 1
        if error is None:
            try:
                records.append(to_record(row, chunk.source, path))
            except RowError as row_error:
                error = str(row_error)
        if error is not None:
            rejects.append({"url": f"{path}:{number}", "reason": error, "payload": row})
    table = records_table(records)
    signatures = signature_column(table.column("description").to_pylist())
    return PreparedBatch(records=table, signatures=signatures, rejects=rejects, rows=rows)


def prepared_batches(chunks: Iterable[Chunk], workers: int) -> Iterator[PreparedBatch]:
    """Each chunk prepared, in order. With workers > 0, at most `workers` chunks are in flight
    while the parent merges one (reading never runs further ahead: memory stays bounded).
    Workers hand their batches over as Arrow files in a temporary directory (spill_batch)."""
    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if second is None or workers < 1:
        yield prepare(first)
        if second is not None:
            yield prepare(second)
            yield from map(prepare, chunks)
        return
    # spawn, not fork: the parent holds an open DuckDB connection and threads.
    context = multiprocessing.get_context("spawn")
    spill = str(spill_directory(SPILL_PREFIX))
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=exit_with_parent) as pool:
            spilled_chunks = (spill_chunk(chunk, spill) for chunk in chain([first, second], chunks))
            for _chunk, batch in ordered_results(pool, partial(spill_batch, directory=spill), spilled_chunks, workers):
                yield load_spilled(batch)
    finally:
        shutil.rmtree(spill, ignore_errors=True)


# A worker's batch (~120 MB of Arrow at 10,000 rows) as the pool's pickle: ~0.17 s of CPU to
# write, ~0.11 s plus the pipe to read, a copy each. As an Arrow IPC file: ~0.03 s to write,
# and the parent maps it (no copy, no parse). The same for a Parquet chunk going to a worker
# (~40 MB: ~0.06 s of the parent's CPU to pickle).
SPILL_COLUMN = "cluster_signature"
SPILL_PREFIX = "jobtrends-import-"   # + the run's pid: a later run removes the files of a killed one


def spill_chunk(chunk: Chunk, directory: str) -> Chunk:
    """An "arrow" chunk with its record batch written to an Arrow file in `directory` (the
    worker maps it: spill_batch); other chunks as they are."""
    if chunk.kind != "arrow":
        return chunk
    path = _write_arrow(chunk.payload, directory)
    return replace(chunk, payload=None, spilled=path)


def spill_batch(chunk: Chunk, directory: str) -> PreparedBatch:
    """prepare(chunk) in a worker, its records and signatures written to an Arrow file in
    `directory`: the batch returned holds the file's path instead (load_spilled reads it)."""
    if chunk.spilled is not None:
        chunk = replace(chunk, payload=_read_arrow(chunk.spilled, whole=False), spilled=None)
    batch = prepare(chunk)
    path = _write_arrow(batch.records.append_column(SPILL_COLUMN, batch.signatures), directory)
    return PreparedBatch(records=None, signatures=None, rejects=batch.rejects, rows=batch.rows, spilled=path)


def _write_arrow(data: pa.Table | pa.RecordBatch, directory: str) -> str:
    path = os.path.join(directory, f"{uuid.uuid4().hex}.arrow")
    with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, data.schema) as writer:
        writer.write(data)
    return path


def _read_arrow(path: str, whole: bool = True) -> pa.Table | pa.RecordBatch:
    """The table (whole) or the one record batch _write_arrow wrote, memory-mapped; the file is
    removed at once (the mapping keeps its data while it is used, and a failed import leaves
    no file behind)."""
    try:
        reader = pa.ipc.open_file(pa.memory_map(path))
        return reader.read_all() if whole else reader.get_batch(0)
    finally:
        os.unlink(path)


def load_spilled(batch: PreparedBatch) -> PreparedBatch:
    """The batch spill_batch wrote (memory-mapped, its file removed)."""
    table = _read_arrow(batch.spilled)
    signatures = table.column(SPILL_COLUMN)
    signatures = signatures.chunk(0) if signatures.num_chunks == 1 else signatures.combine_chunks()
    return PreparedBatch(records=table.drop_columns([SPILL_COLUMN]), signatures=signatures,
                         rejects=batch.rejects, rows=batch.rows)


def merged_batches(batches: Iterable[PreparedBatch], rows: int) -> Iterator[PreparedBatch]:
    """Consecutive prepared batches joined until they hold at least `rows` rows, so the parent
    merges (one transaction, one checkpoint) fewer, larger batches: each merge also scans
    parts of the store, so at 1M postings fewer merges is what keeps the cost linear."""
    group: list[PreparedBatch] = []
    held = 0
    for batch in batches:
        group.append(batch)
        held += batch.rows
        if held >= rows:
            yield join_batches(group)
            group, held = [], 0
    if group:
        yield join_batches(group)


def join_batches(batches: list[PreparedBatch]) -> PreparedBatch:
    """One batch of several, in order; a posting_id prepared twice keeps its later record (in
    the place of the first), as jobtrends.postings.records_table does within one batch."""
    if len(batches) == 1:
        return batches[0]
    records = pa.concat_tables([b.records for b in batches])
    signatures = pa.concat_arrays([b.signatures for b in batches])
    last: dict[str, int] = {}
    for index, posting_id in enumerate(records.column("posting_id").to_pylist()):
        last[posting_id] = index  # re-assigning keeps the key's first position
    if len(last) < records.num_rows:
        keep = pa.array(list(last.values()), pa.int64())
        records, signatures = records.take(keep), pc.take(signatures, keep)
    return PreparedBatch(records=records, signatures=signatures,
                         rejects=[r for b in batches for r in b.rejects], rows=sum(b.rows for b in batches))
