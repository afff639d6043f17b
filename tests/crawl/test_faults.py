"""Failures are isolated per source, recorded with a message a user can act on, and retried
politely: 429 with Retry-After, 5xx, timeouts, truncated bodies, 404 boards, empty boards."""

from __future__ import annotations

import json

from jobtrends.config import Config, SourceConfig
from jobtrends.sample_server import Fault, Faults, serve

from .conftest import clone_board, copy_boards, crawl, postings, rows

RETRYING = {"RETRY_ENABLED": True, "RETRY_TIMES": 2, "JOBTRENDS_BACKOFF_BASE": 0.05}


def greenhouse(board: str, base: str) -> SourceConfig:
    return SourceConfig(kind="greenhouse", board=board, base_url=base)


def test_each_fault_fails_its_source_only_with_a_clear_message(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    clone_board(boards, "greenhouse", "acme", "storm", "patient", "slow", "cut", "flaky")
    faults = (Faults()
              .add("/v1/boards/storm/jobs", Fault(status=429, retry_after=0))        # never recovers
              .add("/v1/boards/patient/jobs", Fault(status=429, retry_after=3600))   # asks for an hour
              .add("/v1/boards/slow/jobs", Fault(delay=3))                           # slower than the timeout
              .add("/v1/boards/cut/jobs", Fault(truncate=40))                        # body cut short
              .add("/v1/boards/flaky/jobs", Fault(status=503), times=1))             # recovers on retry
    db = tmp_path / "jobs.duckdb"
    names = ["storm", "patient", "slow", "cut", "flaky", "nosuchboard", "acme"]
    with serve(boards, faults=faults) as base:
        result = crawl([greenhouse(n, base) for n in names], db, DOWNLOAD_TIMEOUT=1, **RETRYING)
    assert result.exit_code == 1
    status = {r.name.split(":")[1]: r.status for r in result.per_source}
    assert status == {"storm": "failed", "patient": "failed", "slow": "failed", "cut": "failed",
                      "flaky": "ok", "nosuchboard": "failed", "acme": "ok"}
    message = {r["source"].split(":")[1]: r["message"] for r in rows(db, "SELECT * FROM store.crawl_runs")}
    assert "HTTP 429" in message["storm"] and "rate limited" in message["storm"] and "after 2 retries" in message["storm"]
    assert len(faults.requests_to("/v1/boards/storm/jobs")) == 3  # the request and two retries
    assert "Retry-After 3600s exceeds" in message["patient"]
    assert len(faults.requests_to("/v1/boards/patient/jobs")) == 1  # no hour-long wait, no hammering
    assert "timed out after 1" in message["slow"]
    assert "truncated" in message["cut"]
    assert "HTTP 404" in message["nosuchboard"] and "board not found" in message["nosuchboard"]
    assert message["flaky"] is None and len(postings(db, "greenhouse:flaky")) == 2
    assert len(postings(db, "greenhouse:acme")) == 2
    assert not rows(db, "SELECT * FROM store.postings WHERE source IN ('greenhouse:storm', 'greenhouse:slow')")


def test_retry_after_is_honoured_then_the_crawl_succeeds(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    faults = Faults().add("/v0/postings/globex", Fault(status=429, retry_after=1), times=1)
    with serve(boards, faults=faults) as base:
        result = crawl([SourceConfig(kind="lever", board="globex", base_url=base)], tmp_path / "jobs.duckdb",
                       **RETRYING)
    assert result.exit_code == 0, result.per_source
    assert result.per_source[0].counts["items_new"] == 5
    first, retry = faults.requests_to("/v0/postings/globex")[:2]
    assert first["query"] == retry["query"]  # the same page again
    assert retry["at"] - first["at"] >= 0.95  # waited as told, not the 0.05 s backoff


def test_backoff_doubles_without_retry_after(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    faults = Faults().add("/posting-api/job-board/initech", Fault(status=502), times=2)
    with serve(boards, faults=faults) as base:
        result = crawl([SourceConfig(kind="ashby", board="initech", base_url=base)], tmp_path / "jobs.duckdb",
                       RETRY_ENABLED=True, RETRY_TIMES=2, JOBTRENDS_BACKOFF_BASE=0.3)
    assert result.exit_code == 0
    times = [r["at"] for r in faults.requests_to("/posting-api/job-board/initech")]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.28 and times[2] - times[1] >= 0.58  # 0.3 s, then 0.6 s


def test_an_empty_board_is_ok_and_the_user_agent_names_the_contact(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    (boards / "greenhouse" / "quiet.json").write_text(json.dumps({"jobs": [], "meta": {"total": 0}}))
    faults = Faults()
    with serve(boards, faults=faults) as base:
        result = crawl([greenhouse("quiet", base)], tmp_path / "jobs.duckdb", Config(contact="ops@example.org"))
    assert result.exit_code == 0
    assert result.per_source[0].counts["items_seen"] == 0
    (request,) = faults.requests_to("/v1/boards/quiet/jobs")
    assert request["headers"]["User-Agent"].endswith("(+ops@example.org)")


def test_retry_after_reads_seconds_and_http_dates():
    from datetime import datetime, timezone

    from crawl.middlewares import retry_after_seconds

    now = datetime(2024, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(b"7") == 7.0
    assert retry_after_seconds("Fri, 01 Mar 2024 12:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Fri, 01 Mar 2024 11:00:00 GMT", now=now) == 0.0  # already past
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
