"""Great Expectations' Data Docs are written by the run and open in a browser."""

from __future__ import annotations

from tests.conftest import screenshot


def test_data_docs_list_every_suite(published_run):
    _, summary = published_run
    index = summary.validation.docs_index
    html = index.read_text(encoding="utf-8")
    for suite in ("raw_pages", "raw_articles", "marts_fct_figure",
                  "marts_mart_figure_consistency", "marts_mart_scorecard"):  # fmt: skip
        assert suite in html


def test_data_docs_open_in_headless_chromium(published_run, tmp_path):
    _, summary = published_run
    png = screenshot(summary.validation.docs_index, tmp_path / "data-docs.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a rendered page, not a blank canvas
