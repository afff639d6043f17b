"""`make bench`: postings per second and peak memory of every stage, and of its floor.

Each stage runs as its own process (`python -m jobtrends ...` on a fresh database built from
the scale corpus), timed with a monotonic clock over several repetitions (the best is kept:
the least disturbed by the rest of the machine) with the child's peak RSS from wait4().
Floors: the same postings through spaCy's bare blank("en") tokenizer and a plain regex
tokenizer (for tag), and DuckDB's own Parquet insert of the same rows (for import).
Results go to benchmarks/results/<N>.json and docs/benchmarks.md.

--synthetic-tags: instead of `jobtrends tag`, the tag tables are filled by SQL with synthetic
tags (benchmarks/synthetic_tags.py; stage "synthetic tags (timing only)"), for the cost of
the later stages at sizes where real tagging takes too long here (1M: 35 minutes); the
tokenizer floors (the tag stage's) are skipped then. Topics read the tags only to group their
counts, so they are timed on the synthetic ones. The real tag stage is timed without it.

    python -m benchmarks.run --sizes 10000 100000 [--repeat 3]
    python -m benchmarks.run --sizes 1000000 --repeat 1 --synthetic-tags
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import CorpusWriter

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
RESULTS = ROOT / "benchmarks" / "results"
QUERIES = {
    "theme by industry": "SELECT * FROM theme_by_industry ORDER BY industry, theme",
    "monthly trend": "SELECT * FROM theme_by_month WHERE theme = 'production' ORDER BY month",
    "top skills in finance": (
        "SELECT s.skill, count(*) AS n FROM postings AS p JOIN posting_skills AS s USING (posting_id) "
        "WHERE p.industry = 'finance' GROUP BY 1 ORDER BY 2 DESC LIMIT 20"),
}
FLOOR_SCRIPT = {
    "spacy tokenizer": """
import spacy, pyarrow.parquet as pq
from jobtrends.text import html_to_text
nlp = spacy.blank("en")
for batch in pq.ParquetFile(PATH).iter_batches(columns=["description"], batch_size=5000):
    for doc in nlp.tokenizer.pipe(html_to_text(d) for d in batch.column(0).to_pylist()):
        pass
""",
    "regex tokenizer": """
import re, pyarrow.parquet as pq
from jobtrends.text import html_to_text
word = re.compile(r"\\w+")
for batch in pq.ParquetFile(PATH).iter_batches(columns=["description"], batch_size=5000):
    for d in batch.column(0).to_pylist():
        word.findall(html_to_text(d))
""",
    "duckdb insert": """
import duckdb
con = duckdb.connect(DB)
con.execute("CREATE TABLE t AS SELECT * FROM read_parquet(?)", [PATH])
""",
}


def measure(argv: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process; raises if it fails."""
    started = time.monotonic()
    child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise RuntimeError(f"{' '.join(argv)} failed: {child.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def best_of(repeat: int, run) -> tuple[float, float]:
    results = [run() for _ in range(repeat)]
    return min(r[0] for r in results), max(r[1] for r in results)


SYNTHETIC_TAGS_STAGE = "synthetic tags (timing only)"
TAG_FLOORS = ("spacy tokenizer", "regex tokenizer")


def bench_size(n: int, repeat: int, synthetic_tags: bool = False) -> dict:
    corpus = DATA / f"{n}.parquet"
    if not corpus.exists():
        CorpusWriter(n).write(corpus)
    work = Path(tempfile.mkdtemp(prefix="jobtrends-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBTRENDS_")}
    cli = [sys.executable, "-m", "jobtrends", "--db", str(work / "bench.duckdb")]
    stages: dict[str, dict] = {}

    def stage(name: str, argv: list[str], fresh_db: bool = False, repeat_here: int = repeat):
        def once():
            if fresh_db:
                for f in work.glob("bench.duckdb*"):
                    f.unlink()
            return measure(argv, work, env)
        seconds, mb = best_of(repeat_here, once)
        stages[name] = {"seconds": round(seconds, 3), "postings_per_s": round(n / seconds, 1), "peak_mb": round(mb)}
        print(f"{n:>8} {name:<24} {seconds:8.2f}s {n / seconds:10.0f}/s {mb:7.0f} MB", flush=True)

    stage("import", cli + ["import", "--quiet", "--source", "bench", str(corpus)], fresh_db=True)
    if synthetic_tags:
        stage(SYNTHETIC_TAGS_STAGE, [sys.executable, str(ROOT / "benchmarks" / "synthetic_tags.py"), str(work / "bench.duckdb")],
              repeat_here=1)
    else:
        stage("tag", cli + ["tag", "--all", "--quiet"])
    if _command_available(cli, work, env, "topics"):
        stage("topics", cli + ["topics"], repeat_here=1)
    stage("report", cli + ["report", "--out", str(work / "report")])
    for label, sql in QUERIES.items():
        stage(f"query: {label}", cli + ["sql", "--format", "csv", "--output", str(work / "q.csv"), sql])
        # The process above includes starting Python and jobtrends (~1 s): the query alone too.
        seconds = min(sql_seconds(work / "bench.duckdb", sql) for _ in range(repeat))
        stages[f"query: {label} (SQL only)"] = {"seconds": round(seconds, 3), "postings_per_s": round(n / seconds, 1),
                                                "peak_mb": stages[f"query: {label}"]["peak_mb"]}
        print(f"{n:>8} {label + ' (SQL only)':<24} {seconds:8.2f}s", flush=True)
    for label, script in FLOOR_SCRIPT.items():
        if synthetic_tags and label in TAG_FLOORS:
            continue
        code = f"PATH = {str(corpus)!r}\nDB = {str(work / 'floor.duckdb')!r}\n" + script
        def floor_run(code=code):
            for f in work.glob("floor.duckdb*"):
                f.unlink()
            return measure([sys.executable, "-c", code], work, env)
        seconds, mb = best_of(repeat, floor_run)
        stages[f"floor: {label}"] = {"seconds": round(seconds, 3), "postings_per_s": round(n / seconds, 1),
                                     "peak_mb": round(mb)}
        print(f"{n:>8} floor: {label:<17} {seconds:8.2f}s {n / seconds:10.0f}/s {mb:7.0f} MB", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    return {"postings": n, "stages": stages}


def sql_seconds(db: Path, sql: str) -> float:
    """Seconds to run `sql` and fetch every row on a reader of `db` (opening it not counted)."""
    from jobtrends import store

    with store.reading(db) as con:
        started = time.monotonic()
        con.execute(sql).fetchall()
        return time.monotonic() - started


def _command_available(cli, work, env, command) -> bool:
    probe = subprocess.run(cli + [command, "--help"], cwd=work, env=env, capture_output=True, text=True)
    return probe.returncode == 0 and "not available yet" not in probe.stdout


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(next(l.split()[1] for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")))
    return f"{os.cpu_count()} cores ({cpu}), {memory / 1024 / 1024:.0f} GiB, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark every stage of jobtrends.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--synthetic-tags", action="store_true",
                        help="fill tag tables by SQL instead of timing the tag stage (for the later stages' timing)")
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        result = bench_size(n, args.repeat, args.synthetic_tags) | {"machine": machine(), "measured": time.strftime("%Y-%m-%d")}
        (RESULTS / f"{n}.json").write_text(json.dumps(result, indent=1) + "\n")
    from benchmarks.report import write_markdown

    write_markdown(RESULTS, ROOT / "docs" / "benchmarks.md")


if __name__ == "__main__":
    main()
