"""raw.articles records which adapter fell back to the generic extractor, and a warehouse
made before a column existed gets it (every column the schema adds since)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from chitieu import raw, schema
from tests import raw_fixtures
from tests.raw_fixtures import parsed

TEXT = "Thu ngân sách đạt 3.594 tỷ đồng, bằng 103% dự toán."


def _fallbacks(db: Path) -> dict[str, str | None]:
    with raw.connect(db, read_only=True) as con:
        rows = con.execute("select article_id, parser_fallback_from from raw.articles").fetchall()
    return dict(rows)


def _articles(**fallbacks: str | None) -> dict:
    return {pid: parsed(pid, "Kết quả năm 2023", TEXT, fallback_from=f,
                        parser="generic" if f else "adapter:liferay")
            for pid, f in fallbacks.items()}  # fmt: skip


def test_landing_batches_carry_the_fallback(tmp_path: Path) -> None:
    db = tmp_path / "build.duckdb"
    raw_fixtures.load(db, tmp_path / "landing", _articles(a="adapter:liferay", b=None))
    assert _fallbacks(db) == {"a": "adapter:liferay", "b": None}


def test_a_warehouse_without_the_new_columns_gets_them(tmp_path: Path) -> None:
    db = tmp_path / "build.duckdb"
    old = schema.ARTICLES.ddl()
    for line in ("    parser_fallback_from varchar,\n", "    canonical_url varchar,\n"):
        old = old.replace(line, "")
    assert "parser_fallback_from" not in old and "canonical_url" not in old
    con = duckdb.connect(str(db))
    con.execute("create schema raw")
    con.execute(old)
    con.execute(schema.figures_table().ddl().replace("    period_part varchar,\n", ""))
    con.close()
    raw_fixtures.load(db, tmp_path / "landing", _articles(a="adapter:liferay"))
    assert _fallbacks(db) == {"a": "adapter:liferay"}
    with raw.connect(db, read_only=True) as con:
        parts = con.execute("select count(period_part) from raw.figures").fetchone()
    assert parts is not None
