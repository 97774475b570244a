"""A listing page met where an article was expected: the crawl stores no article for it,
records the page as a listing and crawls the articles it links (saved real Liferay pages,
served on 127.0.0.1)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from chitieu.landing import BatchWriter
from scrapers.archive import Archive
from scrapers.crawl import Crawler, reparse_archive
from scrapers.http import PoliteClient
from scrapers.pages import Processor
from scrapers.registry import CrawlSettings, load_registry
from tests.realweb import LIFERAY
from tests.scrapers_fixtures import landed

LISTING = "/chien-luoc-quy-hoach"


class _Portal(BaseHTTPRequestHandler):
    """The listing at LISTING, the Vietnamese article at every /-/view_content/ URL."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == LISTING:
            body = (LIFERAY / "listing-vi.html").read_bytes()
        elif "/-/view_content/" in self.path:
            body = (LIFERAY / "article-vi.html").read_bytes()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def _portal() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Portal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _source():
    source = next(s for s in load_registry() if s.name == "bactuliem_portal")
    quick = CrawlSettings(delay=0.0, concurrency=4, timeout=10.0, retries=0)
    return dataclasses.replace(source, allowed_hosts=("127.0.0.1",), crawl=quick)


def _crawl(base: str, root: Path) -> tuple[list[dict], list[dict], dict]:
    source = _source()
    writer = BatchWriter(str(root / "landing"))
    with PoliteClient() as client:
        crawler = Crawler(client, Archive(root / "archive"), writer, Processor())
        crawler.article(base + LISTING, source)
        counts = crawler.outcome().counts
    pages, articles = landed(root / "landing")
    return pages, articles, counts


def test_listing_page_is_followed_and_gives_no_article_row(tmp_path: Path) -> None:
    with _portal() as base:
        pages, articles, counts = _crawl(base, tmp_path)
    listing = next(p for p in pages if p["url"] == base + LISTING)
    assert listing["error_reason"] is None
    urls = {a["url"] for a in articles}
    assert base + LISTING not in urls
    assert len(urls) == 10 and all("/-/view_content/" in u for u in urls)
    assert all(a["parser"] == "adapter:liferay" for a in articles)
    assert all(a["parser_fallback_from"] is None for a in articles)
    assert counts["failed_total"] == 0 and counts["articles"] == 10


def test_reparse_keeps_the_listing_out_of_the_articles(tmp_path: Path) -> None:
    with _portal() as base:
        _crawl(base, tmp_path)
    again = reparse_archive(tmp_path / "archive", [_source()], str(tmp_path / "again"))
    pages, articles = landed(tmp_path / "again")
    listing = next(p for p in pages if p["url"] == base + LISTING)
    assert listing["error_reason"] is None
    assert len(articles) == 10 and base + LISTING not in {a["url"] for a in articles}
    assert again.counts["articles"] == 10
