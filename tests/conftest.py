"""Shared fixtures: a temporary database path, a clean environment, and one demo run."""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "jobtrends.duckdb"


@pytest.fixture(autouse=True)
def _no_jobtrends_env(monkeypatch):
    """Tests never see the developer's JOBTRENDS_* variables."""
    for name in list(os.environ):
        if name.startswith("JOBTRENDS_"):
            monkeypatch.delenv(name)


def run_jobtrends(*args, cwd, timeout=300, stdin=subprocess.DEVNULL):
    """`python -m jobtrends ARGS` in `cwd`, as a user would run it (no JOBTRENDS_* variables)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBTRENDS_")}
    return subprocess.run([sys.executable, "-m", "jobtrends", *map(str, args)], cwd=cwd, env=env,
                          stdin=stdin, capture_output=True, text=True, timeout=timeout)


@dataclass
class DemoRun:
    folder: Path
    first: subprocess.CompletedProcess
    second: subprocess.CompletedProcess
    first_csvs: dict

    @property
    def db(self) -> Path:
        return self.folder / "data" / "demo.duckdb"


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> DemoRun:
    """`jobtrends demo` twice in a fresh folder (the second run must change nothing)."""
    folder = tmp_path_factory.mktemp("demo")
    first = run_jobtrends("demo", cwd=folder)
    assert first.returncode == 0, first.stderr[-3000:]
    csvs = {p.name: p.read_bytes() for p in (folder / "reports" / "demo").glob("*.csv")}
    second = run_jobtrends("demo", cwd=folder)
    assert second.returncode == 0, second.stderr[-3000:]
    return DemoRun(folder, first, second, csvs)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as handle:  # a zombie is dead, just not yet reaped
        return handle.read().split()[2] != "Z"


def kill_and_expect_workers_gone(parent: subprocess.Popen, workers: list[int]) -> None:
    """SIGKILL the parent; its worker processes must be gone within 10 seconds."""
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
