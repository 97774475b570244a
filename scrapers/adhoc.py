"""Ad hoc crawl of an unregistered site from a start page (generic extractor only)."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from scrapers import discover
from scrapers.archive import Archive
from scrapers.crawl import WORKERS, Crawler, CrawlResult
from scrapers.http import PoliteClient
from scrapers.registry import CrawlSettings, Source

log = logging.getLogger(__name__)
ADHOC_SETTINGS = CrawlSettings(
    delay=1.0, concurrency=1, timeout=20.0, retries=2, backoff=1.0, max_listing_pages=20
)


def adhoc_source(start_url: str, settings: CrawlSettings | None = None) -> Source:
    parts = urlsplit(start_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    return Source(
        name=f"adhoc:{parts.netloc}",
        base_url=origin,
        allowed_hosts=(parts.hostname or "",),
        listing_urls=(start_url,),
        sitemap_urls=(origin + "/sitemap.xml",),
        crawl=settings or ADHOC_SETTINGS,
        adapter="generic",
        kind="adhoc",
    )


def _listing_pages(crawler: Crawler, source: Source) -> tuple[list[str], set[str]]:
    """Links found on the start page and its pagination pages (same host only)."""
    queue, links = [source.listing_urls[0]], []
    listings: set[str] = set()
    while queue and len(listings) < source.crawl.max_listing_pages:
        url = queue.pop(0)
        if url in listings:
            continue
        listings.add(url)
        body = crawler.document(url, source, "listing")
        if not body:
            continue
        soup = BeautifulSoup(body, "lxml")
        pages = discover.pagination_links(soup, url, [])
        queue += [p for p in pages if p not in listings]
        links += [u for u in discover.same_host_links(body, url) if u not in pages]
    return links, listings


def crawl_start_url(
    start_url: str,
    archive_dir: Path,
    *,
    max_pages: int = 200,
    settings: CrawlSettings | None = None,
) -> CrawlResult:
    """Crawl ``start_url``'s listing, pagination and sitemap; same host, same politeness."""
    source = adhoc_source(start_url, settings)
    archive = Archive(Path(archive_dir))
    with PoliteClient(robots_store=archive) as client:
        crawler = Crawler(client, archive)
        links, listings = _listing_pages(crawler, source)
        sitemap = crawler.document(source.sitemap_urls[0], source, "sitemap")
        if sitemap:
            links += [u for u in discover.sitemap_urls(sitemap)[0] if source.host_allowed(u)]
        skip = listings | set(source.sitemap_urls)
        todo = [u for u in discover._unique(links) if u not in skip][:max_pages]
        todo = [u for u in todo if crawler.claim(u)]
        with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="adhoc") as pool:
            list(pool.map(lambda u: crawler.article(u, source), todo))
    log.info("ad hoc crawl of %s: %s", start_url, crawler.result.counts())
    return crawler.result
