"""Analysts and BI tools reach the published warehouse safely."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from chitieu import publish
from chitieu.settings import Paths
from tests.conftest import query, screenshot

ROOT = Path(__file__).parents[1]
COMPAT_PYTHON = ROOT / ".venv-compat" / "bin" / "python"

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

READER = """
import json, sys, time, duckdb

db, log, stop = sys.argv[1:4]
con = duckdb.connect(db, read_only=True)
seen, errors = [], []
while True:
    try:
        seen.append(con.execute("select run_id from meta.warehouse_build").fetchone()[0])
        con.execute("select count(*) from main_marts.fct_figure").fetchone()
    except Exception as exc:  # the point of the test: this must never happen
        errors.append(repr(exc))
    if __import__("os").path.exists(stop):
        break
    time.sleep(0.05)
json.dump({"seen": sorted(set(seen)), "queries": len(seen), "errors": errors}, open(log, "w"))
"""


def test_published_file_opens_in_an_older_duckdb(published_run):
    assert COMPAT_PYTHON.exists(), "run `make compat` (make test does) to build .venv-compat"
    published = Paths.from_env(published_run[0]).published
    script = (
        "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
        "n = c.execute('select count(*) from main_marts.fct_figure').fetchone()[0]; "
        "print(duckdb.__version__, n)"
    )
    command = [str(COMPAT_PYTHON), "-c", script, str(published)]
    out = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    out = out.stdout.split()
    assert out[0].startswith("1.1")
    assert int(out[1]) == query(published, "select count(*) from main_marts.fct_figure")[0][0]


def test_sqlalchemy_lists_and_queries_the_marts(published_run):
    import sqlalchemy as sa

    published = Paths.from_env(published_run[0]).published
    engine = sa.create_engine(f"duckdb:///{published}", connect_args={"read_only": True})
    try:
        tables = sa.inspect(engine).get_table_names(schema="main_marts")
        assert {"fct_figure", "mart_scorecard", "dim_district"} <= set(tables)
        scorecard = sa.Table("mart_scorecard", sa.MetaData(), schema="main_marts",
                             autoload_with=engine)  # fmt: skip
        with engine.connect() as con:
            statuses = con.execute(sa.select(scorecard.c.status).distinct()).scalars().all()
        assert "met" in statuses
    finally:
        engine.dispose()


def test_every_mart_is_exported_as_parquet_with_views(published_run):
    warehouse = Paths.from_env(published_run[0]).warehouse
    marts = {r[0] for r in query(
        warehouse / "chitieu.duckdb",
        "select table_name from information_schema.tables where table_schema = 'main_marts'",
    )}  # fmt: skip
    folder = warehouse / "parquet"
    assert {p.stem for p in folder.glob("*.parquet")} == marts
    con = duckdb.connect()
    try:
        con.execute(f"set file_search_path = '{folder}'")
        con.execute((folder / "views.sql").read_text(encoding="utf-8"))
        assert con.execute("select count(*) from mart_scorecard").fetchone()[0] > 0
    finally:
        con.close()


def test_report_shows_the_scorecard_in_vietnamese(published_run, tmp_path):
    report = Paths.from_env(published_run[0]).warehouse / "report" / "index.html"
    html = report.read_text(encoding="utf-8")
    assert "Bắc Từ Liêm" in html and "Tây Hồ" in html
    assert "Chưa đạt" in html and "<svg" in html and "84,7%" in html
    png = screenshot(report, tmp_path / "report.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000


@pytest.fixture
def fresh_published(prefect_harness, tmp_path):
    from flows.pipeline import chitieu_pipeline

    home = tmp_path / "home"
    first = chitieu_pipeline(home=str(home))
    return home, first


def test_a_reader_keeps_working_while_a_run_publishes(fresh_published, tmp_path):
    from flows.pipeline import chitieu_pipeline

    home, first = fresh_published
    published = Paths.from_env(home).published
    con = duckdb.connect(str(Paths.from_env(home).build_db))  # new data: a new publication
    con.execute("update raw.articles set loaded_at = now() where article_id = "
                "(select min(article_id) from raw.articles)")  # fmt: skip
    con.close()
    log, stop = tmp_path / "reader.json", tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(published), str(log), str(stop)])
    try:
        time.sleep(1.0)
        second = chitieu_pipeline(home=str(home))
    finally:
        stop.touch()
        reader.wait(timeout=60)
    seen = json.loads(log.read_text())
    assert seen["errors"] == [] and seen["queries"] > 10
    assert seen["seen"] == [first.run_id]  # an open reader keeps its version
    assert query(published, "select run_id from meta.warehouse_build") == [(second.run_id,)]
    assert len(publish.versions(published.parent)) == 2
