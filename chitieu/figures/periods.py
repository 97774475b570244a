"""The period a figure describes: its years, a part of a year, a target's horizon, yearly averages.

Read from the text around the figure, nearest statement first (the contract is the "Periods"
section of docs/FIGURES.md):

1. a period written right after the figure (`8,46% năm 2020`, `73,26% (2021)`);
2. its sentence: the nearest period before the figure, else one after it in the same clause;
   a period in brackets or written after another figure belongs to that one;
3. a sentence that continues the previous one (`Trong đó, ...`) takes the previous figure's;
4. a period opening an earlier sentence of the paragraph (`5 năm qua, ...`, `Năm 2023, ...`);
5. a count at an event (delegates, people elected or awarded) is of the article's year;
6. a period opening an earlier paragraph of the section, then the headings above (a list
   intro, a numbered or a news heading), the title;
7. for a target, the congress term the article names (`Đại hội ... nhiệm kỳ 2020-2025`).

Relative forms (`5 năm qua`, `đến nay`, `nhiệm kỳ qua`, a part-year without a year) count from
the article's year. A period that cannot be the figure's own is passed over: for a result, one
ending after the article's year (`nhiệm kỳ 2020-2025` in a 2020 congress report names the
congress) or a future form; for a target, a past one or a result form (`đến nay`); for both, the
base of a comparison (`so với năm 2019`, `cùng kỳ năm trước`). `thời gian qua` states that the
period is not known, and stops the search.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from chitieu.figures.normalize import lower_for_matching
from chitieu.figures.segment import Span, at_most_words, sentences

_Y = r"((?:19|20)\d\d)"
_NUMWORD = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10,
}  # fmt: skip
_N = r"(\d{1,2}|" + "|".join(_NUMWORD) + r")"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DASH = r"\s*(?:-|đến|tới)\s*(?:năm\s+)?"
# Forms, most specific first; an expression overlapping an earlier-listed one is dropped.
_FORMS: list[tuple[str, str]] = [
    ("quarter", rf"quý\s+(iv|i{{1,3}}|[1-4])(?!\w)(?:\s*(?:/|năm|-)\s*{_Y})?"),
    ("half", rf"(?:6|sáu)\s+tháng\s+cuối\s+năm(?:\s*(?:năm\s+|/)?{_Y})?|nửa cuối năm(?:\s+{_Y})?"),
    (
        "months",
        rf"(?<![\d/])(?<!ngày\s)(?<!tháng\s)(\d{{1,2}}|sáu|chín)\s+tháng(?!\s+(?:tuổi|\d))"
        rf"(\s+đầu năm|\s+năm(?!\s+(?:qua|tới|\d)))?(?:\s*(?:năm\s+|/)\s*{_Y}|\s+{_Y})?",
    ),
    ("firsthalf", rf"nửa đầu năm(?:\s+{_Y})?"),
    ("since", rf"từ\s+(?:năm\s+)?{_Y}\s+(?:đến|tới)\s+(?:nay|hiện nay|năm nay|thời điểm này)"),
    ("term", rf"nhiệm kỳ\s+(?:đại hội\s+)?{_Y}{_DASH}{_Y}"),
    ("span", rf"(?:giai đoạn|thời kỳ|thời gian|trong|từ năm|từ|các năm|năm)?\s*{_Y}{_DASH}{_Y}"),
    ("past_n", rf"(?:(?:trong|sau)\s+)?{_N}\s+năm\s+(?:qua|vừa qua|gần đây|trở lại đây)"),
    (
        "past_n",
        rf"sau\s+{_N}\s+năm(?!\s+(?:tới|nữa))"
        r"(?:\s+thực hiện\s+(?:các\s+)?(?:nghị quyết|nq)(?:\s+(?:đại hội|đh))?)?",
    ),
    ("past_n", rf"{_N}\s+năm(?=\s+(?:ước|đạt|thực hiện|liền|liên tục))"),
    ("next_n", rf"{_N}\s+năm\s+(?:tới|tiếp theo|sắp tới)"),
    ("past_term", r"nhiệm kỳ\s+(?:qua|vừa qua|trước)"),
    ("next_term", r"nhiệm kỳ\s+(?:tới|mới|sắp tới)"),
    ("review", r"thực hiện\s+(?:các\s+)?(?:nghị quyết|nq)\s+(?:đại hội|đh)"),
    (
        "as_of_date",
        rf"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:ngày\s+\d{{1,2}}\s*[/.-]\s*)?"
        rf"(?:tháng\s+)?\d{{1,2}}\s*[/.-]\s*{_Y}",
    ),
    (
        "by",
        rf"(?:(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?|trước\s+|vào\s+|hết\s+|cuối\s+)"
        rf"(?:năm\s+)?{_Y}(?![\d/-])",
    ),
    ("month", rf"tháng\s+\d{{1,2}}\s*(?:/|năm)\s*{_Y}"),
    ("day", r"(?:ngày|sáng|chiều|tối|trưa|đêm)(?:\s+nay)?\s+\(?\d{1,2}\s*/\s*\d{1,2}\)?(?!\s*/)"),
    ("as_of", r"tính\s+(?:đến|tới)\s+(?:nay|thời điểm này|hiện nay)"),
    ("as_of", r"(?:đến|tới)\s+(?:nay|thời điểm này|hiện nay|thời điểm hiện tại)"),
    ("as_of", r"hiện(?<!thực hiện)(?<!phát hiện)(?<!xuất hiện)\s+(?:nay|có|tại|đã|còn|đang)"),
    ("as_of", r"tại thời điểm này"),
    ("unknown", r"thời gian (?:qua|vừa qua|gần đây)|những năm (?:qua|gần đây)"),
    ("year", rf"năm(?<![\d/]năm)\s+{_Y}(?![\d/]|\s*-\s*\d)"),
    ("year", rf"\((?:năm\s+)?{_Y}\)"),
    ("this_year", r"năm nay|trong năm(?!\s+(?:qua|tới|sau|\d|học))"),
    ("last_year", r"năm\s+(?:qua|vừa qua)"),
    ("next_year", r"năm\s+(?:tới|sau|kế tiếp)"),
    ("prev_year", r"năm\s+(?:trước|ngoái)"),
]
# Matched on the lower-cased text without IGNORECASE, and the left word boundary checked by
# hand: patterns that open with a literal then get the regex engine's fast prefix scan (the
# forms are written in lower case).
_FORM_RE = [(form, re.compile(rf"{rx}(?!\w)")) for form, rx in _FORMS]
_FORM_RE_ANY_CASE = [(form, re.compile(rf"(?i){rx}(?!\w)")) for form, rx in _FORMS]
# The forms that open with an optional part, a class or an alternation get no prefix scan:
# the engine tries them at every character (most of the extraction time). Each has cores, one
# of which every match holds, preceded within the match by at most `back` non-space
# characters; each core opens with a literal (no lookbehind) so it is searched fast, and the
# form is tried only where a match could start before the nearest one. Same matches as
# finditer: see _finditer. A core needs only be implied by the match: it may match more.
# {index in _FORMS: (form, cores, back)}
_YEAR_TAIL = r"\d\d\s*(?:-|đến|tới)\s*(?:năm\s+)?(?:19|20)\d\d"
_BY_TAIL = rf"\s+(?:(?:hết|cuối)\s+)?(?:năm\s+)?{_Y}(?![\d/-])"
_AS_OF_DATE_TAIL = (
    r"\s+(?:hết\s+|cuối\s+)?(?:ngày\s+\d{1,2}\s*[/.-]\s*)?(?:tháng\s+)?"
    rf"\d{{1,2}}\s*[/.-]\s*{_Y}"
)
_AS_OF_TAIL = r"\s+(?:nay|thời điểm này|hiện nay|thời điểm hiện tại)"
_CORES: dict[int, tuple[str, tuple[str, ...], int]] = {
    1: ("half", (r"cuối\s+năm",), 8),
    2: ("months", (r"tháng",), 4),
    6: ("span", (f"19{_YEAR_TAIL}", f"20{_YEAR_TAIL}"), 9),
    7: ("past_n", (r"năm\s+(?:qua|vừa qua|gần đây|trở lại đây)",), 9),
    9: ("past_n", (r"năm(?=\s+(?:ước|đạt|thực hiện|liền|liên tục))",), 4),
    10: ("next_n", (r"năm\s+(?:tới|tiếp theo|sắp tới)",), 4),
    # (the form less its optional `tính`: the date after `đến` makes it rare)
    14: ("as_of_date", (f"đến{_AS_OF_DATE_TAIL}", f"tới{_AS_OF_DATE_TAIL}"), 4),
    # (the lead word before the year, less the optional `tính`; `hết`/`cuối` after any lead)
    15: ("by", tuple(f"{w}{_BY_TAIL}" for w in ("đến", "tới", "trước", "vào", "hết", "cuối")), 4),
    17: ("day", (r"/\s*\d",), 11),
    19: ("as_of", (f"đến{_AS_OF_TAIL}", f"tới{_AS_OF_TAIL}"), 0),
    22: ("unknown", (r"thời gian (?:qua|vừa qua|gần đây)", r"những năm (?:qua|gần đây)"), 0),
    25: ("this_year", (r"năm nay", r"trong năm"), 0),
}
assert all(_FORMS[i][0] == form for i, (form, _, _) in _CORES.items())
_CORE_RE = {
    i: (tuple(re.compile(c) for c in cores), back) for i, (_, cores, back) in _CORES.items()
}


def _finditer(index: int, text: str) -> Iterator[re.Match[str]]:
    """`_FORM_RE[index][1].finditer(text)`, faster. The next match starts at or after `pos`,
    and no later than the first core at or after `pos` unless none starts by then: so it
    starts within `back` non-space characters before that core, or the search goes on
    after it."""
    rx = _FORM_RE[index][1]
    if index not in _CORE_RE:
        yield from rx.finditer(text)
        return
    cores, back = _CORE_RE[index]
    # the next start of each core at or after `pos` (len(text) + 1: none); `pos` only grows,
    # so a core is searched again only once `pos` has passed its start
    nexts = [-1] * len(cores)
    pos = 0
    while (at := _next_core(cores, nexts, text, pos)) <= len(text):
        for start in range(_back_from(text, at, back, pos), at + 1):
            if m := rx.match(text, start):
                yield m
                pos = m.end()
                break
        else:
            pos = at + 1


def _next_core(cores: tuple[re.Pattern[str], ...], nexts: list[int], text: str, pos: int) -> int:
    """The first start of any of `cores` at or after `pos` (len(text) + 1 when none)."""
    for k, at in enumerate(nexts):
        if at < pos:
            c = cores[k].search(text, pos)
            nexts[k] = c.start() if c else len(text) + 1
    return min(nexts)


def _back_from(text: str, at: int, back: int, floor: int) -> int:
    """The first position from which text[start:at] holds at most `back` non-space
    characters (not before `floor`)."""
    start = at
    while start > floor and (back > 0 or text[start - 1].isspace()):
        start -= 1
        back -= not text[start].isspace()
    return start


# `Hiện tỉnh đã quy hoạch ...`: "now" opening a sentence (case matters: not `thực hiện`).
# (the word first, its line start or `. ` checked behind it: the engine skips to the word)
_NOW_RE = re.compile(r"(?m)Hiện(?= )(?:(?<=^Hiện)|(?<=\. Hiện))")
# A period that is only the base of a comparison: `so với năm 2019`, `cùng kỳ năm trước`.
_COMPARED_RE = re.compile(
    r"(?i)(?:(?:so với|so|hơn|bằng|như|gấp\s+\S+\s+lần)\s+(?:(?:cùng kỳ|cuối|đầu|kết quả|mức"
    r"|thời điểm|của|các|những)\s+)*|cùng kỳ\s+)$"
)
_COMPARED_LOWER_RE = re.compile(_COMPARED_RE.pattern.removeprefix("(?i)"))
# A topic opens its sentence or its first clause: `5 năm qua, ...`, `Theo đó, trong năm 2023`.
_TOPIC_BEFORE_RE = re.compile(
    r"(?i)(?:^|[,:–-])\s*(?:(?:trong|tính|riêng|chung|cả|qua|sau|kết quả|cùng|đến|còn|và"
    r"|đánh giá|tổng kết)\s+){0,2}$"
)
# (matched at a sentence's start: no `^`, which Pattern.match(text, pos) would tie to pos 0)
_CONTINUES_RE = re.compile(
    r"(?i)\W*(?:trong đó|trong số đó|riêng|cụ thể|bao gồm|đồng thời|ngoài ra)(?!\w)"
)
# `(cùng kỳ tăng 10,28%)`: the same period a year before
_SAME_PERIOD_BEFORE_RE = re.compile(
    r"(?i)(?:^|[(,;]\s*)cùng kỳ(?: năm trước)?\s+(?:tăng|giảm|đạt|là)"
)
_EVENT_RE = re.compile(
    r"(?i)đại biểu|đồng chí|(?<!\w)bầu(?!\w)|tham dự|nhân dịp này|vinh dự|được nhận|khen thưởng"
    r"|trao tặng|tuyên dương|ra quân|ra mắt"
)
_PAST_FORMS = {"past_n", "past_term", "since", "as_of", "last_year", "prev_year", "review", "day"}
_FUTURE_FORMS = {"next_n", "next_term", "next_year"}
_CARRIED_FORMS_EXCLUDED = {"as_of", "day"}  # "đến nay" speaks of its own clause only
_AVG_RE = re.compile(
    r"(?i)(?:bình quân|trung bình)(?!\s+(?:đầu người|mỗi người|một người|/|trên\s+(?:đầu|1\s?ha"
    r"|ha|một)|(?:chung\s+)?(?:của\s+)?(?:cả nước|khu vực|toàn quốc|vùng)))"
)
_ATTAINMENT_RE = re.compile(r"(?i)(?<!\w)(?:đạt|bằng|chiếm)(?!\w)")
_YEARLY_RE = re.compile(r"(?i)(?:hằng|hàng|mỗi|một|mọi)\s+năm|(?<!người)/\s?năm(?!\w)")
_PER_PERSON_RE = re.compile(r"(?i)/\s?người|đầu người")
_AVG_CARRY_WORDS = 10

# Headings: numbered sections, short lines without a closing stop, list intros ending in `:`.
_ROMAN_HEAD_RE = re.compile(r"^\s*[IVXLC]{1,6}\s*[-.)–]")
_NUM_HEAD_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")
_LIST_RE = re.compile(r"^\s*(?:[-+*•●▪◦–]|\(\d{1,2}\)\.?|[a-zđ]\)\s)")
_HEADING_MAX_WORDS = 30
_OWNER_GAP_RE = re.compile(r"[\s(]{0,3}")  # between a figure and the period written after it


@dataclass(frozen=True)
class Expr:
    """A period expression found in the text, before it is resolved against the article's year."""

    start: int
    end: int
    form: str
    y1: int | None = None
    y2: int | None = None
    n: int | None = None
    part: str | None = None
    compared: bool = False
    topic: bool = False
    owner: int | None = None  # the figure it is written right after
    brackets: tuple[int, int] | None = None  # the (...) it sits in


