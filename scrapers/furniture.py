"""Page furniture the article text must never carry: "Tin liên quan" blocks, author lines,
print and e-mail bars, view counters. Shared by the adapter and the generic paths."""

from __future__ import annotations

import re

from lxml.etree import XPath, _Element

from scrapers.blocks import remove, tag_of, text_of

# Headings of page furniture; a block introduced by one of these is not the article.
HEADINGS = (
    "tin liên quan", "bài liên quan", "các tin khác", "các tin tức khác", "tin khác",
    "tin cùng chuyên mục", "tin nổi bật", "tin đọc nhiều", "tin mới", "tin mới nhất",
    "video đang hot", "video", "đọc nhiều", "xem nhiều", "bình luận", "ý kiến bạn đọc",
    "phản hồi", "gửi phản hồi", "chia sẻ", "chia sẻ bài viết", "album ảnh", "các chuyên mục",
    "liên kết website", "từ khóa", "từ khoá", "tag", "tags", "danh mục tin tức", "tìm kiếm",
    "văn bản mới", "in bài", "in bài viết", "bản in", "gửi email", "lượt xem",
    "other news", "related news", "related articles", "send email", "print",
)  # fmt: skip
NOISE_HEADINGS = re.compile(
    "^(" + "|".join(sorted(map(re.escape, HEADINGS), key=len, reverse=True)) + r")\s*:?$", re.I
)
FIRST_WORDS = frozenset(h.split()[0] for h in HEADINGS)
# Single lines that are furniture wherever they stand (view counters, print/e-mail bars).
NOISE_LINES = re.compile(
    r"^(view count|lượt xem|số lượt xem|lượt đọc)\s*:?\s*[\d.,]+$|"
    r"^(print|in bài|in bài viết|send email|gửi email|gửi bài|chia sẻ)"
    r"(\s*[|/·]\s*(print|in bài|in bài viết|send email|gửi email|gửi bài|chia sẻ))*$",
    re.I,
)
# Short text nodes only: the candidates for a furniture heading, found by libxml2.
_SHORT_TEXT = XPath(
    "descendant-or-self::text()[string-length(normalize-space(.)) > 1]"
    "[string-length(normalize-space(.)) <= 40]"
)
MAX_BLOCK_WITH_HEADING = 800


def is_noise_block(block: str) -> bool:
    return bool(NOISE_HEADINGS.match(block) or NOISE_LINES.match(block))


def _heading_elements(root: _Element) -> list[_Element]:
    """The outermost elements whose whole text is a furniture heading."""
    found: list[_Element] = []
    for node in _SHORT_TEXT(root):
        words = node.split(None, 1)
        if not words or words[0].casefold().rstrip(":") not in FIRST_WORDS or node.is_tail:
            continue
        el = node.getparent()
        text = text_of(el) if el is not None else ""
        if el is None or el is root or not NOISE_HEADINGS.match(text):
            continue
        parent = el.getparent()
        while parent is not None and parent is not root and text_of(parent) == text:
            el, parent = parent, parent.getparent()
        found.append(el)
    return found


def drop_noise_headings(root: _Element) -> None:
    """Remove "Tin liên quan"-style blocks: the heading and its small container."""
    removed: list[_Element] = []
    for el in _heading_elements(root):
        if any(el is r or r in el.iterancestors() for r in removed):
            continue
        parent = el.getparent()
        if (
            parent is not None
            and parent is not root
            and tag_of(parent) not in ("body", "html")
            and len(text_of(parent)) < MAX_BLOCK_WITH_HEADING
        ):
            el = parent
        remove(el)
        removed.append(el)
