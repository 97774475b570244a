"""The raw layer: pages as fetched, articles as parsed, figures as extracted.

Loaded by Python into the `raw` schema of the pipeline's working warehouse
(`.chitieu/build/chitieu.duckdb`), which only the pipeline opens. Every load
is an upsert on stable keys inside one transaction, so running the same crawl
twice leaves the same rows.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from chitieu.figures import normalize_text

log = logging.getLogger(__name__)

DDL = """
create schema if not exists raw;
create table if not exists raw.pages (
    page_id varchar primary key,
    source_name varchar,
    url varchar not null,
    final_url varchar,
    status_code integer,
    content_type varchar,
    content_hash varchar,
    etag varchar,
    last_modified varchar,
    fetched_at timestamptz,
    is_changed boolean,
    error_reason varchar,
    error_detail varchar,
    run_id varchar,
    loaded_at timestamptz not null
);
create table if not exists raw.articles (
    article_id varchar primary key,
    page_id varchar not null,
    source_name varchar,
    url varchar not null,
    content_hash varchar not null,
    title varchar,
    published_at timestamptz,
    published_tz varchar,
    author varchar,
    body_text varchar not null,
    district_codes varchar[],
    term_label varchar,
    parser varchar,
    figures_version varchar,
    run_id varchar,
    loaded_at timestamptz not null
);
create table if not exists raw.figures (
    figure_id varchar primary key,
    article_id varchar not null,
    content_hash varchar not null,
    figure_index integer not null,
    surface varchar not null,
    unit varchar not null,
    value double,
    value_max double,
    denominator double,
    noun varchar,
    kind varchar,
    measure varchar,
    qualifier varchar,
    indicator varchar,
    indicator_code varchar,
    sentence varchar,
    char_start integer not null,
    char_end integer not null,
    extractor_version varchar not null,
    run_id varchar,
    loaded_at timestamptz not null
);
create table if not exists raw.extraction_errors (
    article_id varchar not null,
    error_detail varchar not null,
    run_id varchar,
    failed_at timestamptz not null
);
create table if not exists raw.runs (
    run_id varchar primary key,
    started_at timestamptz not null,
    finished_at timestamptz,
    status varchar,
    counts_json varchar
);
"""

PAGE_COLUMNS = [
    "page_id", "source_name", "url", "final_url", "status_code", "content_type",
    "content_hash", "etag", "last_modified", "fetched_at", "is_changed",
    "error_reason", "error_detail",
]  # fmt: skip
ARTICLE_COLUMNS = [
    "article_id", "page_id", "source_name", "url", "content_hash", "title",
    "published_at", "published_tz", "author", "body_text", "district_codes",
    "term_label", "parser",
]  # fmt: skip
FIGURE_COLUMNS = [
    "figure_id", "article_id", "content_hash", "figure_index", "surface", "unit",
    "value", "value_max", "denominator", "noun", "kind", "measure", "qualifier",
    "indicator", "indicator_code", "sentence", "char_start", "char_end",
    "extractor_version",
]  # fmt: skip


@contextmanager
def connect(path: Path, *, read_only: bool = False):
    """A connection that is always closed: DuckDB allows one writer per file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        if not read_only:
            con.execute(DDL)
        yield con
    finally:
        con.close()


def _frame(rows: Sequence[dict[str, Any]], columns: list[str], run_id: str) -> pd.DataFrame:
    frame = pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns)
    frame["run_id"] = run_id
    frame["loaded_at"] = datetime.now(UTC)
    return frame


def _upsert(con: duckdb.DuckDBPyConnection, table: str, key: str, frame: pd.DataFrame) -> int:
    if frame.empty:
        return 0
    con.register("incoming", frame)
    try:
        con.execute(f"delete from raw.{table} where {key} in (select {key} from incoming)")
        cols = ", ".join(frame.columns)
        con.execute(f"insert into raw.{table} ({cols}) select {cols} from incoming")
    finally:
        con.unregister("incoming")
    return len(frame)


def article_text(title: str | None, body: str) -> str:
    """The article's plain text as published: its title line, then the body.

    Normalised exactly as the extractor sees it, so that figure offsets index
    straight into the stored text. Titles carry figures too ("hoàn thành 24 chỉ
    tiêu năm 2023")."""
    return normalize_text(f"{title}\n\n{body}" if title else body)


