"""Great Expectations' Data Docs are written by the run and open in a browser."""

from __future__ import annotations

import shutil
import subprocess

from tests.conftest import screenshot

SUITES = ("raw_pages", "raw_articles", "raw_figures", "marts_fct_figure",
          "marts_mart_figure_consistency", "marts_mart_scorecard")  # fmt: skip


def test_data_docs_show_every_suite_offline(published_run):
    """The suites are in the page a browser renders with no network (GX's own
    index tables need scripts from public CDNs)."""
    index = published_run[1].validation.docs_index
    chromium = shutil.which("chromium")
    assert chromium, "chromium is missing: `make test` installs it"
    dom = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
         "--disable-background-networking", index.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    summary = dom[dom.index('id="chitieu-summary"') :]
    for suite in SUITES:
        assert f">{suite}</a>" in summary


def test_suite_links_lead_to_validation_pages(published_run):
    index = published_run[1].validation.docs_index
    html = index.read_text(encoding="utf-8")
    section = html[html.index('id="chitieu-summary"') : html.index("</section>")]
    links = [part.split('"')[0] for part in section.split('href="')[1:]]
    assert len(links) == len(SUITES)
    assert all((index.parent / link).exists() for link in links)


def test_data_docs_open_in_headless_chromium(published_run, tmp_path):
    png = screenshot(published_run[1].validation.docs_index, tmp_path / "data-docs.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a rendered page, not a blank canvas
