"""Crawling registered sources into the raw archive and the landing store, incrementally.

Fetching threads discover and fetch pages politely; every body goes to the archive; a page
whose content has not landed yet goes to a worker (`scrapers.pages`) that parses it and
extracts its figures; the rows stream into landing batches (`chitieu.landing.BatchWriter`),
so memory stays flat however many pages there are. Failures are data: a page row with its
reason. A page is "unchanged" when its content is what already landed: a 304, the same
bytes, or a sitemap `lastmod` older than our copy (re-checked every `revisit_days`).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from chitieu import events
from chitieu.landing import BatchWriter
from chitieu.urls import normalize_url
from chitieu.vocab import PAGE_ERROR_REASONS
from scrapers import discover
from scrapers.archive import Archive
from scrapers.http import HTML_TYPES, XML_TYPES, FetchError, PoliteClient
from scrapers.pages import PageJob, PageResult, Processor, process_page, processor
from scrapers.registry import Source, source_for_url

log = logging.getLogger(__name__)
ERROR_REASONS = tuple(PAGE_ERROR_REASONS)  # every raw.pages.error_reason
MAX_SITEMAPS = 10
WORKERS = 8


def page_id(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


@dataclass
class SourceStats:
    """What one crawl did for one source."""

    fetched: int = 0  # pages whose new or changed content was processed
    unchanged: int = 0  # content already landed: 304, same bytes, or an old sitemap lastmod
    failed: Counter = field(default_factory=Counter)
    articles: int = 0

    def as_dict(self) -> dict[str, Any]:
        failed = dict(sorted(self.failed.items()))
        return {"fetched": self.fetched, "unchanged": self.unchanged, "failed": failed,
                "failed_total": sum(failed.values()), "articles": self.articles}  # fmt: skip


def summarise(per_source: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Totals over sources, with the per-source counts under `sources`."""
    failed: Counter = Counter()
    for stats in per_source.values():
        failed.update(stats["failed"])
    total = {
        k: sum(s[k] for s in per_source.values()) for k in ("fetched", "unchanged", "articles")
    }
    return {
        **total,
        "pages": total["fetched"] + total["unchanged"] + sum(failed.values()),
        "failed": dict(sorted(failed.items())),
        "failed_total": sum(failed.values()),
        "sources": per_source,
    }


@dataclass
class CrawlOutcome:
    """Small and serialisable: the landing batches written and the counts per source."""

    batches: list[str] = field(default_factory=list)
    counts: dict[str, Any] = field(default_factory=dict)


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
    }


def _lastmod(text: str) -> datetime | date | None:
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


