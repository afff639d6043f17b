"""One `jobtrends run` at a time: an advisory lock on a file beside the database.

The lock is fcntl.flock on `<db>.run.lock`, which the kernel releases when the holder dies,
however it dies (SIGKILL included). The file also records who took it, so a second run can
say who is running, and a run that finds the file but not the lock knows the previous run
ended without cleaning up (stale) and takes it over.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from .errors import JobtrendsError
from .store import utcnow

EXIT_LOCKED = 75  # sysexits EX_TEMPFAIL: "try again later", what cron wrappers expect


class RunLocked(JobtrendsError):
    """Another run holds the lock."""

    exit_code = EXIT_LOCKED


@dataclass
class RunLock:
    path: Path
    stale_holder: dict | None = None   # who held it last, when that run ended without releasing
    _handle: object = None

    def release(self) -> None:
        if self._handle is not None:
            self.path.write_text("")  # a clean end leaves no holder behind
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.run.lock")


def acquire(db_path: str | Path, command: str = "jobtrends run") -> RunLock:
    """Take the run lock or raise RunLocked naming the holder; never waits."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _read_holder(path)
        handle.close()
        raise RunLocked(_locked_message(path, holder)) from None
    previous = _read_holder(path)
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                             "started_at": utcnow().isoformat(), "command": command}))
    handle.flush()
    return RunLock(path=path, stale_holder=previous or None, _handle=handle)


def _read_holder(path: Path) -> dict:
    try:
        text = path.read_text().strip()
        return json.loads(text) if text else {}
    except (OSError, ValueError):
        return {}


def _locked_message(path: Path, holder: dict) -> str:
    who = f"process {holder.get('pid', '?')} on {holder.get('host', '?')}, started {holder.get('started_at', '?')} UTC"
    return f"another run is in progress ({who}); lock file {path}. This run did nothing."
