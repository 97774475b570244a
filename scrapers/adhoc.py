"""Trial crawl of an unregistered site from a start page (generic extractor only).

A trial never touches the warehouse: it has its own archive and landing store (the caller's
scratch folder), and every article found is parsed again, changed or not, so a repeated
trial shows the whole site each time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html

from chitieu.errors import ChitieuError
from chitieu.landing import BatchWriter
from chitieu.urls import host_key, normalize_url, site_url
from scrapers import discover
from scrapers.archive import Archive
from scrapers.crawl import WORKERS, Crawler, CrawlOutcome
from scrapers.http import PoliteClient
from scrapers.pages import Processor, processor
from scrapers.registry import CrawlSettings, Source

log = logging.getLogger(__name__)
ADHOC_SETTINGS = CrawlSettings(
    delay=1.0, concurrency=1, timeout=20.0, retries=2, backoff=1.0, max_listing_pages=20
)


def adhoc_source(start_url: str, settings: CrawlSettings | None = None) -> Source:
    """The site of a start URL as a source named `adhoc:<host[:port]>` (raises BadURL)."""
    start = normalize_url(start_url)
    origin = site_url(f"{urlsplit(start).scheme}://{urlsplit(start).netloc}")
    return Source(
        name=f"adhoc:{host_key(start)}",
        base_url=origin,
        allowed_hosts=(urlsplit(start).hostname or "",),
        listing_urls=(start,),
        sitemap_urls=(origin + "/sitemap.xml",),
        crawl=settings or ADHOC_SETTINGS,
        adapter="generic",
        kind="adhoc",
    )


def _pagination(body: bytes, url: str) -> list[str]:
    try:
        tree = lxml_html.fromstring(body)
    except (ValueError, TypeError):
        return []
    links = tree.xpath("//a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href")
    links += [a.get("href") for a in tree.iter("a") if discover.PAGE_TEXT.match(a.text_content())]
    host = urlsplit(url).netloc
    found = discover._unique(discover._abs(url, h) for h in links)
    return [u for u in found if urlsplit(u).netloc == host and u != url]


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
        pages = _pagination(body, url)
        queue += [p for p in pages if p not in listings]
        links += [u for u in discover.same_host_links(body, url) if u not in pages]
    return links, listings


def crawl_start_url(
    start_url: str,
    scratch: Path,
    *,
    on_articles: Callable[[list[dict]], None] | None = None,
    max_pages: int = 200,
    settings: CrawlSettings | None = None,
) -> CrawlOutcome:
    """Crawl `start_url`'s listing, pagination and sitemap into the scratch folder (its own
    archive and landing store); same host, same politeness as a registered source."""
    source = adhoc_source(start_url, settings)
    archive = Archive(scratch / "archive")
    writer = BatchWriter(
        str(scratch / "landing"), meta={"trial": start_url},
        on_written=lambda _m, _p, articles: on_articles(articles) if on_articles else None,
    )  # fmt: skip
    with PoliteClient(robots_store=archive) as client:
        crawler = Crawler(client, archive, writer, Processor(), reprocess=True)
        if crawler.document(source.listing_urls[0], source, "listing") is None:
            reasons = ", ".join(sorted(crawler.stat(source).failed)) or "not an HTML page"
            raise ChitieuError(f"the start page {start_url} could not be fetched: {reasons}",
                               "nothing was crawled")  # fmt: skip
        links, listings = _listing_pages(crawler, source)
        sitemap = crawler.document(source.sitemap_urls[0], source, "sitemap")
        if sitemap:
            links += [u for u in discover.sitemap_urls(sitemap)[0] if source.host_allowed(u)]
        skip = listings | set(source.sitemap_urls)
        todo = [u for u in discover._unique(links) if u not in skip][:max_pages]
        todo = [u for u in todo if crawler.claim(u)]
        with processor(len(todo)) as crawler.work:
            with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="trial") as pool:
                list(pool.map(lambda u: crawler.article(u, source), todo))
            outcome = crawler.outcome()
    log.info("trial crawl of %s: %s", start_url, outcome.counts)
    return outcome
