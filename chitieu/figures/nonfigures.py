"""Numbers that measure nothing: dates, times, years, terms, durations, ordinals, identifiers.

Two mechanisms: `Blocker` masks whole expressions (a date, a term `2020-2025`, a list marker)
so no figure may start inside them; `rejects` looks at the words around a candidate
figure (`lần thứ 29`, `Chỉ thị số 24`, `trên 1ha`) and drops it.
"""

from __future__ import annotations

import re

from chitieu.figures.normalize import lower_for_matching
from chitieu.figures.numbers import NUM, Candidate

_YEAR = r"(?:1[89]\d\d|20\d\d|21\d\d)"
_DAYWORD = (
    r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|rạng sáng|thứ hai|thứ ba|thứ tư|thứ năm|thứ sáu"
    r"|thứ bảy|chủ nhật)"
)
_UNIT_AHEAD = (
    # (whole words: `năm 2025 ngành du lịch` is a year before `ngành`, not before `ngàn`)
    r"(?!\s*(?:%|‰|m²|(?:nghìn|ngàn|triệu|(?:tỷ|tỉ)(?!\s+(?:lệ|trọng|suất)(?!\w))|đồng|USD|tấn|ha"
    r"|km|m2|kg|lít)(?!\w)))"
)

# Expressions that start at a number (matched at the number's position).
_AT_NUMBER = [
    # dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy
    r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}(?![\d/])",
    # 29-31/7, 29 - 31/7/2020
    r"\d{1,2}\s?-\s?\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\d/])",
    # mm/yyyy
    rf"\d{{1,2}}/{_YEAR}(?![\d/])",
    # times: 16:30, 09:26 AM, 7h30, 8 giờ 30
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:AM|PM|SA|CH|am|pm))?",
    r"\d{1,2}[hH]\d{0,2}(?!\w)",
    r"\d{1,2}\s?giờ(?:\s?\d{1,2}(?:\s?phút)?)?",
    # years and terms: 2020, 2020-2025, 2020 - 2025 (not `2000 tấn`)
    rf"{_YEAR}(?:\s?-\s?{_YEAR})?(?![\d])(?![.,]\d){_UNIT_AHEAD}",
    # durations and ages: `5 năm qua`, `10 năm thành lập`, `dưới 5 tuổi`
    rf"{NUM}(?:\s?-\s?{NUM})?\s+(?:năm|tháng|ngày|tuần|giờ|phút|giây|tuổi|thập kỷ|thập niên"
    r"|thế kỷ|quý|kỳ liên tiếp)(?!\w)",
    # phone numbers
    r"0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}(?![\d.,])",
    # document codes: 134-KH/TU, 24-CT/TU, 123/QĐ-UBND
    r"\d+(?:/\d+)?\s?-\s?[A-ZĐ]{1,8}(?![^\W\d_])(?:/[A-ZĐ0-9-]+)*",
    r"\d+/[A-ZĐ][\w-]*",
]
_AT_NUMBER_RE = re.compile("|".join(f"(?:{p})" for p in _AT_NUMBER))

