"""Great Expectations' Data Docs work offline: the CDN assets of GX's templates are vendored,
and headless Chromium with no network renders the results with no request leaving."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from expectations.offline_docs import ASSETS, CDN_ASSETS
from tests.conftest import screenshot

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

SUITES = ("raw_pages", "raw_articles", "raw_figures", "marts_fct_figure",
          "marts_mart_figure_consistency")  # fmt: skip
# Chromium's own services: sent straight to a DNS that resolves nothing, so that only
# the page's own requests reach the recording proxy
BROWSER_HOSTS = "update.googleapis.com;accounts.google.com;clients2.google.com"
QUIET = ["--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,"
         "AutofillServerCommunication", "--no-pings", "--disable-domain-reliability",
         "--disable-client-side-phishing-detection", "--disable-default-apps",
         "--disable-extensions", "--no-default-browser-check"]  # fmt: skip


@contextlib.contextmanager
def recording_proxy() -> Iterator[tuple[int, list[str]]]:
    """An HTTP proxy on loopback that refuses everything and records what was asked."""
    asked: list[str] = []

    class Refuse(BaseHTTPRequestHandler):
        def _refuse(self) -> None:
            asked.append(f"{self.command} {self.path}")
            self.send_response(403)
            self.end_headers()

        do_GET = do_POST = do_HEAD = do_CONNECT = _refuse  # noqa: N815 - http.server's names

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_port, asked
    finally:
        server.shutdown()
        server.server_close()


def offline_dom(page: Path, profile: Path) -> tuple[str, list[str]]:
    """The DOM after scripts ran, with DNS off and every request of the page sent to a
    proxy that refuses it (and says which were asked for)."""
    chromium = shutil.which("chromium")
    assert chromium, "chromium is missing: `make test` installs it"
    with recording_proxy() as (port, asked):
        dom = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", *QUIET, f"--user-data-dir={profile}",
             f"--proxy-server=http://127.0.0.1:{port}", f"--proxy-bypass-list={BROWSER_HOSTS}",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
             "--virtual-time-budget=10000", "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout  # fmt: skip
    return dom, asked


def _rows(dom: str, tab: str) -> list[str]:
    part = dom[dom.index(f'id="{tab}"') :]
    return [re.sub(r"<[^>]+>", " ", row)
            for row in re.findall(r"<tr[^>]*data-index[^>]*>(.*?)</tr>", part, re.S)]  # fmt: skip


def test_the_index_renders_every_suites_results_offline(published_run, tmp_path):
    dom, asked = offline_dom(published_run[1].validation.docs_index, tmp_path / "profile")
    assert asked == []  # no request left the machine
    rows = _rows(dom, "Validation-Results")  # filled in by bootstrap-table, a vendored script
    for suite in SUITES:
        assert any(f"warehouse-{suite}" in row for row in rows), suite


def test_a_validation_page_renders_offline(published_run, tmp_path):
    docs = published_run[1].validation.docs_index.parent
    page = next((docs / "validations" / "marts_fct_figure").rglob("*.html"))
    dom, asked = offline_dom(page, tmp_path / "profile")
    assert asked == [] and "fct_figure" in dom
    assert 'class="fas fa-' in dom or "fa-" in dom


def test_the_check_sees_a_page_that_loads_from_a_cdn(tmp_path):
    page = tmp_path / "cdn.html"
    page.write_text('<html><head><script src="https://code.jquery.com/jquery-3.7.1.min.js">'
                    "</script></head><body>x</body></html>")  # fmt: skip
    _, asked = offline_dom(page, tmp_path / "profile")
    assert asked == ["CONNECT code.jquery.com:443"]


def test_every_cdn_url_of_the_gx_templates_is_vendored():
    import great_expectations

    templates = Path(great_expectations.__file__).parent / "render" / "view" / "templates"
    named = {url for f in templates.rglob("*.j2")
             for url in re.findall(r'(?:src|href)="(https://[^"]+)"', f.read_text())
             if "greatexpectations.io" not in url}  # fmt: skip
    assert named and named <= set(CDN_ASSETS)
    assert all((ASSETS / asset).is_file() for asset in CDN_ASSETS.values())


def test_the_vendored_files_are_the_ones_the_templates_pin():
    """Where GX pins a file by its hash (SRI), ours is byte-identical."""
    import great_expectations

    script = (Path(great_expectations.__file__).parent / "render" / "view" / "templates"
              / "js_script_imports.j2").read_text()  # fmt: skip
    pinned = re.findall(r'src="(https://[^"]+)" integrity="(sha384-[^"]+)"', script)
    assert len(pinned) == 2
    for url, integrity in pinned:
        digest = hashlib.sha384((ASSETS / CDN_ASSETS[url]).read_bytes()).digest()
        assert f"sha384-{base64.b64encode(digest).decode()}" == integrity


def test_data_docs_open_in_headless_chromium(published_run, tmp_path):
    png = screenshot(published_run[1].validation.docs_index, tmp_path / "data-docs.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a rendered page, not a blank canvas
