"""Worker processes end with their parent (the import's pool here; tests/nlp/test_workers.py
checks the tagger's)."""

import subprocess
import sys
import time

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
