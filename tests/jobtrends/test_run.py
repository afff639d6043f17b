"""`jobtrends run`: stages in order, one run at a time, stale locks, quiet for cron."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from jobtrends import runlock

DUTIES = ["deploy models to production and monitor them", "build data pipelines in SQL and Spark",
          "run Kubernetes clusters on AWS", "write clean Python services with tests",
          "train and evaluate deep learning models", "work with product managers and mentor engineers"]
ROWS = [{"id": str(i), "title": "Machine Learning Engineer", "company": f"Employer {i % 7}",
         "description": f"Posting {i}. You will {DUTIES[i % 6]}. You will also {DUTIES[(i * 5 + 1) % 6]}."}
        for i in range(30)]


def jobtrends(*args, cwd, stdin=subprocess.DEVNULL):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBTRENDS_")}
    return subprocess.run([sys.executable, "-m", "jobtrends", *args], cwd=cwd, env=env, stdin=stdin,
                          capture_output=True, text=True, timeout=180)


@pytest.fixture
def project(tmp_path):
    """A folder with a config (no sources: nothing to crawl) and an imported database."""
    (tmp_path / "jobtrends.toml").write_text('db = "jobs.duckdb"\n[run]\nlog_dir = "runlogs"\n[report]\nout = "out"\n')
    (tmp_path / "jobs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    assert jobtrends("import", "jobs.jsonl", cwd=tmp_path).returncode == 0
    return tmp_path


def hold_lock(db_path):
    """Another process holding the run lock, as an overlapping run would."""
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from jobtrends import runlock
        lock = runlock.acquire({str(db_path)!r})
        print("held", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_quiet_cron_run_prints_nothing_and_does_every_stage(project):
    result = jobtrends("run", "--quiet", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (project / "out" / "index.html").exists()
    logs = list((project / "runlogs").glob("run-*.log"))
    assert len(logs) == 1
    text = logs[0].read_text()
    assert "stage crawl: skipped" in text and "stage tag: ok" in text and "stage report: ok" in text
    assert "stage topics: " in text and "no topic run yet" in text
    again = jobtrends("run", "--quiet", cwd=project)
    assert again.returncode == 0
    second_log = max((project / "runlogs").glob("run-*.log"), key=lambda p: p.stat().st_mtime).read_text()
    assert "stage topics: skipped" in second_log and "no new postings" in second_log


def test_second_overlapping_run_is_refused_at_once(project):
    holder = hold_lock(project / "jobs.duckdb")
    try:
        result = jobtrends("run", "--quiet", cwd=project)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == runlock.EXIT_LOCKED == 75
    assert f"process {holder.pid}" in result.stderr and "did nothing" in result.stderr
    assert not (project / "out").exists()


def test_lock_left_by_a_killed_run_is_taken_over(project):
    holder = hold_lock(project / "jobs.duckdb")
    holder.kill()  # SIGKILL: no clean-up, the lock file still names it
    holder.wait()
    assert str(holder.pid) in runlock.lock_path(project / "jobs.duckdb").read_text()
    result = jobtrends("run", cwd=project)
    assert result.returncode == 0, result.stderr
    log = next((project / "runlogs").glob("run-*.log")).read_text()
    assert f"previous run (pid {holder.pid}" in log and "taking over" in log


def test_failing_stage_stops_the_later_ones_and_is_named(project):
    (project / "out").write_text("a file where the report folder should be")
    result = jobtrends("run", "--quiet", cwd=project)
    assert result.returncode == 1
    assert "stage report failed" in result.stderr
    loud = jobtrends("run", cwd=project)
    assert "stage report failed: FileExistsError" in loud.stderr and "log: runlogs/run-" in loud.stderr


def test_a_stage_failure_skips_the_stages_after_it(project, monkeypatch):
    from jobtrends import pipeline
    from jobtrends.config import load_config

    monkeypatch.chdir(project)
    import nlp.stage

    def broken(*args, **kwargs):
        raise RuntimeError("tagger exploded")

    monkeypatch.setattr(nlp.stage, "run_tag", broken)
    summary = pipeline.run_pipeline(load_config(project / "jobtrends.toml"), quiet=True)
    assert [(s.stage, s.status) for s in summary.stages] == [
        ("crawl", "skipped"), ("tag", "failed"), ("topics", "not run"), ("report", "not run")]
    assert summary.failed_stage.detail == "RuntimeError: tagger exploded"
    assert summary.exit_code == 1
    assert not (project / "out").exists()
