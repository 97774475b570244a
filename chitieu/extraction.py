"""Figure rows of an article, as `raw.figures` holds them."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from chitieu.digest import tree_digest
from chitieu.settings import DBT_PROJECT_DIR

log = logging.getLogger(__name__)
FIGURES_PACKAGE = Path(__file__).resolve().parent / "figures"
INDICATORS_SEED = DBT_PROJECT_DIR / "seeds" / "indicators.csv"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@cache
def extractor_version() -> str:
    """A digest of the extractor's code and dictionary.

    Stored with every figure: when either changes, the next run re-extracts the stored
    articles without re-fetching anything."""
    files = [*FIGURES_PACKAGE.glob("*.py"), INDICATORS_SEED]
    return tree_digest(files, FIGURES_PACKAGE.parents[1])[:16]


def figure_id(article_id: str, content_hash: str, char_start: int, char_end: int) -> str:
    """Stable across runs: the same figure of the same page version keeps its id."""
    key = f"{article_id}|{content_hash}|{char_start}|{char_end}"
    return hashlib.sha1(key.encode()).hexdigest()


def published_date(value: object) -> date | None:
    """The article's publication day in Vietnam time (raw.articles.published_at is UTC)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:  # naive timestamps in the raw layer are UTC
            value = value.replace(tzinfo=UTC)
        return value.astimezone(VIETNAM).date()
    return value if isinstance(value, date) else None


def article_figures(article: dict[str, Any]) -> list[dict[str, Any]]:
    """`raw.figures` rows of one article (`article_id`, `content_hash`, `text` and
    `published_at` in; periods count from the publication day, in Vietnam time)."""
    from chitieu.figures import extract_figures

    version = extractor_version()
    published = published_date(article.get("published_at"))
    rows: list[dict[str, Any]] = []
    for index, fig in enumerate(extract_figures(article["text"], published=published)):
        row = fig.to_dict()
        row.update(
            figure_id=figure_id(
                article["article_id"], article["content_hash"], fig.char_start, fig.char_end
            ),
            article_id=article["article_id"],
            content_hash=article["content_hash"],
            figure_index=index,
            extractor_version=version,
        )
        rows.append(row)
    return rows


def extract_batch(articles: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figure rows of each article. An article the extractor fails on yields one row with
    `extraction_error` instead: the loader records it and the batch goes on."""
    rows: list[dict[str, Any]] = []
    for article in articles:
        try:
            rows.extend(article_figures(article))
        except Exception as exc:  # a bad article must not sink the batch
            log.exception("figure extraction failed for article %s", article["article_id"])
            rows.append({"article_id": article["article_id"], "extraction_error": repr(exc)})
    return rows
