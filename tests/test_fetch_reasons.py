"""Each fetch failure carries its true reason (chitieu.vocab), on real loopback servers."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from chitieu.vocab import FETCH_ERROR_REASONS
from scrapers.crawl import ERROR_REASONS
from scrapers.http import FetchError, PoliteClient
from scrapers.registry import CrawlSettings

FAST = CrawlSettings(delay=0.0, timeout=1.0, retries=0, backoff=0.0)
PAGE = b"<html><body><p>Xin chao</p></body></html>"


@contextlib.contextmanager
def site(robots_status: int = 200, robots: bytes = b"User-agent: *\nAllow: /\n") -> Iterator[str]:
    """A loopback HTTP site whose robots.txt answers `robots_status`; every page is PAGE."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            status, body = (robots_status, robots) if self.path == "/robots.txt" else (200, PAGE)
            self.send_response(status)
            self.send_header("Content-Type", "text/html" if body is PAGE else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def _reason(url: str, settings: CrawlSettings = FAST) -> FetchError:
    with PoliteClient() as client, pytest.raises(FetchError) as caught:
        client.fetch(url, settings)
    assert caught.value.reason in FETCH_ERROR_REASONS
    return caught.value


def test_the_crawl_reports_reasons_of_the_vocabulary():
    assert set(FETCH_ERROR_REASONS) <= set(ERROR_REASONS)


def test_refused_port():
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = _reason(f"http://127.0.0.1:{port}/tin-tuc")
    assert error.reason == "connect_refused" and "robots.txt" in error.detail


def test_host_that_does_not_resolve():
    # RFC 6761: .invalid never resolves, with or without a network
    assert _reason("http://chitieu-test.invalid/tin-tuc").reason == "dns"


def test_tls_spoken_to_a_plain_http_server():
    with site() as url:
        assert _reason(url.replace("http://", "https://") + "/tin-tuc").reason == "tls"


def test_server_that_never_answers():
    with socket.socket() as silent:  # accepts connections (backlog), never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        settings = CrawlSettings(delay=0.0, timeout=0.3, retries=0)
        assert _reason(f"http://127.0.0.1:{silent.getsockname()[1]}/", settings).reason == "timeout"


@pytest.mark.parametrize(
    "url", ["ftp://example.vn/tin-tuc", "file:///etc/passwd", "not a url", "http:///no-host",
            "http://[::1/"],
)  # fmt: skip
def test_bad_urls(url):
    error = _reason(url)
    assert error.reason == "bad_url" and url in error.detail


def test_robots_txt_missing_means_allowed():
    with site(robots_status=404) as url, PoliteClient() as client:
        assert client.fetch(url + "/tin-tuc", FAST).body == PAGE


def test_robots_txt_server_error_is_reported_as_such():
    with site(robots_status=503) as url:
        error = _reason(url + "/tin-tuc")
    assert error.reason == "http_status" and error.status == 503
    assert "robots.txt unreachable" in error.detail


def test_robots_txt_that_disallows():
    with site(robots=b"User-agent: *\nDisallow: /\n") as url:
        assert _reason(url + "/tin-tuc").reason == "robots_disallowed"


def test_a_reason_outside_the_vocabulary_is_a_bug():
    with pytest.raises(ValueError, match="unknown fetch error reason"):
        FetchError("network_problem", "made up")
