"""Helpers for the worker processes of `jobtrends import` and `jobtrends tag`."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import deque
from concurrent.futures import Executor, Future
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