@dataclass(frozen=True)
class Period:
    start: int | None
    end: int | None
    part: str | None = None
    horizon: int | None = None
    is_annual_average: bool = False

    def fields(self) -> dict[str, Any]:
        return {
            "period_start_year": self.start,
            "period_end_year": self.end,
            "period_part": self.part,
            "horizon_year": self.horizon,
            "is_annual_average": self.is_annual_average,
        }


_T = TypeVar("_T")


def replace(obj: _T, **changes: Any) -> _T:
    """`dataclasses.replace` for the frozen records of this module and for `Figure` (plain
    fields: no `__post_init__`, no `init=False`), without its per-field checks, which cost
    more than the rest of reading a period."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__, **changes)
    return new


NO_PERIOD = Period(None, None)
UNKNOWN = Period(None, None, part="unknown")  # `thời gian qua`: stop looking, no period


@dataclass(frozen=True)
class Fig:
    """What the reader needs of a figure."""

    start: int
    end: int
    kind: str
    unit: str = ""
    measure: str = ""
    surface: str = ""


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMWORD[word.lower()]


def _expr(form: str, m: re.Match[str]) -> Expr | None:
    g = list(m.groups())
    if form == "quarter":
        q = g[0].lower()
        return Expr(m.start(), m.end(), "part", _year(g[1]), part=f"q{_ROMAN.get(q) or int(q)}")
    if form == "half":
        return Expr(m.start(), m.end(), "part", _year(next((x for x in g if x), None)), part="h2")
    if form == "firsthalf":
        return Expr(m.start(), m.end(), "part", _year(g[0]), part="h1")
    if form == "months":
        n = _count(g[0])
        if not 1 <= n <= 11:
            return None
        year = _year(g[2] or g[3])
        return Expr(m.start(), m.end(), "part", year, part="h1" if n == 6 else f"m{n}")
    if form in ("span", "term"):
        y1, y2 = int(g[0]), int(g[1])
        return Expr(m.start(), m.end(), form, y1, y2) if 0 < y2 - y1 <= 15 else None
    if form in ("past_n", "next_n"):
        n = _count(g[0])
        return Expr(m.start(), m.end(), form, n=n) if 1 <= n <= 15 else None
    if form in ("since", "by", "as_of_date", "month", "year"):
        return Expr(m.start(), m.end(), form, _year(g[-1]))
    return Expr(m.start(), m.end(), form)


_MONTHS_BEFORE_RE = re.compile(r"(?i)(?:lũy kế|luỹ kế|trong|sau|qua|của|kết quả|[,;:(]|^)\s*$")
_MONTHS_AFTER_RE = re.compile(r"(?i)\s*(?:[,:;.)]|qua(?!\w)|vừa qua|cuối|là|$)")


def _months_context(text: str, m: re.Match[str]) -> bool:
    """`6 tháng đầu năm`, `9 tháng năm 2024`, `Lũy kế 10 tháng, ...`: a report period, not a
    duration (`sau 3 tháng triển khai` is one too, but `trẻ 6 tháng tuổi` is not)."""
    if m.group(2) or m.group(3) or m.group(4):
        return True
    line_start = text.rfind("\n", 0, m.start()) + 1
    before = text[max(line_start, m.start() - 20) : m.start()]
    return bool(_MONTHS_BEFORE_RE.search(before) or _MONTHS_AFTER_RE.match(text, m.end()))


def find_expressions(text: str) -> list[Expr]:
    """Every period expression of `text`, in text order, overlaps resolved by form priority."""
    lower = text.lower()
    forms = _FORM_RE if len(lower) == len(text) else _FORM_RE_ANY_CASE
    subject = lower if forms is _FORM_RE else text
    cased = lower_for_matching(text)  # for the comparison cue: see `lower_for_matching`
    taken = bytearray(len(text) + 1)  # 1 where an earlier (more specific) expression lies
    found: list[Expr] = []
    if forms is _FORM_RE:
        matches = [(form, m) for i, (form, _) in enumerate(forms) for m in _finditer(i, subject)]
    else:
        matches = [(form, m) for form, rx in forms for m in rx.finditer(subject)]
    matches += [("as_of", m) for m in _NOW_RE.finditer(text)]
    for form, m in matches:
        lo, hi = m.start(), m.end()
        while lo < hi and text[lo].isspace():
            lo += 1
        if (lo > 0 and text[lo - 1].isalnum()) or taken.find(1, lo, hi) >= 0:
            continue
        expr = _expr(form, m)
        if expr is None or (form == "months" and not _months_context(text, m)):
            continue
        compared = _compared(text, cased, lo)
        taken[lo:hi] = b"\x01" * (hi - lo)
        found.append(replace(expr, start=lo, compared=compared, brackets=_brackets(text, lo, hi)))
    return sorted(found, key=lambda e: e.start)


def _compared(text: str, lower: str | None, start: int) -> bool:
    """Whether the expression at `start` is the base of a comparison (`_COMPARED_RE`)."""
    if lower is None:
        return bool(_COMPARED_RE.search(text, max(0, start - 40), start))
    return bool(_COMPARED_LOWER_RE.search(lower, max(0, start - 40), start))


def _brackets(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The (...) around text[start:end] within its line, if any."""
    line_start = text.rfind("\n", 0, start) + 1
    opening = text.rfind("(", line_start, start + 1)
    if opening < 0 or text.rfind(")", opening, start) >= 0:
        return None
    closing = text.find(")", end - 1)
    newline = text.find("\n", end)
    if closing < 0 or (0 <= newline < closing):
        return None
    return opening, closing + 1