def article_row(article: dict[str, Any]) -> dict[str, Any]:
    """Map a parsed article from the scrapers onto the raw.articles columns."""
    return {
        **article,
        "article_id": article["page_id"],
        "body_text": article_text(article.get("title"), article["text"]),
        "district_codes": list(article.get("districts") or []),
        "term_label": article.get("term"),
    }


def load_crawl(
    db: Path, pages: Sequence[dict], articles: Sequence[dict], run_id: str
) -> dict[str, int]:
    """Upsert fetched pages and parsed articles. A page that failed this time
    keeps its earlier article: only a successful parse replaces an article."""
    article_rows = [article_row(a) for a in articles]
    with connect(db) as con:
        con.execute("begin")
        n_pages = _upsert(con, "pages", "page_id", _frame(pages, PAGE_COLUMNS, run_id))
        frame = _frame(article_rows, ARTICLE_COLUMNS, run_id)
        frame["district_codes"] = frame["district_codes"].map(json.dumps)
        n_articles = _upsert_articles(con, frame)
        con.execute("commit")
    return {"pages": n_pages, "articles": n_articles}


def _upsert_articles(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> int:
    if frame.empty:
        return 0
    # district codes travel as JSON text: pandas has no reliable list dtype for DuckDB
    frame = frame.rename(columns={"district_codes": "district_codes_json"})
    con.register("incoming", frame)
    try:
        con.execute(
            "delete from raw.articles where article_id in (select article_id from incoming)"
        )
        cols = [c for c in frame.columns if c != "district_codes_json"]
        con.execute(
            f"insert into raw.articles ({', '.join(cols)}, district_codes) "
            f"select {', '.join(cols)}, cast(district_codes_json::json as varchar[]) from incoming"
        )
    finally:
        con.unregister("incoming")
    return len(frame)


def articles_to_extract(db: Path, version: str) -> list[dict[str, str]]:
    """Articles whose figures are missing or came from another extractor version."""
    with connect(db) as con:
        rows = con.execute(
            "select article_id, content_hash, body_text from raw.articles "
            "where figures_version is distinct from ? order by article_id",
            [version],
        ).fetchall()
    return [{"article_id": a, "content_hash": h, "text": t} for a, h, t in rows]


def load_figures(
    db: Path, article_ids: Iterable[str], rows: Sequence[dict], version: str, run_id: str
) -> int:
    """Replace the figures of these articles and mark them extracted with `version`.

    Rows flagged `extraction_error` are recorded in raw.extraction_errors; their
    articles keep their earlier figures and are tried again on the next run."""
    failed = [r for r in rows if "extraction_error" in r]
    failed_ids = {r["article_id"] for r in failed}
    figures = [r for r in rows if "extraction_error" not in r]
    ids = pd.DataFrame({"article_id": [a for a in article_ids if a not in failed_ids]})
    frame = _frame(figures, FIGURE_COLUMNS, run_id)
    with connect(db) as con:
        con.execute("begin")
        _record_extraction_errors(con, failed, run_id)
        con.register("done_articles", ids)
        con.execute(
            "delete from raw.figures where article_id in (select article_id from done_articles)"
        )
        if not frame.empty:
            con.register("incoming", frame)
            cols = ", ".join(frame.columns)
            con.execute(f"insert into raw.figures ({cols}) select {cols} from incoming")
            con.unregister("incoming")
        con.execute(
            "update raw.articles set figures_version = ? "
            "where article_id in (select article_id from done_articles)",
            [version],
        )
        con.unregister("done_articles")
        con.execute("commit")
    return len(frame)


def _record_extraction_errors(con: duckdb.DuckDBPyConnection, failed: list[dict], run_id: str):
    for row in failed:
        con.execute(
            "insert into raw.extraction_errors values (?, ?, ?, ?)",
            [row["article_id"], row["extraction_error"], run_id, datetime.now(UTC)],
        )


def record_run(db: Path, run_id: str, started_at: datetime, status: str, counts: dict) -> None:
    with connect(db) as con:
        con.execute("delete from raw.runs where run_id = ?", [run_id])
        con.execute(
            "insert into raw.runs values (?, ?, ?, ?, ?)",
            [run_id, started_at, datetime.now(UTC), status, json.dumps(counts, default=str)],
        )


def table_counts(db: Path, tables: Iterable[str] = ("pages", "articles", "figures")) -> dict:
    with connect(db, read_only=True) as con:
        return {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in tables}
