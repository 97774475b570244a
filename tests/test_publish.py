"""One publish, all or nothing: a failure at any step leaves the previous publication whole;
rollback switches back atomically."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from chitieu import publish
from chitieu.settings import Paths

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

STEPS = ["compatible_copy", "export_parquet", "write_report", "copytree", "rename", "switch"]


@pytest.fixture
def built(published_run, tmp_path) -> Path:
    """A copy of a real built working warehouse (dbt marts and all)."""
    source = Paths.from_env(published_run[0]).build_db
    shutil.copy(source, tmp_path / "build.duckdb")
    return tmp_path / "build.duckdb"


def _stamp(warehouse: Path) -> str:
    con = duckdb.connect(str(warehouse / "chitieu.duckdb"), read_only=True)
    try:
        return con.execute("select run_id from meta.warehouse_build").fetchone()[0]
    finally:
        con.close()


def _parquet_agrees(warehouse: Path) -> bool:
    con = duckdb.connect(str(warehouse / "chitieu.duckdb"), read_only=True)
    try:
        in_db = con.execute("select count(*) from main_marts.fct_figure").fetchone()[0]
        parquet = warehouse / "parquet" / "fct_figure.parquet"
        return in_db == con.execute(f"select count(*) from '{parquet}'").fetchone()[0]
    finally:
        con.close()


def test_a_publication_appears_under_stable_names(built, tmp_path):
    warehouse = tmp_path / "warehouse"
    published = publish.publish(built, warehouse, "run-one", {})
    assert published == warehouse / "chitieu.duckdb" and published.is_symlink()
    for entry in ("chitieu.duckdb", "parquet", "report"):
        assert (warehouse / entry).exists()
    assert _stamp(warehouse) == "run-one" and _parquet_agrees(warehouse)
    assert publish.manifest(publish.current(warehouse))["run_id"] == "run-one"


@pytest.mark.parametrize("step", STEPS)
def test_a_failure_at_any_step_leaves_the_previous_publication_whole(
    built, tmp_path, monkeypatch, step
):
    warehouse = tmp_path / "warehouse"
    publish.publish(built, warehouse, "run-one", {})
    before = publish.current(warehouse)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    target = {"copytree": (publish.shutil, "copytree"), "rename": (publish.os, "rename")}
    module, name = target.get(step, (publish, step))
    monkeypatch.setattr(module, name, broken)
    validation = tmp_path / "validation"
    validation.mkdir()
    (validation / "index.html").write_text("<html></html>")
    with pytest.raises(Exception, match="space"):
        publish.publish(built, warehouse, "run-two", {}, validation=validation)
    monkeypatch.undo()
    assert publish.current(warehouse) == before
    assert _stamp(warehouse) == "run-one" and _parquet_agrees(warehouse)
    assert publish.versions(warehouse) == [before]  # no half publication left behind
    assert not [p for p in (warehouse / "versions").iterdir() if p.name.startswith(".staging")]


def test_rollback_republishes_the_previous_version(built, tmp_path):
    warehouse = tmp_path / "warehouse"
    publish.publish(built, warehouse, "run-one", {})
    publish.publish(built, warehouse, "run-two", {})
    assert _stamp(warehouse) == "run-two"
    back = publish.rollback(warehouse)
    assert _stamp(warehouse) == "run-one" and back.name.endswith("run-one"[:8])
    publish.rollback(warehouse, "run-two")
    assert _stamp(warehouse) == "run-two"
    with pytest.raises(publish.ConfigError, match="no kept publication"):
        publish.rollback(warehouse, "nosuch")


def test_only_the_last_versions_are_kept_and_never_the_live_one(built, tmp_path):
    warehouse = tmp_path / "warehouse"
    for n in range(publish.KEEP_VERSIONS + 2):
        publish.publish(built, warehouse, f"run-{n}", {})
    kept = publish.versions(warehouse)
    assert len(kept) == publish.KEEP_VERSIONS and kept[-1] == publish.current(warehouse)
