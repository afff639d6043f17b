"""A crawl killed mid-run (SIGKILL) loses and duplicates nothing once rerun, and readers
(`jobtrends sql`) get answers within seconds while a slow crawl is writing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

from crawl.job import write_job
from crawl.runner import child_env, run_crawl
from jobtrends.config import Config, SourceConfig
from jobtrends.sample_server import Faults, serve

from .conftest import FAST, copy_boards, crawl, rows

N_POSTINGS = 30


def big_lever_board(boards) -> None:
    """N_POSTINGS Lever postings (15 pages of 2 with the FAST settings)."""
    board = boards / "lever" / "globex.json"
    template = json.loads(board.read_text())[0]
    board.write_text(json.dumps([
        dict(template, id=f"lv-big-{i:04d}", text=f"ML Engineer {i}", hostedUrl=f"https://jobs.example/globex/{i}")
        for i in range(N_POSTINGS)
    ]))


def wait_until(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def test_a_crawl_killed_mid_run_is_completed_by_the_next_run(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    big_lever_board(boards)
    db = tmp_path / "jobs.duckdb"
    faults = Faults()
    with serve(boards, delay=0.15, faults=faults) as slow_base:
        source = SourceConfig(kind="lever", board="globex", base_url=slow_base)
        job = tmp_path / "job.json"
        write_job(job, Config(), [source], str(db), FAST, tmp_path / "result.json", True)
        child = subprocess.Popen([sys.executable, "-m", "crawl", str(job)], env=child_env(),
                                 stderr=subprocess.DEVNULL, start_new_session=True)
        wait_until(lambda: len(faults.requests_to("/v0/postings/globex")) >= 6)
        os.killpg(child.pid, signal.SIGKILL)  # no chance to clean up: the worst case
        child.wait()
    killed = rows(db, "SELECT count(*) AS n FROM store.postings")[0]["n"]
    assert 0 < killed < N_POSTINGS  # some batches had been merged, not all
    assert rows(db, "SELECT status FROM store.crawl_runs") == [{"status": "running"}]
    with serve(boards) as base:
        rerun = crawl([SourceConfig(kind="lever", board="globex", base_url=base)], db)
    assert rerun.exit_code == 0
    counts = rerun.per_source[0].counts
    assert (counts["items_new"], counts["items_closed"]) == (N_POSTINGS - killed, 0)
    stored = rows(db, "SELECT count(*) AS n, count(DISTINCT source_id) AS ids, count(closed_at) AS closed "
                      "FROM store.postings")
    assert stored == [{"n": N_POSTINGS, "ids": N_POSTINGS, "closed": 0}]
    runs = rows(db, "SELECT status, complete FROM store.crawl_runs ORDER BY run_id")
    assert runs == [{"status": "aborted", "complete": False}, {"status": "ok", "complete": True}]


def test_sql_answers_within_seconds_during_a_slow_crawl(tmp_path):
    boards = copy_boards(tmp_path / "boards")
    big_lever_board(boards)
    db = tmp_path / "jobs.duckdb"
    with serve(boards) as fast_base:  # a database with something in it already
        crawl([SourceConfig(kind="ashby", board="initech", base_url=fast_base)], db)
    with serve(boards, delay=0.3) as slow_base:  # 15 pages at 0.3 s: several seconds of crawling
        source = SourceConfig(kind="lever", board="globex", base_url=slow_base)
        crawler = threading.Thread(target=run_crawl, args=(Config(), [source], str(db)),
                                   kwargs={"settings": FAST, "quiet": True})
        crawler.start()
        answers = []
        time.sleep(1.0)
        while crawler.is_alive() and len(answers) < 3:
            started = time.monotonic()
            done = subprocess.run([sys.executable, "-m", "jobtrends", "--db", str(db), "sql", "--format", "csv",
                                   "SELECT count(*) AS n FROM postings"],
                                  capture_output=True, text=True, env=child_env(), timeout=60)
            answers.append((time.monotonic() - started, done.returncode, done.stdout, crawler.is_alive()))
        crawler.join()
    assert len(answers) >= 2, answers
    for seconds, code, output, crawling in answers:
        assert code == 0 and output.startswith("n\n"), output
        assert seconds < 8, answers  # a process start plus a query; never the 30 s lock wait
        assert crawling  # the crawl was still running when the answer came
    assert rows(db, "SELECT count(*) AS n FROM store.postings") == [{"n": 2 + N_POSTINGS}]
