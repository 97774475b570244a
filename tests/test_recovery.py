"""Losing or corrupting the working warehouse loses no history: it is rebuilt from the last
publication (and the landing batches written since), automatically and saying so, or with
`chitieu restore`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chitieu import events, recovery
from chitieu.settings import Paths
from flows.stages import RunRequest, run_local
from tests.conftest import query

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]
HISTORY = {
    "runs": "select count(*) from raw.runs",
    "validation results": "select count(*) from quality.validation_results",
    "pages": "select count(*) from raw.pages",
    "articles": "select count(*), count(distinct url) from raw.articles",
    "figures": "select count(*) from raw.figures",
}


def _history(db: Path) -> dict[str, list]:
    return {name: query(db, sql) for name, sql in HISTORY.items()}


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A home with one publication of the mirror."""
    home = tmp_path_factory.mktemp("recovery")
    run_local(RunRequest(home=str(home)))
    return home


@pytest.fixture
def fresh(home, tmp_path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(home, copy, symlinks=True)
    return copy


def test_a_deleted_working_file_is_restored_with_its_history(fresh):
    paths = Paths.from_env(fresh)
    before = _history(paths.published)
    paths.build_db.unlink()
    notices: list[tuple[str, ...]] = []
    with events.noticing(notices.append):
        summary = run_local(RunRequest(home=str(fresh)))
    assert any("restored from the publication" in line for n in notices for line in n)
    after = _history(paths.build_db)
    assert after["runs"][0][0] == before["runs"][0][0] + 1  # the old runs, and this one
    for name in ("validation results", "pages", "articles", "figures"):
        assert after[name] == before[name], name
    assert summary.build_skipped  # the same data as the publication: nothing to rebuild


def test_a_corrupt_working_file_is_set_aside_and_restored_by_the_cli(fresh):
    paths = Paths.from_env(fresh)
    before = _history(paths.published)
    paths.build_db.write_bytes(b"this is not a DuckDB file" * 1000)
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--home", str(fresh), "run"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "restored from the publication" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    (aside,) = paths.build.glob("chitieu.duckdb.unreadable-*")
    assert aside.read_bytes().startswith(b"this is not a DuckDB file")
    after = _history(paths.build_db)
    assert after["runs"][0][0] == before["runs"][0][0] + 1
    assert after["validation results"] == before["validation results"]


def test_restore_on_request_keeps_the_current_file_aside(fresh):
    paths = Paths.from_env(fresh)
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--home", str(fresh), "restore"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert list(paths.build.glob("chitieu.duckdb.replaced-*"))
    assert recovery.state_of(paths.build_db) == "ok"
    assert _history(paths.build_db)["articles"] == _history(paths.published)["articles"]


def test_batches_landed_after_the_publication_are_loaded_into_the_restored_file(fresh):
    from tests.test_raw import land

    paths = Paths.from_env(fresh)
    land(paths.landing, ["unpublished-article"], source="mirror_news")  # e.g. a blocked run's
    paths.build_db.unlink()
    run_local(RunRequest(home=str(fresh)))
    ids = {r[0] for r in query(paths.published, "select article_id from raw.articles")}
    assert "unpublished-article" in ids and len(ids) == 6


def test_a_new_home_just_starts(tmp_path):
    assert not recovery.needs_restore(Paths.from_env(tmp_path))
