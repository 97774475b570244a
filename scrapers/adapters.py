"""Site adapters: the registry's CSS selectors applied to a page (lxml).

Adapters are data (``selectors`` in the registry), so this module only knows how to apply
a selector set; there is no per-site code. Each CSS selector is translated to XPath once
per process (``cssselect``) and evaluated by libxml2.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

from cssselect import HTMLTranslator, SelectorError
from lxml.etree import XPath, _Element

from scrapers.blocks import node_blocks, remove, tag_of, text_of
from scrapers.furniture import drop_noise_headings, is_noise_block

log = logging.getLogger(__name__)
_TRANSLATOR = HTMLTranslator()
LISTING_MIN_LINKS = 3  # a page without an article body and this many listing links is a listing


_STEP = "descendant-or-self::"


def _condition(xpath: str) -> str | None:
    """A one-step translation (``descendant-or-self::tag[predicate]``, no combinator) as a
    predicate on the element itself; None for selectors with combinators."""
    if not xpath.startswith(_STEP):
        return None
    rest = xpath[len(_STEP) :]
    name, _, pred = rest.partition("[")
    if not name or not (name == "*" or name.replace("-", "").isalnum()):
        return None
    if pred:
        depth, quote = 1, ""
        for i, char in enumerate(pred):
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char in "[]":
                depth += 1 if char == "[" else -1
                if depth == 0 and i != len(pred) - 1:
                    return None  # a second step or predicate follows
        pred = pred[:-1]
    tests = ([f"self::{name}"] if name != "*" else []) + ([f"({pred})"] if pred else [])
    return " and ".join(tests) or "true()"


@dataclass(frozen=True)
class Compiled:
    """A selector list as XPath: ``find`` (every match under a node, document order) and,
    for the selectors without combinators, ``is_match`` (does this element match)."""

    find: XPath | None
    is_match: XPath | None
    complex_find: XPath | None

    def select(self, root: _Element) -> list[_Element]:
        return [el for el in self.find(root) if isinstance(el, _Element)] if self.find else []

    def matches_within(self, node: _Element) -> bool:
        """``node`` or one of its ancestors matches."""
        chain = [node, *node.iterancestors()]
        if self.is_match is not None and any(self.is_match(el) for el in chain):
            return True
        if self.complex_find is None:
            return False
        found = set(self.complex_find(node.getroottree().getroot()))
        return any(el in found for el in chain)


@lru_cache(maxsize=2048)
def compile_css(selectors: tuple[str, ...]) -> Compiled:
    """One pass for a selector list (their union, in document order); bad selectors are
    logged once and left out. Selectors without combinators share one condition, so the
    tree is walked once however many there are."""
    simple: list[str] = []
    complex_: list[str] = []
    for sel in selectors:
        try:
            xpath = _TRANSLATOR.css_to_xpath(sel)
        except SelectorError as exc:
            log.warning("bad selector %r: %s", sel, exc)
            continue
        cond = _condition(xpath)
        (simple if cond else complex_).append(cond or xpath)
    either = " or ".join(f"({c})" for c in simple)
    parts = [f"descendant-or-self::*[{either}]"] if simple else []
    return Compiled(
        find=XPath(" | ".join(parts + complex_)) if parts or complex_ else None,
        is_match=XPath(f"boolean(self::*[{either}])") if simple else None,
        complex_find=XPath(" | ".join(complex_)) if complex_ else None,
    )


def _as_tuple(value: object) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value) if isinstance(value, (list, tuple)) else ()


def select_all(root: _Element, selectors: object) -> list[_Element]:
    """Every element matched by any of ``selectors``, in document order."""
    return compile_css(_as_tuple(selectors)).select(root)


def _value(el: _Element) -> str:
    if tag_of(el) == "meta":
        return " ".join(str(el.get("content") or "").split())
    return text_of(el)


class PageMatches:
    """Selector lookups on one page, each selector's matches found once."""

    def __init__(self, root: _Element) -> None:
        self.root = root
        self._found: dict[str, list[_Element]] = {}

    def select(self, selector: str) -> list[_Element]:
        if selector not in self._found:
            self._found[selector] = compile_css((selector,)).select(self.root)
        return self._found[selector]

    def first_text(self, selectors: object) -> str | None:
        """Text (or ``content`` of a meta tag) of the first selector, in list order, that
        matches an element with text."""
        for sel in _as_tuple(selectors):
            for el in self.select(sel):
                text = _value(el)
                if text:
                    return text
        return None


def select_first_text(root: _Element, selectors: object) -> str | None:
    return PageMatches(root).first_text(selectors)


def _outermost(nodes: list[_Element]) -> list[_Element]:
    """Drop nodes nested inside another selected node (document order is kept)."""
    chosen = set(nodes)
    return [n for n in nodes if not any(a in chosen for a in n.iterancestors())]


def adapter_blocks(tree: _Element, selectors: dict) -> list[str]:
    """Body blocks via the source's ``body`` selectors after removing its ``drop`` list.

    ``drop`` is applied inside the body nodes (walking the whole page for it costs more than
    the rest of the parse); a body node that is itself dropped, or sits inside a dropped
    element, is left out. The tree is modified."""
    nodes = _outermost(select_all(tree, selectors.get("body")))
    drop = compile_css(_as_tuple(selectors.get("drop")))
    if drop.find is not None:
        nodes = [n for n in nodes if not drop.matches_within(n)]
        for node in nodes:
            for el in drop.select(node):
                remove(el)
    blocks: list[str] = []
    for node in nodes:
        drop_noise_headings(node)
        blocks.extend(b for b in node_blocks(node) if not is_noise_block(b))
    return blocks


def listing_links(tree: _Element, selectors: dict, page_url: str) -> list[str]:
    """Absolute article URLs the source's ``listing_links`` selectors find, in page order."""
    seen: dict[str, None] = {}
    for a in select_all(tree, selectors.get("listing_links")):
        href = a.get("href")
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        url = urldefrag(urljoin(page_url, href.strip()))[0]
        if urlsplit(url).scheme in ("http", "https"):
            seen.setdefault(url, None)
    return list(seen)
