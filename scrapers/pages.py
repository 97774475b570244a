"""One article page through parse and extract: the unit of work of a crawl worker.

A worker process gets the page's bytes and returns its `raw.articles` row with its
`raw.figures` rows, so the article text crosses a process boundary once and is never read
back for extraction. `Processor` runs pages in a pool of worker processes, or in this
process when a crawl is too small to repay starting one.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from chitieu.extraction import article_figures, extractor_version
from chitieu.raw import article_text
from scrapers.parse import ListingPage, ParsedArticle, ParseError, parse_article
from scrapers.registry import Source

log = logging.getLogger(__name__)
# Parsing and extraction are CPU-bound Python: past POOL_MIN pages they run in worker
# processes, one per core (CHITIEU_PARSE_PROCESSES overrides; 1 keeps them in-process).
POOL_MIN = 200


@dataclass
class PageJob:
    body: bytes
    url: str
    source: Source | None
    content_type: str | None
    page: dict[str, Any]  # the page row: page_id, source_name, url, content_hash


@dataclass
class PageResult:
    article: dict[str, Any] | None = None
    figures: list[dict[str, Any]] = field(default_factory=list)
    error_reason: str | None = None
    error_detail: str | None = None
    extraction_error: str | None = None
    listing_links: list[str] | None = None  # not an article: a listing of these articles


def article_row(parsed: ParsedArticle, page: dict[str, Any]) -> dict[str, Any]:
    """A parsed article as a `raw.articles` row."""
    return {
        "article_id": page["page_id"],
        "page_id": page["page_id"],
        "source_name": page["source_name"],
        "url": page["url"],
        "content_hash": page["content_hash"],
        "title": parsed.title,
        "published_at": parsed.published_at,
        "published_tz": parsed.published_tz,
        "author": parsed.author,
        "body_text": article_text(parsed.title, parsed.text),
        "district_codes": list(parsed.districts or []),
        "term_label": parsed.term,
        "parser": parsed.parser,
        "parser_fallback_from": getattr(parsed, "fallback_from", None),
        "canonical_url": getattr(parsed, "canonical_url", None),
    }


def process_page(job: PageJob) -> PageResult:
    """Parse the page, then extract its figures. Never raises on a bad page."""
    try:
        parsed = parse_article(
            job.body, job.url, job.source, headers={"content-type": job.content_type}
        )
    except ListingPage as exc:
        return PageResult(listing_links=exc.links)
    except ParseError as exc:
        return PageResult(error_reason=exc.reason, error_detail=str(exc))
    row = article_row(parsed, job.page)
    try:
        figures = article_figures(
            {"article_id": row["article_id"], "content_hash": row["content_hash"],
             "text": row["body_text"], "published_at": row["published_at"]}
        )  # fmt: skip
    except Exception as exc:  # the extractor must not lose the article: it is retried later
        log.exception("figure extraction failed for %s", job.url)
        return PageResult(article={**row, "figures_version": None}, extraction_error=repr(exc))
    return PageResult(article={**row, "figures_version": extractor_version()}, figures=figures)


def _processes() -> int:
    return int(os.environ.get("CHITIEU_PARSE_PROCESSES") or 0) or os.cpu_count() or 1


class Processor:
    """`process(job)`: in this process, or in a pool of spawned worker processes started on
    the first job when `expected` pages are enough to repay their start (about a second
    each), so that a re-run that changes nothing starts none."""

    def __init__(self, expected: int = 0) -> None:
        self.workers = min(_processes(), max(1, expected // 50))
        self.use_pool = expected >= POOL_MIN and self.workers >= 2
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _get_pool(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self.use_pool and self._pool is None:
                context = multiprocessing.get_context("spawn")  # no fork of a threaded process
                self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
            return self._pool

    def process(self, job: PageJob) -> PageResult:
        pool = self._get_pool()
        if pool is not None:
            try:
                return pool.submit(process_page, job).result()
            except (BrokenProcessPool, RuntimeError):  # workers could not start: work here
                log.warning("page workers unavailable; processing in this process")
                self.use_pool = False
        return process_page(job)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


@contextlib.contextmanager
def processor(expected: int) -> Iterator[Processor]:
    proc = Processor(expected)
    try:
        yield proc
    finally:
        proc.close()
