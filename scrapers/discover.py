"""Finding article URLs: listing pages (with pagination), sitemap.xml and RSS/Atom feeds."""

from __future__ import annotations

import re
import warnings
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from scrapers.adapters import select_all
from scrapers.encoding import UndecodableError, decode_html
from scrapers.registry import Source

warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
PAGE_TEXT = re.compile(r"^\s*(\d{1,3}|›|»|>|Trang sau|Tiếp|Sau|Next)\s*»?\s*$", re.I)
SKIP_EXT = re.compile(r"\.(jpe?g|png|gif|webp|svg|css|js|ico|mp4|mp3|zip|rar|docx?|xlsx?)$", re.I)


def _soup(body: bytes, content_type: str | None = None) -> BeautifulSoup:
    try:
        text, _ = decode_html(body, content_type)
    except UndecodableError:
        text = body.decode("utf-8", "replace")
    return BeautifulSoup(text, "lxml")


def _abs(base: str, href: object) -> str | None:
    if (
        not isinstance(href, str)
        or not href
        or href.startswith(("javascript:", "mailto:", "tel:", "#"))
    ):
        return None
    url = urldefrag(urljoin(base, href.strip()))[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def matches_article(url: str, source: Source) -> bool:
    parts = urlsplit(url)
    tail = parts.path + (("?" + parts.query) if parts.query else "")
    return not source.article_url_patterns or any(
        re.search(p, tail) for p in source.article_url_patterns
    )


def listing_links(
    body: bytes, page_url: str, source: Source, content_type: str | None = None
) -> tuple[list[str], list[str]]:
    """(article URLs, pagination URLs) found on a listing page, in page order."""
    soup = _soup(body, content_type)
    link_sel = source.selector_list("listing_links")
    anchors = select_all(soup, link_sel) if link_sel else []
    if not anchors:  # selectors unverified or absent: any link that looks like an article
        anchors = [
            a
            for a in soup.find_all("a")
            if matches_article(_abs(page_url, a.get("href")) or "", source)
            and source.article_url_patterns
        ]
    articles = _unique(_abs(page_url, a.get("href")) for a in anchors)
    pages = pagination_links(soup, page_url, source.selector_list("pagination"))
    return [u for u in articles if not SKIP_EXT.search(urlsplit(u).path)], pages


def pagination_links(soup: BeautifulSoup, page_url: str, selectors: list[str]) -> list[str]:
    anchors = select_all(soup, selectors) if selectors else []
    anchors += soup.select("a[rel~=next], link[rel~=next]")
    if not anchors:
        anchors = [a for a in soup.find_all("a") if PAGE_TEXT.match(a.get_text(" ") or "")]
    host = urlsplit(page_url).netloc
    urls = _unique(_abs(page_url, a.get("href")) for a in anchors)
    return [u for u in urls if urlsplit(u).netloc == host and u != page_url]


def sitemap_urls(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) from a sitemap or sitemap index."""
    soup = BeautifulSoup(body, "xml")
    nested = [
        loc.get_text(strip=True) for sm in soup.find_all("sitemap") for loc in sm.find_all("loc")
    ]
    pages = [loc.get_text(strip=True) for u in soup.find_all("url") for loc in u.find_all("loc")]
    return _unique(pages), _unique(nested)


def feed_urls(body: bytes) -> list[str]:
    """Item links of an RSS 2.0 or Atom feed."""
    soup = BeautifulSoup(body, "xml")
    links = [link.get_text(strip=True) for i in soup.find_all("item") if (link := i.find("link"))]
    links += [
        str(link.get("href"))
        for e in soup.find_all("entry")
        for link in e.find_all("link")
        if link.get("href")
    ]
    return _unique(links)


def same_host_links(body: bytes, page_url: str) -> list[str]:
    """All same-host links of a page (ad hoc crawling)."""
    soup = _soup(body)
    host = urlsplit(page_url).netloc
    urls = _unique(_abs(page_url, a.get("href")) for a in soup.find_all("a"))
    return [u for u in urls if urlsplit(u).netloc == host and not SKIP_EXT.search(urlsplit(u).path)]


def _unique(urls) -> list[str]:  # type: ignore[no-untyped-def]
    seen: dict[str, None] = {}
    for u in urls:
        if u and u not in seen:
            seen[u] = None
    return list(seen)
