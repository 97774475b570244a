"""Generic main-text extractor for layouts with no (working) adapter.

trafilatura (the best-scoring open-source extractor on real news pages) finds the main
text; around it, this module removes what trafilatura does not know as furniture
(Vietnamese "Tin liên quan"-style blocks, view counters, print and e-mail bars) and turns
its output tree into our blocks: one paragraph, heading, list item or table row per
block, list items with a leading "- ".
"""

from __future__ import annotations

import logging
import re
from itertools import islice

from lxml.etree import XPath, _Element

from scrapers.blocks import clean_text, node_blocks, text_of
from scrapers.furniture import drop_noise_headings, is_noise_block

log = logging.getLogger(__name__)
# "discarding data" and the like are ordinary outcomes of a page, not warnings for the user
logging.getLogger("trafilatura").setLevel(logging.ERROR)
MIN_BODY_CHARS = 150
# Measured on the 181 pages of the article-extraction benchmark (docs/scrapers.md): the
# precision setting, and the recall setting where it finds (almost) nothing, score best;
# comments off; the fast path (no readability/justext comparison) is as good and faster.
OPTIONS = {"include_comments": False, "include_tables": True, "fast": True}
FIRST = {**OPTIONS, "favor_precision": True}
SECOND = {**OPTIONS, "favor_recall": True}
SHORT_OUTPUT = 300  # characters: below this the first pass is taken to have missed the text
BLOCK = frozenset({"p", "head", "item", "quote", "code", "row", "list", "table", "lb"})


def _flat(el: _Element) -> str:
    return "".join(el.itertext())


class _Writer:
    """trafilatura's output tree (p, head, list/item, table/row/cell, quote, lb) -> blocks."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.buf: list[str] = []
        self.prefix = ""

    def flush(self) -> None:
        text = clean_text("".join(self.buf)) if self.buf else ""
        self.buf = []
        if text:
            if self.prefix and not text.startswith("- "):
                text = self.prefix + text
            if not self.blocks or self.blocks[-1] != text:  # captions are often doubled
                self.blocks.append(text)
        self.prefix = ""

    def walk(self, node: _Element) -> None:
        if node.text:
            self.buf.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "row" and not any(c.tag in BLOCK for c in child.iter()):
                self.flush()  # a data row: one line, cells apart
                cells = [clean_text(_flat(c)) for c in child if c.tag == "cell"]
                self.buf.append(" | ".join(c for c in cells if c))
                self.flush()
            elif tag in ("row", "cell"):
                self.flush()  # a row of paragraphs: one block each
                self.walk(child)
                self.flush()
            elif tag == "lb":
                self.flush()
            elif tag in BLOCK:
                self.flush()
                if tag == "item":
                    self.prefix = "- "
                self.walk(child)
                self.flush()
            elif tag:
                self.walk(child)
            if child.tail:
                self.buf.append(child.tail)


def output_blocks(body: _Element) -> list[str]:
    writer = _Writer()
    writer.walk(body)
    writer.flush()
    return writer.blocks


LAYOUT_CELL_CHARS = 250
LAYOUT_MAX_ROWS = 4
_TABLE_PARTS = ("table", "tbody", "thead", "tfoot", "tr", "td", "th")


def _rows(table: _Element) -> list[_Element]:
    return [r for r in table.iter("tr") if next(r.iterancestors("table"), None) is table]


def unwrap_layout_tables(root: _Element) -> None:
    """Tables used for page layout (menu | article | sidebar cells, as on many old state
    sites) become plain divs, so that the extractor can tell the article cell from the
    menu cells instead of keeping the whole table as data."""
    for table in list(root.iter("table")):
        rows = _rows(table)
        cells = [c for r in rows for c in r if c.tag in ("td", "th")]
        nested = any(t is not table for t in table.iter("table"))
        long_cell = any(len(text_of(c)) > LAYOUT_CELL_CHARS for c in cells)
        if nested or (len(rows) <= LAYOUT_MAX_ROWS and long_cell):
            for el in [*cells, *rows, *(s for s in table if s.tag in _TABLE_PARTS), table]:
                el.tag = "div"  # its own parts only: a data table inside stays a table


LEAD_ATTR = re.compile(r"sapo|desc|lead|summary|intro|chapeau|tom-tat|tomtat", re.I)
LEAD_CHARS = (30, 1500)
_STARTS = XPath(
    "//body//*[self::p or self::div or self::td or self::section or self::article or "
    "self::span or self::li][starts-with(normalize-space(.), $probe)]"
)


def _anchor(tree: _Element, first_block: str) -> _Element | None:
    """The deepest element whose text starts with the extracted text's first words."""
    words = first_block.removeprefix("- ").split()[:4]
    probe = " ".join(words)
    if len(probe) < 8:
        return None
    found = _STARTS(tree, probe=probe)
    return found[-1] if found else None


def _lead(anchor: _Element, seen: str) -> list[str]:
    """The standfirst ("sapo") sits just before the body container on Vietnamese news
    sites and trafilatura often leaves it out; it carries figures, so it is kept."""
    node: _Element | None = anchor
    for _ in range(4):
        if node is None:
            break
        for sib in islice(node.itersiblings(preceding=True), 4):
            attrs = f"{sib.get('class') or ''} {sib.get('id') or ''}"
            if not isinstance(sib.tag, str) or not LEAD_ATTR.search(attrs):
                continue
            text = text_of(sib)
            links = sum(len(text_of(a)) for a in sib.iter("a"))
            if LEAD_CHARS[0] <= len(text) <= LEAD_CHARS[1] and links < len(text) / 2:
                return [] if text[:60] in seen else node_blocks(sib)
        node = node.getparent()
    return []


def _trafilatura(tree: _Element, url: str | None, options: dict) -> list[str]:
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(tree, url=url, **options)  # it works on a copy of the tree
    except Exception as exc:  # trafilatura raises a variety of errors on broken markup
        log.warning("generic extraction failed at %s: %s", url, exc)
        return []
    body = getattr(doc, "body", None)  # a Document (as_dict is off)
    if body is None:
        return []
    return [b for b in output_blocks(body) if not is_noise_block(b)]


def extract_blocks(tree: _Element, url: str | None = None) -> list[str]:
    """Body blocks from a page of unknown layout (the tree is modified)."""
    body = tree.find("body")
    if body is not None:
        drop_noise_headings(body)
        unwrap_layout_tables(body)
    blocks = _trafilatura(tree, url, FIRST)
    if body_chars(blocks) < SHORT_OUTPUT:
        again = _trafilatura(tree, url, SECOND)
        if body_chars(again) > body_chars(blocks):
            blocks = again
    anchor = _anchor(tree, blocks[0]) if blocks else None
    if anchor is not None:
        blocks = _lead(anchor, " ".join(blocks)) + blocks
    return blocks


def body_chars(blocks: list[str]) -> int:
    return sum(len(b) for b in blocks)
