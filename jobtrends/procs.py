"""Helpers for the worker processes of `jobtrends import` and `jobtrends tag`."""

from __future__ import annotations

import ctypes
import os
import signal
import sys


def exit_with_parent() -> None:
    """Linux: end this worker process when its parent dies, SIGKILL included (a pool worker
    otherwise waits on its job queue forever and keeps the parent's inherited files open,
    such as the `jobtrends run` lock). Call it first thing in the worker."""
    if sys.platform != "linux":
        return
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() == 1:  # the parent died before the call
        os._exit(1)
