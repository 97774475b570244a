"""Site adapters: the registry's CSS selectors applied to a page.

Adapters are data (``selectors`` in the registry), so this module only knows how to apply
a selector set; there is no per-site code.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import soupsieve
from bs4 import BeautifulSoup, Tag
from soupsieve import SelectorSyntaxError

from scrapers.blocks import clean_text, node_blocks
from scrapers.generic import NOISE_HEADINGS, drop_noise_headings

log = logging.getLogger(__name__)


def select_all(soup: BeautifulSoup | Tag, selectors: list[str]) -> list[Tag]:
    found: list[Tag] = []
    for sel in selectors:
        try:
            found.extend(soup.select(sel))
        except (SelectorSyntaxError, ValueError) as exc:
            log.warning("bad selector %r: %s", sel, exc)
    return found


def _iselect(soup: BeautifulSoup | Tag, sel: str) -> Iterator[Tag]:
    """Matches of one selector, lazily: the walk stops when the caller stops."""
    try:
        yield from soupsieve.iselect(sel, soup)
    except (SelectorSyntaxError, ValueError) as exc:
        log.warning("bad selector %r: %s", sel, exc)


def select_first_text(soup: BeautifulSoup, selectors: list[str]) -> str | None:
    """Text (or ``content`` of a meta tag) of the first selector that matches."""
    for sel in selectors:
        for tag in _iselect(soup, sel):
            value = tag.get("content") if tag.name == "meta" else tag.get_text(" ")
            text = clean_text(str(value or ""))
            if text:
                return text
    return None


def _outermost(nodes: list[Tag]) -> list[Tag]:
    """Drop nodes nested inside another selected node, keep document order."""
    ids = {id(n) for n in nodes}
    out, seen = [], set()
    for node in nodes:
        if id(node) in seen or any(id(p) in ids for p in node.parents):
            continue
        seen.add(id(node))
        out.append(node)
    return out


def _doc_order(soup: BeautifulSoup, nodes: list[Tag]) -> list[Tag]:
    position = {id(tag): i for i, tag in enumerate(soup.find_all(True))}
    return sorted(nodes, key=lambda n: position.get(id(n), 0))


def adapter_blocks(soup: BeautifulSoup, selectors: dict) -> list[str]:
    """Body blocks via the source's ``body`` selectors after removing its ``drop`` list."""
    body_sel = _as_list(selectors.get("body"))
    if not body_sel:
        return []
    drop = _as_list(selectors.get("drop"))
    nodes = _outermost(select_all(soup, body_sel))
    # `drop` is applied inside the body only (a whole-page walk per selector is most of
    # the parse time on real pages); a body node that is itself dropped, or sits in a
    # dropped element, is left out, as a page-wide drop would have removed it
    nodes = [n for n in nodes if not _dropped(n, drop)]
    for node in nodes:
        for tag in select_all(node, drop):
            tag.decompose()
    if len(nodes) > 1:
        nodes = _doc_order(soup, nodes)
    blocks: list[str] = []
    for node in nodes:
        drop_noise_headings(node)
        blocks.extend(b for b in node_blocks(node) if not NOISE_HEADINGS.match(b))
    return blocks


def _dropped(node: Tag, drop: list[str]) -> bool:
    for sel in drop:
        try:
            if soupsieve.match(sel, node) or soupsieve.closest(sel, node) is not None:
                return True
        except (SelectorSyntaxError, ValueError):
            continue
    return False


def _as_list(value: object) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []
