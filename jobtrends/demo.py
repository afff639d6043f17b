"""`jobtrends demo`: the whole pipeline on the bundled sample job boards, offline.

The sample boards (data/sample/boards, made by `python -m jobtrends.samplegen`) are served
on a loopback port picked by the OS, crawled with the real spiders into the demo's own
database, tagged, topics discovered, and reported. Running it again is safe: nothing new is found, nothing is
re-tagged, and the report is rewritten identically.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from .config import Config, load_config
from .paths import data_dir

DEMO_DB = Path("data/demo.duckdb")
DEMO_REPORT = Path("reports/demo")
# Politeness protects other people's servers; the demo's server is our own thread on
# loopback, so the crawl may go as fast as it can there.
LOOPBACK_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "CONCURRENT_REQUESTS": 32,
}


@dataclass
class DemoResult:
    db: Path
    report: Path
    crawl_exit_code: int
    postings: int
    seconds: float


def sample_config(base_url: str, db: Path) -> Config:
    """The demo's sources (data/sample/sources.toml) pointed at the loopback server."""
    config = load_config(data_dir() / "sample" / "sources.toml", environ={})
    sources = [
        replace(s, base_url=base_url, urls=[base_url + u if u.startswith("/") else u for u in s.urls])
        for s in config.sources
    ]
    return replace(config, db=str(db), sources=sources, contact="jobtrends demo (offline, loopback)")


def run_demo(db: Path = DEMO_DB, report_dir: Path = DEMO_REPORT, quiet: bool = False) -> DemoResult:
    from analysis.report import build_report
    from crawl.runner import run_crawl
    from nlp.stage import run_tag
    from nlp.topics.stage import run_topics

    from .sample_server import serve
    from .store import reading, scalar

    started = time.monotonic()
    with serve(data_dir() / "sample" / "boards") as base_url:
        config = sample_config(base_url, db)
        crawled = run_crawl(config, config.sources, str(db), settings=LOOPBACK_SETTINGS, quiet=quiet)
    run_tag(str(db), config, progress=not quiet)
    run_topics(str(db), config)
    report = build_report(db, report_dir, role=config.report.role,
                          min_industry_count=config.report.min_industry_count)
    with reading(db) as con:
        postings = scalar(con, "SELECT count(*) FROM postings")
    return DemoResult(db=db, report=Path(report.index_path), crawl_exit_code=crawled.exit_code,
                      postings=postings, seconds=time.monotonic() - started)
