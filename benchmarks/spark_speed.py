"""Spark local-mode tagging throughput next to the local engine's, on the same postings.

    python -m benchmarks.spark_speed --sizes 2000 10000 [--master local[2]] [--repeat 1]

For each size: the scale corpus (benchmarks/corpus.py) imported into a fresh database and
exported as a lake (neither timed); then, each as its own process on the same machine,
`jobtrends tag --all` (the local engine, tag.workers processes) and
`python -m jobtrends.spark_tag --master MASTER` over the lake's postings (JVM and Python
workers started from scratch, as a cluster job would be). Reported: seconds, postings/s and
peak RSS of the driver process (Spark's JVM and Python workers are children: their memory is
not in that figure), with the 1-minute load average before and after each run, since the
machine is shared. Results go to benchmarks/results/spark_<N>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import CorpusWriter
from benchmarks.run import DATA, RESULTS, machine, measure


def bench_size(n: int, master: str, repeat: int) -> dict:
    corpus = DATA / f"{n}.parquet"
    if not corpus.exists():
        CorpusWriter(n).write(corpus)
    work = Path(tempfile.mkdtemp(prefix="jobtrends-spark-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBTRENDS_")}
    db, lake = work / "bench.duckdb", work / "lake"
    cli = [sys.executable, "-m", "jobtrends", "--db", str(db)]
    try:
        measure(cli + ["import", "--quiet", "--source", "bench", str(corpus)], work, env)
        measure(cli + ["export", "--quiet", "--view", "postings", "--out", str(lake)], work, env)
        engines = {
            "local": cli + ["tag", "--all", "--quiet"],
            f"spark {master}": [sys.executable, "-m", "jobtrends.spark_tag", "--master", master,
                                "--input", str(lake / "postings"), "--output", str(lake)],
        }
        results = {}
        for name, argv in engines.items():
            runs = []
            for _ in range(repeat):
                load_before = os.getloadavg()[0]
                seconds, mb = measure(argv, work, env)
                runs.append({"seconds": round(seconds, 2), "peak_mb": round(mb),
                             "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2)})
            best = min(runs, key=lambda r: r["seconds"])
            results[name] = {**best, "postings_per_s": round(n / best["seconds"], 1), "runs": runs}
            print(f"{n:>8} {name:<18} {best['seconds']:8.2f}s {n / best['seconds']:8.1f}/s "
                  f"load {best['load_before']:.2f} -> {best['load_after']:.2f}", flush=True)
        return {"postings": n, "master": master, "engines": results}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--master", default="local[2]", help="Spark master [default: local[2], one per core here]")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    from jobtrends.spark_tag import require_spark

    require_spark()
    RESULTS.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        result = {"machine": machine(), "at": time.strftime("%Y-%m-%d %H:%M:%S"), **bench_size(n, args.master, args.repeat)}
        (RESULTS / f"spark_{n}.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
