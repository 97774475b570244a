"""Generic main-text extractor for layouts with no (working) adapter.

Boilerplate goes first (menus, related-article blocks, comments, share bars, video boxes,
captions), then the container whose paragraphs carry the most non-link text wins.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from scrapers.blocks import clean_text, link_text_len, node_blocks

NOISE_TAGS = [
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "noscript",
    "script",
    "style",
    "figure",
    "figcaption",
    "button",
    "select",
    "svg",
]
NOISE_ATTR = re.compile(
    r"(^|[\s_-])(menu|navbar|nav|breadcrumbs?|sidebar|footer|banner|share|sharing|social|"
    r"comments?|binh-luan|related|other|others|tags?|keywords?|widget|adv|ads|advert|popup|"
    r"cookie|search|pagination|paging|video|most-read|doc-nhieu|caption|discussion|"
    r"bookmarks|ratings?|print|toolbar|rss|hotline)([\s_-]|$)",
    re.I,
)
# Headings of page furniture; a block introduced by one of these is not the article.
NOISE_HEADINGS = re.compile(
    r"^(tin liên quan|bài liên quan|các tin khác|các tin tức khác|tin khác|tin cùng chuyên mục|"
    r"video đang hot|video|đọc nhiều|xem nhiều|tin mới|tin mới nhất|bình luận|ý kiến bạn đọc|"
    r"phản hồi|gửi phản hồi|chia sẻ|chia sẻ bài viết|album ảnh|các chuyên mục|"
    r"liên kết website|từ khóa|tags?|danh mục tin tức|tìm kiếm|văn bản mới|in bài viết)\s*:?$",
    re.I,
)
MIN_BLOCK = 25
MIN_BODY_CHARS = 150
BLOCKISH = ["p", "li", "h2", "h3", "h4", "h5", "blockquote", "pre", "td", "div"]


def _attr_text(tag: Tag) -> str:
    if tag.attrs is None:
        return ""
    classes: list[str] = list(tag.get("class") or [])
    return " ".join([*classes, str(tag.get("id") or "")])


def strip_noise(root: Tag, *, by_attr: bool = True) -> None:
    """Remove page furniture from ``root`` in place."""
    for tag in root.find_all(NOISE_TAGS):
        tag.decompose()
    if by_attr:
        for tag in root.find_all(True):
            if (
                tag.attrs is not None
                and tag.name not in ("html", "body")
                and NOISE_ATTR.search(_attr_text(tag))
            ):
                tag.decompose()
    drop_noise_headings(root)


def drop_noise_headings(root: Tag) -> None:
    """Remove "Tin liên quan"-style blocks: the heading and its small container."""
    for tag in root.find_all(
        ["h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "p", "span", "div", "li", "a"]
    ):
        if tag.decomposed or tag.attrs is None:
            continue
        text = clean_text(tag.get_text(" "))
        if not text or len(text) > 40 or not NOISE_HEADINGS.match(text):
            continue
        parent = tag.parent
        if (
            isinstance(parent, Tag)
            and parent.name not in ("body", "html", "[document]")
            and len(clean_text(parent.get_text(" "))) < 800
        ):
            parent.decompose()
        else:
            tag.decompose()


def _score_candidates(root: Tag) -> dict[int, tuple[Tag, float]]:
    scores: dict[int, tuple[Tag, float]] = {}
    for el in root.find_all(BLOCKISH):
        if el.find(BLOCKISH):
            continue  # only leaf blocks count as paragraphs; containers get their scores
        text = clean_text(el.get_text(" "))
        if len(text) < MIN_BLOCK:
            continue
        density = link_text_len(el) / max(len(text), 1)
        value = len(text) * (1 - density) ** 2 + 10 * text.count(",")
        node, weight = el.parent, 1.0
        while isinstance(node, Tag) and weight >= 0.25:
            key = id(node)
            scores[key] = (node, scores.get(key, (node, 0.0))[1] + value * weight)
            if node.name == "ul" or node.name == "ol":
                weight *= 1.0  # list items belong to the container around the list
            else:
                weight /= 2
            node = node.parent
    return scores


def best_container(root: Tag) -> Tag | None:
    scores = _score_candidates(root)
    if not scores:
        return None
    node, _ = max(scores.values(), key=lambda pair: pair[1])
    return node


LEAD_ATTR = re.compile(r"sapo|desc|lead|summary|intro|chapeau|tom-tat", re.I)


def _lead_blocks(node: Tag) -> list[str]:
    """The standfirst ("sapo") often sits just before the body container; keep it."""
    for sib in list(node.find_previous_siblings(True, limit=4)):
        if LEAD_ATTR.search(_attr_text(sib)):
            return node_blocks(sib)
    return []


def extract_blocks(soup: BeautifulSoup) -> list[str]:
    """Body blocks from a page of unknown layout; the soup is modified."""
    body = soup.body or soup
    strip_noise(body)
    node = best_container(body)
    if node is None:
        return []
    blocks = _lead_blocks(node) + node_blocks(node)
    return [b for b in blocks if not NOISE_HEADINGS.match(b)]


def body_chars(blocks: list[str]) -> int:
    return sum(len(b) for b in blocks)
