"""The raw layer: idempotent upserts, one bad article never sinks its batch."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chitieu import extraction, raw


def _page(pid: str) -> dict:
    return {
        "page_id": pid, "source_name": "s", "url": f"http://127.0.0.1/{pid}",
        "final_url": f"http://127.0.0.1/{pid}", "status_code": 200, "content_type": "text/html",
        "content_hash": f"h{pid}", "etag": None, "last_modified": None,
        "fetched_at": datetime.now(UTC), "is_changed": True, "error_reason": None,
        "error_detail": None,
    }  # fmt: skip


def _article(pid: str, text: str) -> dict:
    return {
        "page_id": pid, "source_name": "s", "url": f"http://127.0.0.1/{pid}",
        "content_hash": f"h{pid}", "title": "Kết quả năm 2023", "published_at": None,
        "published_tz": "Asia/Ho_Chi_Minh", "author": None, "text": text,
        "districts": ["hn_tay_ho"], "term": "2020-2025", "parser": "generic",
    }  # fmt: skip


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "build.duckdb"  # a file named raw.duckdb would clash with schema raw
    text = "Thu ngân sách đạt 3.594 tỷ đồng, bằng 103% dự toán."
    raw.load_crawl(
        path, [_page("p1"), _page("p2")], [_article("p1", text), _article("p2", text)], "r1"
    )
    return path


def test_loading_twice_leaves_the_same_rows(db):
    text = "Thu ngân sách đạt 3.594 tỷ đồng, bằng 103% dự toán."
    raw.load_crawl(db, [_page("p1")], [_article("p1", text)], "r2")
    assert raw.table_counts(db) == {"pages": 2, "articles": 2, "figures": 0}


def test_stored_text_starts_with_the_title_and_offsets_index_it(db):
    pending = raw.articles_to_extract(db, "v1")
    assert pending[0]["text"].startswith("Kết quả năm 2023\n\n")
    rows = extraction.extract_batch(pending)
    text = {a["article_id"]: a["text"] for a in pending}
    assert rows and all(text[r["article_id"]][r["char_start"]:r["char_end"]] == r["surface"]
                        for r in rows)  # fmt: skip


def test_a_failing_article_is_recorded_and_the_batch_goes_on(db):
    pending = raw.articles_to_extract(db, extraction.extractor_version())
    broken = dict(pending[0], text=None)  # the extractor cannot read this
    rows = extraction.extract_batch([broken, pending[1]])
    assert rows[0] == {"article_id": "p1", "extraction_error": rows[0]["extraction_error"]}
    version = extraction.extractor_version()
    raw.load_figures(db, ["p1", "p2"], rows, version, "r1")
    assert [a["article_id"] for a in raw.articles_to_extract(db, version)] == ["p1"]
    assert raw.table_counts(db, ["figures", "extraction_errors"]) == {
        "figures": len(rows) - 1,
        "extraction_errors": 1,
    }


def test_figure_ids_are_stable_across_runs(db):
    pending = raw.articles_to_extract(db, "v1")
    first = {r["figure_id"] for r in extraction.extract_batch(pending)}
    second = {r["figure_id"] for r in extraction.extract_batch(pending)}
    assert first == second and len(first) >= 4
