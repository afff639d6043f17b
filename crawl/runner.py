"""Run a crawl in a child process and report per source.

Scrapy's Twisted reactor can start only once per process, so every crawl runs in a fresh
`python -m crawl JOB.json` child; the caller (CLI, demo, tests) may crawl any number of times.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from jobtrends.config import Config, SourceConfig

from crawl.job import write_job

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STDERR_TAIL = 2000  # characters of a crashed child's stderr kept in the message


class SourceResult(NamedTuple):
    name: str
    status: str              # ok | partial | failed
    counts: dict[str, int]   # items_seen, items_new, items_updated, items_closed, items_rejected, items_skipped
    message: str | None


@dataclass
class CrawlResult:
    per_source: list[SourceResult]
    exit_code: int           # 0: every source ok and nothing rejected; 1 otherwise

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def source(self, name: str) -> SourceResult:
        return next(r for r in self.per_source if r.name == name)


def run_crawl(config: Config, sources: list[SourceConfig], db_path: str, *,
              settings: dict | None = None, quiet: bool = False) -> CrawlResult:
    """Crawl `sources` into the database at `db_path`; `settings` overrides Scrapy settings.

    Progress and a summary go to stderr; with `quiet`, only errors and sources with problems.
    """
    if not sources:
        return CrawlResult(per_source=[], exit_code=0)
    with tempfile.TemporaryDirectory(prefix="jobtrends-crawl-") as tmp:
        job_path, result_path = Path(tmp) / "job.json", Path(tmp) / "result.json"
        write_job(job_path, config, sources, os.path.abspath(db_path), settings, result_path, quiet)
        completed = subprocess.run(
            [sys.executable, "-m", "crawl", str(job_path)],
            env=child_env(),
            stderr=subprocess.PIPE if quiet else None,
            text=True,
        )
        reported = json.loads(result_path.read_text()) if result_path.exists() else []
    if completed.stderr:  # quiet: the child logged errors only; pass them on after the fact
        sys.stderr.write(completed.stderr)
    results = collect(sources, reported, completed.returncode, completed.stderr or "")
    exit_code = 0 if completed.returncode == 0 and all(is_ok(r) for r in results) else 1
    print_summary(results, problems_only=quiet)
    return CrawlResult(per_source=results, exit_code=exit_code)


def run_crawl_to_lake(config: Config, sources: list[SourceConfig], lake: str, stem: str, *,
                      settings: dict | None = None, quiet: bool = False) -> tuple[CrawlResult, int]:
    """Crawl `sources` into a scratch database, then write its postings as Parquet under
    lake/postings/ (jobtrends.lake.write_postings: files named after `stem`, replacing those
    an earlier run with the same stem wrote). Returns the result and the rows written.

    The scratch database makes the lake's postings the same rows, with the same cleaning,
    validation and duplicate clustering, as a crawl into a database would store.
    """
    from jobtrends.lake import write_postings

    with tempfile.TemporaryDirectory(prefix="jobtrends-lake-crawl-") as tmp:
        db = Path(tmp) / "crawl.duckdb"
        result = run_crawl(config, sources, str(db), settings=settings, quiet=quiet)
        rows = write_postings(db, lake, stem) if db.exists() else 0
    return result, rows


def child_env() -> dict[str, str]:
    """The environment with this checkout first on the path, installed or not."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH")) if p)
    return env


def collect(sources: list[SourceConfig], reported: list[dict[str, Any]], returncode: int, stderr: str) -> list[SourceResult]:
    """One result per source, in the order given; a source the child never reported failed."""
    by_name = {r["source"]: r for r in reported}
    results = []
    for source in sources:
        r = by_name.get(source.source_name)
        if r is None:
            tail = stderr.strip()[-STDERR_TAIL:]
            message = f"crawler process exited with code {returncode}" + (f": {tail}" if tail else "")
            results.append(SourceResult(source.source_name, "failed", {}, message))
        else:
            results.append(SourceResult(r["source"], r["status"], r["counts"], r["message"]))
    return results


def is_ok(result: SourceResult) -> bool:
    return result.status == "ok" and not result.counts.get("items_rejected")


def print_summary(results: list[SourceResult], problems_only: bool = False) -> None:
    """A total line and one line per source with a problem; with problems_only, just those."""
    from rich.console import Console
    from rich.markup import escape  # source names and messages hold scraped text and URLs

    console = Console(stderr=True, highlight=False)
    failed = [r for r in results if not is_ok(r)]
    new = sum(r.counts.get("items_new", 0) for r in results)
    closed = sum(r.counts.get("items_closed", 0) for r in results)
    style = "red" if failed else "green"
    if not problems_only:
        console.print(f"[{style}]crawl: {len(results)} sources, {len(failed)} with problems, "
                      f"{new} new postings, {closed} closed[/{style}]")
    for r in failed:
        console.print(f"  [red]{escape(r.name)}[/red]: {r.status}, {r.counts.get('items_rejected', 0)} rejected"
                      + (f" - {escape(r.message)}" if r.message else ""))
