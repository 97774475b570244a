"""Trial crawl of an unregistered site from a start URL, into its own scratch store."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.errors import ChitieuError
from chitieu.urls import BadURL
from scrapers.adhoc import adhoc_source, crawl_start_url
from scrapers.mirror import site
from scrapers.mirror.server import mirror_state, serve_mirror
from scrapers.registry import CrawlSettings
from tests.scrapers_fixtures import landed

FAST = CrawlSettings(
    delay=0.0, concurrency=4, timeout=0.5, max_bytes=1_000_000, retries=1, backoff=0.05
)


def test_adhoc_crawl_uses_listing_pagination_and_sitemap(tmp_path: Path) -> None:
    with serve_mirror(slow_seconds=1.0) as url:
        crawl_start_url(url + "/bao/chinh-tri", tmp_path, settings=FAST)
        requests = mirror_state(url).requests
    pages, articles = landed(tmp_path / "landing")
    assert {a["url"] for a in articles} == {url + a.path for a in site.load_articles()}
    assert all(a["parser"] == "generic" for a in articles)
    paths = [r["path"] for r in requests]
    assert "/bao/chinh-tri/trang-2.html" in paths and "/sitemap.xml" in paths
    assert all(r["host"].startswith("127.0.0.1") for r in requests)
    assert {"foreign_host", "truncated"} <= {p["error_reason"] for p in pages}


def test_adhoc_crawl_respects_max_pages(tmp_path: Path) -> None:
    with serve_mirror(slow_seconds=1.0) as url:
        outcome = crawl_start_url(url + "/city/tin-tuc", tmp_path, max_pages=2, settings=FAST)
    assert outcome.counts["articles"] + outcome.counts["failed_total"] <= 2 + 1  # + the start


def test_a_repeated_trial_gives_every_article_again(tmp_path: Path) -> None:
    found: list[list[dict]] = []
    with serve_mirror(slow_seconds=1.0) as url:
        for _ in range(2):
            batch: list[dict] = []
            crawl_start_url(url + "/bao/chinh-tri", tmp_path, settings=FAST,
                            on_articles=batch.extend)  # fmt: skip
            found.append(batch)
    assert len(found[0]) == len(found[1]) == 5


def test_one_site_is_one_source_however_it_is_spelled() -> None:
    spellings = ("http://127.0.0.1:8765/", "http://localhost:8765", "HTTP://LOCALHOST:8765/bao/")
    names = {adhoc_source(u).name for u in spellings}
    assert names == {"adhoc:127.0.0.1:8765"}
    assert adhoc_source("https://Example.VN:443/a").base_url == "https://example.vn"


@pytest.mark.parametrize("bad", ["ftp://example.vn/", "file:///etc/passwd", "not a url"])
def test_a_start_url_that_is_not_http_is_refused(bad: str) -> None:
    with pytest.raises(BadURL):
        adhoc_source(bad)


def test_a_start_page_that_cannot_be_fetched_is_an_error(tmp_path: Path) -> None:
    from chitieu.net import free_port

    with pytest.raises(ChitieuError, match="connect_refused"):
        crawl_start_url(f"http://127.0.0.1:{free_port()}/", tmp_path, settings=FAST)
