"""A read-only `warehouse/` stops `chitieu run` with one clear line and exit 3, before any work.

The folder is made read-only for real, with a read-only bind mount in a private mount
namespace (`unshare`): permission bits would not stop root, which the tests may run as."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]


def test_a_read_only_warehouse_is_refused_before_any_work(tmp_path):
    unshare = shutil.which("unshare")
    assert unshare, "unshare (util-linux) is missing"
    home = tmp_path / "home"
    warehouse = home / "warehouse"
    warehouse.mkdir(parents=True)
    published = warehouse / "chitieu.duckdb"
    published.write_bytes(b"the last good publication")
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    script = (f'mount --bind -o ro "{warehouse}" "{warehouse}" && exec "{sys.executable}" '
              f'-m app.cli --home "{home}" run')  # fmt: skip
    result = subprocess.run(
        [unshare, "--user", "--map-root-user", "--mount", "sh", "-c", script],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in result.stderr, result.stderr
    assert f"{warehouse} is not writable (Read-only file system): nothing was done" in lines[0]
    assert "--home DIR" in lines[1] and "details in" in lines[2]
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before
    assert not (home / ".chitieu" / "archive").exists()  # nothing was crawled
