"""The command line: every command documented; extract and sql behave as documented."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import build_parser

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]
SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(sub.choices)


def _chitieu(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT, **kwargs,
    )  # fmt: skip


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command):
    assert f"chitieu {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_extract_prints_json_lines_with_doc_ids():
    result = _chitieu("extract", str(SEEDS[0]))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["doc"] for r in rows} == {SEEDS[0].stem}
    assert {"surface", "unit", "value", "kind", "char_start", "char_end", "sentence"} <= set(
        rows[0]
    )


def test_extract_reports_a_bad_file_and_goes_on(tmp_path):
    bad = tmp_path / "007_bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa not utf-8 \x81")
    result = _chitieu("extract", str(bad), str(SEEDS[1]))
    assert result.returncode != 0
    assert "007_bad.txt" in result.stderr
    assert {json.loads(line)["doc"] for line in result.stdout.splitlines()} == {SEEDS[1].stem}


def test_extract_reads_html_as_the_scrapers_do(tmp_path):
    page = tmp_path / "042_page.html"
    page.write_text(
        "<html><head><title>Tin</title></head><body><nav><a href='/'>Trang chủ</a></nav>"
        "<article><h1>Kết quả năm 2023</h1><p>Tổng thu ngân sách nhà nước trên địa bàn "
        "đạt 12.993 tỷ đồng, bằng 151% kế hoạch giao. Toàn quận có 26/27 trường công lập "
        "đạt chuẩn quốc gia, đạt 96,2%. Các phường đều hoàn thành kế hoạch đề ra trong năm.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    result = _chitieu("extract", str(page))
    assert result.returncode == 0, result.stderr
    values = {(r["unit"], r["value"]) for r in map(json.loads, result.stdout.splitlines())}
    assert ("vnd", 12_993_000_000_000) in values and ("percent", 96.2) in values


def test_sql_without_a_warehouse_says_what_to_do(tmp_path):
    result = _chitieu("--home", str(tmp_path), "sql", "select 1")
    assert result.returncode == 1
    assert "chitieu run" in result.stderr


def test_sql_prints_a_table_from_the_published_warehouse(published_run):
    home, _ = published_run
    result = _chitieu(
        "--home", str(home), "sql", "select count(*) as n from main_marts.dim_article"
    )
    assert result.returncode == 0, result.stdout
    assert "5" in result.stdout and "n" in result.stdout


def test_sql_shell_answers_queries_read_only(published_run):
    home, _ = published_run
    result = _chitieu(
        "--home", str(home), "sql",
        input="select count(*) as articles from main_marts.dim_article;\ncreate table x (y int);\n",
    )  # fmt: skip
    assert result.returncode == 0
    assert "articles" in result.stdout
    assert "read-only" in result.stderr.lower()


def test_crawl_is_a_trial_that_never_touches_the_warehouse(tmp_path):
    from scrapers.mirror.server import serve_mirror

    jsonl = tmp_path / "articles.jsonl"
    with serve_mirror() as base_url:
        for _ in range(2):  # a repeated trial still gets every article
            result = _chitieu(
                "--home", str(tmp_path), "crawl", f"{base_url}/bao/chinh-tri", "--jsonl", str(jsonl)
            )
            assert result.returncode == 0, result.stderr
            articles = [json.loads(x) for x in jsonl.read_text(encoding="utf-8").splitlines()]
            assert len(articles) == 5
    assert {"url", "title", "published_at", "body_text"} <= set(articles[0])
    assert not (tmp_path / ".chitieu" / "build" / "chitieu.duckdb").exists()
    assert "not part of the warehouse" in result.stdout


@pytest.mark.parametrize("bad", ["ftp://example.vn/", "file:///etc/passwd", "not a url"])
def test_crawl_refuses_a_start_url_that_is_not_http(tmp_path, bad):
    result = _chitieu("--home", str(tmp_path), "crawl", bad)
    assert result.returncode == 3
    assert "http" in result.stderr and "Traceback" not in result.stderr


def test_crawl_of_a_page_that_cannot_be_fetched_fails(tmp_path):
    from chitieu.net import free_port

    result = _chitieu("--home", str(tmp_path), "crawl", f"http://127.0.0.1:{free_port()}/")
    assert result.returncode == 1
    assert "connect_refused" in result.stderr and len(result.stderr.splitlines()) <= 4
