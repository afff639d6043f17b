"""Tagging speed: postings/s of `jobtrends tag` (run_tag) on ~500-word postings, and peak memory.

    .venv/bin/python benchmarks/tag_speed.py [N] [WORKERS] [--out FILE.json]

Postings are the labelled development set's texts, each extended with further postings'
text until it reaches ~500 words, so the mix of shapes is realistic. They are merged into a
fresh database first (not timed); then run_tag tags them all, DuckDB reads and writes
included. Peak memory: the largest resident set of the parent and of any worker.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jobtrends.paths import data_dir  # noqa: E402
from jobtrends.config import Config, TagConfig  # noqa: E402
from jobtrends.postings import make_posting_id, merge_postings  # noqa: E402
from jobtrends.store import utcnow, writing  # noqa: E402
from nlp.stage import run_tag  # noqa: E402
from nlp.tagger import PostingInput  # noqa: E402

WORDS = 500


def postings(n: int) -> list[PostingInput]:
    rows = [json.loads(line) for line in (data_dir() / "eval" / "dev.jsonl").read_text().splitlines()]
    out = []
    for i in range(n):
        parts, j = [], i
        while sum(len(p.split()) for p in parts) < WORDS:
            parts.append(rows[j % len(rows)]["description"])
            j += 7
        row = rows[i % len(rows)]
        out.append(PostingInput(f"b{i}", row["title"], "\n".join(parts), company=f"{row['company']} {i % 300}"))
    return out


def records(batch: list[PostingInput]) -> list[dict]:
    return [{
        "posting_id": make_posting_id("import", "bench", p.posting_id), "source": "bench", "source_kind": "import",
        "source_id": p.posting_id, "title": p.title, "description": p.description, "company": p.company,
    } for p in batch]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("workers", nargs="?", type=int, default=2)
    parser.add_argument("--out", help="also write the figures to this JSON file")
    args = parser.parse_args()
    n, workers = args.n, args.workers
    batch = postings(n)
    words = sum(len(p.description.split()) for p in batch) / n
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.duckdb")
        rows = records(batch)
        del batch
        for start in range(0, n, 5000):
            with writing(db) as con:
                merge_postings(con, rows[start:start + 5000], utcnow())
        del rows
        config = replace(Config(), tag=TagConfig(batch_size=500, workers=workers))
        cpu = _cpu_seconds()
        started = time.perf_counter()
        summary = run_tag(db, config, progress=False)
        seconds = time.perf_counter() - started
        parent_cpu, workers_cpu = (after - before for after, before in zip(_cpu_seconds(), cpu))
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    if args.out:
        Path(args.out).write_text(json.dumps({
            "postings": summary.tagged, "words": round(words), "workers": workers, "seconds": round(seconds, 2),
            "postings_per_s": round(summary.tagged / seconds), "peak_mb": round(peak_mb),
            "cpu_parent_s": round(parent_cpu, 1), "cpu_workers_s": round(workers_cpu, 1),
            "load_average": round(os.getloadavg()[0], 1), "measured": time.strftime("%Y-%m-%d"),
        }, indent=2) + "\n")
    print(f"{summary.tagged} postings of ~{words:.0f} words: {summary.tagged / seconds:.0f} postings/s "
          f"with {workers} worker(s) ({seconds:.1f} s, start-up included), peak RSS {peak_mb:.0f} MB; "
          f"CPU: parent {parent_cpu:.1f} s, workers {workers_cpu:.1f} s "
          f"({summary.tagged / (parent_cpu + workers_cpu):.0f} postings per CPU-second; load average "
          f"{os.getloadavg()[0]:.1f})")


def _cpu_seconds() -> tuple[float, float]:
    """(this process, its finished children) user + system CPU seconds."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
