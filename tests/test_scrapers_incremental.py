"""Incremental crawling: conditional GETs, changed pages, archive safety, offline re-parse."""

from __future__ import annotations

from pathlib import Path

from scrapers.archive import Archive
from scrapers.crawl import crawl_sources, reparse_archive
from scrapers.mirror import site
from scrapers.mirror.server import mirror_state, serve_mirror
from tests.scrapers_fixtures import SLOW_SECONDS, TIMEOUT, copy_corpus, mirror_sources

NEW_SENTENCE = "Năm 2024, quận phấn đấu thu ngân sách đạt 4.100 tỷ đồng, tăng 14% so với năm 2023."


def _crawl(url: str, archive: Path):
    return crawl_sources(mirror_sources(url), archive, timeout=TIMEOUT)


def test_second_crawl_is_conditional_and_loads_nothing(tmp_path: Path) -> None:
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        first = _crawl(url, tmp_path / "a")
        ok_urls = {p["url"].replace(url, "") for p in first.pages if p["content_hash"]}
        state = mirror_state(url)
        state.clear_log()
        second = _crawl(url, tmp_path / "a")
        requests = state.requests_for("/")
    assert second.articles == []
    assert second.counts()["fetched"] == 0
    repeated = [r for r in requests if r["path"] in ok_urls or r["path"] == "/robots.txt"]
    assert len(repeated) == len(ok_urls) + 1
    assert all(r["if_none_match"] and r["if_modified_since"] for r in repeated)
    unchanged = [p for p in second.pages if p["status_code"] == 304]
    assert len(unchanged) == len(ok_urls) and not any(p["is_changed"] for p in unchanged)


def test_changed_page_is_picked_up(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path / "corpus")
    with serve_mirror(root, slow_seconds=SLOW_SECONDS) as url:
        _crawl(url, tmp_path / "a")
        seed_file = next(root.glob("004_*.txt"))
        seed_file.write_text(
            seed_file.read_text(encoding="utf-8") + "\n\n" + NEW_SENTENCE + "\n", encoding="utf-8"
        )
        second = _crawl(url, tmp_path / "a")
    assert len(second.articles) == 1
    assert NEW_SENTENCE in second.articles[0]["text"]
    changed = [p for p in second.pages if p["is_changed"]]
    assert {p["url"] for p in changed} >= {second.articles[0]["url"]}


def test_same_content_without_validators_is_unchanged(tmp_path: Path) -> None:
    art = site.load_articles()[0]
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        _crawl(url, tmp_path / "a")
        same = Archive(tmp_path / "a").latest_body(url + art.path)
        mirror_state(url).override(art.path, 200, same)  # no ETag/Last-Modified this time
        second = _crawl(url, tmp_path / "a")
    row = next(p for p in second.pages if p["url"] == url + art.path)
    assert row["status_code"] == 200 and row["is_changed"] is False
    assert second.articles == []


def test_failed_fetch_never_overwrites_a_good_copy(tmp_path: Path) -> None:
    arts = site.load_articles()
    failing, emptied = arts[1].path, arts[2].path
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        _crawl(url, tmp_path / "a")
        archive = Archive(tmp_path / "a")
        before = {p: archive.latest_good(url + p)["hash"] for p in (failing, emptied)}
        state = mirror_state(url)
        state.override(failing, 503)
        state.override(emptied, 200, b"")
        second = _crawl(url, tmp_path / "a")
    reasons = {p["url"].replace(url, ""): p["error_reason"] for p in second.pages}
    assert reasons[failing] == "http_status" and reasons[emptied] == "no_article_body"
    archive = Archive(tmp_path / "a")
    for path, digest in before.items():
        assert archive.latest_good(url + path)["hash"] == digest
        assert b"<html" in archive.read(digest)
    failed_lines = [e for e in archive.entries() if e["url"] == url + failing and e["error"]]
    assert failed_lines and failed_lines[-1]["hash"] is None


def test_reparse_archive_works_offline(tmp_path: Path) -> None:
    with serve_mirror(slow_seconds=SLOW_SECONDS) as url:
        first = _crawl(url, tmp_path / "a")
        sources = mirror_sources(url)
    # the server is gone: any network use would fail
    again = reparse_archive(tmp_path / "a", sources)
    by_url = {a["url"]: a for a in first.articles}
    assert {a["url"] for a in again.articles} == set(by_url)
    for row in again.articles:
        assert row["text"] == by_url[row["url"]]["text"]
        assert row["published_at"] == by_url[row["url"]]["published_at"]
    reasons = sorted(p["error_reason"] for p in again.pages if p["error_reason"])
    assert reasons == ["no_article_body", "undecodable"]
