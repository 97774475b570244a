"""Figure extraction over batches of articles, as the flow runs it."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from chitieu.settings import DBT_PROJECT_DIR

log = logging.getLogger(__name__)
FIGURES_PACKAGE = Path(__file__).resolve().parent / "figures"
INDICATORS_SEED = DBT_PROJECT_DIR / "seeds" / "indicators.csv"


@cache
def extractor_version() -> str:
    """A digest of the extractor's code and dictionary.

    Stored with every figure: when either changes, the next run re-extracts the
    stored articles without re-fetching anything.
    """
    digest = hashlib.sha256()
    for path in sorted(FIGURES_PACKAGE.glob("*.py")) + [INDICATORS_SEED]:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def figure_id(article_id: str, content_hash: str, char_start: int, char_end: int) -> str:
    """Stable across runs: the same figure of the same page version keeps its id."""
    key = f"{article_id}|{content_hash}|{char_start}|{char_end}"
    return hashlib.sha1(key.encode()).hexdigest()


def extract_batch(articles: Sequence[dict]) -> list[dict]:
    """Figures of each article as raw.figures rows (article_id, text, content_hash in).

    An article the extractor fails on yields one row with `extraction_error`
    instead of figures: the loader records it and the batch goes on."""
    rows: list[dict] = []
    for article in articles:
        try:
            rows.extend(_article_figures(article))
        except Exception as exc:  # a bad article must not sink the batch
            log.exception("figure extraction failed for article %s", article["article_id"])
            rows.append({"article_id": article["article_id"], "extraction_error": repr(exc)})
    return rows


def _article_figures(article: dict) -> list[dict]:
    from chitieu.figures import extract_figures

    version = extractor_version()
    rows: list[dict] = []
    for index, fig in enumerate(extract_figures(article["text"])):
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
