"""The main job end to end: the real flow, the local mirror over HTTP, dbt, GX, publish."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from chitieu.settings import Paths
from tests.conftest import query as _query

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it


def _counts(db: Path) -> dict[str, int]:
    tables = ["raw.pages", "raw.articles", "raw.figures", "main_marts.fct_figure",
              "main_marts.dim_article", "main_marts.mart_scorecard"]  # fmt: skip
    return {t: _query(db, f"select count(*) from {t}")[0][0] for t in tables}


def test_publishes_the_five_articles(published_run):
    home, summary = published_run
    published = Paths.from_env(home).published
    assert summary.published == published
    assert _query(published, "select count(*) from main_marts.dim_article") == [(5,)]


def test_seed_figures_reach_fct_figure(published_run):
    published = Paths.from_env(published_run[0]).published
    figures = set(
        _query(published, "select unit, figure_value, denominator from main_marts.fct_figure")
    )
    assert ("percent", 84.7, None) in figures  # Bắc Từ Liêm congress: 38/42 schools, 84,7%
    assert ("ratio", 38.0, 42.0) in figures
    assert ("vnd", 12_993_000_000_000.0, None) in figures  # Tây Hồ budget revenue


def test_dbt_tests_passed_and_gx_recorded(published_run):
    home, summary = published_run
    assert summary.dbt.get("test_pass", 0) > 50
    assert not any(k.endswith(("_error", "_fail")) for k in summary.dbt)
    rows = _query(
        Paths.from_env(home).published,
        "select count(*), count(distinct suite_name) from quality.validation_results "
        f"where run_id = '{summary.run_id}'",
    )
    assert rows[0][0] == summary.validation.counts()["expectations"] >= 15 and rows[0][1] >= 5
    assert summary.validation.docs_index.exists()


def test_warehouse_opens_read_only_and_says_which_run_built_it(published_run):
    home, summary = published_run
    rows = _query(Paths.from_env(home).published, "select run_id from meta.warehouse_build")
    assert rows == [(summary.run_id,)]


def test_second_run_is_idempotent(published_run):
    from flows.pipeline import chitieu_pipeline

    home, _ = published_run
    published = Paths.from_env(home).published
    before = _counts(published)
    summary = chitieu_pipeline(home=str(home))
    assert _counts(published) == before
    assert summary.crawl["articles"] == 0  # nothing changed on the mirror: nothing re-parsed


def test_blocking_failure_keeps_the_published_warehouse(prefect_harness, tmp_path):
    from chitieu.errors import ChecksBlocked
    from flows.pipeline import chitieu_pipeline

    home = tmp_path / "home"
    chitieu_pipeline(home=str(home))
    paths = Paths.from_env(home)
    digest = hashlib.sha256(paths.published.read_bytes()).hexdigest()
    con = duckdb.connect(str(paths.build_db))
    # broken provenance: the offsets no longer point at the figure
    con.execute(
        "update raw.figures set char_start = char_start + 1, loaded_at = now() "
        "where figure_id = (select min(figure_id) from raw.figures)"
    )
    con.close()
    with pytest.raises(ChecksBlocked, match="provenance"):
        chitieu_pipeline(home=str(home))
    assert hashlib.sha256(paths.published.read_bytes()).hexdigest() == digest