class _Resolver:
    """Turns expressions into periods for a figure of a kind, against the article's year."""

    def __init__(self, year: int | None, month: int | None) -> None:
        self.year, self.month = year, month

    def resolve(self, e: Expr, kind: str) -> Period | None:
        """The period `e` states for a figure of `kind`, or None when it cannot be its own."""
        if e.compared:
            return None
        if e.form == "unknown":  # `thời gian qua`: a result of some past, unknown period
            return UNKNOWN if kind != "target" else None
        return self._checked(e, kind)

    def _checked(self, e: Expr, kind: str) -> Period | None:
        if kind == "target" and e.form in _PAST_FORMS:
            return None
        if kind != "target" and e.form in _FUTURE_FORMS:
            return None
        period = self._period(e, kind)
        if period is None or self.year is None or period.end is None:
            return period
        if kind != "target" and period.end > self.year:
            return None
        if kind == "target" and period.end < self.year:
            return None
        return period

    def _period(self, e: Expr, kind: str) -> Period | None:
        f = e.form
        if f in ("year", "month", "as_of_date"):
            return Period(e.y1, e.y1)
        if f == "span":
            return Period(e.y1, e.y2)
        if f == "term":  # a congress term names its plan years: 2020-2025 is 2021-2025
            return Period(e.y1 + 1 if e.y1 else None, e.y2)
        if f == "by":
            return Period(None, e.y1, horizon=e.y1) if kind == "target" else Period(e.y1, e.y1)
        if f == "part":
            return Period(e.y1, e.y1, e.part)  # a missing year is filled in by the caller
        return None if self.year is None else self._relative(e, self.year)

    def _relative(self, e: Expr, y: int) -> Period | None:
        f, n = e.form, e.n or 0
        closed_term_end = y if y % 5 == 0 else y - y % 5  # congress years: 2015, 2020, 2025
        if f == "since":
            return Period(e.y1, y)
        if f == "past_n":
            return Period(y - n + 1, y)
        if f == "next_n":
            return Period(y + 1, y + n)
        if f == "past_term":
            return Period(closed_term_end - 4, closed_term_end)
        if f == "review":  # the results so far of the congress resolution in force
            return Period(closed_term_end - 4 if y % 5 == 0 else closed_term_end + 1, y)
        if f == "next_term":
            end = y + 5 if y % 5 == 0 else closed_term_end + 5
            return Period(end - 4, end)
        if f in ("as_of", "this_year", "day"):
            return Period(y, y)
        if f == "last_year":  # a year-end review speaks of the current year
            year = y if (self.month or 12) >= 10 else y - 1
            return Period(year, year)
        if f in ("next_year", "prev_year"):
            return Period(y + (1 if f == "next_year" else -1), y + (1 if f == "next_year" else -1))
        return None


