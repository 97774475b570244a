"""One run at a time per home: the second `chitieu run` says who holds the lock, exits 4."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chitieu.errors import RunActive
from chitieu.lock import run_lock

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]


def _run(home: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--home", str(home), "run"], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs,
    )  # fmt: skip


def _holder(lock: Path, pid: int, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            info = json.loads(lock.read_text())
            if info["pid"] == pid:
                return info
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"run {pid} never took {lock}")


def test_two_concurrent_runs(tmp_path):
    home = tmp_path / "home"
    first = _run(home, start_new_session=True)
    try:
        info = _holder(home / ".chitieu" / "run.lock", first.pid)
        second = _run(home)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 4, err
        lines = err.strip().splitlines()
        assert len(lines) <= 3 and "Traceback" not in err, err
        assert f"another run is active in this home: pid {first.pid} on {info['host']}" in lines[0]
        assert first.poll() is None  # the first run goes on, undisturbed
        assert not (home / "warehouse" / "chitieu.duckdb").exists()
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.communicate()


def test_the_lock_of_a_dead_process_is_taken_over(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from chitieu.lock import run_lock\nwith run_lock(Path(sys.argv[1])):\n"
         "    print('held', flush=True); time.sleep(600)", str(tmp_path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(RunActive), run_lock(tmp_path):
        pass
    holder.kill()  # dies holding the lock: the kernel releases it
    holder.wait()
    with run_lock(tmp_path) as lock:
        assert json.loads(lock.read_text())["pid"] == os.getpid()
