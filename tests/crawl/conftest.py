"""Crawl tests: real Scrapy crawls in a child process against a loopback sample server."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from crawl.runner import run_crawl
from jobtrends.config import Config, SourceConfig
from jobtrends.sample_server import serve

FIXTURES = Path(__file__).parent / "fixtures" / "boards"
# Loopback only: no politeness delays; tiny pages so pagination is exercised.
FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "JOBTRENDS_PAGE_SIZE": 2,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "RETRY_ENABLED": False,
        "JOBTRENDS_FLUSH_EVERY": 2}  # several short merges per source, as in a big crawl


def copy_boards(target: Path) -> Path:
    shutil.copytree(FIXTURES, target)
    return target


def all_kinds(base: str) -> list[SourceConfig]:
    return [
        SourceConfig(kind="greenhouse", board="acme", base_url=base, industry="manufacturing"),
        SourceConfig(kind="lever", board="globex", base_url=base, company="Globex"),
        SourceConfig(kind="ashby", board="initech", base_url=base, company="Initech"),
        SourceConfig(kind="smartrecruiters", board="umbrella", base_url=base),
        SourceConfig(kind="jsonld", urls=[base + "/careers/"], follow=["/careers/"], name="hollowpine"),
        SourceConfig(kind="hn", months=2, base_url=base),
    ]


def crawl(sources: list[SourceConfig], db: Path, config: Config | None = None, **settings):
    """Crawl quietly with the FAST settings, plus any Scrapy setting given as a keyword."""
    return run_crawl(config or Config(), sources, str(db), settings={**FAST, **settings}, quiet=True)


def clone_board(boards: Path, kind: str, source: str, *targets: str) -> None:
    """Copy a fixture board file under other board names (one per fault scenario)."""
    original = boards / kind / f"{source}.json"
    for target in targets:
        shutil.copy(original, boards / kind / f"{target}.json")


def rows(db: Path, sql: str, params: list | None = None) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cursor = con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
    finally:
        con.close()


def postings(db: Path, source: str) -> dict[str, dict]:
    """source_id -> the stored posting row."""
    return {r["source_id"]: r for r in rows(db, "SELECT * FROM store.postings WHERE source = ?", [source])}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """All six kinds crawled once into one database: (result, db path)."""
    tmp = tmp_path_factory.mktemp("kinds")
    boards = copy_boards(tmp / "boards")
    with serve(boards) as base:
        result = crawl(all_kinds(base), tmp / "jobs.duckdb")
    return result, tmp / "jobs.duckdb"
