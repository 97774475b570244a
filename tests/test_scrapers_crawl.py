"""A full crawl of the mirror over real HTTP on 127.0.0.1, into a landing store."""

from __future__ import annotations

from collections import Counter

import pytest

from chitieu.figures import normalize_text
from chitieu.vocab import PAGE_ERROR_REASONS
from scrapers.archive import Archive
from scrapers.crawl import crawl_sources, page_id
from scrapers.mirror import site
from scrapers.mirror.server import mirror_state, serve_mirror
from scrapers.registry import USER_AGENT
from tests.scrapers_fixtures import (
    FAULTY_REASONS,
    SLOW_SECONDS,
    TIMEOUT,
    landed,
    mirror_sources,
    short_path,
)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    root = tmp_path_factory.mktemp("crawl")
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        calls: list[tuple[int, int]] = []
        outcome = crawl_sources(
            mirror_sources(url), root / "archive", str(root / "landing"),
            timeout=TIMEOUT, progress=lambda d, t: calls.append((d, t)),
        )  # fmt: skip
        pages, articles = landed(root / "landing")
        yield url, outcome, pages, articles, list(mirror_state(url).requests), calls, root


def test_every_good_article_arrives_once_with_its_figures(crawled) -> None:
    url, _, _, articles, *_ = crawled
    expected = {url + a.path: a for a in site.load_articles()}
    assert Counter(a["url"] for a in articles) == Counter(list(expected))
    for row in articles:
        art = expected[row["url"]]
        assert row["title"] == art.title
        assert row["page_id"] == row["article_id"] == page_id(row["url"])
        assert row["published_at"].tzinfo is not None
        assert row["parser"].startswith("adapter:")
        assert row["body_text"].startswith(normalize_text(art.title))
        assert row["term_label"] == "2020-2025"
        assert row["figures_version"]  # extracted in the crawl's workers, with the article


def test_every_faulty_page_is_an_error_row_with_its_reason(crawled) -> None:
    _, outcome, pages, *_ = crawled
    errors = {short_path(p["url"]): p["error_reason"] for p in pages if p["error_reason"]}
    assert errors == FAULTY_REASONS
    assert set(errors.values()) <= set(PAGE_ERROR_REASONS)
    counts = outcome.counts
    assert counts["articles"] == 5 and counts["failed_total"] == len(FAULTY_REASONS)
    assert counts["failed"]["timeout"] == 1
    assert len({p["url"] for p in pages}) == len(pages)  # one row per URL


def test_counts_are_kept_per_source(crawled) -> None:
    _, outcome, *_ = crawled
    per_source = outcome.counts["sources"]
    assert set(per_source) == {"mirror_city", "mirror_district", "mirror_news"}
    assert sum(s["articles"] for s in per_source.values()) == 5
    assert sum(s["failed_total"] for s in per_source.values()) == len(FAULTY_REASONS)


def test_nothing_fetched_from_disallowed_path_or_foreign_host(crawled) -> None:
    *_, requests, _, _ = crawled
    assert not [r for r in requests if r["path"].startswith("/private/")]
    assert not [r for r in requests if not r["host"].startswith("127.0.0.1")]
    assert not [r for r in requests if r["path"] == "/bao/doi-tac.html"]
    assert {r["user_agent"] for r in requests} == {USER_AGENT}
    assert sum(r["path"] == "/robots.txt" for r in requests) == 1


def test_retries_500_then_succeeds(crawled) -> None:
    url, _, pages, _, requests, _, _ = crawled
    art = next(a for a in site.load_articles() if a.fail_first)
    assert sum(r["path"] == art.path for r in requests) == 2
    row = next(p for p in pages if p["url"] == url + art.path)
    assert row["status_code"] == 200 and row["error_reason"] is None


def test_page_rows_are_typed_and_progress_is_reported(crawled) -> None:
    _, _, pages, _, _, calls, _ = crawled
    for row in pages:
        assert row["fetched_at"].tzinfo is not None and isinstance(row["is_changed"], bool)
    assert calls and calls[-1][0] == calls[-1][1]


def test_the_archive_knows_what_landed(crawled) -> None:
    url, *_, root = crawled
    archive = Archive(root / "archive")
    art = site.load_articles()[0]
    entry = archive.latest_good(url + art.path)
    assert archive.landed(url + art.path) == (entry["hash"], None)
    kinds = Counter(e["kind"] for e in archive.entries())
    assert kinds["listing"] == 6 and kinds["sitemap"] == 1 and kinds["feed"] == 1
