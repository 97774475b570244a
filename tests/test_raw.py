"""The raw layer's one loader: landing batches loaded once, idempotent upserts, re-extraction
where one bad article never sinks its chunk, source removal."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from chitieu import extraction, raw, schema
from scrapers.pages import article_row
from tests import raw_fixtures
from tests.raw_fixtures import page_row, parsed

TEXT = "Thu ngân sách đạt 3.594 tỷ đồng, bằng 103% dự toán."


def land(store, pids: list[str], source: str = "s") -> dict:
    articles = {pid: parsed(pid, "Kết quả năm 2023", TEXT, districts=["hn_tay_ho"],
                            term="2020-2025") for pid in pids}  # fmt: skip
    return raw_fixtures.land(store, articles, source)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "build.duckdb"  # a file named raw.duckdb would clash with schema raw
    land(tmp_path / "landing", ["p1", "p2"])
    raw.load_batches(path, str(tmp_path / "landing"), "r1")
    return path


def test_the_ddl_comes_from_the_spec_and_figures_follow_the_record(tmp_path):
    from chitieu.figures import Figure

    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    con.execute(schema.ddl())
    columns = [r[0] for r in con.execute("describe raw.figures").fetchall()]
    con.close()
    record = list(Figure.__dataclass_fields__)
    assert columns[4 : 4 + len(record)] == record
    assert columns[-2:] == ["run_id", "loaded_at"]


def test_a_batch_is_loaded_once_however_often_the_loader_runs(db, tmp_path):
    again = raw.load_batches(db, str(tmp_path / "landing"), "r2")
    assert (again.batches, again.skipped_files) == (0, 3)
    counts = raw.table_counts(db, ["pages", "articles", "figures", "landing_files"])
    assert counts["pages"] == counts["articles"] == 2 and counts["landing_files"] == 3
    assert counts["figures"] >= 4


def test_a_newer_batch_upserts_the_same_keys(db, tmp_path):
    land(tmp_path / "landing", ["p1"])
    before = raw.table_counts(db)
    report = raw.load_batches(db, str(tmp_path / "landing"), "r2")
    assert report.batches == 1 and raw.table_counts(db) == before


def test_stored_text_starts_with_the_title_and_offsets_index_it(db):
    rows = (
        duckdb.connect(str(db), read_only=True)
        .execute(
            "select a.body_text, f.char_start, f.char_end, f.surface from raw.figures f "
            "join raw.articles a using (article_id)"
        )
        .fetchall()
    )
    assert rows and all(text.startswith("Kết quả năm 2023\n\n") for text, *_ in rows)
    assert all(text[start:end] == surface for text, start, end, surface in rows)


def test_a_failing_article_is_recorded_and_the_chunk_goes_on(db):
    version = "another-extractor"
    stale = raw.stale_article_ids(db, version)
    articles = raw.articles_for_extraction(db, stale)
    broken = dict(articles[0], text=None)  # the extractor cannot read this
    rows = extraction.extract_batch([broken, articles[1]])
    assert rows[0] == {"article_id": "p1", "extraction_error": rows[0]["extraction_error"]}
    raw.replace_figures(db, stale, rows, version, "r3")
    assert raw.stale_article_ids(db, version) == ["p1"]
    assert raw.table_counts(db, ["extraction_errors"]) == {"extraction_errors": 1}


def test_figure_ids_are_stable_across_runs(db):
    articles = raw.articles_for_extraction(db, ["p1", "p2"])
    first = {r["figure_id"] for r in extraction.extract_batch(articles)}
    second = {r["figure_id"] for r in extraction.extract_batch(articles)}
    assert first == second and len(first) >= 4


def test_a_removed_source_leaves_at_the_next_load(db, tmp_path):
    land(tmp_path / "landing", ["q1"], source="trial")
    raw.load_batches(db, str(tmp_path / "landing"), "r2")
    raw.request_source_removal(db, "trial")
    (done,) = raw.apply_source_removals(db, "r3")
    assert done["source"] == "trial" and done["pages"] == 1 and done["articles"] == 1
    assert set(raw.source_counts(db)) == {"s"}
    assert raw.apply_source_removals(db, "r4") == []  # recorded once, in run r3


def test_the_raw_digest_changes_with_the_data_only(db, tmp_path):
    first = raw.raw_digest(db)
    raw.record_run(db, "r9", datetime.now(UTC), "validated", {})
    assert raw.raw_digest(db) == first  # run history is not an input of the marts
    land(tmp_path / "landing", ["p3"])
    raw.load_batches(db, str(tmp_path / "landing"), "r2")
    assert raw.raw_digest(db) != first


def test_a_parsed_article_maps_onto_the_articles_columns():
    from scrapers.parse import ParsedArticle

    article = ParsedArticle(url="http://x/a", title="Tiêu đề", text="Thân bài.", published_at=None)
    row = article_row(article, page_row("p1"))
    assert set(row) <= set(schema.ARTICLES.column_names)
    assert row["body_text"] == "Tiêu đề\n\nThân bài."