class Crawler:
    """One crawl run: shared client, archive, landing writer and de-duplication."""

    def __init__(
        self,
        client: PoliteClient,
        archive: Archive,
        writer: BatchWriter,
        work: Processor,
        *,
        reprocess: bool = False,
        keep: Callable[[dict], bool] | None = None,
    ) -> None:
        self.client, self.archive, self.writer, self.work = client, archive, writer, work
        self.reprocess = reprocess  # process every article page, landed or not
        self.keep = keep  # which parsed articles to land (a published-date range)
        self.stats: dict[str, SourceStats] = {}
        self._lock = threading.Lock()
        self._docs: dict[str, bytes | None] = {}
        self._doc_locks: dict[str, threading.Lock] = {}
        self._claimed: set[str] = set()

    def stat(self, source: Source) -> SourceStats:
        with self._lock:
            return self.stats.setdefault(source.name, SourceStats())

    def claim(self, url: str) -> bool:
        with self._lock:
            if url in self._claimed:
                return False
            self._claimed.add(url)
            return True

    def outcome(self, report: bool = False) -> CrawlOutcome:
        """The last batch written; with `report`, the counts go into its manifest (a shard's
        counts reach the loader that way, on another machine)."""
        counts = summarise({n: s.as_dict() for n, s in sorted(self.stats.items())})
        self.writer.flush(counts if report else None)
        return CrawlOutcome(batches=self.writer.batch_ids, counts=counts)

    # -- fetching -----------------------------------------------------------------------
    def fetch(
        self, url: str, source: Source, kind: str, accept: tuple[str, ...] = HTML_TYPES
    ) -> tuple[dict, bytes | None]:
        """Conditional GET into the archive; returns (page row, current body or None).
        A failure is counted and its page row lands when it is news."""
        try:
            res = self.client.fetch(
                url, source.crawl, allowed_hosts=source.allowed_hosts,
                conditional=self.archive.conditional_headers(url), accept=accept,
                source_name=source.name,
            )  # fmt: skip
            entry = self.archive.record_fetch(res, url, kind, source.name)
        except FetchError as err:
            entry = self.archive.record_fetch(None, url, kind, source.name, err)
            res = None
        row = page_row(entry, source.name)
        if row["error_reason"]:
            self.stat(source).failed[row["error_reason"]] += 1
            self.land(row)
            return row, None
        body = res.body if res is not None and res.body else self.archive.latest_body(url)
        return row, body

    def land(self, row: dict, result: PageResult | None = None) -> None:
        """Write the page row (with its article) unless exactly this already landed."""
        if (
            result is None
            and not self.reprocess
            and self.archive.landed(row["url"]) == (row["content_hash"], row["error_reason"])
        ):
            return
        article = result.article if result else None
        self.writer.add(row, article, result.figures if result else [],
                        result.extraction_error if result else None)  # fmt: skip

    def document(self, url: str, source: Source, kind: str) -> bytes | None:
        """A discovery document (listing, sitemap, feed), fetched once per run."""
        with self._lock:
            lock = self._doc_locks.setdefault(url, threading.Lock())
        with lock:
            if url not in self._docs:
                accept = HTML_TYPES if kind == "listing" else XML_TYPES + HTML_TYPES
                row, body = self.fetch(url, source, kind, accept)
                if body is not None:
                    stats = self.stat(source)
                    if row["is_changed"]:
                        stats.fetched += 1
                        self.land(row)
                    else:
                        stats.unchanged += 1
                self._docs[url] = body
            return self._docs[url]

    # -- discovery ----------------------------------------------------------------------
    def discover(self, source: Source) -> list[tuple[str, str | None]]:
        """Article URLs of a source with their sitemap lastmod (None when unknown)."""
        found: dict[str, str | None] = {}
        for url in self._from_listings(source):
            found.setdefault(url, None)
        for url, lastmod in self._from_sitemaps(source):
            if found.get(url) is None:
                found[url] = lastmod
        for feed in source.rss_urls:
            body = self.document(feed, source, "feed")
            for url in discover.feed_urls(body or b""):
                if self._wanted(url, source):
                    found.setdefault(url, None)
        return list(found.items())[: source.crawl.max_articles]

    def _wanted(self, url: str, source: Source) -> bool:
        return source.host_allowed(url) and discover.matches_article(url, source)

    def _from_listings(self, source: Source) -> list[str]:
        queue, found = [normalize_url(u) for u in source.listing_urls], []
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

    def _from_sitemaps(self, source: Source) -> list[tuple[str, str | None]]:
        queue, seen, found = [normalize_url(u) for u in source.sitemap_urls], 0, []
        while queue and seen < MAX_SITEMAPS:
            body = self.document(queue.pop(0), source, "sitemap")
            seen += 1
            if body:
                pages, nested = discover.sitemap_entries(body)
                found += [(u, m) for u, m in pages if self._wanted(u, source)]
                queue += [u for u in nested if source.host_allowed(u)]
        return found

    # -- articles -----------------------------------------------------------------------
    def fresh(self, url: str, source: Source, lastmod: str | None) -> bool:
        """Our landed copy is newer than the sitemap's lastmod and recent enough to trust."""
        entry = self.archive.latest_good(url)
        modified = _lastmod(lastmod) if lastmod and not self.reprocess else None
        if modified is None or entry is None or self.archive.landed(url) != (entry["hash"], None):
            return False
        fetched = datetime.fromisoformat(entry["fetched_at"])
        if datetime.now(UTC) - fetched > timedelta(days=source.crawl.revisit_days):
            return False
        if isinstance(modified, datetime):  # lastmod is whole seconds: a second's margin
            return modified.astimezone(UTC) + timedelta(seconds=1) < fetched
        return modified < fetched.date()

    def article(
        self, url: str, source: Source, lastmod: str | None = None, *, follow: bool = True
    ) -> None:
        stats = self.stat(source)
        if self.fresh(url, source, lastmod):
            stats.unchanged += 1
            return
        row, body = self.fetch(url, source, "article")
        if body is None:
            return  # failed: counted and landed by fetch
        landed = self.archive.landed(url)
        if not self.reprocess and landed is not None and landed[0] == row["content_hash"]:
            stats.unchanged += 1  # this content already landed
            return
        job = PageJob(body, url, source, row["content_type"], row)
        result = self.work.process(job)
        self.finish(row, result, stats)
        if result.listing_links and follow and self.client is not None:
            # one level: a listing reached from a listing is not followed again
            for link in result.listing_links:
                if self._wanted(link, source) and self.claim(link):
                    self.article(link, source, follow=False)

    def finish(self, row: dict, result: PageResult, stats: SourceStats) -> None:
        if result.listing_links is not None:  # a listing: no article, no error
            stats.fetched += 1
            self.land(row)
            return
        if result.error_reason:
            row["error_reason"], row["error_detail"] = result.error_reason, result.error_detail
            stats.failed[result.error_reason] += 1
            self.land(row)
            return
        row["is_changed"] = True  # new to the warehouse, whatever the archive had
        stats.fetched += 1
        if self.keep is not None and result.article and not self.keep(result.article):
            self.land(row)  # outside the range: stays in the archive for a full re-parse
            return
        stats.articles += 1
        self.land(row, result)


