"""Crawling registered sources into the raw archive, incrementally, errors as data."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from scrapers import discover
from scrapers.archive import Archive
from scrapers.http import HTML_TYPES, XML_TYPES, FetchError, PoliteClient
from scrapers.parse import ParsedArticle, ParseError, parse_article
from scrapers.registry import Source, source_for_url

log = logging.getLogger(__name__)
ERROR_REASONS = (
    "dns",
    "connection",
    "timeout",
    "http_status",
    "robots_disallowed",
    "too_large",
    "not_html",
    "undecodable",
    "no_article_body",
    "redirect_loop",
    "foreign_host",
    "truncated",
)
MAX_SITEMAPS = 10
WORKERS = 8
# Parsing is CPU-bound Python: past PARSE_POOL_MIN pages it runs in worker processes, one
# per core (CHITIEU_PARSE_PROCESSES overrides; 1 keeps it in the crawling process).
PARSE_POOL_MIN = 200
PARSE_PROCESSES = int(os.environ.get("CHITIEU_PARSE_PROCESSES") or 0) or os.cpu_count() or 1


def page_id(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


@dataclass
class CrawlResult:
    pages: list[dict] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)

    def counts(self) -> dict:
        """Run summary: fetched (new/changed), unchanged, failed by reason, articles."""
        failed = Counter(p["error_reason"] for p in self.pages if p["error_reason"])
        ok = [p for p in self.pages if not p["error_reason"]]
        return {
            "pages": len(self.pages),
            "fetched": sum(1 for p in ok if p["is_changed"]),
            "unchanged": sum(1 for p in ok if not p["is_changed"]),
            "failed": dict(sorted(failed.items())),
            "failed_total": sum(failed.values()),
            "articles": len(self.articles),
        }


def page_row(entry: dict, source_name: str) -> dict:
    headers = entry.get("headers") or {}
    fetched = entry.get("fetched_at")
    return {
        "page_id": page_id(entry["url"]),
        "source_name": source_name,
        "url": entry["url"],
        "final_url": entry.get("final_url") or entry["url"],
        "status_code": entry.get("status"),
        "content_type": headers.get("content-type"),
        "content_hash": entry.get("hash"),
        "etag": headers.get("etag"),
        "last_modified": headers.get("last-modified"),
        "fetched_at": datetime.fromisoformat(fetched) if isinstance(fetched, str) else fetched,
        "is_changed": bool(entry.get("is_changed")),
        "error_reason": entry.get("error"),
        "error_detail": entry.get("error_detail"),
        "kind": entry.get("kind", "article"),
    }


def article_row(parsed, row: dict) -> dict:  # type: ignore[no-untyped-def]
    return {
        "page_id": row["page_id"],
        "source_name": row["source_name"],
        "url": row["url"],
        "content_hash": row["content_hash"],
        "title": parsed.title,
        "published_at": parsed.published_at,
        "published_tz": parsed.published_tz,
        "author": parsed.author,
        "text": parsed.text,
        "districts": parsed.districts,
        "term": parsed.term,
        "parser": parsed.parser,
    }


Parser = Callable[..., ParsedArticle]


@contextlib.contextmanager
def parser_for(pages: int) -> Iterator[Parser]:
    """`parse_article`, or the same call run in a process pool when there are enough pages
    to repay starting it (a spawned worker imports the parser in about a second)."""
    processes = min(PARSE_PROCESSES, max(1, pages // 50))
    if pages < PARSE_POOL_MIN or processes < 2:
        yield parse_article
        return
    context = multiprocessing.get_context("spawn")  # no fork of a threaded process
    with ProcessPoolExecutor(processes, mp_context=context) as pool:

        def parse(*args, **kwargs) -> ParsedArticle:  # type: ignore[no-untyped-def]
            try:
                return pool.submit(parse_article, *args, **kwargs).result()
            except (BrokenProcessPool, RuntimeError):  # workers could not start: parse here
                return parse_article(*args, **kwargs)

        yield parse


class Crawler:
    """One crawl run: shared client, archive and de-duplication across sources."""

    def __init__(
        self, client: PoliteClient, archive: Archive, parse: Parser = parse_article
    ) -> None:
        self.client, self.archive, self.parse = client, archive, parse
        self.result = CrawlResult()
        self._lock = threading.Lock()
        self._docs: dict[str, bytes | None] = {}
        self._doc_locks: dict[str, threading.Lock] = {}
        self._claimed: set[str] = set()

    def _add(self, pages: list[dict] | None = None, articles: list[dict] | None = None) -> None:
        with self._lock:
            self.result.pages.extend(pages or [])
            self.result.articles.extend(articles or [])

    def claim(self, url: str) -> bool:
        with self._lock:
            if url in self._claimed:
                return False
            self._claimed.add(url)
            return True

    def fetch(
        self, url: str, source: Source, kind: str, accept: tuple[str, ...] = HTML_TYPES
    ) -> tuple[dict, bytes | None]:
        """Conditional GET into the archive; returns (page row, current body or None)."""
        try:
            res = self.client.fetch(
                url,
                source.crawl,
                allowed_hosts=source.allowed_hosts,
                conditional=self.archive.conditional_headers(url),
                accept=accept,
                source_name=source.name,
            )
        except FetchError as err:
            entry = self.archive.record_fetch(None, url, kind, source.name, err)
            row = page_row(entry, source.name)
            self._add([row])
            return row, None
        entry = self.archive.record_fetch(res, url, kind, source.name)
        row = page_row(entry, source.name)
        self._add([row])
        if row["error_reason"]:
            return row, None
        return row, res.body if res.body else self.archive.latest_body(url)

    def document(self, url: str, source: Source, kind: str) -> bytes | None:
        """A discovery document (listing, sitemap, feed), fetched once per run."""
        with self._lock:
            lock = self._doc_locks.setdefault(url, threading.Lock())
        with lock:
            if url not in self._docs:
                accept = HTML_TYPES if kind == "listing" else XML_TYPES + HTML_TYPES
                self._docs[url] = self.fetch(url, source, kind, accept)[1]
            return self._docs[url]

    # -- discovery ----------------------------------------------------------------------
    def discover(self, source: Source) -> list[str]:
        urls: list[str] = []
        urls += self._from_listings(source)
        urls += self._from_sitemaps(source)
        for feed in source.rss_urls:
            body = self.document(feed, source, "feed")
            urls += [u for u in discover.feed_urls(body or b"") if self._wanted(u, source)]
        return discover._unique(urls)[: source.crawl.max_articles]

    def _wanted(self, url: str, source: Source) -> bool:
        return source.host_allowed(url) and discover.matches_article(url, source)

    def _from_listings(self, source: Source) -> list[str]:
        queue, found = list(source.listing_urls), []
        visited: set[str] = set()
        while queue and len(visited) < source.crawl.max_listing_pages:
            url = queue.pop(0)
            if url in visited:
                continue
            visited.add(url)
            body = self.document(url, source, "listing")
            if body is None:
                continue
            articles, pages = discover.listing_links(body, url, source)
            found += articles
            queue += [p for p in pages if p not in visited and source.host_allowed(p)]
        return found

    def _from_sitemaps(self, source: Source) -> list[str]:
        queue, seen, found = list(source.sitemap_urls), 0, []
        while queue and seen < MAX_SITEMAPS:
            body = self.document(queue.pop(0), source, "sitemap")
            seen += 1
            if body:
                pages, nested = discover.sitemap_urls(body)
                found += [u for u in pages if self._wanted(u, source)]
                queue += [u for u in nested if source.host_allowed(u)]
        return found

    # -- articles -----------------------------------------------------------------------
    def article(self, url: str, source: Source) -> None:
        row, body = self.fetch(url, source, "article")
        if body is None or not row["is_changed"]:
            return  # failed, or unchanged: never parsed or loaded again
        try:
            parsed = self.parse(body, url, source, headers={"content-type": row["content_type"]})
        except ParseError as exc:
            with self._lock:
                row["error_reason"], row["error_detail"] = exc.reason, str(exc)
            return
        self._add(articles=[article_row(parsed, row)])


def crawl_sources(
    sources: list[Source],
    archive_dir: Path,
    *,
    timeout: float | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CrawlResult:
    """Crawl every source: discovery, then articles; failures become page rows."""
    archive = Archive(Path(archive_dir))
    with PoliteClient(timeout=timeout, robots_store=archive) as client:
        crawler = Crawler(client, archive)
        with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="crawl") as pool:
            found = list(pool.map(crawler.discover, sources))
            todo = [
                (u, s)
                for s, urls in zip(sources, found, strict=True)
                for u in urls
                if crawler.claim(u)
            ]
            with parser_for(len(todo)) as crawler.parse:
                jobs = pool.map(lambda job: crawler.article(*job), todo)
                for done, _ in enumerate(jobs, start=1):
                    if progress:
                        progress(done, len(todo))
    log.info("crawl finished: %s", crawler.result.counts())
    return crawler.result


def reparse_archive(archive_dir: Path, sources: list[Source]) -> CrawlResult:
    """Parse the latest good copy of every archived article again, with no network."""
    archive = Archive(Path(archive_dir))
    by_name = {s.name: s for s in sources}
    result = CrawlResult()
    jobs = []
    for entry in archive.latest_entries():
        if entry.get("kind") != "article":
            continue
        source = by_name.get(entry.get("source", "")) or source_for_url(entry["url"], sources)
        row = page_row({**entry, "is_changed": True}, source.name if source else "adhoc")
        result.pages.append(row)
        jobs.append(
            (row, (str(archive.root), entry["hash"], entry["url"], source, row["content_type"]))
        )
    for (row, _), parsed in zip(jobs, _parse_all([a for _, a in jobs]), strict=True):
        if isinstance(parsed, ParseError):
            row["error_reason"], row["error_detail"] = parsed.reason, str(parsed)
            continue
        result.articles.append(article_row(parsed, row))
    return result


def _parse_all(jobs: list[tuple]) -> list[ParsedArticle | ParseError]:
    if len(jobs) >= PARSE_POOL_MIN and PARSE_PROCESSES > 1:
        context = multiprocessing.get_context("spawn")
        try:
            with ProcessPoolExecutor(PARSE_PROCESSES, mp_context=context) as pool:
                return list(pool.map(_parse_archived, *zip(*jobs, strict=True), chunksize=16))
        except (BrokenProcessPool, RuntimeError):
            log.warning("parse workers could not start; parsing in this process")
    return [_parse_archived(*job) for job in jobs]


def _parse_archived(
    root: str, digest: str, url: str, source: Source | None, content_type: str | None
) -> ParsedArticle | ParseError:
    """One archived page parsed (the worker reads the archive itself: small messages)."""
    try:
        return parse_article(
            Archive.read_object(Path(root), digest),
            url,
            source,
            headers={"content-type": content_type},
        )
    except ParseError as exc:
        return exc
