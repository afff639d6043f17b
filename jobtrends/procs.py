"""Helpers for the worker processes of `jobtrends import`, `tag` and `topics`, and for their
temporary spill directories."""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import sys
import tempfile
from collections import deque
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Callable, Iterable, Iterator


def exit_with_parent() -> None:
    """Linux: end this worker process when its parent dies, SIGKILL included (a pool worker
    otherwise waits on its job queue forever and keeps the parent's inherited files open,
    such as the `jobtrends run` lock). Call it first thing in the worker."""
    if sys.platform != "linux":
        return
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() == 1:  # the parent died before the call
        os._exit(1)


def ordered_results(pool: Executor, function: Callable, jobs: Iterable, in_flight: int) -> Iterator[tuple]:
    """(job, function(job)) for every job, in job order, computed by `pool` with at most
    `in_flight` jobs submitted and not yet handed back (so reading jobs never runs far ahead:
    memory stays bounded). Jobs still pending when the caller stops are cancelled."""
    pending: deque[tuple[object, Future]] = deque()
    try:
        for job in jobs:
            if len(pending) >= in_flight:
                done, future = pending.popleft()
                yield done, future.result()
            pending.append((job, pool.submit(function, job)))
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
    finally:
        for _, future in pending:
            future.cancel()


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def spill_directory(prefix: str, parent: str | None = None) -> Path:
    """A new directory in the system temp folder (or `parent`) named prefix + this process's
    pid + "-...", made after removing the directories of earlier runs with the prefix whose
    process is gone. The caller removes it when done."""
    remove_stale_spills(prefix, parent)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def remove_stale_spills(prefix: str, parent: str | None = None) -> list[Path]:
    """Remove the spill directories (spill_directory) of runs whose process is gone: a run
    killed by a signal cannot remove its own, and one can hold gigabytes."""
    removed = []
    for path in sorted(Path(parent or tempfile.gettempdir()).glob(f"{prefix}*-*")):
        pid = path.name[len(prefix):].split("-", 1)[0]
        if not pid.isdigit() or process_alive(int(pid)):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
