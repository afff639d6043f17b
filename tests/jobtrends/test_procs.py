"""Worker processes end with their parent (the import's pool here; tests/nlp/test_workers.py
checks the tagger's), and the spill directories of killed runs are removed by the next run."""

import os
import subprocess
import sys
import tempfile
import time

import pytest

from jobtrends import import_batch
from jobtrends.procs import remove_stale_spills, spill_directory
from nlp.topics import prepare

from tests.conftest import kill_and_expect_workers_gone

CHILD = """
import multiprocessing, time
from concurrent.futures import ProcessPoolExecutor
from jobtrends.procs import exit_with_parent
if __name__ == "__main__":
    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"), initializer=exit_with_parent)
    futures = [pool.submit(time.sleep, 60) for _ in range(2)]
    while len(pool._processes) < 2:
        time.sleep(0.05)
    print(" ".join(str(pid) for pid in pool._processes), flush=True)
    time.sleep(60)
"""


def test_spawned_workers_end_when_the_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(CHILD)
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    time.sleep(1.5)  # let the spawned workers run their initializer
    kill_and_expect_workers_gone(parent, workers)


@pytest.mark.parametrize("prefix", [import_batch.SPILL_PREFIX, prepare.SPILL_PREFIX])
def test_a_killed_runs_spill_is_removed_by_the_next_run_a_live_ones_is_not(tmp_path, prefix):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    stale = tmp_path / f"{prefix}{int(dead.stdout)}-abc"
    live = tmp_path / f"{prefix}{os.getpid()}-def"
    other = tmp_path / f"jobtrends-other-{int(dead.stdout)}-ghi"
    for folder in (stale, live, other):
        folder.mkdir()
        (folder / "000000.part").write_bytes(b"x")
    assert remove_stale_spills(prefix, str(tmp_path)) == [stale]
    assert not stale.exists() and live.exists() and other.exists()
    stale.mkdir()
    made = spill_directory(prefix, str(tmp_path))                  # a new run removes it too
    assert not stale.exists() and made.name.startswith(f"{prefix}{os.getpid()}-")


def test_an_import_with_workers_removes_a_killed_imports_spill(tmp_path, monkeypatch):
    from jobtrends.importer import import_file

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    stale = tmp_path / f"{import_batch.SPILL_PREFIX}{int(dead.stdout)}-abc"
    stale.mkdir()
    (stale / "batch.arrow").write_bytes(b"x" * 100)
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text("".join(f'{{"id": "{i}", "title": "Engineer {i}", "description": "Text {i}.", "company": "C",'
                            f' "url": "https://example.test/{i}"}}\n' for i in range(6)))
    import_file(tmp_path / "db.duckdb", jobs, source="s", workers=2, batch_rows=2)
    assert not stale.exists()
    assert not list(tmp_path.glob(f"{import_batch.SPILL_PREFIX}*"))
