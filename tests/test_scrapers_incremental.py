"""Incremental crawling: sitemap lastmod, conditional GETs, changed pages, what landed,
archive safety, offline re-parse."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from chitieu import landing
from scrapers.archive import Archive
from scrapers.crawl import crawl_sources, reparse_archive
from scrapers.mirror import site
from scrapers.mirror.server import mirror_state, serve_mirror
from tests.scrapers_fixtures import SLOW_SECONDS, TIMEOUT, copy_corpus, landed, mirror_sources

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

NEW_SENTENCE = "Năm 2024, quận phấn đấu thu ngân sách đạt 4.100 tỷ đồng, tăng 14% so với năm 2023."


def _crawl(url: str, home: Path, *, revisit_days: float | None = None):
    sources = mirror_sources(url)
    if revisit_days is not None:
        sources = [replace(s, crawl=replace(s.crawl, revisit_days=revisit_days)) for s in sources]
    return crawl_sources(sources, home / "archive", str(home / "landing"), timeout=TIMEOUT)


def _article_paths() -> set[str]:
    return {a.path for a in site.load_articles()}


def test_an_unchanged_site_is_not_fetched_again_and_lands_nothing(tmp_path: Path) -> None:
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        _crawl(url, tmp_path)
        batches = len(landing.list_batches(str(tmp_path / "landing")))
        state = mirror_state(url)
        state.clear_log()
        second = _crawl(url, tmp_path)
        requests = state.requests_for("/")
    # the sitemap says every article is older than our landed copy: not one is requested
    assert not [r for r in requests if r["path"] in _article_paths()]
    assert second.counts["fetched"] == 0 and second.counts["articles"] == 0
    assert second.counts["unchanged"] >= 5
    assert second.batches == [] and len(landing.list_batches(str(tmp_path / "landing"))) == batches


def test_past_revisit_days_every_page_gets_a_conditional_get(tmp_path: Path) -> None:
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        _crawl(url, tmp_path)
        state = mirror_state(url)
        state.clear_log()
        second = _crawl(url, tmp_path, revisit_days=0)
        requests = [r for r in state.requests_for("/") if r["path"] in _article_paths()]
    assert len(requests) == 5
    assert all(r["if_none_match"] and r["if_modified_since"] for r in requests)
    assert second.counts["articles"] == 0 and second.batches == []


def test_changed_page_is_picked_up(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path / "corpus")
    with serve_mirror(root, slow_seconds=SLOW_SECONDS) as url:
        _crawl(url, tmp_path)
        seed_file = next(root.glob("004_*.txt"))
        seed_file.write_text(
            seed_file.read_text(encoding="utf-8") + "\n\n" + NEW_SENTENCE + "\n", encoding="utf-8"
        )
        second = _crawl(url, tmp_path)
    assert second.counts["articles"] == 1
    pages, articles = landed(tmp_path / "landing")
    assert NEW_SENTENCE in articles[-1]["body_text"]
    assert pages[-1]["is_changed"] is True and pages[-1]["url"] == articles[-1]["url"]


def test_same_content_without_validators_is_unchanged(tmp_path: Path) -> None:
    art = site.load_articles()[0]
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        _crawl(url, tmp_path)
        same = Archive(tmp_path / "archive").latest_body(url + art.path)
        mirror_state(url).override(art.path, 200, same)  # no ETag/Last-Modified this time
        second = _crawl(url, tmp_path)
    entry = [e for e in Archive(tmp_path / "archive").entries() if e["url"] == url + art.path][-1]
    assert entry["status"] == 200 and entry["is_changed"] is False
    assert second.counts["articles"] == 0
    _, articles = landed(tmp_path / "landing")
    assert [a["url"] for a in articles].count(url + art.path) == 1  # landed once, first crawl


def test_a_page_fetched_but_not_landed_is_processed_on_the_next_run(tmp_path: Path) -> None:
    """A crawl that died after archiving a page but before its batch was written."""
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        _crawl(url, tmp_path)
        (tmp_path / "archive" / "landed.jsonl").unlink()  # as if no batch had been written
        second = _crawl(url, tmp_path, revisit_days=0)
    assert second.counts["articles"] == 5  # 304s, parsed from the archive's copies


def test_failed_fetch_never_overwrites_a_good_copy(tmp_path: Path) -> None:
    arts = site.load_articles()
    failing, emptied = arts[1].path, arts[2].path
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        _crawl(url, tmp_path)
        archive = Archive(tmp_path / "archive")
        before = {p: archive.latest_good(url + p)["hash"] for p in (failing, emptied)}
        state = mirror_state(url)
        state.override(failing, 503)
        state.override(emptied, 200, b"")
        _crawl(url, tmp_path)
    pages, _ = landed(tmp_path / "landing")
    reasons = {p["url"].replace(url, ""): p["error_reason"] for p in pages}
    assert reasons[failing] == "http_status" and reasons[emptied] == "no_article_body"
    archive = Archive(tmp_path / "archive")
    for path, digest in before.items():
        assert archive.latest_good(url + path)["hash"] == digest
        assert b"<html" in archive.read(digest)
    failed_lines = [e for e in archive.entries() if e["url"] == url + failing and e["error"]]
    assert failed_lines and failed_lines[-1]["hash"] is None


def test_reparse_archive_works_offline(tmp_path: Path) -> None:
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        _crawl(url, tmp_path)
        sources = mirror_sources(url)
    _, first = landed(tmp_path / "landing")
    # the server is gone: any network use would fail
    again = reparse_archive(tmp_path / "archive", sources, str(tmp_path / "again"))
    pages, articles = landed(tmp_path / "again")
    by_url = {a["url"]: a for a in first}
    assert {a["url"] for a in articles} == set(by_url)
    for row in articles:
        assert row["body_text"] == by_url[row["url"]]["body_text"]
        assert row["published_at"] == by_url[row["url"]]["published_at"]
    reasons = sorted(p["error_reason"] for p in pages if p["error_reason"])
    assert reasons == ["no_article_body", "undecodable"] and again.counts["articles"] == 5