# Expressions that start with words before the number: (words before, the numbers).
_DAY_BODY = r"(?>\d{1,2}(?:\s?[-/]\s?\d{1,2}){0,2})(?![\d%]|[,.]\d)"
_PREFIXED = [
    # a day word then a date or a day range: `Sáng 30/7`, `Chiều 6-10`, `ngày 15`
    (rf"(?i)(?<!\w){_DAYWORD}\s+(?:ngày\s+)?$", _DAY_BODY),
    # month and quarter words: `tháng 7`, `tháng 7/2023`, `quý 3`
    (r"(?i)(?<!\w)(?:tháng|quý|tuần)\s+$", r"\d{1,2}(?:/\d{2,4})?(?!\d)"),
    # levels of online public services: `mức độ 3, 4`, `mức độ 3 và 4`
    (r"(?i)(?:mức độ|cấp độ)\s+$", rf"{NUM}(?:\s*(?:,|và|-|hoặc)\s*\d+)*"),
    # page furniture
    (
        r"(?i)(?:view count|views?|lượt xem|lượt đọc|lượt thích|lượt chia sẻ|bình luận"
        r"|comments?|trang|page)\s*:?\s*$",
        r"\d[\d.,]*",
    ),
    # numbers hyphenated to a word: Covid-19
    (r"[^\W\d_]-$", r"\d+"),
    # the tiers of a model of government, a name (`chính quyền địa phương 2 cấp`, `mô hình 3
    # cấp`), not a count of anything done
    (r"(?i)(?<!\w)(?:chính quyền|mô hình|tổ chức)(?:\s+[^\W\d_]+){0,2}\s+$", r"\d\s+cấp(?!\w)"),
    # list markers at the start of a line: `(1).`, `1.`, `3.1.`, `2)`
    (r"(?m)^[ ]*(?:[-+*•]\s*)?\(?$", r"\d{1,2}(?:\.\d{1,2})*(?:\)\.?|\.)(?=\s|$)"),
]
_PREFIXED_RES = [(re.compile(p), re.compile(b)) for p, b in _PREFIXED]
# The same prefixes for the lower-cased text, case-sensitive: twice as fast (see
# `lower_for_matching`; the patterns are written in lower case).
_PREFIXED_LOWER_RES = [(re.compile(p.removeprefix("(?i)")), re.compile(b)) for p, b in _PREFIXED]
_PREFIX_WINDOW = 24

# Words that make the next number an ordinal or an identifier.
_ID_PREFIX_RE = re.compile(
    r"(?i)(?<!\w)(?:lần thứ|thứ|lần|khóa|khoá|đợt|văn bản|điều|khoản|chương|mục|phần|tiết"
    r"|(?<!tổng )(?<!dân )(?<!chỉ )(?<!hệ )số(?: nhà)?"
    r"|phụ lục"
    r"|đại hội(?: đại biểu)?|chương trình(?: toàn khóa| toàn khoá| công tác)?|nghị quyết"
    r"(?: trung ương)?|trung ương|chỉ thị|kế hoạch|quyết định|thông tư|nghị định|công văn"
    r"|thông báo|hội nghị(?: trung ương)?|luật|đề án|tờ trình|báo cáo|quận|phường|huyện|thị xã"
    r"|tổ dân phố|tổ|khu phố|thôn|xóm|ấp|khóm|đường|phố|quốc lộ|tỉnh lộ|ql|đt|tl|covid|top"
    r"|phiên|tầng|lô|nhà|phòng|hạng|giai đoạn|(?<!triệu )tập|kỳ|khu|cụm|block|tòa|căn|lớp|khối"
    r"|ảnh|hình|bảng|biểu|vành đai|metro)\s*(?:số\s*)?$|(?:view count|count|lượt xem)\s*:?\s*$"
)
_ID_PREFIX_LOWER_RE = re.compile(_ID_PREFIX_RE.pattern.removeprefix("(?i)"))


def _id_prefix(before: str) -> bool:
    """`_ID_PREFIX_RE.search(before)`, on the lower-cased text when that is the same."""
    lower = lower_for_matching(before)
    return bool(
        _ID_PREFIX_RE.search(before) if lower is None else _ID_PREFIX_LOWER_RE.search(lower)
    )


