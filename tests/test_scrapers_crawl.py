"""A full crawl of the mirror over real HTTP on 127.0.0.1."""

from __future__ import annotations

from collections import Counter

import pytest

from scrapers.crawl import ERROR_REASONS, crawl_sources, page_id
from scrapers.mirror import site
from scrapers.mirror.server import mirror_state, serve_mirror
from scrapers.registry import USER_AGENT
from tests.scrapers_fixtures import (
    FAULTY_REASONS,
    SLOW_SECONDS,
    TIMEOUT,
    mirror_sources,
    short_path,
)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        calls: list[tuple[int, int]] = []
        result = crawl_sources(
            mirror_sources(url),
            tmp_path_factory.mktemp("archive"),
            timeout=TIMEOUT,
            progress=lambda d, t: calls.append((d, t)),
        )
        yield url, result, list(mirror_state(url).requests), calls


def test_every_good_article_arrives_once(crawled) -> None:
    url, result, _, _ = crawled
    expected = {url + a.path: a for a in site.load_articles()}
    got = Counter(a["url"] for a in result.articles)
    assert got == Counter(list(expected))
    for row in result.articles:
        art = expected[row["url"]]
        assert row["title"] == art.title
        assert row["page_id"] == page_id(row["url"])
        assert row["published_at"].tzinfo is not None
        assert row["parser"].startswith("adapter:")
        assert row["text"] and row["content_hash"] and row["term"] == "2020-2025"


def test_every_faulty_page_is_an_error_row_with_its_reason(crawled) -> None:
    _, result, _, _ = crawled
    errors = {short_path(p["url"]): p["error_reason"] for p in result.pages if p["error_reason"]}
    assert errors == FAULTY_REASONS
    assert set(errors.values()) <= set(ERROR_REASONS)
    counts = result.counts()
    assert counts["articles"] == 5 and counts["failed_total"] == len(FAULTY_REASONS)
    assert counts["failed"]["timeout"] == 1
    assert len({p["url"] for p in result.pages}) == len(result.pages)  # one row per URL


def test_nothing_fetched_from_disallowed_path_or_foreign_host(crawled) -> None:
    _, _, requests, _ = crawled
    assert not [r for r in requests if r["path"].startswith("/private/")]
    assert not [r for r in requests if not r["host"].startswith("127.0.0.1")]
    assert not [r for r in requests if r["path"] == "/bao/doi-tac.html"]
    assert {r["user_agent"] for r in requests} == {USER_AGENT}
    assert sum(r["path"] == "/robots.txt" for r in requests) == 1


def test_retries_500_then_succeeds(crawled) -> None:
    url, result, requests, _ = crawled
    art = next(a for a in site.load_articles() if a.fail_first)
    assert sum(r["path"] == art.path for r in requests) == 2
    row = next(p for p in result.pages if p["url"] == url + art.path)
    assert row["status_code"] == 200 and row["error_reason"] is None


def test_page_rows_have_the_documented_columns(crawled) -> None:
    _, result, _, calls = crawled
    columns = {
        "page_id",
        "source_name",
        "url",
        "final_url",
        "status_code",
        "content_type",
        "content_hash",
        "etag",
        "last_modified",
        "fetched_at",
        "is_changed",
        "error_reason",
        "error_detail",
    }
    for row in result.pages:
        assert columns <= set(row)
        assert row["fetched_at"].tzinfo is not None
    assert calls and calls[-1][0] == calls[-1][1]
    kinds = Counter(p["kind"] for p in result.pages)
    assert kinds["listing"] == 6 and kinds["sitemap"] == 1 and kinds["feed"] == 1
