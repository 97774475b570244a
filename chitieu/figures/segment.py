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

_SENT_END_RE = re.compile(r"[.!?…]+[”\"’)]*[ ]+|\n+")
_LIST_RE = re.compile(r"^\s*(?:[-+*•●▪◦–]|\(\d{1,2}\)\.?|[a-zđ]\)\s)")
_NUMBERED_RE = re.compile(r"^\s*(?:[IVXLC]{1,6}\s*[-.)–]|\d{1,2}(?:\.\d{1,2})*\.?(?=\s))")
_MARKER_RE = re.compile(
    r"^\s*(?:[-+*•●▪◦–]\s*|\(\d{1,2}\)\.?\s*|[a-zđ]\)\s*|[IVXLC]{1,6}\s*[-.)–]\s*"
    r"|\d{1,2}(?:\.\d{1,2})*\.?\s+)*"
)
_TARGET_HEAD_RE = re.compile(
    r"(?i)^(?:(?:những|các|một số|nhóm|hệ thống)\s+)?(?:mục tiêu|chỉ tiêu|phương hướng"
    r"|định hướng|nhiệm vụ|kế hoạch|phấn đấu)(?!\w)"
)
_PARA_TARGET_RE = re.compile(r"(?i)^(?:(?:những|các|một số)\s+)?(?:mục tiêu|chỉ tiêu|phấn đấu)")
_RESULT_RE = re.compile(r"(?i)kết quả|đã đạt")
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
        if m.group()[0] != "\n" and nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "“\"(-+*•"):
            continue  # `TP. Hồ Chí Minh` is handled as a break; `3.4 lần` never reaches here
        _add(out, text, start, end)
        start = m.end()
    _add(out, text, start, len(text))
    return out


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
        in_scope = False
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                in_scope = _next_scope(line, in_scope)
            self._starts.append(pos)
            self._flags.append(in_scope)
            pos += len(line) + 1

    def is_target(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._flags[i]


def _next_scope(line: str, in_scope: bool) -> bool:
    body = line[_MARKER_RE.match(line).end() :].strip()  # type: ignore[union-attr]
    is_list = bool(_LIST_RE.match(line))
    numbered = bool(_NUMBERED_RE.match(line)) and not is_list
    words = len(body.split())
    headingish = numbered or body.endswith(":") or (
        not is_list and words <= _HEADING_MAX_WORDS and not body.endswith((".", "!", "?", "…", ";"))
    )
    if headingish and _TARGET_HEAD_RE.match(body) and not _RESULT_RE.search(body):
        return True
    if not headingish and not is_list and _PARA_TARGET_RE.match(body):
        return True
    if is_list or (headingish and _SUBTOPIC_RE.match(body)):
        return in_scope
    return False
