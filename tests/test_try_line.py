"""The run summary's "try" line can be pasted into a shell as it is."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from chitieu.settings import Paths
from chitieu.summary import RunSummary

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]


def _run(line: str, cwd) -> subprocess.CompletedProcess:
    path = ":".join(p for p in os.environ["PATH"].split(":") if ".venv" not in p)
    return subprocess.run(
        ["bash", "-c", line], cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PATH": path},
    )  # fmt: skip


def test_the_try_line_runs_where_it_was_printed_without_chitieu_on_path(tmp_path, monkeypatch):
    home = tmp_path / "my home"
    paths = Paths.from_env(home).ensure()
    con = duckdb.connect(str(paths.published))
    con.execute("create schema main_marts")
    con.execute("create table main_marts.mart_scorecard as select 'hn' as district_code, "
                "'thu_ngan_sach' as indicator_code, 8.0 as baseline_value, 2020 as "
                "baseline_year, 10.0 as target_value, null as target_value_max, 12.5 as "
                "result_value, 2023 as result_year, 'exceeded' as status")  # fmt: skip
    con.close()
    summary = RunSummary(run_id="0" * 32, started_at=datetime.now(UTC), paths=paths)
    for cwd in (ROOT, tmp_path):  # inside the checkout (a relative path), and outside it
        monkeypatch.chdir(cwd)
        line = dict(summary.lines())["try"]
        result = _run(line, cwd)
        assert result.returncode == 0, (line, result.stderr)
        assert "exceeded" in result.stdout and "12.5" in result.stdout
