"""Politeness of the HTTP layer against the mirror: pacing, Retry-After, error mapping."""

from __future__ import annotations

import ssl
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from scrapers.http import FetchError, PoliteClient, _ssl_context, classify_exception
from scrapers.mirror.server import mirror_state, serve_mirror
from scrapers.registry import CrawlSettings


def test_per_host_delay_spaces_requests() -> None:
    settings = CrawlSettings(delay=0.2, concurrency=2, timeout=2.0)
    with serve_mirror() as url, PoliteClient() as client:
        for _ in range(3):
            client.fetch(url + "/city/tin-tuc", settings, allowed_hosts=("127.0.0.1",))
        times = [r["time"] for r in mirror_state(url).requests if r["path"] == "/city/tin-tuc"]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) == 3 and min(gaps) >= 0.18, (times, gaps)


def test_retry_after_is_honoured_then_gives_up() -> None:
    settings = CrawlSettings(delay=0.0, timeout=2.0, retries=2, backoff=30.0, max_backoff=60.0)
    with serve_mirror() as url, PoliteClient() as client:
        state = mirror_state(url)
        state.override("/city/tin-tuc", 503, b"busy", {"Retry-After": "0.4"})
        start = time.monotonic()
        with pytest.raises(FetchError) as info:
            client.fetch(url + "/city/tin-tuc", settings, allowed_hosts=("127.0.0.1",))
        elapsed = time.monotonic() - start
        hits = len(state.requests_for("/city/tin-tuc"))
    assert info.value.reason == "http_status" and info.value.status == 503
    assert hits == 3
    assert 0.75 <= elapsed < 5  # waited as the server asked, not the 30 s backoff


def test_backoff_is_exponential_and_capped() -> None:
    settings = CrawlSettings(delay=0.0, timeout=2.0, retries=2, backoff=0.3, max_backoff=0.4)
    with serve_mirror() as url, PoliteClient() as client:
        mirror_state(url).override("/city/tin-tuc", 429, b"slow down")
        start = time.monotonic()
        with pytest.raises(FetchError):
            client.fetch(url + "/city/tin-tuc", settings, allowed_hosts=("127.0.0.1",))
    assert 0.65 <= time.monotonic() - start < 3  # 0.3 s, then 0.6 s capped to 0.4 s


def test_exception_classification() -> None:
    dns = httpx.ConnectError("[Errno -2] Name or service not known")
    assert classify_exception(dns)[0] == "dns"
    refused = httpx.ConnectError("[Errno 111] Connection refused")
    assert classify_exception(refused)[0] == "connect_refused"
    assert classify_exception(httpx.ReadTimeout("timed out"))[0] == "timeout"
    cut = "peer closed connection without sending complete message body (incomplete)"
    assert classify_exception(httpx.RemoteProtocolError(cut))[0] == "truncated"


SLOW = "/web/tayho/tin-tuc/-/asset_publisher/Tt3VqLiQ/content/tin-dang-tai-cham"


def _parallel_fetches(concurrency: int) -> float:
    settings = CrawlSettings(delay=0.0, concurrency=concurrency, timeout=5.0)
    with serve_mirror(slow_seconds=0.3) as url, PoliteClient() as client:
        client.fetch(url + "/city/tin-tuc", settings)  # robots.txt loaded outside the timing
        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=3) as pool:
            list(pool.map(lambda _: client.fetch(url + SLOW, settings), range(3)))
        return time.monotonic() - start


def test_per_host_concurrency_limit() -> None:
    assert _parallel_fetches(1) >= 0.85  # three 0.3 s responses one after another
    assert _parallel_fetches(3) < 0.75


def test_legacy_tls_only_when_asked() -> None:
    assert _ssl_context(False) is True
    ctx = _ssl_context(True)
    assert isinstance(ctx, ssl.SSLContext) and ctx.minimum_version == ssl.TLSVersion.TLSv1


def test_a_dropped_connection_prints_nothing_on_the_terminal(capfd) -> None:
    import socket
    import struct
    from urllib.parse import urlsplit

    with serve_mirror() as base:
        parts = urlsplit(base)
        sock = socket.create_connection((parts.hostname, parts.port))
        sock.sendall(b"GET /slow-page HTTP/1.1\r\nHost: x\r\n")  # unfinished request
        # an abortive close: the server's read ends in ConnectionResetError
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
        time.sleep(0.5)
        assert httpx.get(base + "/robots.txt").status_code == 200  # the mirror goes on
    assert "Traceback" not in capfd.readouterr().err