def crawl_sources(
    sources: list[Source],
    archive_dir: Path,
    landing: str,
    *,
    meta: dict[str, Any] | None = None,
    timeout: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep: Callable[[dict], bool] | None = None,
    report: bool = False,
) -> CrawlOutcome:
    """Crawl every source: discovery, then articles; rows stream into landing batches."""
    archive = Archive(Path(archive_dir))
    writer = _writer(landing, archive, meta)
    with (
        PoliteClient(timeout=timeout, robots_store=archive) as client,
        ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="crawl") as pool,
    ):
        crawler = Crawler(client, archive, writer, Processor(), keep=keep)
        found = list(pool.map(crawler.discover, sources))
        todo = [(u, s, m) for s, urls in zip(sources, found, strict=True) for u, m in urls
                if crawler.claim(u)]  # fmt: skip
        with processor(len(todo)) as crawler.work:
            jobs = pool.map(lambda job: crawler.article(*job), todo)
            for done, _ in enumerate(jobs, start=1):
                events.emit("crawl", done, len(todo))
                if progress:
                    progress(done, len(todo))
        outcome = crawler.outcome(report)
    log.info("crawl finished: %s", {k: v for k, v in outcome.counts.items() if k != "sources"})
    return outcome


def _writer(landing: str, archive: Archive, meta: dict[str, Any] | None) -> BatchWriter:
    def landed(manifest: dict, pages: list[dict], articles: list[dict]) -> None:
        archive.mark_landed(pages)

    return BatchWriter(landing, meta=meta, on_written=landed)


def reparse_archive(
    archive_dir: Path,
    sources: list[Source],
    landing: str,
    *,
    meta: dict[str, Any] | None = None,
    keep: Callable[[dict], bool] | None = None,
    report: bool = False,
) -> CrawlOutcome:
    """Parse and extract the latest good copy of every archived article again, no network."""
    archive = Archive(Path(archive_dir))
    by_name = {s.name: s for s in sources}
    jobs = []
    for entry in archive.latest_entries():
        source = by_name.get(entry.get("source", "")) or source_for_url(entry["url"], sources)
        if entry.get("kind") == "article" and source is not None:
            jobs.append((page_row({**entry, "is_changed": True}, source.name), entry, source))
    writer = _writer(landing, archive, meta)
    work = Processor(len(jobs))
    crawler = Crawler(None, archive, writer, work, reprocess=True, keep=keep)  # type: ignore[arg-type]

    def one(job: tuple[dict, dict, Source]) -> None:
        row, entry, source = job
        body = archive.read(entry["hash"])
        page = PageJob(body, entry["url"], source, row["content_type"], row)
        crawler.finish(row, crawler.work.process(page), crawler.stat(source))

    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="reparse") as pool:
        for done, _ in enumerate(pool.map(one, jobs), start=1):
            events.emit("reparse", done, len(jobs))
    crawler.work.close()
    return crawler.outcome(report)


__all__ = ["CrawlOutcome", "Crawler", "crawl_sources", "process_page", "reparse_archive"]
