"""HTML subtree -> plain text blocks (one paragraph, heading or list item per block).

The figure extractor downstream relies on headings and list items staying on their own
lines, so block boundaries are kept and list items keep a leading "- ".
"""

from __future__ import annotations

import re
import unicodedata

from bs4 import Comment, NavigableString, Tag

SKIP_TAGS = {
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
BLOCK_TAGS = {
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
BULLETS = ("-", "+", "•", "*", "–", "●", "○", "·")


def clean_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\xa0", " ").replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


class _Collector:
    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.buf: list[str] = []
        self.prefix = ""

    def flush(self) -> None:
        text = clean_text("".join(self.buf))
        self.buf = []
        if text:
            if self.prefix and not text.startswith(BULLETS):
                text = self.prefix + text
            self.blocks.append(text)
        self.prefix = ""

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.buf.append(str(child))
            elif isinstance(child, Tag):
                self._tag(child)

    def _tag(self, tag: Tag) -> None:
        name = tag.name or ""
        if name in SKIP_TAGS:
            return
        if name == "br":
            self.flush()
        elif name in BLOCK_TAGS:
            self.flush()
            if name == "li":
                self.prefix = "- "
            self.walk(tag)
            self.flush()
        else:
            self.walk(tag)


def node_blocks(node: Tag) -> list[str]:
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


def link_text_len(node: Tag) -> int:
    return sum(len(clean_text(a.get_text(" "))) for a in node.find_all("a"))
