"""How fast `jobtrends import` could be on this machine: the CPU each part of it costs a posting.

`make bench` times the whole import; this times its parts one after another in one process,
with CPU time (time.process_time: every thread of the process, DuckDB's included), on the
first N rows of a scale-corpus file:

- per-row work (what the import's worker processes do): reading the Parquet rows as Python
  rows, HTML to text, the rest of building a record (jobtrends.importer.to_record), the
  records as Arrow (jobtrends.postings.records_table), the clustering signatures
  (jobtrends.clusters.signature_column);
- the merge (what the parent does): the import's own merge of those records into a fresh
  store (jobtrends.importer._merge: one transaction, and the checkpoint as it closes). A
  fresh store is the cheapest case: merges into a larger store cost more.

From them, the most postings a second this design can reach with every core busy and nothing
waiting: cores / CPU-seconds a posting. That is the figure to hold against a speed target.
Next to it, the import itself on the same file and the same machine (the whole file, in
quarter-size batches so that its worker processes run): machines differ from day to day, so
compare figures within one measurement.

Each part's best of --repeat runs is kept.

    python -m benchmarks.import_ceiling benchmarks/data/10000.parquet --rows 10000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import CorpusWriter
from benchmarks.run import machine
from jobtrends import importer, store
from jobtrends.clusters import signature_column
from jobtrends.import_batch import PreparedBatch
from jobtrends.importer import read_chunks, to_record
from jobtrends.postings import records_table
from jobtrends.text import html_to_text, looks_like_html

PER_ROW = ("read rows", "HTML to text", "rest of to_record", "records_table", "signatures")
MERGE = ("merge and checkpoint",)


def timed(results: dict, name: str, work):
    """work(), its CPU seconds recorded under `name`."""
    started = time.process_time()
    value = work()
    results[name] = time.process_time() - started
    return value


def measure(path: Path, rows: int) -> dict:
    """CPU seconds of each part of importing the first `rows` rows of `path` (PER_ROW, MERGE): the
    first batch jobtrends.importer.read_chunks makes of that size, as the import reads it."""
    table = next(read_chunks(path, "bench", rows)).payload  # the import's own reader: its first batch
    seconds: dict[str, float] = {}
    dicts = timed(seconds, "read rows", table.to_pylist)
    descriptions = [row.get("description") or "" for row in dicts]
    html = [looks_like_html(text) for text in descriptions]
    texts = timed(seconds, "HTML to text",
                  lambda: [html_to_text(text) if is_html else text for text, is_html in zip(descriptions, html)])
    # The rest of to_record: the same rows with their text already converted (no HTML left).
    converted = [{**row, "description": text} for row, text in zip(dicts, texts)]
    timed(seconds, "rest of to_record", lambda: [to_record(row, "bench", path) for row in converted])
    records = [to_record(row, "bench", path) for row in dicts]  # the import's records, untimed
    records_arrow = timed(seconds, "records_table", lambda: records_table(records))
    signatures = timed(seconds, "signatures",
                       lambda: signature_column(records_arrow.column("description").to_pylist()))
    with tempfile.TemporaryDirectory(prefix="jobtrends-ceiling-") as work:
        db = Path(work) / "ceiling.duckdb"
        result = importer.ImportResult(file=str(path), source="bench", run_id=0)
        with store.writing(db):
            pass  # the schema, outside the timing
        # The import's own merge: one transaction, then the checkpoint as it closes the store.
        batch = PreparedBatch(records=records_arrow, signatures=signatures, rows=table.num_rows)
        timed(seconds, "merge and checkpoint", lambda: importer._merge(db, result, batch))
    return {"rows": table.num_rows, "stored": result.counts.new,
            "cpu_seconds": {name: round(seconds[name], 4) for name in PER_ROW + MERGE}}


def whole_import(path: Path, batch_rows: int) -> dict:
    """The import as it runs (jobtrends.importer.import_file, its worker processes included)
    of the whole file into a fresh store: wall seconds, and CPU seconds of every process."""
    with tempfile.TemporaryDirectory(prefix="jobtrends-ceiling-") as work:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        started, cpu = time.monotonic(), time.process_time()
        result = importer.import_file(Path(work) / "whole.duckdb", path, "bench", batch_rows=batch_rows)
        wall, cpu = time.monotonic() - started, time.process_time() - cpu
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, reaped with their pool
        cpu += (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    return {"rows": result.rows, "wall_seconds": round(wall, 3), "cpu_seconds": round(cpu, 3)}


def best_of(results: list[dict]) -> dict:
    """Each part's smallest CPU time over several measure() runs of the same rows (the
    machine's noise only ever adds time)."""
    best = dict(results[0])
    best["cpu_seconds"] = {name: min(r["cpu_seconds"][name] for r in results) for name in results[0]["cpu_seconds"]}
    return best


def ceilings(result: dict, cores: int) -> dict:
    """CPU milliseconds a posting, per part and in all, and the postings a second `cores`
    cores reach at best: with the merge, and for the per-row work alone."""
    n = result["rows"]
    per_posting = {name: 1000 * s / n for name, s in result["cpu_seconds"].items()}
    per_row = sum(per_posting[name] for name in PER_ROW)
    total = per_row + sum(per_posting[name] for name in MERGE)
    return {
        "ms_a_posting": {name: round(ms, 4) for name, ms in per_posting.items()},
        "per_row_ms": round(per_row, 4),
        "total_ms": round(total, 4),
        "cores": cores,
        "ceiling_per_s": round(cores * 1000 / total),
        "ceiling_per_row_work_only_per_s": round(cores * 1000 / per_row),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path,
                        help="a scale-corpus Parquet file (benchmarks/corpus.py; generated with --rows postings when missing)")
    parser.add_argument("--rows", type=int, default=20_000, help="rows to time (the file's first)")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3, help="runs; each part's best is kept")
    parser.add_argument("--out", type=Path, help="write the figures here as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        args.corpus.parent.mkdir(parents=True, exist_ok=True)
        CorpusWriter(args.rows).write(args.corpus)
    repeat = max(1, args.repeat)
    result = best_of([measure(args.corpus, args.rows) for _ in range(repeat)])
    # The real import of the same file, in batches small enough that its workers run.
    whole = min((whole_import(args.corpus, max(1_000, args.rows // 4)) for _ in range(repeat)),
                key=lambda run: run["wall_seconds"])
    figures = {**result, **ceilings(result, args.cores), "whole_import": whole, "repeat": repeat,
               "machine": machine(), "measured": time.strftime("%Y-%m-%d")}
    for name, ms in figures["ms_a_posting"].items():
        print(f"{name:<26} {ms:8.4f} ms a posting")
    print(f"{'per-row work':<26} {figures['per_row_ms']:8.4f} ms -> at best "
          f"{figures['ceiling_per_row_work_only_per_s']:,}/s on {args.cores} cores")
    print(f"{'all of it':<26} {figures['total_ms']:8.4f} ms -> at best {figures['ceiling_per_s']:,}/s on {args.cores} cores")
    print(f"{'the import itself':<26} {1000 * whole['cpu_seconds'] / whole['rows']:8.4f} ms -> "
          f"{whole['rows'] / whole['wall_seconds']:,.0f}/s ({whole['rows']:,} rows in {whole['wall_seconds']:.2f} s)")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
