"""Run bookkeeping: failures isolated per source, rejects, skips, re-runs and closing."""

from __future__ import annotations

import json

from jobtrends.config import Config, CrawlConfig, SourceConfig
from jobtrends.sample_server import serve

from .conftest import all_kinds, copy_boards, crawl, postings, rows


def test_a_failing_source_does_not_stop_the_others(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    db = tmp_path / "jobs.duckdb"
    with serve(boards) as base:
        result = crawl([
            SourceConfig(kind="greenhouse", board="nosuchboard", base_url=base),
            SourceConfig(kind="greenhouse", board="broken", base_url=base),
            SourceConfig(kind="ashby", board="initech", base_url=base),
        ], db)
    assert result.exit_code == 1
    statuses = {r.name: r.status for r in result.per_source}
    assert statuses == {"greenhouse:nosuchboard": "failed", "greenhouse:broken": "failed", "ashby:initech": "ok"}
    runs = {r["source"]: r for r in rows(db, "SELECT * FROM store.crawl_runs")}
    assert runs["greenhouse:nosuchboard"]["status"] == "failed"
    assert "HTTP 404" in runs["greenhouse:nosuchboard"]["message"]
    assert "/v1/boards/nosuchboard/jobs" in runs["greenhouse:nosuchboard"]["message"]
    assert "malformed JSON" in runs["greenhouse:broken"]["message"]
    assert runs["greenhouse:broken"]["complete"] is False
    assert runs["ashby:initech"]["finished_at"] is not None
    assert len(postings(db, "ashby:initech")) == 2


def test_missing_title_is_a_reject_with_reason(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    db = tmp_path / "jobs.duckdb"
    with serve(boards) as base:
        result = crawl([SourceConfig(kind="greenhouse", board="flawed", base_url=base)], db)
    assert result.exit_code == 1  # the run worked but a row was rejected
    assert result.per_source[0].counts["items_rejected"] == 1
    assert set(postings(db, "greenhouse:flawed")) == {"2001"}
    (reject,) = rows(db, "SELECT * FROM store.rejects")
    assert reject["reason"] == "missing title"
    assert reject["source"] == "greenhouse:flawed"
    assert reject["url"] == "https://job-boards.example/acme/jobs/2002"
    assert json.loads(reject["payload"])["raw"]["id"] == 2002  # nothing is lost
    (run,) = rows(db, "SELECT * FROM store.crawl_runs")
    assert (run["items_rejected"], run["run_id"]) == (1, reject["run_id"])


def test_title_filter_skips_are_counted_and_configurable(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    with serve(boards) as base:
        source = SourceConfig(kind="greenhouse", board="acme", base_url=base)
        default = crawl([source], tmp_path / "a.duckdb")
        widened = crawl([source], tmp_path / "b.duckdb", Config(crawl=CrawlConfig(title_filter=[r"office\s+manager"])))
    assert default.per_source[0].counts["items_skipped"] == 1
    assert default.exit_code == 0  # a skip is not a problem
    assert rows(tmp_path / "a.duckdb", "SELECT items_skipped FROM store.crawl_runs") == [{"items_skipped": 1}]
    assert "1003" not in postings(tmp_path / "a.duckdb", "greenhouse:acme")
    assert widened.per_source[0].counts["items_skipped"] == 0
    assert postings(tmp_path / "b.duckdb", "greenhouse:acme")["1003"]["title"] == "Office Manager"


def test_second_run_adds_nothing_and_closes_what_left_a_complete_listing(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    db = tmp_path / "jobs.duckdb"
    with serve(boards) as base:
        first = crawl(all_kinds(base), db)
        assert first.exit_code == 0
        # Between runs, one Lever posting and one career-site page disappear.
        lever_file = boards / "lever" / "globex.json"
        lever_file.write_text(json.dumps([p for p in json.loads(lever_file.read_text()) if p["id"] != "lv-0003-aaaa"]))
        (boards / "site" / "careers" / "jobs" / "vision.html").unlink()
        second = crawl(all_kinds(base), db)
    assert second.exit_code == 0
    for r in second.per_source:
        assert (r.counts["items_new"], r.counts["items_updated"]) == (0, 0), r
    assert second.source("lever:globex").counts["items_closed"] == 1
    lever = postings(db, "lever:globex")
    assert lever["lv-0003-aaaa"]["closed_at"] is not None
    assert all(p["closed_at"] is None for sid, p in lever.items() if sid != "lv-0003-aaaa")
    # A site crawl is not a complete listing: its missing posting stays open.
    assert all(p["closed_at"] is None for p in postings(db, "hollowpine").values())
    assert second.source("hollowpine").counts["items_closed"] == 0
    assert rows(db, "SELECT count(*) AS n FROM store.postings WHERE closed_at IS NOT NULL") == [{"n": 1}]
    assert rows(db, "SELECT count(*) AS n FROM store.crawl_runs WHERE status = 'ok'") == [{"n": 12}]


def test_a_failed_run_closes_nothing(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    db = tmp_path / "jobs.duckdb"
    with serve(boards) as base:
        source = SourceConfig(kind="lever", board="globex", base_url=base)
        crawl([source], db)
        (boards / "lever" / "globex.json").write_text('[{"id": "lv-0001-aaaa", "text": ')  # malformed
        second = crawl([source], db)
    assert second.per_source[0].status == "failed"
    assert second.per_source[0].counts["items_closed"] == 0
    assert all(p["closed_at"] is None for p in postings(db, "lever:globex").values())


def test_progress_and_summary_on_stderr_unless_quiet(tmp_path, capfd):
    from crawl.runner import run_crawl

    from .conftest import FAST

    boards = copy_boards(tmp_path / "boards")
    with serve(boards) as base:
        sources = [SourceConfig(kind="ashby", board="initech", base_url=base),
                   SourceConfig(kind="lever", board="nosuchsite", base_url=base)]
        result = run_crawl(Config(), sources, str(tmp_path / "jobs.duckdb"), settings=FAST)
    err = capfd.readouterr().err
    assert result.exit_code == 1
    assert "crawl ashby:initech: ok, 2 seen, 2 new" in err
    assert "crawl: 2 sources, 1 with problems, 2 new postings" in err
    assert "lever:nosuchsite" in err and "HTTP 404" in err
