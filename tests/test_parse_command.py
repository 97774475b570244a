"""`chitieu parse`: saved pages (or fetched URLs) -> one JSON line each, as the crawl parses."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scrapers.mirror.server import serve_mirror
from scrapers.parse import parse_article
from scrapers.parse_cli import parse_pages
from scrapers.registry import load_registry
from tests.realweb import LIFERAY, ZYTE
from tests.scrapers_fixtures import seed

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]
EXPECTED = json.loads((LIFERAY / "expected.json").read_text(encoding="utf-8"))
FIELDS = {"path", "url", "title", "published_at", "author", "text", "parser", "encoding"}


def _chitieu(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "parse", *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip


def _run(*targets: str, **kwargs) -> tuple[int, list[dict]]:
    out = io.StringIO()
    status = parse_pages(list(targets), out, **kwargs)
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def test_every_liferay_page_gives_what_expected_json_says_through_the_command() -> None:
    for name, page in EXPECTED.items():
        args = ("--source", "bactuliem_portal", "--url", page["url"], str(LIFERAY / name))
        result = _chitieu(*args)
        (record,) = [json.loads(line) for line in result.stdout.splitlines()]
        if page.get("is_article", True):
            assert result.returncode == 0, result.stderr
            assert set(record) >= FIELDS and "error" not in record
            assert record["title"] == page["title"] and record["parser"] == "adapter:liferay"
            assert record["published_at"].startswith(page["date"])  # the site's own day
            assert all(s in record["text"] for s in page["keep"])
            assert not any(s in record["text"] for s in page["drop"])
        else:
            assert result.returncode == 1
            assert record["error"] == "listing" and len(record["links"]) == 10


def test_unreadable_files_are_one_error_line_each_and_the_others_go_on(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"not gzip at all")
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    good = sorted((ZYTE / "html").glob("*.html.gz"))[:2]
    targets = [str(good[0]), str(tmp_path / "missing.html"), str(broken), str(text), str(good[1])]
    result = _chitieu(*targets)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert [r["path"] for r in records] == targets
    assert [r.get("error") for r in records] == [
        None,
        "unreadable",
        "unreadable",
        "unreadable",
        None,
    ]
    assert all(r["text"] and r["parser"] == "generic" for r in (records[0], records[-1]))


def test_the_record_is_what_parse_article_gives() -> None:
    path = sorted((ZYTE / "html").glob("*.html.gz"))[3]
    status, (record,) = _run(str(path))
    parsed = parse_article(gzip.decompress(path.read_bytes()), path.resolve().as_uri())
    assert status == 0
    assert (record["title"], record["text"], record["author"]) == (
        parsed.title, parsed.text, parsed.author,
    )  # fmt: skip
    assert record["url"] == path.resolve().as_uri() and record["source"] is None


def test_url_picks_the_registered_source_of_its_host() -> None:
    page = LIFERAY / "article-en-2.html"
    url = "https://bactuliem.hanoi.gov.vn/tin-tuc/-/view_content/3159471-rules"
    status, (record,) = _run(str(page), url=url)
    assert status == 0 and record["source"] == "bactuliem_portal"
    assert record["parser"] == "adapter:liferay" and record["author"] == "Admin English"
    status, (plain,) = _run(str(page))  # no URL: no source, the generic path
    assert plain["parser"] == "generic" and plain["source"] is None


def test_an_unknown_source_is_refused_before_any_page() -> None:
    result = _chitieu("--source", "no_such_site", str(LIFERAY / "article-vi.html"))
    assert result.returncode == 3 and result.stdout == ""
    assert "no_such_site" in result.stderr


def test_fetch_reads_urls_through_the_polite_client() -> None:
    art = seed("002")
    with serve_mirror() as base:
        status, records = _run(base + art.path, base + "/khong/co/trang-nay.html", fetch=True)
    good, missing = records
    assert status == 1
    assert good["url"] == base + art.path and good["title"] == art.title and good["text"]
    assert missing["error"] == "http_status"
    assert load_registry()  # the default registry was used: no source covers 127.0.0.1
    assert good["source"] is None and good["parser"] == "generic"