@dataclass
class _Heading:
    level: int
    exprs: list[Expr]


class _Headings:
    """For each line, the stack of headings above it (title first, nearest last) and the topic
    expressions of the earlier paragraphs of its section."""

    def __init__(self, text: str, exprs: Sequence[Expr]) -> None:
        self._starts: list[int] = []
        self._stacks: list[tuple[_Heading, ...]] = []
        self._topics: list[tuple[Expr, ...]] = []
        self._is_heading: list[bool] = []
        stack: list[_Heading] = []
        topics: list[Expr] = []
        starts = [e.start for e in exprs]
        pos, first = 0, True
        for line in text.split("\n"):
            end = pos + len(line)
            if line.strip():
                level = 0 if first else _heading_level(line)
                here = list(
                    exprs[bisect.bisect_left(starts, pos) : bisect.bisect_left(starts, end)]
                )
                self._starts.append(pos)
                self._stacks.append(tuple(stack))
                self._topics.append(tuple(topics))
                self._is_heading.append(level is not None)
                if level is not None:
                    while stack and stack[-1].level >= level > 0:
                        stack.pop()
                    stack.append(_Heading(level, here))
                    topics = []
                else:
                    topics.extend(e for e in here if e.topic)
                first = False
            pos = end + 1

    def _line(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def above(self, pos: int) -> list[list[Expr]]:
        """Expressions of the headings above `pos`, nearest first (a heading line itself
        counts as its own sentence, not as a heading of itself)."""
        if not self._stacks:
            return []
        return [h.exprs for h in reversed(self._stacks[self._line(pos)])]

    def section_start(self, pos: int) -> int:
        """Where the section of `pos` begins: the line after its nearest heading."""
        i = self._line(pos)
        while i > 0 and not self._is_heading[i - 1]:
            i -= 1
        return self._starts[i] if self._starts else 0

    def section_topics(self, pos: int) -> list[Expr]:
        """Topic expressions of earlier paragraphs of the section, nearest first."""
        return list(reversed(self._topics[self._line(pos)])) if self._topics else []


def _heading_level(line: str) -> int | None:
    """1 for a Roman-numbered heading, 2-3 for `1.`/`3.1.`, 4 for an unnumbered (news) heading,
    5 for a list intro ending in `:`; None for running text and list items."""
    body = line.strip()
    if _ROMAN_HEAD_RE.match(body):
        return 1
    if _LIST_RE.match(body):
        return 5 if body.endswith(":") else None
    m = _NUM_HEAD_RE.match(body)
    if m and not body.endswith((".", ";")):
        return 2 + min(1, m.group(1).count("."))
    if body.endswith(":"):
        return 5
    if not body.endswith((".", "!", "?", "…", ";")) and at_most_words(body, _HEADING_MAX_WORDS):
        return 4
    return None


Scope = Sequence[Expr | Period]


class PeriodReader:
    """The periods of the figures of one normalised text, read in text order."""

    def __init__(
        self,
        text: str,
        figs: Sequence[Fig],
        published: date | None,
        fallback_year: int | None,
        sents: list[Span] | None = None,
    ) -> None:
        self.text, self.figs = text, list(figs)
        self.sents = sentences(text) if sents is None else sents
        self._sent_starts = [s.start for s in self.sents]
        self._fig_starts = [f.start for f in self.figs]
        self.exprs = [self._placed(e) for e in find_expressions(text)]
        self._starts = [e.start for e in self.exprs]
        self._owned: dict[int, list[Expr]] = {}
        for e in self.exprs:
            if e.owner is not None:
                self._owned.setdefault(e.owner, []).append(e)
        self.headings = _Headings(text, self.exprs)
        self.doc_terms = [e for e in self.exprs if e.form == "term"]
        year = published.year if published else fallback_year
        self.year = year
        self.resolver = _Resolver(year, published.month if published else None)
        self.done: list[Period] = []

    def sentence_of(self, pos: int) -> Span:
        i = max(0, bisect.bisect_right(self._sent_starts, pos) - 1)
        return self.sents[i] if self.sents else Span(0, len(self.text))

    def _placed(self, e: Expr) -> Expr:
        """The figure `e` is written right after, and whether it opens its sentence."""
        i = bisect.bisect_right(self._fig_starts, e.start) - 1
        owner = None
        # (a slice, not fullmatch's bounds: an expression inside the figure has an empty gap)
        if i >= 0 and _OWNER_GAP_RE.fullmatch(self.text[self.figs[i].end : e.start]):
            owner = i
        sent = self.sentence_of(e.start)
        before = self.text[sent.start : e.start]
        opens = (
            e.form not in _CARRIED_FORMS_EXCLUDED
            and e.brackets is None
            and not (i >= 0 and self.figs[i].start >= sent.start)
            and bool(_TOPIC_BEFORE_RE.search(before[-80:]))
        )
        return replace(e, owner=owner, topic=opens)

    def _opens_clause(self, e: Expr) -> bool:
        before = self.text[self.sentence_of(e.start).start : e.start]
        return bool(_TOPIC_BEFORE_RE.search(before[-80:]))

    def _in(self, lo: int, hi: int) -> list[Expr]:
        i, j = bisect.bisect_left(self._starts, lo), bisect.bisect_left(self._starts, hi)
        return self.exprs[i:j]

    def period(self, i: int) -> Period:
        """The period of figure `i`; figures are read in order (a continuing sentence takes
        the previous figure's period)."""
        fig = self.figs[i]
        sent = self.sentence_of(fig.start)
        # (read lazily: most figures find their period in the first scopes, and the scopes
        # after it are read only to complete a part-year or a target)
        scopes = self._scopes(i, sent)
        found = self._first(scopes, fig.kind)
        period = NO_PERIOD
        if found is not None and found[2] is not UNKNOWN:
            scope, item, period, _ = found
            rest = [x for x in scope if x is not item]  # its own scope's other items
            period = self._complete(period, itertools.chain([rest], scopes), fig.kind)
        average = self._is_average(i, sent, period, found is not None and found[3] <= 1)
        period = replace(self._same_period_before(i, sent, period), is_annual_average=average)
        self.done.append(period)
        return period

    def _scopes(self, i: int, sent: Span) -> Iterator[Scope]:
        """Candidate statements, nearest first, one list per scope."""
        fig = self.figs[i]
        yield self._owned.get(i, [])
        yield list(self._sentence_exprs(i, sent))
        if i > 0 and _CONTINUES_RE.match(self.text, sent.start) and self.done[i - 1] != NO_PERIOD:
            yield [replace(self.done[i - 1], is_annual_average=False)]
        para_start = self.text.rfind("\n", 0, sent.start) + 1
        yield [e for e in reversed(self._in(para_start, sent.start)) if e.topic]
        if self._is_event_count(fig, sent):
            yield [Period(self.year, self.year)]
        yield list(self.headings.section_topics(fig.start))
        yield from self.headings.above(fig.start)
        if fig.kind == "target":
            yield list(reversed(self.doc_terms))
        else:  # last resort: an earlier "đến nay" of the section
            section = self.headings.section_start(fig.start)
            yield [
                e
                for e in reversed(self._in(section, sent.start))
                if e.form == "as_of" and self._opens_clause(e)
            ]

    def _is_event_count(self, fig: Fig, sent: Span) -> bool:
        """People counted at the article's event: delegates, those elected or awarded."""
        return (
            fig.kind != "target"
            and fig.unit == "count"
            and self.year is not None
            and bool(_EVENT_RE.search(self.text, sent.start, sent.end))
        )

    def _sentence_exprs(self, i: int, sent: Span) -> Iterator[Expr]:
        """Expressions of the figure's sentence: the nearest before it, then those after it in
        its clause; not those written after another figure or in brackets the figure is not in."""
        fig = self.figs[i]
        own = [
            e
            for e in self._in(sent.start, sent.end)
            if e.owner is None
            and not (fig.start <= e.start < fig.end)
            and (e.brackets is None or e.brackets[0] <= fig.start < e.brackets[1])
        ]
        yield from reversed([e for e in own if e.start < fig.start])
        for e in own:
            if fig.end <= e.start < sent.end and ";" not in self.text[fig.end : e.start]:
                yield e

    def _first(self, scopes: Iterator[Scope], kind: str) -> tuple[Scope, Any, Period, int] | None:
        """(scope, item, its period, the scope's index) of the first item that states a
        period; `scopes` is read up to that scope."""
        for index, scope in enumerate(scopes):
            for item in scope:
                p = item if isinstance(item, Period) else self.resolver.resolve(item, kind)
                if p is not None:
                    return scope, item, p, index
        return None

    def _resolved(self, scopes: Iterable[Scope], kind: str) -> Iterator[Period]:
        for scope in scopes:
            for item in scope:
                p = item if isinstance(item, Period) else self.resolver.resolve(item, kind)
                if p is not None and p is not UNKNOWN:
                    yield p

    def _complete(self, period: Period, outer: Iterable[Scope], kind: str) -> Period:
        """A part-year takes its year from the scopes around it, else the article's year; a
        target's `đến năm 2025` its first year from a span around it ending that year (the
        article's year when that is the horizon)."""
        if period.part and period.end is None:
            outer = list(outer)  # (read twice for a target: the year, then the span)
            year = next(
                (p.end for p in self._resolved(outer, kind) if p.start == p.end and not p.part),
                self.year,
            )
            period = replace(period, start=year, end=year)
        if kind != "target":
            return period
        horizon = period.horizon or period.end
        start = period.start
        if start is None and horizon is not None:
            spans = (p.start for p in self._resolved(outer, kind) if p.end == horizon and p.start)
            start = next(spans, horizon if horizon == self.year else None)
        return replace(period, start=start, horizon=horizon)

    def _same_period_before(self, i: int, sent: Span, period: Period) -> Period:
        """`(cùng kỳ tăng 10,28%)`: the figure is of the year before its period."""
        prev = self.figs[i - 1] if i > 0 else None
        lo = prev.end if prev and prev.end >= sent.start else sent.start
        clause = self.text[lo : self.figs[i].start]
        if period.end is None or not _SAME_PERIOD_BEFORE_RE.search(clause):
            return period
        return replace(period, start=(period.start or period.end) - 1, end=period.end - 1)

    def _is_average(self, i: int, sent: Span, period: Period, from_sentence: bool) -> bool:
        """A yearly average: `bình quân`/`trung bình` tied to a year (`bình quân hằng năm`,
        `tăng bình quân 10%/năm`) or, for a rate of change, to a span of years; a rate per year
        over a span (`giai đoạn 2016-2020 đạt 8,03%/năm`); not a value per person."""
        fig = self.figs[i]
        prev = self.figs[i - 1] if i > 0 else None
        lo = prev.end if prev and prev.end >= sent.start else sent.start
        clause = self.text[lo : fig.start]
        span = period.start is not None and period.start < (period.end or 0)
        if _PER_PERSON_RE.search(clause) or _PER_PERSON_RE.search(fig.surface):
            return False
        avg = _AVG_RE.search(self.text, lo, fig.start)
        if avg:
            tail = self.text[avg.end() : min(sent.end, fig.end + 25)]
            return bool(_YEARLY_RE.search(tail)) or (span and fig.measure == "change")
        if span and fig.unit == "percent" and _YEARLY_RE.search(fig.surface):
            return True
        return bool(
            prev
            and prev.end >= sent.start
            and self.done[i - 1].is_annual_average
            and span
            and fig.unit == prev.unit
            and at_most_words(clause, _AVG_CARRY_WORDS)
            and not _ATTAINMENT_RE.search(clause)
        )


def attach(
    text: str,
    figures: Sequence[Any],
    published: date | None,
    fallback_year: int | None = None,
    sents: list[Span] | None = None,
) -> list[Any]:
    """`figures` (records with char_start, char_end, kind, unit, measure, surface, in text
    order) with their period fields set; `sents`: `sentences(text)`, when the caller has it."""
    if not figures:
        return list(figures)
    figs = [Fig(f.char_start, f.char_end, f.kind, f.unit, f.measure, f.surface) for f in figures]
    reader = PeriodReader(text, figs, published, fallback_year, sents)
    return [replace(f, **reader.period(i).fields()) for i, f in enumerate(figures)]
