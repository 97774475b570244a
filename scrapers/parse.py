"""Article parsing (pure: no I/O). Adapter selectors first, generic extractor as fallback.

Everything runs on one lxml tree: the registry's CSS selectors are translated to XPath once
per process (``adapters.compile_css``), the generic path hands the same tree to
trafilatura.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath, _Element

from scrapers import adapters, dates, generic
from scrapers.blocks import clean_text, parse_html, text_of
from scrapers.encoding import UndecodableError, decode_html
from scrapers.gazetteer import find_districts, find_term
from scrapers.registry import Source

log = logging.getLogger(__name__)
TITLE_SUFFIX = re.compile(r"\s+[-|–:]\s+(Cổng thông tin|Báo |Trang |Tạp chí ).*$", re.I)
DATE_HINT_XPATH = XPath(
    "//*[@class and (contains(@class, 'date') or contains(@class, 'Date') or "
    "contains(@class, 'time') or contains(@class, 'Time') or contains(@class, 'ngay') or "
    "contains(@class, 'publish') or contains(@class, 'Publish') or contains(@class, 'post'))]"
)
DATE_LABEL = re.compile(r"(Ngày đăng|Cập nhật|Đăng lúc|Ngày)\s*:?\s*(.{0,40})")
JSONLD = XPath("//script[@type='application/ld+json']/text()")
META_TITLE = ("meta[property='og:title']", "meta[name='twitter:title']")
SEPARATOR = re.compile(r"\s+[-|–—:»]\s+")
SITE_PART_CHARS = 60  # a trailing "- Section - Site name" part of <title> is shorter
GENERIC_AUTHOR = ("meta[name='author']", "[itemprop='author']", ".author", ".article__author")


class ParseError(ValueError):
    """A page could not be parsed as an article."""

    reason = "parse_error"


class NoArticleBody(ParseError):  # noqa: N818 - name fixed by the interface
    reason = "no_article_body"


class UndecodablePage(ParseError):  # noqa: N818
    reason = "undecodable"


class ListingPage(ParseError):  # noqa: N818
    """Not an article but a listing of articles: follow ``links``, store no article."""

    reason = "listing"

    def __init__(self, message: str, links: list[str]) -> None:
        super().__init__(message)
        self.links = links

    def __reduce__(self):  # type: ignore[no-untyped-def]  # crosses process pools
        return (type(self), (str(self), self.links))


@dataclass
class ParsedArticle:
    url: str
    title: str
    text: str
    published_at: datetime | None
    published_tz: str = dates.VN_TZ
    author: str | None = None
    districts: list[str] = field(default_factory=list)
    term: str | None = None
    parser: str = "generic"
    encoding: str = "utf-8"
    fallback_from: str | None = None  # e.g. "adapter:liferay" when its selectors found no body
    canonical_url: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _to_text(html: bytes | str, headers: dict | None) -> tuple[str, str]:
    if isinstance(html, str):
        return unicodedata.normalize("NFC", html), "unicode"
    ctype = None
    for k, v in (headers or {}).items():
        if k.lower() == "content-type":
            ctype = v
    try:
        return decode_html(html, ctype)
    except UndecodableError as exc:
        raise UndecodablePage(str(exc)) from exc


def extract_title(page: adapters.PageMatches, source: Source | None) -> str:
    sels = source.selector_list("title") if source else []
    title = page.first_text(sels) if sels else None
    title = title or page.first_text(META_TITLE) or _page_title(page)
    return TITLE_SUFFIX.sub("", title or "").strip()


def _page_title(page: adapters.PageMatches) -> str | None:
    """The headline with no metadata to say it: the first h1-h3 that <title> starts with
    (the page's first h1 is often a section name), else <title> without its trailing
    section and site name, else the first h1."""
    head = page.first_text(["title"]) or ""
    key = _key(head)
    for el in page.select("h1") + page.select("h2") + page.select("h3"):
        text = text_of(el)
        if len(text) >= 10 and key.startswith(_key(text)):
            return text
    # cut points: separators, except inside a range of numbers ("nhiệm kỳ 2020 - 2025")
    cuts = [
        m.start()
        for m in SEPARATOR.finditer(head)
        if not (head[m.start() - 1].isdigit() and head[m.end() : m.end() + 1].isdigit())
    ]
    end = len(head)
    while cuts and end - cuts[-1] <= SITE_PART_CHARS and cuts[-1] >= 20:
        end = cuts.pop()
    return head[:end].strip() or page.first_text(["h1"])


def extract_author(page: adapters.PageMatches, source: Source | None) -> str | None:
    sels = (source.selector_list("author") if source else []) + list(GENERIC_AUTHOR)
    text = page.first_text(sels)
    if text and len(text) <= 80:
        return text
    for raw in JSONLD(page.root):
        if "author" not in raw:
            continue
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, TypeError):
            continue
        author = data.get("author") if isinstance(data, dict) else None
        if isinstance(author, list) and author:
            author = author[0]
        if isinstance(author, dict) and author.get("name"):
            return clean_text(str(author["name"])) or None
    return None


CANONICAL_XPATH = XPath(
    "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"
    " | //meta[@property='og:url']/@content"
)


def extract_canonical(tree: _Element, url: str) -> str | None:
    """The address the page names as its own (`<link rel="canonical">`, else `og:url`): the
    article's public URL even when it was fetched from a mirror or through a redirect."""
    for href in CANONICAL_XPATH(tree):
        absolute = urljoin(url, str(href).strip())
        if str(href).strip() and urlsplit(absolute).scheme in ("http", "https"):
            return absolute
    return None


def extract_date(page: adapters.PageMatches, source: Source | None, url: str) -> datetime | None:
    tz = source.timezone if source else dates.VN_TZ
    for sel in source.selector_list("date") if source else []:
        found = dates.parse_vn_date(page.first_text([sel]) or "", tz)
        if found:
            return found
    tree = page.root
    found = dates.structured_date(tree, tz)
    if found:
        return found
    for el in DATE_HINT_XPATH(tree)[:20]:
        found = dates.parse_vn_date(text_of(el)[:200], tz)
        if found:
            return found
    body = tree.find("body")
    head = text_of(body)[:3000] if body is not None else ""
    m = DATE_LABEL.search(head)
    found = dates.parse_vn_date(m.group(2), tz) if m else None
    return found or dates.htmldate_fallback(tree, tz, url)


def _body(tree: _Element, source: Source | None, url: str) -> tuple[list[str], str, str | None]:
    """(blocks, parser, fallback_from): the adapter first, then the generic extractor."""
    fallback_from = None
    if source and source.selectors.get("body"):
        parser = f"adapter:{source.adapter}"
        blocks = adapters.adapter_blocks(tree, source.selectors)
        if generic.body_chars(blocks) >= generic.MIN_BODY_CHARS:
            return blocks, parser, None
        links = adapters.listing_links(tree, source.selectors, url)
        if len(links) >= adapters.LISTING_MIN_LINKS:
            raise ListingPage(f"listing page ({len(links)} article links) at {url}", links)
        log.info("adapter %s found no body at %s; using the generic extractor", parser, url)
        fallback_from = parser
    return generic.extract_blocks(tree, url), "generic", fallback_from


def _strip_title(blocks: list[str], title: str) -> list[str]:
    """The title is not repeated in the text (nor a heading that only repeats it)."""
    key = _key(title)
    if not key:
        return blocks
    for i, block in enumerate(blocks[:3]):
        if _key(block) == key:
            return blocks[:i] + blocks[i + 1 :]
    if blocks and blocks[0].startswith(title + " ") and len(blocks[0]) > 2 * len(title):
        return [blocks[0][len(title) :].strip(), *blocks[1:]]  # run into the first paragraph
    return blocks


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def parse_article(
    html: bytes | str, url: str, source: Source | None = None, *, headers: dict | None = None
) -> ParsedArticle:
    """Parse an article page. Raises NoArticleBody when no main text is found, ListingPage
    when the page lists articles instead (its ``links`` are the articles)."""
    text, encoding = _to_text(html, headers)
    tree = parse_html(text)
    page = adapters.PageMatches(tree)
    title = extract_title(page, source)
    published = extract_date(page, source, url)
    author = extract_author(page, source)
    canonical = extract_canonical(tree, url)  # before _body, which may strip the tree
    blocks, parser, fallback_from = _body(tree, source, url)
    blocks = _strip_title(blocks, title)
    if generic.body_chars(blocks) < generic.MIN_BODY_CHARS:
        raise NoArticleBody(f"no article body found at {url}")
    if author and blocks and blocks[-1] == author:
        blocks = blocks[:-1]
    body = "\n\n".join(blocks)
    when = published.date() if published else None
    return ParsedArticle(
        url=url,
        title=title,
        text=body,
        published_at=published,
        published_tz=source.timezone if source else dates.VN_TZ,
        author=author,
        districts=find_districts(title + "\n" + body, when),
        term=find_term(title + "\n" + body),
        parser=parser,
        encoding=encoding,
        fallback_from=fallback_from,
        canonical_url=canonical,
    )
