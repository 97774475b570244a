"""`chitieu parse`: saved pages (or URLs) -> one JSON line each, through the crawl's parser.

The tool to try a page before adding a source: the record is what ``parse_article`` (the
function the crawl runs) makes of it, with the registered source for the page's URL (or
the one named), so what it prints is what the crawl would store.
"""

from __future__ import annotations

import gzip
import json
import logging
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from scrapers.http import FetchError, PoliteClient
from scrapers.parse import ListingPage, ParsedArticle, ParseError, parse_article
from scrapers.registry import CrawlSettings, Source, load_registry, source_for_url

log = logging.getLogger(__name__)
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


class UsageError(ValueError):
    """A command-line argument that cannot be used (unknown source, bad page name)."""


def read_page(path: Path) -> bytes:
    """Bytes of a saved page; ``.gz`` pages are decompressed."""
    name = path.name.lower()
    if not name.endswith(PAGE_SUFFIXES):
        raise OSError(f"not a saved page ({', '.join(PAGE_SUFFIXES)})")
    data = path.read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def pick_source(url: str, sources: list[Source], name: str | None) -> Source | None:
    """The named source, else the registered source for the URL's host: one that names the
    host itself before one that covers it as a sub-domain (bactuliem.hanoi.gov.vn is the
    district portal's, not the city portal's)."""
    if name:
        for source in sources:
            if source.name == name:
                return source
        raise UsageError(f"no source named {name!r} in the registry")
    host = urlsplit(url).hostname or ""
    exact = [s for s in sources if host in s.allowed_hosts]
    return source_for_url(url, exact) or source_for_url(url, sources)


def article_record(parsed: ParsedArticle, tz: str) -> dict:
    published = parsed.published_at
    return {
        "url": parsed.url,
        "title": parsed.title,
        # local to the source (with its offset): the day is the one the site printed
        "published_at": published.astimezone(ZoneInfo(tz)).isoformat() if published else None,
        "author": parsed.author,
        "text": parsed.text,
        "parser": parsed.parser,
        "fallback_from": parsed.fallback_from,
        "encoding": parsed.encoding,
        "districts": parsed.districts,
        "term": parsed.term,
    }


def parse_record(body: bytes, url: str, source: Source | None, headers: dict | None = None) -> dict:
    """One page -> its JSON record (``error`` set when the page gives no article)."""
    record: dict = {"url": url, "source": source.name if source else None}
    try:
        parsed = parse_article(body, url, source, headers=headers)
    except ListingPage as exc:
        return {**record, "error": exc.reason, "detail": str(exc), "links": exc.links}
    except ParseError as exc:
        return {**record, "error": exc.reason, "detail": str(exc)}
    return {**record, **article_record(parsed, source.timezone if source else "Asia/Ho_Chi_Minh")}


def _file_record(target: str, url: str | None, sources: list[Source], name: str | None) -> dict:
    path = Path(target)
    page_url = url or path.resolve().as_uri()
    head = {"path": str(path)}
    source = pick_source(page_url, sources, name)
    try:
        body = read_page(path)
    except (OSError, EOFError, zlib.error) as exc:
        return {**head, "url": page_url, "error": "unreadable", "detail": str(exc)}
    return {**head, **parse_record(body, page_url, source)}


def _fetched_record(
    target: str, client: PoliteClient, sources: list[Source], name: str | None
) -> dict:
    if urlsplit(target).scheme not in ("http", "https"):
        return {"path": None, "url": target, "error": "unreadable", "detail": "not an http(s) URL"}
    source = pick_source(target, sources, name)
    settings = source.crawl if source else CrawlSettings(retries=1)
    hosts = source.allowed_hosts if source else (urlsplit(target).hostname or "",)
    try:
        res = client.fetch(target, settings, allowed_hosts=hosts)
    except FetchError as exc:
        return {"path": None, "url": target, "error": exc.reason, "detail": str(exc)}
    return {"path": None, **parse_record(res.body or b"", target, source, res.headers)}


def parse_pages(
    targets: Iterable[str],
    out: IO[str],
    *,
    url: str | None = None,
    source_name: str | None = None,
    fetch: bool = False,
    registry: Path | None = None,
    client: PoliteClient | None = None,
) -> int:
    """Print one JSON line per target; 0 when every page gave an article, else 1."""
    sources = load_registry(registry)
    pick_source(url or "", sources, source_name)  # an unknown --source fails before any page
    failed = 0
    own_client = client is None and fetch
    client = client or (PoliteClient() if fetch else None)
    try:
        for target in targets:
            if fetch and client is not None:
                record = _fetched_record(target, client, sources, source_name)
            else:
                record = _file_record(target, url, sources, source_name)
            failed += "error" in record
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
    finally:
        if own_client and client is not None:
            client.close()
    return 1 if failed else 0
