"""HTTP server for the local mirror (stdlib only).

``serve_mirror()`` runs it in a background thread on a free port. Each server keeps a
request log and a small control surface (:class:`MirrorState`) that tests use to make a
page fail; editing a seed .txt under ``root`` changes the served page on the next request.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from scrapers.mirror import site

log = logging.getLogger(__name__)
HUGE_BYTES = 3_000_000


@dataclass
class MirrorState:
    """Shared state of one running mirror: request log, fail-once counters, overrides."""

    root: Path
    slow_seconds: float
    base_url: str = ""
    requests: list[dict] = field(default_factory=list)
    overrides: dict[str, tuple[int, bytes, dict[str, str]]] = field(default_factory=dict)
    served_once: set[str] = field(default_factory=set)
    overridden_at: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, entry: dict) -> None:
        with self.lock:
            self.requests.append(entry)

    def requests_for(self, path_prefix: str = "/") -> list[dict]:
        with self.lock:
            return [r for r in self.requests if r["path"].startswith(path_prefix)]

    def clear_log(self) -> None:
        with self.lock:
            self.requests.clear()

    def override(
        self, path: str, status: int, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> None:
        """Serve ``status``/``body`` for ``path`` (a path with query) until cleared."""
        with self.lock:
            self.overrides[path] = (status, body, dict(headers or {}))
            self.overridden_at[path] = time.time()  # the CMS's lastmod moves with the page

    def clear_overrides(self) -> None:
        with self.lock:
            self.overrides.clear()

    def first_request(self, path: str) -> bool:
        with self.lock:
            if path in self.served_once:
                return False
            self.served_once.add(path)
            return True


MIRRORS: dict[str, MirrorState] = {}


def mirror_state(base_url: str) -> MirrorState:
    """The state of the mirror running at ``base_url`` (in this process)."""
    return MIRRORS[base_url.rstrip("/")]


class MirrorHandler(BaseHTTPRequestHandler):
    server_version = "MirrorHTTP/1.0"
    protocol_version = "HTTP/1.1"  # keep-alive, as real sites: a connection per request is slow
    state: MirrorState  # set on the subclass made per server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.debug("mirror: " + format, *args)

    def do_GET(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        self.state.record(
            {
                "path": self.path,
                "host": self.headers.get("Host", ""),
                "user_agent": self.headers.get("User-Agent", ""),
                "if_none_match": self.headers.get("If-None-Match"),
                "if_modified_since": self.headers.get("If-Modified-Since"),
                "time": time.time(),
            }
        )
        # the client may give up (too large, timeout): expected with the faulty pages
        with suppress(BrokenPipeError, ConnectionResetError):
            self._dispatch(parts.path, dict(parse_qsl(parts.query)))

    # -- responses ------------------------------------------------------------------------
    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _send_cached(self, body: bytes, ctype: str, modified: float) -> None:
        """200 with validators, or 304 when the client's validators still match."""
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        last_mod = format_datetime(_utc(modified), usegmt=True)
        inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        fresh = (inm == etag) if inm else bool(ims and _not_modified_since(ims, modified))
        headers = {"ETag": etag, "Last-Modified": last_mod}
        if fresh:
            self.send_response(304)
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            return
        self._send(200, body, ctype, headers)

    def _dispatch(self, path: str, query: dict[str, str]) -> None:
        st = self.state
        with st.lock:
            override = st.overrides.get(self.path) or st.overrides.get(path)
        if override:
            self._send(override[0], override[1], headers=override[2])
            return
        static = site.static_site(st.root)
        if static is not None:
            self._static_file(static.get(self.path) or static.get(path))
            return
        articles = site.load_articles(st.root)
        if path in site.FAULTS:
            self._fault(path, site.FAULTS[path][0])
            return
        for art in articles:
            if art.path == path:
                self._article(art)
                return
        self._static(path, query, articles)

    def _article(self, art: site.SeedArticle) -> None:
        if art.fail_first and self.state.first_request(art.path):
            self._send(500, b"<h1>500 Internal Server Error</h1>", headers={"Retry-After": "0"})
            return
        page = site.render_article(art, self.state.base_url)
        ctype = "text/html" if art.encoding != "utf-8" else "text/html; charset=utf-8"
        self._send_cached(site.encode_page(page, art.encoding), ctype, self._modified(art))

    def _modified(self, art: site.SeedArticle) -> float:
        """When the article last changed: published, its seed file edited, or overridden."""
        with self.state.lock:
            overridden = self.state.overridden_at.get(art.path, 0.0)
        return max(art.published.timestamp(), _mtime(self.state.root, art.seed), overridden)

    def _static(self, path: str, query: dict[str, str], articles: list) -> None:
        base = self.state.base_url
        listing = site.listing_page_for(path, query)
        if listing:
            body = site.render_listing(*listing, articles).encode()
            self._send_cached(body, "text/html; charset=utf-8", _newest(articles))
        elif path == "/robots.txt":
            self._send_cached(site.render_robots(base).encode(), "text/plain", 1.6e9)
        elif path == "/sitemap.xml":
            body = site.render_sitemap(base, articles, self._modified).encode()
            self._send_cached(body, "application/xml", _newest(articles))
        elif path in ("/rss.xml", "/bao/rss/chinh-tri.rss"):
            body = site.render_rss(base, articles).encode()
            self._send_cached(body, "application/rss+xml; charset=utf-8", _newest(articles))
        else:
            self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>")

    def _static_file(self, page: site.StaticFile | None) -> None:
        """A page of a pre-rendered site, with validators (304 when unchanged); sitemaps and
        robots.txt get ``{base_url}`` filled in."""
        if page is None:
            self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>")
            return
        body = page.path.read_bytes()
        if not page.content_type.startswith("text/html"):
            body = body.replace(b"{base_url}", self.state.base_url.encode())
        self._send_cached(body, page.content_type, page.path.stat().st_mtime)

    def _fault(self, path: str, kind: str) -> None:
        handler = getattr(self, f"_fault_{kind}")
        handler(path)

    def _fault_404(self, path: str) -> None:
        self._send(404, "<h1>Không tìm thấy trang</h1>".encode())

    def _fault_disallowed(self, path: str) -> None:
        self._send(200, "<p>Nội dung nội bộ</p>".encode())

    def _fault_pdf(self, path: str) -> None:
        self._send(
            200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "application/pdf"
        )

    def _fault_empty(self, path: str) -> None:
        self._send_cached(site.render_empty_page().encode(), "text/html; charset=utf-8", 1.6e9)

    def _fault_binary(self, path: str) -> None:
        # a broken CMS export: bytes that are no text at all, labelled as HTML
        body = bytes((i * 7919 + 13) % 256 for i in range(4096)).replace(b"<", b"\x00")
        self._send_cached(body, "text/html", 1.6e9)

    def _fault_slow(self, path: str) -> None:
        time.sleep(self.state.slow_seconds)
        self._send(200, "<html><body><p>Quá chậm</p></body></html>".encode())

    def _fault_loop(self, path: str) -> None:
        other = path[:-1] + ("b" if path.endswith("a") else "a")
        self._send(302, b"", headers={"Location": other})

    def _fault_foreign(self, path: str) -> None:
        # "localhost" resolves to this same server, so the request log proves it was never hit
        port = self.server.server_address[1]  # type: ignore[index]
        self._send(301, b"", headers={"Location": f"http://localhost:{port}/bao/doi-tac.html"})

    def _fault_truncated(self, path: str) -> None:
        art = site.load_articles(self.state.root)[0]
        body = site.render_article(art, self.state.base_url).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 3])
        self.close_connection = True

    def _fault_huge(self, path: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()  # no Content-Length: the client must count while streaming
        for chunk in site.render_huge_chunks(HUGE_BYTES):
            self.wfile.write(chunk)
        self.close_connection = True


def _utc(ts: float):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(int(ts), UTC)


def _not_modified_since(header: str, modified: float) -> bool:
    try:
        return parsedate_to_datetime(header).timestamp() >= int(modified)
    except (TypeError, ValueError):
        return False


def _mtime(root: Path, seed: str) -> float:
    files = sorted(Path(root).glob(f"{seed}_*.txt"))
    return files[0].stat().st_mtime if files else 0.0


def _newest(articles: list) -> float:
    return max(a.published.timestamp() for a in articles)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        # socketserver prints a traceback to stderr for every dropped connection: a crawler
        # that gives up mid-request is normal for a web server, and the user's terminal
        # belongs to the run's own few lines; the log keeps it
        log.debug("mirror: request from %s ended early", client_address, exc_info=True)


@contextmanager
def serve_mirror(
    root: Path | None = None, *, host: str = "127.0.0.1", port: int = 0, slow_seconds: float = 5.0
) -> Iterator[str]:
    """Run the mirror in a background thread; yields its base URL and stops on exit."""
    state = MirrorState(
        root=Path(root) if root is not None else site.DEFAULT_ROOT, slow_seconds=slow_seconds
    )
    handler = type("BoundMirrorHandler", (MirrorHandler,), {"state": state})
    server = _Server((host, port), handler)
    base_url = f"http://{host}:{server.server_address[1]}"
    state.base_url = base_url
    MIRRORS[base_url] = state
    thread = threading.Thread(target=server.serve_forever, name="mirror", daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()
        MIRRORS.pop(base_url, None)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the chitieu test mirror")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--root", type=Path, default=None, help="folder of seed .txt files or a pre-rendered site"
    )
    parser.add_argument("--slow-seconds", type=float, default=3.0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    with serve_mirror(
        args.root, host=args.host, port=args.port, slow_seconds=args.slow_seconds
    ) as url:
        log.info("mirror at %s (Ctrl-C to stop)", url)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
