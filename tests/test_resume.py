"""Crash and resume: a run killed right after its crawl stage is resumed by its run id; it
finishes from the recorded crawl (no page fetched again) and loads nothing twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from chitieu.settings import Paths
from tests.conftest import query
from tests.prefect_server import cluster

ROOT = Path(__file__).parents[1]


def _run_flow(env: dict[str, str], **params: str) -> subprocess.CompletedProcess:
    """The pipeline flow in its own process, on the test server's API."""
    args = ", ".join(f"{k}={v!r}" for k, v in params.items())
    code = f"from flows.pipeline import chitieu_pipeline; chitieu_pipeline({args})"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip


def _fetches(paths: Paths) -> int:
    """Fetch attempts so far: the archive manifest has one line per request made."""
    return len((paths.archive / "manifest.jsonl").read_text(encoding="utf-8").splitlines())


def test_a_run_killed_after_the_crawl_resumes_without_refetching(tmp_path):
    prefect = cluster()
    home = tmp_path / "home"
    paths = Paths.from_env(home)

    crashed = _run_flow(prefect.env(CHITIEU_CRASH_AFTER="crawl"), home=str(home))
    assert crashed.returncode == 70, crashed.stderr[-3000:]
    (run_dir,) = (paths.state / "runs").iterdir()
    assert sorted(p.name for p in run_dir.iterdir()) == ["crawl.pkl"]
    assert not paths.published.exists()
    fetched = _fetches(paths)
    assert fetched > 5

    resumed = _run_flow(prefect.env(), home=str(home), resume_run_id=run_dir.name)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert _fetches(paths) == fetched  # the crawl was not run again
    assert sorted(p.name for p in run_dir.iterdir()) == [
        "crawl.pkl", "dbt.pkl", "extract.pkl", "load.pkl", "publish.pkl",
    ]  # fmt: skip

    articles = query(paths.build_db, "select count(*), count(distinct url) from raw.articles")
    assert articles == [(5, 5)]
    assert query(paths.build_db, "select run_id from raw.runs") == [(run_dir.name,)]
    published = query(
        paths.published, "select count(*), count(distinct article_id) from main_marts.dim_article"
    )
    assert published == [(5, 5)]
    assert query(paths.published, "select run_id from meta.warehouse_build") == [(run_dir.name,)]
