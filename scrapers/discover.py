"""Finding article URLs: listing pages (with pagination), sitemap.xml and RSS/Atom feeds."""

from __future__ import annotations

import contextlib
import re
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree
from lxml.etree import _Element

from chitieu.urls import BadURL, normalize_url
from scrapers.adapters import select_all
from scrapers.blocks import parse_html
from scrapers.encoding import UndecodableError, decode_html
from scrapers.registry import Source

PAGE_TEXT = re.compile(r"^\s*(\d{1,3}|›|»|>|Trang sau|Tiếp|Sau|Next)\s*»?\s*$", re.I)
SKIP_EXT = re.compile(r"\.(jpe?g|png|gif|webp|svg|css|js|ico|mp4|mp3|zip|rar|docx?|xlsx?)$", re.I)


def _tree(body: bytes, content_type: str | None = None) -> _Element:
    try:
        text, _ = decode_html(body, content_type)
    except UndecodableError:
        text = body.decode("utf-8", "replace")
    return parse_html(text)


def _abs(base: str, href: object) -> str | None:
    if (
        not isinstance(href, str)
        or not href
        or href.startswith(("javascript:", "mailto:", "tel:", "#"))
    ):
        return None
    try:
        return normalize_url(urldefrag(urljoin(base, href.strip()))[0])
    except BadURL:
        return None


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
    tree = _tree(body, content_type)
    link_sel = source.selector_list("listing_links")
    anchors = select_all(tree, link_sel) if link_sel else []
    if not anchors and source.article_url_patterns:  # no selectors: links that look like articles
        anchors = [a for a in tree.iter("a")
                   if matches_article(_abs(page_url, a.get("href")) or "", source)]  # fmt: skip
    articles = _unique(_abs(page_url, a.get("href")) for a in anchors)
    pages = pagination_links(tree, page_url, source.selector_list("pagination"))
    return [u for u in articles if not SKIP_EXT.search(urlsplit(u).path)], pages


NEXT_XPATH = (
    "//*[self::a or self::link][contains(concat(' ', normalize-space(@rel), ' '), ' next ')]"
)


def pagination_links(tree: _Element, page_url: str, selectors: list[str]) -> list[str]:
    anchors = select_all(tree, selectors) if selectors else []
    anchors += tree.xpath(NEXT_XPATH)
    if not anchors:
        anchors = [a for a in tree.iter("a") if PAGE_TEXT.match(a.text_content() or "")]
    host = urlsplit(page_url).netloc
    urls = _unique(_abs(page_url, a.get("href")) for a in anchors)
    return [u for u in urls if urlsplit(u).netloc == host and u != page_url]


def sitemap_urls(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) from a sitemap or sitemap index."""
    entries, nested = sitemap_entries(body)
    return [url for url, _ in entries], nested


def sitemap_entries(body: bytes) -> tuple[list[tuple[str, str | None]], list[str]]:
    """([(page URL, lastmod or None)], nested sitemap URLs) of a sitemap or sitemap index."""
    try:
        root = etree.fromstring(body, etree.XMLParser(recover=True, huge_tree=True))
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    pages: dict[str, str | None] = {}
    nested: list[str] = []
    for node in root:
        tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
        fields = {etree.QName(c).localname: (c.text or "").strip()
                  for c in node if isinstance(c.tag, str)}  # fmt: skip
        if not fields.get("loc"):
            continue
        with contextlib.suppress(BadURL):
            if tag == "url":
                pages.setdefault(normalize_url(fields["loc"]), fields.get("lastmod") or None)
            elif tag == "sitemap":
                nested.append(normalize_url(fields["loc"]))
    return list(pages.items()), _unique(nested)


def feed_urls(body: bytes) -> list[str]:
    """Item links of an RSS 2.0 (`<item><link>URL`) or Atom (`<entry><link href>`) feed."""
    try:
        root = etree.fromstring(body, etree.XMLParser(recover=True, huge_tree=True))
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    links = []
    for node in root.iter():
        if isinstance(node.tag, str) and etree.QName(node).localname == "link":
            parent = etree.QName(node.getparent()).localname if node.getparent() is not None else ""
            if parent == "item":
                links.append((node.text or "").strip())
            elif parent == "entry" and node.get("href"):
                links.append(node.get("href"))
    return _unique(_abs("", link) for link in links)


def same_host_links(body: bytes, page_url: str) -> list[str]:
    """All same-host links of a page (trial crawls)."""
    host = urlsplit(page_url).netloc
    urls = _unique(_abs(page_url, a.get("href")) for a in _tree(body).iter("a"))
    return [u for u in urls if urlsplit(u).netloc == host and not SKIP_EXT.search(urlsplit(u).path)]


def _unique(urls) -> list[str]:  # type: ignore[no-untyped-def]
    seen: dict[str, None] = {}
    for u in urls:
        if u and u not in seen:
            seen[u] = None
    return list(seen)