# A rank `thứ N/M` and the words after it, up to a `và` or comma the next number follows.
_ELIDED_RANK_RE = re.compile(r"(?i)(?<!\w)thứ\s*\d+\s*/\s*\d+[^.;:!?\d]*(?:,|\svà)\s*$")
_RANK_WINDOW = 120
_FRACTION_OF_RE = re.compile(r"(?i)\s+(?:số|tổng số|trong số|các|những|dân số|diện tích)\s")
_AREA_BASIS_RE = re.compile(r"(?i)(?:trên|mỗi|/)\s*$")
# `Số bác sĩ trên 10.000 dân đạt 12,5`: a round population after `trên`/`mỗi` following a noun
# (not after a verb: `có trên 10.000 dân` is an amount) is the basis of a rate.
_POP_BASIS_RE = re.compile(
    r"(?i)(?<!\bcó)(?<!\bđạt)(?<!\blà)(?<!\bvới)(?<!\bgồm)(?<!\bđược)(?<!\bhơn)(?<!\bkhoảng)"
    r"(?<![\d,.;:(])\s+(?:trên|mỗi)\s*$|/\s*$"
)
# Page furniture written number first: `0 bình luận`, `12 lượt xem`, `5 lượt chia sẻ`.
_FURNITURE_NOUN_RE = re.compile(
    r"(?i)(?:bình luận|lượt xem|lượt đọc|lượt thích|lượt chia sẻ|chia sẻ|views?|comments?"
    r"|likes?|shares?)$"
)
# `tăng trưởng 2 con số`: the number of digits is a class of magnitude, not a measurement.
_DIGITS_NOUN_RE = re.compile(r"(?i)con số$")
_POP_NOUN_RE = re.compile(r"(?i)(?:dân|người dân|người|dân số)$")


class Blocker:
    """Masked expressions (dates, terms, codes...) of a text, checked at each number in order."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._end = 0  # the last masked expression found ends here
        lower = lower_for_matching(text)
        self._prefix_text = text if lower is None else lower
        self._prefixed = _PREFIXED_RES if lower is None else _PREFIXED_LOWER_RES

    def blocked(self, pos: int) -> bool:
        """True when the number at `pos` starts or lies inside a masked expression."""
        if pos < self._end:
            return True
        text = self._text
        m = _AT_NUMBER_RE.match(text, pos)
        if m is None:
            lo = max(0, pos - _PREFIX_WINDOW)
            for prefix, body in self._prefixed:
                m = body.match(text, pos)
                if m and prefix.search(self._prefix_text, lo, pos):
                    break
                m = None
        if m is None:
            return False
        self._end = m.end()
        return True


def rejects(text: str, cand: Candidate) -> bool:
    """True when the words around `cand` show it is not a measurement."""
    before = text[max(0, cand.start - 40) : cand.start]
    if cand.unit in ("count", "ratio") and _id_prefix(before):
        return True
    lo = max(0, cand.start - _RANK_WINDOW)
    if (
        cand.unit == "ratio"
        and text.find("thứ", lo, cand.start) >= 0
        and _ELIDED_RANK_RE.search(text, lo, cand.start)
    ):
        # `xếp thứ 14/63 ..., thứ 02/14 ... và 1/5 tỉnh`: a rank with its `thứ` elided
        return True
    if cand.unit in ("quantity", "count") and cand.value == 1 and _AREA_BASIS_RE.search(before):
        # `trên 1ha đất`, `/1 ha`, `trên 1 vạn dân`: the basis of a rate, not an amount
        return True
    if cand.unit == "count" and (
        _population_basis(before, cand)
        or _FURNITURE_NOUN_RE.match(cand.noun or "")
        or _DIGITS_NOUN_RE.match(cand.noun or "")
    ):
        return True
    return cand.unit == "ratio" and _looks_like_date(text, cand)


def _population_basis(before: str, cand: Candidate) -> bool:
    value = cand.value
    round_ten = value >= 10 and value == 10 ** round(len(str(int(value))) - 1)
    return (
        round_ten
        and bool(_POP_NOUN_RE.match(cand.noun or ""))
        and bool(_POP_BASIS_RE.search(before))
    )


def _looks_like_date(text: str, cand: Candidate) -> bool:
    """`30/7` is a date; `8/8 phường` and `24/24 chỉ tiêu` are ratios."""
    a, b = cand.value, cand.denominator or 0
    if a > b:
        # no share has more parts than the whole; but result/plan written `x/y` with what it
        # counts (`5.015/5.000 lao động`, `42.999/28.000 tỷ đồng`) is a ratio, unless it reads as
        # a day and month
        return not cand.noun or (a <= 31 and b <= 12)
    if cand.noun or _FRACTION_OF_RE.match(text, cand.end):
        return False  # `1/3 số xã`: a share of something, not the first of March
    return 1 <= a <= 31 and 1 <= b <= 12
