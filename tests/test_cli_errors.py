"""A failing command prints a few lines and the log's path, exits with its documented code;
the traceback is in the log file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chitieu.vocab import ExitCode

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]


def _chitieu(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip


def test_an_unexpected_failure_in_a_run_is_a_few_lines_and_a_log(tmp_path):
    home = tmp_path / "home"
    (home / ".chitieu").mkdir(parents=True)
    (home / ".chitieu" / "landing").write_text("a file where the landing folder goes")
    result = _chitieu("--home", str(home), "run")
    assert result.returncode == ExitCode.FAILED
    lines = result.stderr.strip().splitlines()
    assert len(lines) <= 6 and "Traceback" not in result.stderr, result.stderr
    assert lines[-2].startswith("chitieu run: failed: ")
    log = home / ".chitieu" / "logs" / "chitieu.log"
    assert lines[-1] == f"chitieu run: details in {log}"
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")
    assert not (home / "warehouse" / "chitieu.duckdb").exists()


def test_a_usage_error_is_exit_3(tmp_path):
    result = _chitieu("--home", str(tmp_path), "run", "--no-such-option")
    assert result.returncode == ExitCode.CONFIG
    assert "unrecognized arguments: --no-such-option" in result.stderr
