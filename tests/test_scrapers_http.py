"""Politeness of the HTTP layer against the mirror: pacing, Retry-After, error mapping."""

from __future__ import annotations

import time

import httpx
import pytest

from scrapers.http import FetchError, PoliteClient, classify_exception
from scrapers.mirror.server import mirror_state, serve_mirror
from scrapers.registry import CrawlSettings


def test_per_host_delay_spaces_requests() -> None:
    settings = CrawlSettings(delay=0.2, concurrency=2, timeout=2.0)
    with serve_mirror() as url, PoliteClient() as client:
        for _ in range(3):
            client.fetch(url + "/city/tin-tuc", settings, allowed_hosts=("127.0.0.1",))
        times = [r["time"] for r in mirror_state(url).requests if r["path"] == "/city/tin-tuc"]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) == 3 and min(gaps) >= 0.18


def test_retry_after_is_honoured_then_gives_up() -> None:
    settings = CrawlSettings(delay=0.0, timeout=2.0, retries=2, backoff=5.0, max_backoff=5.0)
    with serve_mirror() as url, PoliteClient() as client:
        state = mirror_state(url)
        state.override("/city/tin-tuc", 503, b"busy")
        start = time.monotonic()
        with pytest.raises(FetchError) as info:
            client.fetch(url + "/city/tin-tuc", settings, allowed_hosts=("127.0.0.1",))
        elapsed = time.monotonic() - start
        hits = len(state.requests_for("/city/tin-tuc"))
    assert info.value.reason == "http_status" and info.value.status == 503
    assert hits == 3
    assert elapsed >= 9.5  # no Retry-After: exponential backoff capped at max_backoff


def test_exception_classification() -> None:
    assert classify_exception(httpx.ConnectError("[Errno -2] Name or service not known"))[0] == "dns"
    assert classify_exception(httpx.ConnectError("[Errno 111] Connection refused"))[0] == "connection"
    assert classify_exception(httpx.ReadTimeout("timed out"))[0] == "timeout"
    assert classify_exception(httpx.RemoteProtocolError(
        "peer closed connection without sending complete message body (incomplete chunked read)"
    ))[0] == "truncated"
