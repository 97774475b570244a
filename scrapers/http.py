"""Polite HTTP fetching: robots.txt, per-host pacing, retries, size and type limits.

Fetching is separate from parsing: :class:`PoliteClient` returns bytes and headers (or an
error reason) and never looks inside the page.
"""

from __future__ import annotations

import logging
import socket
import ssl
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from chitieu.vocab import FETCH_ERROR_REASONS
from scrapers.registry import USER_AGENT, CrawlSettings

log = logging.getLogger(__name__)
HTML_TYPES = ("text/html", "application/xhtml+xml")
XML_TYPES = (
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "text/plain",
)
RETRY_STATUS = {429, 500, 502, 503, 504}
REDIRECTS = {301, 302, 303, 307, 308}
DNS_HINTS = (
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo",
    "temporary failure in name resolution",
    "no address associated",
    "name resolution",
)


class FetchError(Exception):
    """A fetch that failed; ``reason`` is one of chitieu.vocab.FETCH_ERROR_REASONS."""

    def __init__(
        self,
        reason: str,
        detail: str = "",
        *,
        status: int | None = None,
        headers: dict[str, str] | None = None,
        final_url: str | None = None,
    ) -> None:
        if reason not in FETCH_ERROR_REASONS:
            raise ValueError(f"unknown fetch error reason {reason!r}")
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail, self.status = reason, detail, status
        self.headers = headers or {}
        self.final_url = final_url


class _Retryable(Exception):
    def __init__(self, status: int, headers: dict[str, str]) -> None:
        super().__init__(f"HTTP {status}")
        self.status, self.headers = status, headers


@dataclass
class FetchResult:
    url: str
    final_url: str
    status_code: int
    headers: dict[str, str]
    body: bytes | None  # None for 304
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def not_modified(self) -> bool:
        return self.status_code == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


class RobotsStore(Protocol):
    """Optional persistence of robots.txt (the archive) for conditional re-fetching."""

    def conditional_headers(self, url: str) -> dict[str, str]: ...
    def latest_body(self, url: str) -> bytes | None: ...
    def record_fetch(
        self,
        result: FetchResult | None,
        url: str,
        kind: str,
        source_name: str,
        error: FetchError | None = None,
    ) -> Any: ...


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: BaseException | None = exc
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def classify_exception(exc: Exception) -> tuple[str, str]:
    """Map an httpx exception to (reason, detail): a reason of chitieu.vocab."""
    text = str(exc) or exc.__class__.__name__
    causes = list(_causes(exc))
    if isinstance(exc, httpx.TimeoutException):
        return "timeout", text
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "bad_url", text
    if any(isinstance(c, ssl.SSLError | ssl.CertificateError) for c in causes):
        return "tls", text
    if any(isinstance(c, socket.gaierror) for c in causes):
        return "dns", text
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return "connect_refused", text
    if isinstance(exc, httpx.ConnectError):  # no cause to tell by: the message
        low = text.lower()
        if any(h in low for h in DNS_HINTS):
            return "dns", text
        if "connection refused" in low:
            return "connect_refused", text
        return ("tls" if "[ssl" in low or "certificate" in low else "connection"), text
    if isinstance(exc, httpx.RemoteProtocolError) and "incomplete" in text.lower():
        return "truncated", text
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)) and "body" in text.lower():
        return "truncated", text
    return "connection", text


def _retryable_error(exc: BaseException) -> bool:
    """429/5xx, and connection failures that may pass; not DNS, TLS or a bad URL."""
    if isinstance(exc, _Retryable):
        return True
    return isinstance(exc, httpx.ConnectError) and classify_exception(exc)[0] in (
        "connection",
        "connect_refused",
    )


def check_url(url: str) -> None:
    """FetchError("bad_url") unless `url` is http(s) with a host."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise FetchError("bad_url", f"{url!r}: {exc}", final_url=url) from None
    if parts.scheme not in ("http", "https") or not host:
        raise FetchError("bad_url", f"{url!r} is not an http(s) URL with a host", final_url=url)


def _retry_after(headers: dict[str, str]) -> float | None:
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
        except (TypeError, ValueError):
            return None


class _HostGate:
    """Per-host concurrency limit and minimum delay between request starts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sems: dict[str, threading.BoundedSemaphore] = {}
        self._next: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, settings: CrawlSettings, extra_delay: float = 0.0) -> Iterator[None]:
        with self._lock:
            sem = self._sems.setdefault(host, threading.BoundedSemaphore(settings.concurrency))
        with sem:
            delay = max(settings.delay, extra_delay)
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next.get(host, now))
                self._next[host] = start + delay
            if start > now:
                time.sleep(start - now)
            yield


