"""One run at a time per home: an exclusive `flock` on `<state>/run.lock`.

The file says who holds it (pid, host, start time) so that a second run can tell the user.
The kernel drops the lock when its holder dies, however it dies: a lock left by a dead
process is simply taken over (its content is overwritten).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from chitieu.errors import RunActive

LOCK_FILE = "run.lock"


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"pid {info['pid']} on {info['host']}, started {info['started_at']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that has not written its name yet"


@contextlib.contextmanager
def run_lock(state: Path, what: str = "chitieu run") -> Iterator[Path]:
    """Hold this home's run lock for the duration; raise RunActive if another run has it."""
    state.mkdir(parents=True, exist_ok=True)
    path = state / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # not inherited by child processes
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise RunActive(
            f"another run is active in this home: {_holder(path)}",
            f"wait for it to finish (or stop it); lock file: {path}",
        ) from None
    try:
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": what,
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(info) + "\n").encode(), 0)
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing the descriptor releases the lock


def ensure_free(state: Path, what: str = "chitieu run") -> None:
    """Raise RunActive now if another run holds the lock (a cheap check before starting
    anything slow; the run itself takes the lock for good)."""
    with run_lock(state, what):
        pass
