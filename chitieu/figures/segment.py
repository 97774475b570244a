"""Sentences, lines and the target scope of headings.

A heading or list intro such as `Những mục tiêu đặt ra`, `2. Chỉ tiêu:`, `Một số chỉ tiêu chủ
yếu` or `* Các chỉ tiêu:` makes the lines under it targets until the next heading that is not
itself about targets, or until a running-text paragraph. Sub-topic lines (`* Đối với ...`,
`Về kinh tế`) keep the scope.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from chitieu.figures.lexicon import ITEMS_MET

# `[.!?…]+[”"’)]*[ ]+|\n+`, written to open with one class so that the regex engine skips
# to the stops and line breaks instead of trying every character
_SENT_END_RE = re.compile(r"[.!?…\n](?:(?<=\n)\n*|(?<=[.!?…])[.!?…]*[”\"’)]*[ ]+)")
_LIST_RE = re.compile(r"^\s*(?:[-+*•●▪◦–]|\(\d{1,2}\)\.?|[a-zđ]\)\s)")
_NUMBERED_RE = re.compile(r"^\s*(?:[IVXLC]{1,6}\s*[-.)–]|\d{1,2}(?:\.\d{1,2})*\.?(?=\s))")
_ROMAN_RE = re.compile(r"^\s*[IVXLC]{1,6}\s*[-.)–]")
_MARKER_RE = re.compile(
    r"^\s*(?:[-+*•●▪◦–]\s*|\(\d{1,2}\)\.?\s*|[a-zđ]\)\s*|[IVXLC]{1,6}\s*[-.)–]\s*"
    r"|\d{1,2}(?:\.\d{1,2})*\.?\s+)*"
)
_TARGET_HEAD_RE = re.compile(
    r"(?i)^(?:(?:những|các|một số|nhóm|hệ thống)\s+)?(?:mục tiêu|chỉ tiêu|phương hướng"
    r"|định hướng|nhiệm vụ|kế hoạch|phấn đấu)(?!\w)"
)
_PARA_TARGET_RE = re.compile(r"(?i)^(?:(?:những|các|một số)\s+)?(?:mục tiêu|chỉ tiêu|phấn đấu)")
_ITEMS_MET_RE = re.compile(rf"(?i){ITEMS_MET}")
_RESULT_RE = re.compile(r"(?i)kết quả|đã đạt")
_INTRO_TARGET_RE = re.compile(
    r"(?i)(?<!\w)(?:phấn đấu|mục tiêu|chỉ tiêu|đề ra|đặt ra|kế hoạch|dự kiến|định hướng"
    r"|nhiệm vụ|phương hướng)(?!\w)"
)
_INTRO_RESULT_RE = re.compile(
    r"(?i)(?<!\w)(?:kết quả|đã đạt|đạt được|đã thực hiện|đã hoàn thành|ước thực hiện|ước đạt"
    # a report period that has passed: `Một số chỉ tiêu chủ yếu 6 tháng đầu năm:`
    r"|\d{1,2} tháng đầu năm|\d{1,2} tháng năm \d{4}|tình hình thực hiện)"
    r"(?!\w)"
)
_SUBTOPIC_RE = re.compile(r"(?i)^(?:về|đối với|lĩnh vực|trong lĩnh vực|khối|nhóm)(?!\w)")
_HEADING_MAX_WORDS = 25


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def sentences(text: str) -> list[Span]:
    """Sentence spans (never crossing a line break), stripped of surrounding spaces."""
    out: list[Span] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end() if m.group()[0] != "\n" else m.start()
        nxt = text[m.end() : m.end() + 1]
        if (
            m.group()[0] != "\n"
            and nxt
            and not (nxt.isupper() or nxt.isdigit() or nxt in '“"(-+*•')
        ):
            continue  # a lowercase word after the stop: an abbreviation, not a sentence end
        _add(out, text, start, end)
        start = m.end()
    _add(out, text, start, len(text))
    return out


def at_most_words(text: str, n: int) -> bool:
    """`len(text.split()) <= n`, without splitting the whole of a long paragraph."""
    return len(text.split(None, n)) <= n


def _add(out: list[Span], text: str, start: int, end: int) -> None:
    seg = text[start:end]
    stripped = seg.strip()
    if stripped:
        lead = len(seg) - len(seg.lstrip())
        out.append(Span(start + lead, start + lead + len(stripped)))


class Scope:
    """Which lines of a text lie under a heading about targets."""

    def __init__(self, text: str) -> None:
        self._starts: list[int] = []
        self._flags: list[bool] = []
        in_scope, opened = False, False
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                in_scope, opened = _next_scope(line, in_scope, opened)
            self._starts.append(pos)
            self._flags.append(in_scope)
            pos += len(line) + 1

    def is_target(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._flags[i]


def _reports_results(body: str) -> bool:
    """`Kết quả thực hiện các chỉ tiêu`, `Các chỉ tiêu đạt được:` (but not `chỉ tiêu phấn đấu
    (đạt được đến năm 2025)`, which names the goals)."""
    return bool(_RESULT_RE.search(body)) or (
        bool(_INTRO_RESULT_RE.search(body)) and "phấn đấu" not in body.lower()
    )


def _next_scope(line: str, in_scope: bool, opened: bool) -> tuple[bool, bool]:
    """(scope of this line, whether this line is a heading that opened it).

    A running-text paragraph ends the scope, except the first one right under a numbered
    heading or list intro (`II. PHƯƠNG HƯỚNG NĂM 2024` followed by a paragraph of goals).
    """
    body = line[_MARKER_RE.match(line).end() :].strip()  # type: ignore[union-attr]
    is_list = bool(_LIST_RE.match(line))
    numbered = bool(_NUMBERED_RE.match(line)) and not is_list
    if numbered and not _ROMAN_RE.match(line) and line.rstrip().endswith((".", ";")):
        # `1. Tỷ lệ hộ nghèo dưới 1%.`: a numbered list item, not a numbered heading
        is_list, numbered = True, False
    headingish = (
        numbered
        or body.endswith(":")
        or (
            not is_list
            and not body.endswith((".", "!", "?", "…", ";"))
            and at_most_words(body, _HEADING_MAX_WORDS)
        )
    )
    if headingish and _TARGET_HEAD_RE.match(body) and not _reports_results(body):
        # only a numbered heading or a list intro (`...:`) also covers the paragraph under it;
        # a news subtitle such as `Phấn đấu tăng trưởng 10%` does not
        return True, numbered or body.endswith(":")
    if body.endswith(":") and _INTRO_TARGET_RE.search(body) and not _reports_results(body):
        return True, True  # `Năm 2024, huyện phấn đấu đạt các chỉ tiêu sau:`
    if not headingish and not is_list and _PARA_TARGET_RE.match(body):
        if _ITEMS_MET_RE.match(body):
            return False, False  # `Các chỉ tiêu cơ bản đều đạt ...`: a review paragraph
        return True, False
    if is_list or (headingish and _SUBTOPIC_RE.match(body)):
        return in_scope, False
    return (in_scope and opened and not headingish), False
