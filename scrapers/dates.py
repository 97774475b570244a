"""Publication dates: Vietnamese text formats, meta tags and JSON-LD; stored as UTC.

Times without a zone are local to the source (Asia/Ho_Chi_Minh by default).
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from lxml.etree import XPath, _Element

log = logging.getLogger(__name__)
VN_TZ = "Asia/Ho_Chi_Minh"
_D = r"(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})"
_T = r"(?P<H>\d{1,2})[:hg](?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>AM|PM|SA|CH|am|pm)?"
# Ordered: the most specific first. Each handles one family of formats seen on VN sites.
PATTERNS = [
    re.compile(_D + r"\s*(?:[-|,–]|lúc)?\s*" + _T),  # 09/04/2023 - 09:26 AM; 13/11/2020 | 16:30
    re.compile(r"\(?\s*" + _T + r"\s*(?:[-|,]|ngày)?\s*" + _D),  # (14:43 30/07/2020)
    re.compile(_D),  # Thứ Hai, 15/12/2023
]
META_ATTRS = [
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("property", "og:published_time"),
    ("name", "date"),
]


def _zone(name: str | None) -> tzinfo:
    return ZoneInfo(name or VN_TZ)


def _build(g: dict[str, str | None], tz: tzinfo) -> datetime | None:
    try:
        hour = int(g.get("H") or 0)
        ampm = (g.get("ampm") or "").upper()
        if ampm in ("PM", "CH") and hour < 12:
            hour += 12
        elif ampm in ("AM", "SA") and hour == 12:
            hour = 0
        local = datetime(
            int(g["y"] or 0),
            int(g["m"] or 0),
            int(g["d"] or 0),
            hour,
            int(g.get("M") or 0),
            int(g.get("S") or 0),
            tzinfo=tz,
        )
    except (TypeError, ValueError):
        return None
    if not 1990 <= local.year <= 2100:
        return None
    return local.astimezone(UTC)


def parse_iso(value: str, tz_name: str | None = None) -> datetime | None:
    """ISO 8601 (meta tags, JSON-LD); naive values are read in the source zone."""
    value = value.strip()
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_zone(tz_name))
    return dt.astimezone(UTC)


def parse_vn_date(text: str, tz_name: str | None = None) -> datetime | None:
    """First date found in ``text`` in a Vietnamese site format, as aware UTC."""
    if not text:
        return None
    iso = parse_iso(text, tz_name) if re.match(r"\d{4}-\d{2}-\d{2}", text.strip()) else None
    if iso:
        return iso
    tz = _zone(tz_name)
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            dt = _build(m.groupdict(), tz)
            if dt is not None:
                return dt
    return _dateparser(text, tz_name)


def _dateparser(text: str, tz_name: str | None) -> datetime | None:
    """Last resort for wordy dates ("ngày 15 tháng 12 năm 2023")."""
    m = re.search(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", text, re.I)
    if not m:
        return None
    import dateparser  # type: ignore[import-untyped]

    dt = dateparser.parse(
        m.group(0),
        languages=["vi"],
        settings={
            "TIMEZONE": tz_name or VN_TZ,
            "RETURN_AS_TIMEZONE_AWARE": True,
            "DATE_ORDER": "DMY",
        },
    )
    return dt.astimezone(UTC) if dt else None


_META = XPath("//meta[@content and (@property or @name or @itemprop)]")
_JSONLD = XPath("//script[@type='application/ld+json']/text()")
_TIME = XPath("//time[@datetime]/@datetime")


def _jsonld_dates(tree: _Element) -> list[str]:
    out: list[str] = []
    for raw in _JSONLD(tree):
        if "datePublished" not in raw:
            continue
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, TypeError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    out.append(item["datePublished"])
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
            elif isinstance(item, list):
                stack.extend(item)
    return out


def structured_date(tree: _Element, tz_name: str | None = None) -> datetime | None:
    """Date from meta tags or JSON-LD: the most reliable sources when present."""
    metas = _META(tree)  # one walk; then the attributes in order of trust
    for attr, name in META_ATTRS:
        for meta in metas:
            if meta.get(attr) == name:
                content = str(meta.get("content"))
                dt = parse_iso(content, tz_name) or parse_vn_date(content)
                if dt:
                    return dt
    for value in _jsonld_dates(tree):
        dt = parse_iso(value, tz_name)
        if dt:
            return dt
    for value in _TIME(tree)[:1]:
        return parse_iso(str(value), tz_name)
    return None


def htmldate_fallback(
    html: str | _Element, tz_name: str | None = None, url: str | None = None
) -> datetime | None:
    """htmldate finds dates in URLs and odd markup; it only gives a day (noon local)."""
    try:
        from htmldate import find_date

        found = find_date(html, url=url, original_date=True, extensive_search=False)
    except Exception as exc:  # htmldate raises a variety of parser errors on bad markup
        log.debug("htmldate failed: %s", exc)
        return None
    if not found:
        return None
    day = datetime.fromisoformat(found)
    return day.replace(hour=12, tzinfo=_zone(tz_name)).astimezone(UTC)
