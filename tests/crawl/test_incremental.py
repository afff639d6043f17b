"""Two-run behaviour: new, changed, closed and reopened postings; closing only after a
complete listing; rejected-but-listed postings stay open; an empty listing needs confirming;
runs left `running` by a dead process are marked aborted."""

from __future__ import annotations

import json
import subprocess
from contextlib import contextmanager

from jobtrends.config import SourceConfig
from jobtrends.runs import start_run
from jobtrends.sample_server import Fault, Faults, serve
from jobtrends.store import writing

from .conftest import copy_boards, crawl, postings, rows

ACME = "greenhouse:acme"


@contextmanager
def acme_crawled(tmp_path):
    """The fixture boards served and Acme's Greenhouse board crawled once into a fresh
    database: (Acme's board file, to edit between runs; the database; the source list)."""
    boards = copy_boards(tmp_path / "boards")
    db = tmp_path / "jobs.duckdb"
    with serve(boards) as base:
        source = [SourceConfig(kind="greenhouse", board="acme", base_url=base)]
        crawl(source, db)
        yield boards / "greenhouse" / "acme.json", db, source


def edit_board(path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_new_changed_closed_then_reopened(tmp_path):
    with acme_crawled(tmp_path) as (board, db, source):
        original = json.loads(board.read_text())
        before = postings(db, ACME)

        def second_version(data):
            ml, pricing, office = data["jobs"]
            ml["content"] += "&lt;p&gt;Now with an on-call rota.&lt;/p&gt;"          # changed
            new = dict(pricing, id=1004, title="NLP Engineer", absolute_url="https://job-boards.example/acme/jobs/1004")
            data["jobs"] = [ml, office, new]                                          # 1002 gone, 1004 new
        edit_board(board, second_version)
        second = crawl(source, db)
        middle = postings(db, ACME)
        board.write_text(json.dumps(original))                                     # 1002 is back, 1004 gone
        third = crawl(source, db)
        after = postings(db, ACME)
    counts = second.per_source[0].counts
    assert (counts["items_new"], counts["items_updated"], counts["items_closed"], counts["items_reopened"]) == (1, 1, 1, 0)
    assert middle["1001"]["content_hash"] != before["1001"]["content_hash"]  # due for re-tagging
    assert "on-call rota" in middle["1001"]["description"]
    assert middle["1001"]["first_seen"] == before["1001"]["first_seen"]
    assert middle["1001"]["last_seen"] > before["1001"]["last_seen"]
    assert middle["1002"]["closed_at"] is not None and middle["1004"]["closed_at"] is None
    counts = third.per_source[0].counts
    assert (counts["items_new"], counts["items_updated"], counts["items_closed"], counts["items_reopened"]) == (0, 1, 1, 1)
    assert after["1002"]["closed_at"] is None and after["1002"]["first_seen"] == before["1002"]["first_seen"]
    assert after["1004"]["closed_at"] is not None
    assert after["1001"]["content_hash"] == before["1001"]["content_hash"]
    runs = rows(db, "SELECT items_reopened, complete FROM store.crawl_runs ORDER BY run_id")
    assert runs == [{"items_reopened": 0, "complete": True}, {"items_reopened": 0, "complete": True},
                    {"items_reopened": 1, "complete": True}]


def test_a_rejected_posting_still_listed_stays_open_and_the_rest_close(tmp_path):
    with acme_crawled(tmp_path) as (board, db, source):

        def break_one_drop_other(data):
            data["jobs"][0]["title"] = ""                       # 1001 still listed, but unreadable
            data["jobs"] = [j for j in data["jobs"] if j["id"] != 1002]
        edit_board(board, break_one_drop_other)
        second = crawl(source, db)
    assert second.exit_code == 1  # a reject is reported
    assert second.per_source[0].counts["items_rejected"] == 1
    found = postings(db, ACME)
    assert found["1001"]["closed_at"] is None and found["1001"]["title"] == "Senior Machine Learning Engineer"
    assert found["1002"]["closed_at"] is not None
    (reject,) = rows(db, "SELECT reason FROM store.rejects")
    assert reject["reason"] == "missing title"


def test_a_partial_listing_closes_nothing(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    db = tmp_path / "jobs.duckdb"
    faults = Faults()
    with serve(boards, faults=faults) as base:
        source = [SourceConfig(kind="lever", board="globex", base_url=base)]
        crawl(source, db)
        # Second run: page one answers, page two fails; the postings on page three are unseen.
        faults.add("/v0/postings/globex", Fault(), times=1).add("/v0/postings/globex", Fault(status=500))
        second = crawl(source, db)
    result = second.per_source[0]
    assert (result.status, result.counts["items_closed"]) == ("partial", 0)
    assert "HTTP 500" in result.message
    assert all(p["closed_at"] is None for p in postings(db, "lever:globex").values())
    assert rows(db, "SELECT complete FROM store.crawl_runs ORDER BY run_id DESC LIMIT 1") == [{"complete": False}]


def test_an_empty_listing_closes_only_when_the_next_run_confirms_it(tmp_path):
    with acme_crawled(tmp_path) as (board, db, source):
        board.write_text(json.dumps({"jobs": [], "meta": {"total": 0}}))
        glitch = crawl(source, db)
        still_open = [p["closed_at"] for p in postings(db, ACME).values()]
        confirmed = crawl(source, db)
    assert glitch.exit_code == 0 and glitch.per_source[0].counts["items_closed"] == 0
    assert "listing was empty" in glitch.per_source[0].message
    assert still_open == [None, None]
    assert confirmed.per_source[0].counts["items_closed"] == 2
    assert all(p["closed_at"] is not None for p in postings(db, ACME).values())


def test_runs_of_dead_processes_are_marked_aborted(tmp_path):
    db = tmp_path / "jobs.duckdb"
    dead = subprocess.Popen(["true"])
    dead.wait()  # its pid now names no process
    with writing(db) as con:
        stale = start_run(con, "lever:globex", "lever")
        con.execute("UPDATE store.crawl_runs SET pid = ? WHERE run_id = ?", [dead.pid, stale])
    boards = copy_boards(tmp_path / "boards")
    with serve(boards) as base:
        crawl([SourceConfig(kind="ashby", board="initech", base_url=base)], db)
    runs = {r["source"]: r for r in rows(db, "SELECT * FROM store.crawl_runs")}
    assert runs["lever:globex"]["status"] == "aborted"
    assert f"process {dead.pid} ended without finishing" in runs["lever:globex"]["message"]
    assert runs["lever:globex"]["finished_at"] is not None
    assert runs["ashby:initech"]["status"] == "ok"
