"""Speed and memory of `jobtrends topics` on 100,000 generated postings (target: < 2 min; < 4 GB at 1M).

    .venv/bin/python benchmarks/topics_speed.py [--postings 100000] [--db /tmp/topics_bench.duckdb]
    .venv/bin/python benchmarks/topics_speed.py --skip-setup --db DB --tables-out /tmp/new   # any tagged database
    .venv/bin/python benchmarks/topics_speed.py --compare /tmp/old /tmp/new

--skip-setup measures an existing database (e.g. one `make bench` style: `jobtrends import` of
benchmarks/data/N.parquet, then benchmarks/synthetic_tags.py). --tables-out writes the run's
topics, posting_topics, distinctive_terms, term_trends and topic_runs as Parquet under a prefix;
--compare tells whether two such runs (old and new code) stored the same results.

Setup (not timed): generated postings (nlp/topics/synthetic.py), each lengthened with
Zipf-distributed made-up words so the vocabulary is as rich as real postings' (hundreds of
thousands of distinct uni+bigrams, which is what makes an unbounded vectoriser slow), merged
into a fresh database with role/industry tags. Measured: one full `run_topics` (read, text
preparation, fit with K chosen by coherence over the default range, transform, distinctive
terms, trends, write) in a child process; peak memory is the child's maximum resident set
(its process-pool workers included, as they are its children).
Memory is the peak of the summed PSS of the child and all its descendants, sampled every 0.2 s
(PSS, not RSS: forked workers share their parent's pages, which a sum of RSS counts twice);
CPU is user + system seconds of the child and its workers, the figure least moved by other
load on the machine. The load average is printed beside each figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import threading
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


def measure(db: Path, tables_out: str | None) -> None:
    from jobtrends.config import Config
    from nlp.topics.stage import run_topics

    summary = run_topics(str(db), Config(), refit=True)
    print(f"run {summary.run_id}: {summary.n_topics} topics, {summary.postings} postings, "
          f"coherence {summary.coherence}, stage seconds {summary.seconds}")
    print(f"phases (s): {summary.phases}")
    if tables_out:
        import duckdb

        with duckdb.connect(str(db), read_only=True) as con:
            for table in TABLES:
                con.execute(f"COPY (SELECT * FROM store.{table}) TO '{tables_out}.{table}.parquet'")


TABLES = ("topics", "posting_topics", "distinctive_terms", "term_trends", "topic_runs")


def tree_pss_mb(root: int) -> float:
    """Summed proportional set size of `root` and all its descendants (MB)."""
    parents = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            parents[int(pid)] = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    total = 0
    for pid in tree:
        try:
            total += next(int(line.split()[1]) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
                          if line.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def timed_child(argv: list[str]) -> dict:
    """Wall and CPU seconds, peak summed PSS and largest RSS of one child process tree."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    child = subprocess.Popen(argv)
    peak = [0.0]

    def sample():
        while child.poll() is None:
            peak[0] = max(peak[0], tree_pss_mb(child.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if child.wait() != 0:
        raise SystemExit(f"{argv} failed")
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": round(time.perf_counter() - started, 1), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_pss_mb": round(peak[0]), "largest_rss_mb": round(usage.ru_maxrss / 1024),
            "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2)}


def compare(old: str, new: str) -> bool:
    """Print whether two runs' tables are the same; weights and dominant topics side by side."""
    import duckdb

    con = duckdb.connect()

    def rows(prefix, table, columns="*"):
        return con.execute(f"SELECT {columns} FROM '{prefix}.{table}.parquet' ORDER BY ALL").fetchall()

    same = True
    for table, columns in (("topics", "*"), ("distinctive_terms", "*"), ("term_trends", "*"),
                           ("topic_runs", "n_topics, n_postings, vocabulary_size, params"), ("posting_topics", "*")):
        a, b = rows(old, table, columns), rows(new, table, columns)
        print(f"{table}: {'identical' if a == b else 'DIFFERENT'} ({len(a)} and {len(b)} rows)")
        same &= a == b
    pairs = con.execute(f"""
        SELECT max(abs(coalesce(a.weight, 0) - coalesce(b.weight, 0))), count(*) FILTER (abs(coalesce(a.weight, 0) - coalesce(b.weight, 0)) > 1e-6)
        FROM '{old}.posting_topics.parquet' AS a FULL JOIN '{new}.posting_topics.parquet' AS b USING (posting_id, topic)""").fetchall()[0]
    dominant = "SELECT posting_id, arg_max(topic, weight) AS topic FROM '{}.posting_topics.parquet' GROUP BY 1"
    flips = con.execute(f"SELECT count(*) FROM ({dominant.format(old)}) AS a FULL JOIN ({dominant.format(new)}) AS b "
                        "USING (posting_id) WHERE a.topic IS DISTINCT FROM b.topic").fetchall()[0][0]
    print(f"posting weights: largest difference {pairs[0]:.2e}, {pairs[1]} above 1e-6; dominant topic differs for {flips} postings")
    return same


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/topics_bench.duckdb"))
    parser.add_argument("--measure-only", action="store_true", help="(internal) the timed child")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database of an earlier run")
    parser.add_argument("--tables-out", help="write the run's tables as Parquet files starting with this path")
    parser.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"), help="compare two --tables-out runs and exit")
    args = parser.parse_args()
    if args.compare:
        sys.exit(0 if compare(*args.compare) else 1)
    if args.measure_only:
        measure(args.db, args.tables_out)
        return
    if not args.skip_setup:
        started = time.perf_counter()
        setup(args.db, args.postings)
        print(f"setup: {args.postings} postings in {time.perf_counter() - started:.0f}s (not part of the figure)")
    argv = [sys.executable, __file__, "--measure-only", "--db", str(args.db)]
    figures = timed_child(argv + (["--tables-out", args.tables_out] if args.tables_out else []))
    print(f"jobtrends topics on {args.db}: {json.dumps(figures)}")


if __name__ == "__main__":
    main()
