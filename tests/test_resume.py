"""Crash and resume: a run killed during its dbt build is resumed by its run id; Prefect's
cached task results (persisted per run id) skip the crawl, load and extraction, so no page
is fetched again and nothing is loaded twice."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from chitieu.settings import Paths
from tests.conftest import query
from tests.prefect_server import cluster

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]
# The crash is the test's: the build stage of this process is replaced by a hard exit.
CRASH_IN_BUILD = "import os; from flows import stages; stages.build = lambda *a: os._exit(70)\n"


def _run_flow(
    env: dict[str, str], crash: bool = False, **params: str
) -> subprocess.CompletedProcess:
    """The pipeline flow in its own process, on the test server's API."""
    args = ", ".join(f"{k}={v!r}" for k, v in params.items())
    code = (CRASH_IN_BUILD if crash else "") + (
        f"from flows.pipeline import chitieu_pipeline; chitieu_pipeline({args})"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip


def _fetches(paths: Paths) -> int:
    """Fetch attempts so far: the archive manifest has one line per request made."""
    return len((paths.archive / "manifest.jsonl").read_text(encoding="utf-8").splitlines())


def test_a_run_killed_in_its_build_resumes_without_refetching(tmp_path):
    prefect = cluster()
    home = tmp_path / "home"
    paths = Paths.from_env(home)
    run_id = uuid.uuid4().hex

    crashed = _run_flow(prefect.env(), crash=True, home=str(home), resume_run_id=run_id)
    assert crashed.returncode == 70, crashed.stderr[-3000:]
    assert not paths.published.exists()
    fetched = _fetches(paths)
    assert fetched > 5
    loaded = query(paths.build_db, "select count(*) from raw.landing_files")

    resumed = _run_flow(prefect.env(), home=str(home), resume_run_id=run_id)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert _fetches(paths) == fetched  # the crawl was not run again
    assert query(paths.build_db, "select count(*) from raw.landing_files") == loaded
    articles = query(paths.build_db, "select count(*), count(distinct url) from raw.articles")
    assert articles == [(5, 5)]
    assert query(paths.build_db, "select run_id from raw.runs") == [(run_id,)]
    published = query(
        paths.published, "select count(*), count(distinct article_id) from main_marts.dim_article"
    )
    assert published == [(5, 5)]
    assert query(paths.published, "select run_id from meta.warehouse_build") == [(run_id,)]
