"""HTML subtree (lxml) -> plain text blocks (one paragraph, heading or list item per block).

The figure extractor downstream relies on headings and list items staying on their own
lines, so block boundaries are kept and list items keep a leading "- ".
"""

from __future__ import annotations

import unicodedata

from lxml import html as lxml_html
from lxml.etree import _Element

SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "button",
        "form",
        "input",
        "select",
        "textarea",
        "object",
        "embed",
        "canvas",
        "map",
    }
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "table",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "figure",
        "figcaption",
        "header",
        "footer",
        "aside",
        "nav",
        "dl",
        "dt",
        "dd",
        "hr",
        "center",
        "address",
        "caption",
    }
)
BULLETS = ("-", "+", "•", "*", "–", "●", "○", "·")
_INVISIBLE = ("\u200b", "\ufeff", "\u00ad")  # zero-width space, BOM, soft hyphen


def clean_text(text: str) -> str:
    """NFC, one space for any run of whitespace (no-break spaces included), invisible
    characters removed. (str.translate would be simpler and several times slower.)"""
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


# Comments go at parse time: trafilatura loses the text after a comment inside a paragraph
# (`<p>When <!-- -->President ...`), and no extractor needs them.
# The decoded text is handed over as UTF-8 bytes: libxml2 reads them faster than a str, and
# the declared encoding never overrides ours.
PARSER = lxml_html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    remove_comments=True,
    remove_pis=True,
    encoding="utf-8",
)


def parse_html(text: str) -> _Element:
    """The document tree (lxml's HTML parser: libxml2, tolerant of real-world markup)."""
    try:
        return lxml_html.document_fromstring(text.encode("utf-8", "replace"), parser=PARSER)
    except (ValueError, lxml_html.etree.ParserError):  # e.g. a page that is only whitespace
        return lxml_html.document_fromstring(b"<html><body></body></html>", parser=PARSER)


def tag_of(el: _Element) -> str:
    """Lower-case tag name; '' for comments and processing instructions."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def text_of(el: _Element) -> str:
    """All text under ``el`` (scripts and styles left out), whitespace-normalised."""
    return clean_text(" ".join(_texts(el)))


def _texts(el: _Element) -> list[str]:
    out: list[str] = []

    def walk(node: _Element) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            if tag_of(child) and tag_of(child) not in SKIP_TAGS:
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return out


class _Collector:
    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.buf: list[str] = []
        self.prefix = ""

    def flush(self) -> None:
        text = clean_text("".join(self.buf)) if self.buf else ""
        self.buf = []
        if text:
            if self.prefix and not text.startswith(BULLETS):
                text = self.prefix + text
            self.blocks.append(text)
        self.prefix = ""

    def walk(self, node: _Element) -> None:
        if node.text:
            self.buf.append(node.text)
        for child in node:
            name = tag_of(child)
            if name and name not in SKIP_TAGS:
                if name == "br":
                    self.flush()
                elif name in BLOCK_TAGS:
                    self.flush()
                    if name == "li":
                        self.prefix = "- "
                    self.walk(child)
                    self.flush()
                else:
                    self.walk(child)
            if child.tail:
                self.buf.append(child.tail)


def node_blocks(node: _Element) -> list[str]:
    """Text blocks of ``node`` in document order, whitespace-normalised, NFC."""
    collector = _Collector()
    collector.walk(node)
    collector.flush()
    return dedupe_consecutive(collector.blocks)


def dedupe_consecutive(blocks: list[str]) -> list[str]:
    """Drop a block equal to the one before it (image captions are often printed twice)."""
    out: list[str] = []
    for block in blocks:
        if not out or out[-1] != block:
            out.append(block)
    return out


def remove(el: _Element) -> None:
    """Remove ``el`` from its tree, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
