"""Speed and memory of `jobtrends topics` on 100,000 generated postings (target: < 2 min, < 3 GB).

    .venv/bin/python benchmarks/topics_speed.py [--postings 100000] [--db /tmp/topics_bench.duckdb]

Setup (not timed): generated postings (nlp/topics/synthetic.py), each lengthened with
Zipf-distributed made-up words so the vocabulary is as rich as real postings' (hundreds of
thousands of distinct uni+bigrams, which is what makes an unbounded vectoriser slow), merged
into a fresh database with role/industry tags. Measured: one full `run_topics` (read, text
preparation, fit with K chosen by coherence over the default range, transform, distinctive
terms, trends, write) in a child process; peak memory is the child's maximum resident set
(its process-pool workers included, as they are its children).
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "qui", "zen", "pra", "dul", "sef", "nor", "bri", "hax", "yel"]


def made_up_words(count: int, rng: random.Random) -> list[str]:
    return sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(count)})


def setup(db: Path, n: int) -> None:
    from jobtrends.postings import merge_postings
    from jobtrends.store import utcnow, writing
    from nlp.topics.synthetic import generate

    rng = random.Random(1)
    words = made_up_words(60_000, rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf
    db.unlink(missing_ok=True)
    postings = generate(n, seed=11)
    for start in range(0, n, 10_000):
        chunk = postings[start:start + 10_000]
        records = []
        for p in chunk:
            noise = " ".join(rng.choices(words, weights, k=120))
            text = p.description.replace("\n\nBenefits", f"\n- You will also handle {noise}.\n\nBenefits")
            records.append({"posting_id": p.posting_id, "source": "bench", "source_kind": "import",
                            "source_id": p.posting_id, "title": p.title, "description": text,
                            "date_posted": datetime(p.month.year, p.month.month, 3)})
        with writing(db) as con:
            merge_postings(con, records, utcnow())
            con.executemany("INSERT INTO store.posting_tags VALUES (?, ?, 'mid', ?, 'source', 1.0, 'h', 'bench', ?)",
                            [[p.posting_id, p.role, p.industry, utcnow()] for p in chunk])


def measure(db: Path) -> None:
    from jobtrends.config import Config
    from nlp.topics.stage import run_topics

    summary = run_topics(str(db), Config(), refit=True)
    print(f"run {summary.run_id}: {summary.n_topics} topics, {summary.postings} postings, "
          f"coherence {summary.coherence}, stage seconds {summary.seconds}")
    print(f"phases (s): {summary.phases}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/topics_bench.duckdb"))
    parser.add_argument("--measure-only", action="store_true", help="(internal) the timed child")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database of an earlier run")
    args = parser.parse_args()
    if args.measure_only:
        measure(args.db)
        return
    if not args.skip_setup:
        started = time.perf_counter()
        setup(args.db, args.postings)
        print(f"setup: {args.postings} postings in {time.perf_counter() - started:.0f}s (not part of the figure)")
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--measure-only", "--db", str(args.db)], check=True)
    seconds = time.perf_counter() - started
    peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    print(f"jobtrends topics on {args.postings} postings: {seconds:.1f} s wall, peak memory {peak_gb:.2f} GB")


if __name__ == "__main__":
    main()
