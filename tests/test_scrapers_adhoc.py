"""Ad hoc crawl of an unregistered site from a start URL."""

from __future__ import annotations

from pathlib import Path

from scrapers.adhoc import crawl_start_url
from scrapers.mirror import site
from scrapers.mirror.server import mirror_state, serve_mirror
from scrapers.registry import CrawlSettings

FAST = CrawlSettings(
    delay=0.0, concurrency=4, timeout=0.5, max_bytes=1_000_000, retries=1, backoff=0.05
)


def test_adhoc_crawl_uses_listing_pagination_and_sitemap(tmp_path: Path) -> None:
    with serve_mirror(slow_seconds=1.0) as url:
        result = crawl_start_url(url + "/bao/chinh-tri", tmp_path, settings=FAST)
        requests = mirror_state(url).requests
    got = {a["url"] for a in result.articles}
    assert got == {url + a.path for a in site.load_articles()}  # the sitemap adds the rest
    assert all(a["parser"] == "generic" for a in result.articles)
    paths = [r["path"] for r in requests]
    assert "/bao/chinh-tri/trang-2.html" in paths and "/sitemap.xml" in paths
    assert all(r["host"].startswith("127.0.0.1") for r in requests)
    reasons = {p["error_reason"] for p in result.pages if p["error_reason"]}
    assert {"foreign_host", "truncated"} <= reasons


def test_adhoc_crawl_respects_max_pages(tmp_path: Path) -> None:
    with serve_mirror(slow_seconds=1.0) as url:
        result = crawl_start_url(url + "/city/tin-tuc", tmp_path, max_pages=2, settings=FAST)
    assert len([p for p in result.pages if p["kind"] == "article"]) == 2
