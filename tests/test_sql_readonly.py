"""`chitieu sql` cannot write: not the warehouse, not any file, not a setting, no extension."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]
HOSTILE = [
    "copy (select 1) to 'warehouse/chitieu.duckdb' (format csv)",
    "copy (select 1) to 'stolen.csv'",
    "copy main_marts.fct_figure to 'out.parquet' (format parquet)",
    "attach 'other.duckdb' as other",
    "attach 'warehouse/chitieu.duckdb' as again (read_write)",
    "attach 'other.duckdb' as other (read_only)",
    "install httpfs",
    "load httpfs",
    "set enable_external_access = true",
    "set lock_configuration = false",
    "export database 'dump'",
    "create table main_marts.evil as select 1 as x",
    "insert into main_marts.fct_figure values (99, 'x')",
    "select * from read_csv('/etc/passwd')",
]


def make_warehouse(home: Path) -> Path:
    """A small published warehouse (a real DuckDB file) in a fresh home."""
    published = home / "warehouse" / "chitieu.duckdb"
    published.parent.mkdir(parents=True)
    con = duckdb.connect(str(published))
    con.execute("create schema main_marts")
    con.execute("create table main_marts.fct_figure as "
                "select range as figure_id, 'vnd' as unit from range(5)")  # fmt: skip
    con.close()
    return published


def chitieu_sql(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "--home", str(home), "sql", *args],
        capture_output=True, text=True, timeout=120, cwd=home,
    )  # fmt: skip


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() and ".chitieu" not in p.parts}


@pytest.mark.parametrize("statement", HOSTILE)
def test_a_hostile_statement_is_refused_and_changes_nothing(tmp_path, statement):
    home = tmp_path / "home"
    published = make_warehouse(home)
    before, files = hashlib.sha256(published.read_bytes()).digest(), _files(tmp_path)
    result = chitieu_sql(home, statement)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(published.read_bytes()).digest() == before
    assert _files(tmp_path) == files  # no file created anywhere in the home


def test_reading_the_warehouse_still_works(tmp_path):
    home = tmp_path / "home"
    make_warehouse(home)
    result = chitieu_sql(home, "select count(*) as n from main_marts.fct_figure; select 7 as x")
    assert result.returncode == 0, result.stderr
    assert "│ 5 " in result.stdout and "│ 7 " in result.stdout  # both statements' results


def test_a_corrupt_warehouse_gets_one_clear_line(tmp_path):
    home = tmp_path / "home"
    published = make_warehouse(home)
    published.write_bytes(b"this is not a duckdb file" * 100)
    result = chitieu_sql(home, "select 1")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in result.stderr, result.stderr
    assert f"cannot open {published} as a DuckDB warehouse" in lines[0]
    assert "details in" in lines[2]


def test_no_warehouse_says_what_to_do(tmp_path):
    result = chitieu_sql(tmp_path, "select 1")
    assert result.returncode == 1 and "run `chitieu run` first" in result.stderr