def _ssl_context(legacy: bool) -> ssl.SSLContext | bool:
    if not legacy:
        return True
    ctx = ssl.create_default_context()
    # Old state sites still offer only TLS 1.0/1.1 and weak DH; accept them there only.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # deprecated on purpose
        ctx.minimum_version = ssl.TLSVersion.TLSv1
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    ctx.options |= getattr(ssl, "OP_LEGACY_SERVER_CONNECT", 0)
    return ctx


class PoliteClient:
    """A thread-safe HTTP client that behaves like a well-mannered crawler."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        timeout: float | None = None,
        robots_store: RobotsStore | None = None,
    ) -> None:
        self.user_agent = user_agent
        self.timeout_override = timeout
        self.robots_store = robots_store
        self._gate = _HostGate()
        self._clients: dict[bool, httpx.Client] = {}
        # None: no robots.txt (all allowed); a FetchError: unreachable (nothing allowed)
        self._robots: dict[str, Protego | FetchError | None] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def _client(self, legacy_tls: bool) -> httpx.Client:
        with self._lock:
            if legacy_tls not in self._clients:
                self._clients[legacy_tls] = httpx.Client(
                    follow_redirects=False,
                    verify=_ssl_context(legacy_tls),
                    headers={"User-Agent": self.user_agent, "Accept-Language": "vi,en;q=0.5"},
                    limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
                )
            return self._clients[legacy_tls]

    def _timeout(self, settings: CrawlSettings) -> float:
        return self.timeout_override if self.timeout_override is not None else settings.timeout

    # -- robots.txt ---------------------------------------------------------------------
    def robots_for(
        self, url: str, settings: CrawlSettings, source_name: str = ""
    ) -> Protego | FetchError | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            if origin in self._robots:
                return self._robots[origin]
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(
                    origin + "/robots.txt", settings, source_name
                )
        return self._robots[origin]

    def _load_robots(
        self, robots_url: str, settings: CrawlSettings, source_name: str
    ) -> Protego | FetchError | None:
        store = self.robots_store
        headers = store.conditional_headers(robots_url) if store else {}
        try:
            result = self._robots_get(robots_url, settings, headers)
        except FetchError as err:
            if store:
                store.record_fetch(None, robots_url, "robots", source_name, err)
            if err.status is not None and 400 <= err.status < 500:
                return None  # no robots.txt: everything allowed (RFC 9309)
            # unreachable (5xx, network): disallow for now (RFC 9309), under its own reason
            log.warning("robots.txt unreachable at %s (%s)", robots_url, err.reason)
            return err
        if store:
            store.record_fetch(result, robots_url, "robots", source_name)
        body = (
            result.body
            if result.body is not None
            else (store.latest_body(robots_url) if store else None)
        )
        return Protego.parse((body or b"").decode("utf-8", "replace"))

    def _robots_get(
        self, robots_url: str, settings: CrawlSettings, headers: dict[str, str]
    ) -> FetchResult:
        """GET robots.txt; its redirects (http -> https, www) are followed, at most 5."""
        url = robots_url
        for _ in range(5):
            result = self._get_once_with_retries(url, settings, headers, XML_TYPES + HTML_TYPES)
            location = result.headers.get("location")
            if result.status_code not in REDIRECTS or not location:
                result.url = robots_url
                return result
            url = urljoin(url, location)
        raise FetchError("redirect_loop", "robots.txt redirects too often", final_url=url)

    def allowed(self, url: str, settings: CrawlSettings, source_name: str = "") -> bool:
        robots = self.robots_for(url, settings, source_name)
        if isinstance(robots, FetchError):
            return False
        return robots is None or robots.can_fetch(url, self.user_agent)

    def _crawl_delay(self, url: str) -> float:
        parts = urlsplit(url)
        robots = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        if not isinstance(robots, Protego):
            return 0.0
        delay = robots.crawl_delay(self.user_agent)
        return float(delay or 0.0)

    # -- fetching -----------------------------------------------------------------------
    def fetch(
        self,
        url: str,
        settings: CrawlSettings,
        *,
        allowed_hosts: tuple[str, ...] = (),
        conditional: dict[str, str] | None = None,
        accept: tuple[str, ...] = HTML_TYPES,
        source_name: str = "",
    ) -> FetchResult:
        """GET ``url`` following redirects by hand. Raises FetchError with a reason."""
        current, seen = url, {url}
        for _ in range(settings.max_redirects + 1):
            check_url(current)
            self._check_allowed(current, settings, allowed_hosts, source_name)
            result = self._get_once_with_retries(current, settings, conditional or {}, accept)
            if result.status_code not in REDIRECTS:
                result.url = url
                return result
            location = result.headers.get("location")
            if not location:
                raise FetchError(
                    "http_status",
                    "redirect without Location",
                    status=result.status_code,
                    final_url=current,
                )
            current = urljoin(current, location)
            if current in seen:
                raise FetchError("redirect_loop", f"revisits {current}", final_url=current)
            seen.add(current)
        raise FetchError(
            "redirect_loop", f"more than {settings.max_redirects} redirects", final_url=current
        )

    def _check_allowed(
        self, url: str, settings: CrawlSettings, allowed_hosts: tuple[str, ...], source_name: str
    ) -> None:
        host = urlsplit(url).hostname or ""
        if allowed_hosts and not any(host == h or host.endswith("." + h) for h in allowed_hosts):
            raise FetchError("foreign_host", f"{host} is not in allowed_hosts", final_url=url)
        robots = self.robots_for(url, settings, source_name)
        if isinstance(robots, FetchError):
            raise FetchError(
                robots.reason, f"robots.txt unreachable: {robots.detail}",
                status=robots.status, final_url=url,
            )  # fmt: skip
        if robots is not None and not robots.can_fetch(url, self.user_agent):
            raise FetchError("robots_disallowed", "robots.txt disallows this URL", final_url=url)

    def _get_once_with_retries(
        self, url: str, settings: CrawlSettings, headers: dict[str, str], accept: tuple[str, ...]
    ) -> FetchResult:
        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            backoff = settings.backoff * 2 ** (state.attempt_number - 1)
            hinted = _retry_after(exc.headers) if isinstance(exc, _Retryable) else None
            return min(settings.max_backoff, hinted if hinted is not None else backoff)

        retrying = Retrying(
            stop=stop_after_attempt(settings.retries + 1),
            wait=wait,
            reraise=True,
            retry=retry_if_exception(_retryable_error),
        )
        try:
            return retrying(self._get_once, url, settings, headers, accept)
        except _Retryable as exc:
            raise FetchError(
                "http_status",
                f"HTTP {exc.status} after retries",
                status=exc.status,
                headers=exc.headers,
                final_url=url,
            ) from None
        except httpx.HTTPError as exc:
            reason, detail = classify_exception(exc)
            raise FetchError(reason, detail, final_url=url) from None

    def _get_once(
        self, url: str, settings: CrawlSettings, headers: dict[str, str], accept: tuple[str, ...]
    ) -> FetchResult:
        host = urlsplit(url).netloc
        client = self._client(settings.legacy_tls)
        with (
            self._gate.slot(host, settings, self._crawl_delay(url)),
            client.stream("GET", url, headers=headers, timeout=self._timeout(settings)) as resp,
        ):
            hdrs = {k.lower(): v for k, v in resp.headers.items()}
            status = resp.status_code
            if status in RETRY_STATUS:
                raise _Retryable(status, hdrs)
            if status in REDIRECTS or status == 304:
                return FetchResult(url, url, status, hdrs, None)
            if status >= 400 or status < 200:
                raise FetchError(
                    "http_status", f"HTTP {status}", status=status, headers=hdrs, final_url=url
                )
            _check_type(hdrs, accept, url, status)
            body = _read_limited(resp, settings.max_bytes, url, hdrs)
            return FetchResult(url, str(resp.url), status, hdrs, body)


def _check_type(hdrs: dict[str, str], accept: tuple[str, ...], url: str, status: int) -> None:
    ctype = (hdrs.get("content-type") or "").split(";")[0].strip().lower()
    if ctype and not any(ctype == a for a in accept):
        raise FetchError(
            "not_html", f"content type {ctype}", status=status, headers=hdrs, final_url=url
        )


def _read_limited(resp: httpx.Response, max_bytes: int, url: str, hdrs: dict[str, str]) -> bytes:
    """Read the body but stop as soon as it passes ``max_bytes``."""
    declared = hdrs.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            "too_large",
            f"Content-Length {declared} > {max_bytes}",
            status=resp.status_code,
            headers=hdrs,
            final_url=url,
        )
    chunks, size = [], 0
    for chunk in resp.iter_raw() if _identity(hdrs) else resp.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(
                "too_large",
                f"body passed {max_bytes} bytes",
                status=resp.status_code,
                headers=hdrs,
                final_url=url,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _identity(hdrs: dict[str, str]) -> bool:
    return hdrs.get("content-encoding", "identity").lower() in ("identity", "")
