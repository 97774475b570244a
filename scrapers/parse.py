"""Article parsing (pure: no I/O). Adapter selectors first, generic extractor as fallback."""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime

from bs4 import BeautifulSoup

from scrapers import adapters, dates, generic
from scrapers.blocks import clean_text
from scrapers.encoding import UndecodableError, decode_html
from scrapers.gazetteer import find_districts, find_term
from scrapers.registry import Source

log = logging.getLogger(__name__)
TITLE_SUFFIX = re.compile(r"\s+[-|–:]\s+(Cổng thông tin|Báo |Trang |Tạp chí ).*$", re.I)
DATE_HINT = re.compile(r"date|time|ngay|publish|post", re.I)


class ParseError(ValueError):
    """A page could not be parsed."""

    reason = "parse_error"


class NoArticleBody(ParseError):  # noqa: N818 - name fixed by the interface
    reason = "no_article_body"


class UndecodablePage(ParseError):  # noqa: N818
    reason = "undecodable"


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


def extract_title(soup: BeautifulSoup, source: Source | None) -> str:
    sels = source.selector_list("title") if source else []
    title = adapters.select_first_text(soup, sels) if sels else None
    title = title or adapters.select_first_text(soup, ["meta[property='og:title']", "h1", "title"])
    return TITLE_SUFFIX.sub("", title or "").strip()


def extract_author(soup: BeautifulSoup, source: Source | None) -> str | None:
    sels = (source.selector_list("author") if source else []) + [
        "meta[name='author']",
        "[itemprop='author']",
        ".author",
        ".article__author",
    ]
    text = adapters.select_first_text(soup, sels)
    if text and len(text) <= 80:
        return text
    for tag in soup.select("script[type='application/ld+json']"):
        try:
            data = json.loads(tag.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        author = data.get("author") if isinstance(data, dict) else None
        if isinstance(author, dict) and author.get("name"):
            return clean_text(str(author["name"])) or None
    return None


def extract_date(soup: BeautifulSoup, html: str, source: Source | None) -> datetime | None:
    tz = source.timezone if source else dates.VN_TZ
    for sel in source.selector_list("date") if source else []:
        text = adapters.select_first_text(soup, [sel])
        found = dates.parse_vn_date(text or "", tz)
        if found:
            return found
    found = dates.structured_date(soup, tz)
    if found:
        return found
    for tag in soup.find_all(True, attrs={"class": DATE_HINT}, limit=20):
        found = dates.parse_vn_date(clean_text(tag.get_text(" ")), tz)
        if found:
            return found
    head = clean_text(soup.get_text(" "))[:3000]
    m = re.search(r"(Ngày đăng|Cập nhật|Đăng lúc|Ngày)\s*:?\s*(.{0,40})", head)
    found = dates.parse_vn_date(m.group(2), tz) if m else None
    return found or dates.htmldate_fallback(html, tz)


def _body(text: str, soup: BeautifulSoup, source: Source | None) -> tuple[list[str], str]:
    """Adapter first; both extractors mutate the soup, so the fallback parses afresh."""
    if source and source.selectors.get("body"):
        blocks = adapters.adapter_blocks(soup, source.selectors)
        if generic.body_chars(blocks) >= generic.MIN_BODY_CHARS:
            return blocks, f"adapter:{source.adapter}"
        log.info("adapter %s found no body; using the generic extractor", source.adapter)
        soup = BeautifulSoup(text, "lxml")
    return generic.extract_blocks(soup), "generic"


def parse_article(
    html: bytes | str, url: str, source: Source | None = None, *, headers: dict | None = None
) -> ParsedArticle:
    """Parse an article page. Raises NoArticleBody when no main text is found."""
    text, encoding = _to_text(html, headers)
    soup = BeautifulSoup(text, "lxml")
    title = extract_title(soup, source)
    published = extract_date(soup, text, source)
    author = extract_author(soup, source)
    blocks, parser = _body(text, soup, source)
    if title and blocks and blocks[0] == title:
        blocks = blocks[1:]
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
    )
