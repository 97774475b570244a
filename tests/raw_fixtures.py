"""Articles into a raw layer the way a crawl puts them there: page and article rows with
their figures extracted, written as a landing batch, loaded by the one loader."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chitieu import landing, raw
from chitieu.extraction import article_figures, extractor_version
from scrapers.pages import article_row
from scrapers.parse import ParsedArticle


def page_row(pid: str, source: str = "s") -> dict[str, Any]:
    return {
        "page_id": pid, "source_name": source, "url": f"http://127.0.0.1/{pid}",
        "final_url": f"http://127.0.0.1/{pid}", "status_code": 200, "content_type": "text/html",
        "content_hash": f"h{pid}", "etag": None, "last_modified": None,
        "fetched_at": datetime.now(UTC), "is_changed": True, "error_reason": None,
        "error_detail": None,
    }  # fmt: skip


def parsed(pid: str, title: str, text: str, **fields: Any) -> ParsedArticle:
    """An article as the parser gives it; `fields` override (published_at, districts...)."""
    return ParsedArticle(url=f"http://127.0.0.1/{pid}", title=title, text=text,
                         published_at=fields.pop("published_at", None), **fields)  # fmt: skip


def land(store: Path, articles: dict[str, ParsedArticle], source: str = "s") -> dict:
    """One landing batch of these articles (page id -> parsed article) with their figures."""
    writer = landing.BatchWriter(str(store))
    for pid, article in articles.items():
        row = article_row(article, page_row(pid, source))
        figures = article_figures({**row, "text": row["body_text"]})
        writer.add(page_row(pid, source), {**row, "figures_version": extractor_version()}, figures)
    return writer.flush() or {}


def load(db: Path, store: Path, articles: dict[str, ParsedArticle], source: str = "s") -> None:
    land(store, articles, source)
    raw.load_batches(db, str(store), "test-run")
