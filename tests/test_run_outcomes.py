"""Exit codes and outcomes a scheduler can act on: a run where every source failed, or that
names a source that does not exist, exits non-zero and publishes nothing; trial crawls never
reach the warehouse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chitieu.settings import Paths
from tests.conftest import query

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]
# No network needed to fail: RFC 6761 guarantees `.invalid` names never resolve.
OFFLINE_REGISTRY = """
sources:
  - name: portal_a
    base_url: http://portal-a.chitieu-test.invalid
    discovery:
      listing_urls: [http://portal-a.chitieu-test.invalid/tin-tuc]
    crawl: {delay: 0, retries: 0, timeout: 5}
  - name: portal_b
    base_url: http://portal-b.chitieu-test.invalid
    discovery:
      sitemap_urls: [http://portal-b.chitieu-test.invalid/sitemap.xml]
    crawl: {delay: 0, retries: 0, timeout: 5}
"""


def _chitieu(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip


def test_a_live_run_without_network_fails_with_dns_and_publishes_nothing(tmp_path):
    registry = tmp_path / "sources.yaml"
    registry.write_text(OFFLINE_REGISTRY, encoding="utf-8")
    result = _chitieu("--home", str(tmp_path), "run", "--live", "--registry", str(registry))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "every source failed (dns" in result.stderr
    assert "robots_disallowed" not in result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) <= 10 and "Traceback" not in result.stderr
    assert not Paths.from_env(tmp_path).published.exists()


def test_a_source_that_does_not_exist_is_a_configuration_error(tmp_path):
    result = _chitieu("--home", str(tmp_path), "run", "--source", "nosuch")
    assert result.returncode == 3
    assert "no source named nosuch" in result.stderr and "mirror_city" in result.stderr
    assert not Paths.from_env(tmp_path).published.exists()


def test_trial_crawls_never_reach_the_warehouse(tmp_path, published_run):
    from scrapers.mirror.server import serve_mirror

    with serve_mirror() as base_url:
        for start in (f"{base_url}/bao/chinh-tri",
                      base_url.replace("127.0.0.1", "LOCALHOST") + "/city/tin-tuc"):  # fmt: skip
            assert _chitieu("--home", str(tmp_path), "crawl", start).returncode == 0
    run = _chitieu("--home", str(tmp_path), "run")
    assert run.returncode == 0, run.stderr
    sql = "select count(*) from main_marts.{}"
    published = Paths.from_env(tmp_path).published
    reference = Paths.from_env(published_run[0]).published
    for table in ("fct_figure", "dim_article", "dim_source"):
        assert query(published, sql.format(table)) == query(reference, sql.format(table)), table
