"""Vietnamese number grammar: numbers, multipliers, units, ranges, ratios and counts.

`.` separates thousands and `,` marks decimals (`12.153` = 12153, `84,7` = 84.7). A figure is a
number (or a range `a-b`, `a đến b`, or a ratio `a/b`) followed by what it measures: a percent or
per-mille sign, a currency with optional multipliers (`nghìn tỷ đồng`), a physical unit, the word
`lần` after `gấp`/`tăng`, or a counted noun. This module only reads the grammar; whether a number
is a date, an ordinal or an identifier is decided in `nonfigures`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# `12.153`, `84,7`; an English-style `3.5` only right before a percent sign (`tăng 3.5%`); a
# space between groups of three digits before a word (`1 000 tỷ đồng`, the typographic
# thousands separator, a no-break space before normalisation).
_SPACED = r"\d{1,3}(?: \d{3})+(?:,\d+)?(?![\d.,])(?= ?(?:[^\W\d_]|/))"
NUM = rf"(?:{_SPACED}|\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d+\.\d{{1,2}}(?=\s?[%‰])|\d+(?:,\d+)?)"
NUM_RE = re.compile(NUM)
# A number starts where no word character, separator or slash precedes it: `NUM` after
# `(?<![\w.,/])`, written to open with its first digit (the lookbehind then checks the one
# before it) so that the regex engine skips to digits instead of trying every character.
NUM_START_RE = re.compile(
    r"\d(?<![\w.,/]\d)(?:\d{0,2}(?: \d{3})+(?:,\d+)?(?![\d.,])(?= ?(?:[^\W\d_]|/))"
    r"|\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*\.\d{1,2}(?=\s?[%‰])|\d*(?:,\d+)?)"
)

# `vạn` (ten thousand) is still written in reports: `1,5 vạn tấn`, `trên 1 vạn dân`.
MULTIPLIERS = {"nghìn": 1e3, "ngàn": 1e3, "vạn": 1e4, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
# `tỷ lệ`, `tỷ trọng`, `tỷ suất` are nouns (rate, share), not the multiplier `tỷ`
_MULT_WORD = r"(?:nghìn|ngàn|vạn|triệu|(?:tỷ|tỉ)(?!\s+(?:lệ|trọng|suất)(?!\w)))"
MULT = rf"{_MULT_WORD}(?:\s+{_MULT_WORD})*"
PER = r"(?:/(?:[^\W\d_]+|m2|m²|ha))*"

PERMILLE_RE = re.compile(r"\s?(?:%o|‰|%0(?!\d))")
PERCENT_RE = re.compile(
    # `giảm 5 điểm %`: percentage points are still a percent figure
    r"(?:\s?%|\s+điểm\s?%|\s+(?:điểm\s+)?phần\s+trăm(?!\w))(?:/(?:năm|tháng|quý|ngày|tuần))?"
)
CURRENCY = (
    r"(?:đồng(?!\s+(?:chí|bào|thời|nghiệp|ý|bộ|hành|loạt|đội|minh|hương|lòng|tâm|đều|dạng|nhất"
    r"|thuận|cảm|phục|ruộng|tình|chủ|khởi|xu|niên|phạm|môn|đẳng)(?!\w))"
    r"|VNĐ|VND|vnđ|vnd|đ(?!\w)|USD|usd|[đĐ]ô la(?:\s+[mM]ỹ)?|đô-la|Euro|EUR|euro)"
)
MONEY_RE = re.compile(rf"\s*(?:(?P<mult>{MULT})\s*)?(?P<cur>{CURRENCY})(?P<per>{PER})")
# `65 tr.đ/người`, `65 trđ`, `65 tr đồng`: the abbreviated `triệu đồng`
MILLION_DONG_RE = re.compile(rf"\s*(?:tr\.?\s?(?:đồng|đ)|trđ)(?!\w)(?P<per>{PER})")
# `3 tỷ 500 triệu đồng`, `1 triệu 200 nghìn đồng`: a sum of two multiplied parts
COMPOUND_MONEY_RE = re.compile(
    rf"\s+(?P<m1>tỷ|tỉ|triệu)\s+(?P<n2>\d{{1,3}})\s+(?P<m2>triệu|nghìn|ngàn)\s*"
    rf"(?P<cur>đồng|VNĐ|VND|đ)(?!\w)(?P<per>{PER})"
)
QTY_UNITS = (
    r"(?:tấn|tạ|yến|kg|ha|héc-ta|hécta|hecta|km2|km²|km|m2|m²|m3|m³|mét vuông|mét khối|mét|m"
    r"|lít|MWp|MW|kWp|kW|kWh|MWh|GW|cây số|ki-lô-mét|sào|mẫu|mm|cm)"
)
QTY_RE = re.compile(rf"\s*(?:(?P<mult>{MULT})\s*)?(?P<qu>{QTY_UNITS})(?![\w²³])(?P<per>{PER})")
MULT_ONLY_RE = re.compile(rf"\s+(?P<mult>{MULT})(?![\w])")
TIMES_RE = re.compile(r"\s+lần(?!\s+thứ)(?!\w)")
RANGE_SEP_RE = re.compile(r"\s*[-÷~]\s*|\s+(?:đến|tới)\s+")
RATIO_RE = re.compile(rf"(?P<a>{NUM})\s?/\s?(?P<b>{NUM})(?![\d/])")
RATIO_UNITS_RE = re.compile(
    rf"(?P<a>{NUM})\s?(?P<u>{QTY_UNITS})\s?/\s?(?P<b>{NUM})\s?(?P=u)(?![\w²³/])"
)
# `3 trên 5 chỉ tiêu`, `12 trên tổng số 15 xã`: a ratio in words (needs a counted noun after)
RATIO_WORDS_RE = re.compile(rf"(?P<a>{NUM})\s+trên\s+(?:tổng số\s+)?(?P<b>{NUM})(?![\d/.,])")
# A counted noun: words and quoted names right after the number.
NOUN_TOKEN_RE = re.compile(r"(?P<gap>[ ]{1,2})(?P<tok>“[^”\n]{1,80}”|\"[^\"\n]{1,80}\"|[^\W\d_]+)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that end a counted noun: function words, verbs, time words.
NOUN_STOP = _words(
    """và hoặc hay của trong tại ở cho với để trên dưới từ đến tới về vào theo so thuộc nhưng mà
    thì khi như gồm sau trước là có không chưa đã đang sẽ được bị đạt tăng giảm trở vượt chiếm bằng
    các những này đó kia nay năm tháng ngày tuần quý giờ phút giây tuổi hằng hàng mỗi mọi cùng
    đều cũng nhằm nên do bởi vì ra lên xuống qua còn thêm luôn đi lại rồi chỉ ước gần khoảng hơn
    nhiều ít tối thiểu đa trong ngoài giữa bên nhất nhì tỷ tỉ"""
) - {"chỉ"}  # `chỉ tiêu` is a noun; `chỉ còn` is caught as a pair below
# Words that cannot start a counted noun at all (besides NOUN_STOP).
NOUN_BAD_START = NOUN_STOP | _words(
    "lần thứ khóa khoá độ phần AM PM am pm sa ch h nghìn ngàn triệu tỷ tỉ trăm chục số usd"
    # `khách sạn 4 đến 5 sao`: a star rating is a level, not a count; `vành đai 4 dài`: an
    # adjective of size never starts a counted noun
    " sao dài rộng"
)
# Two-word starts that are no counted noun (`nhiệm kỳ 2020`, `chỉ còn`, `mức độ`).
NOUN_BAD_PAIR_RE = re.compile(
    r"(?i)^(?:nhiệm kỳ|giai đoạn|mức độ|chỉ còn|chỉ có|chỉ đạt|chỉ là|chỉ bằng|kỳ họp thứ)(?!\w)"
)
MAX_NOUN_WORDS = 6
# Verbs and descriptive modifiers after the head noun: the counted noun ends before them
# (`trường | công lập đạt chuẩn`, `đại biểu | đại diện cho`, `chỉ tiêu | Đại hội đề ra`).
_SET_OUT_RE = re.compile(
    r"(?i)(?:(?:đề|đặt)\s+ra|đại diện|phát triển|thi đua|xếp loại|sử dụng|tham gia|thực hiện"
    r"|hoạt động|công lập|truyền thống|coi|làm|nằm|thuộc|gồm|mang|sinh hoạt|tham dự|thay mặt"
    # attributes of the counted thing (`1 nhà máy | công suất 5.000 m3`)
    r"|công suất|diện tích|chiều dài|dung tích|quy mô|tổng vốn|trị giá|kinh phí)(?!\w)"
)


@dataclass
class Candidate:
    """A figure found by the grammar, before semantics; offsets into the normalised text."""

    start: int
    end: int
    unit: str
    value: float
    value_max: float | None = None
    denominator: float | None = None
    noun: str | None = None
    num_end: int = 0  # end of the (last) number, before the unit or noun


def parse_number(text: str) -> float:
    """`12.153` → 12153.0, `84,7` → 84.7, `05` → 5.0, `3.5` (before `%`) → 3.5."""
    if "," not in text and "." in text and len(text) - text.rindex(".") <= 3:
        return float(text)
    return float(text.replace(".", "").replace(" ", "").replace(",", "."))


def multiplier(words: str | None) -> float:
    """`nghìn tỷ` → 1e12; None → 1."""
    factor = 1.0
    for word in (words or "").split():
        factor *= MULTIPLIERS[word]
    return factor


def read_noun(text: str, pos: int) -> tuple[str | None, int]:
    """The counted noun right after `pos` (up to a stop word or punctuation) and its end."""
    words: list[str] = []
    end = pos
    # `match` at each end, not `finditer`: a search would scan the rest of the text for every
    # number not followed by a word (quadratic on number-only text)
    while m := NOUN_TOKEN_RE.match(text, end):
        tok = m.group("tok")
        quoted = tok[0] in '“"'
        low = tok.lower()
        if not words and (quoted or low in NOUN_BAD_START):
            return None, pos
        if not quoted and low in NOUN_STOP:
            break
        if words and _SET_OUT_RE.match(text, m.start("tok")):
            break
        words.append(tok)
        end = m.end()
        if quoted or len(words) >= MAX_NOUN_WORDS:
            break
    if not words:
        return None, pos
    noun = text[pos:end].strip()
    if NOUN_BAD_PAIR_RE.match(noun) or _proper_name(words):
        return None, pos
    return noun, end


def _proper_name(words: list[str]) -> bool:
    """`Bộ Công an`, `Hà Nội`: a capitalised name after a number is no counted noun, while a
    capitalised common noun (`10 Chương trình công tác`) or an acronym (`12 HTX`) is."""
    first = words[0]
    if first[0] in '“"' or not first[0].isupper() or (first.isupper() and len(first) > 1):
        return False
    return len(words) < 2 or not words[1][0].islower()


def _unit_after(
    text: str, pos: int, multiple_cue: bool = False
) -> tuple[str, int, float, str | None] | None:
    """The unit after a number ending at `pos`: (unit, end, factor, noun) or None.

    `multiple_cue`: `gấp`/`tăng` stands before the number, so `lần` makes it a multiple.
    """
    if multiple_cue:
        m = TIMES_RE.match(text, pos)
        if m:
            return "multiple", m.end(), 1.0, None
    m = PERMILLE_RE.match(text, pos)
    if m:
        return "permille", m.end(), 1.0, None
    m = PERCENT_RE.match(text, pos)
    if m:
        return "percent", m.end(), 1.0, None
    m = MILLION_DONG_RE.match(text, pos)
    if m:
        return "vnd", m.end(), 1e6, None
    m = MONEY_RE.match(text, pos)
    if m:
        cur = m.group("cur").lower()
        if cur in ("euro", "eur"):  # no unit of its own in the contract: kept as a quantity
            return "quantity", m.end(), multiplier(m.group("mult")), m.group("cur")
        unit = "usd" if cur in ("usd", "đô la", "đô la mỹ", "đô-la") else "vnd"
        return unit, m.end(), multiplier(m.group("mult")), None
    m = QTY_RE.match(text, pos)
    if m:
        return "quantity", m.end(), multiplier(m.group("mult")), m.group("qu")
    return _count_after(text, pos)


def _count_after(text: str, pos: int) -> tuple[str, int, float, str | None] | None:
    m = MULT_ONLY_RE.match(text, pos)
    factor, noun_pos = 1.0, pos
    if m:
        factor, noun_pos = multiplier(m.group("mult")), m.end()
    noun, end = read_noun(text, noun_pos)
    if noun:
        return "count", end, factor, noun
    if m and m.group("mult").split()[-1] in ("tỷ", "tỉ"):
        # A bare `tỷ` after a number is money in these reports (`đạt 3.594 tỷ`).
        return "vnd", m.end(), factor, None
    if (
        m
        and m.group("mult").split()[-1] == "triệu"
        and _MONEY_SUBJECT_RE.search(text, max(0, pos - _MONEY_SUBJECT_WINDOW), pos)
    ):
        # a bare `triệu` said of an amount of money (`Thu nhập bình quân đầu người đạt 72
        # triệu`) is millions of đồng
        return "vnd", m.end(), factor, None
    return None


# Subjects that are amounts of money, with the figure in their own clause.
_MONEY_SUBJECT_RE = re.compile(
    r"(?i)(?<!\w)(?:thu nhập|thu ngân sách|tổng thu|tổng chi|chi ngân sách|doanh thu|lợi nhuận"
    r"|vốn đầu tư|tổng vốn|giá trị sản phẩm|giá trị sản xuất)(?!\w)[^,;:.()\d]*\d[\d.,]*$"
)
_MONEY_SUBJECT_WINDOW = 80


def read_ratio(text: str, pos: int) -> Candidate | None:
    m = RATIO_RE.match(text, pos)
    if not m:
        return _read_ratio_units(text, pos) or _read_ratio_words(text, pos)
    noun, end = read_noun(text, m.end())
    # (a unit may stand close after the number: `trồng rừng được 673/550ha`)
    money = None if noun else MONEY_RE.match(text, m.end()) or QTY_RE.match(text, m.end())
    if money:
        # `42.999/28.000 tỷ đồng`, `1.044/920 triệu USD`: result/plan written as a ratio of
        # amounts; its noun is the unit words
        noun, end = text[m.end() : money.end()].strip(), money.end()
    return Candidate(
        pos,
        end if noun else m.end(),
        "ratio",
        parse_number(m.group("a")),
        denominator=parse_number(m.group("b")),
        noun=noun,
        num_end=m.end(),
    )


def _read_ratio_units(text: str, pos: int) -> Candidate | None:
    """`15.530 ha/22.366 ha` (result over plan, the unit written on both sides)."""
    m = RATIO_UNITS_RE.match(text, pos)
    if not m:
        return None
    a, b = parse_number(m.group("a")), parse_number(m.group("b"))
    return Candidate(pos, m.end(), "ratio", a, denominator=b, noun=m.group("u"), num_end=m.end())


def _read_ratio_words(text: str, pos: int) -> Candidate | None:
    m = RATIO_WORDS_RE.match(text, pos)
    if not m:
        return None
    a, b = parse_number(m.group("a")), parse_number(m.group("b"))
    noun, end = read_noun(text, m.end())
    if not noun or a > b:
        return None
    return Candidate(pos, end, "ratio", a, denominator=b, noun=noun, num_end=m.end())


def read_figure(text: str, pos: int, num_end: int, multiple_cue: bool) -> Candidate | None:
    """The figure starting at the number `text[pos:num_end]` (range or single), or None."""
    value = parse_number(text[pos:num_end])
    rng = _read_range(text, pos, num_end, value, multiple_cue)
    if rng:
        return rng
    compound = _read_compound_money(text, pos, num_end, value)
    if compound:
        return compound
    found = _unit_after(text, num_end, multiple_cue)
    if not found:
        return None
    unit, end, factor, noun = found
    if unit == "count" and factor != 1.0:
        # `12 nghìn lao động`: what is counted starts after the multiplier
        num_end = MULT_ONLY_RE.match(text, num_end).end()  # type: ignore[union-attr]
    return Candidate(pos, end, unit, _scaled(value, factor), noun=noun, num_end=num_end)


def _read_compound_money(text: str, pos: int, num_end: int, value: float) -> Candidate | None:
    m = COMPOUND_MONEY_RE.match(text, num_end)
    if not m:
        return None
    high, low = MULTIPLIERS[m.group("m1")], MULTIPLIERS[m.group("m2")]
    if low >= high:
        return None
    total = _scaled(value, high) + _scaled(float(m.group("n2")), low)
    return Candidate(pos, m.end(), "vnd", total, num_end=num_end)


def _read_range(
    text: str, pos: int, num_end: int, low: float, multiple_cue: bool
) -> Candidate | None:
    """`12-13%`, `5.800-6.200 người`, `3 đến 5 phường`, `5% - 10%`, `gấp 2-3 lần`."""
    p = num_end
    first_unit = PERMILLE_RE.match(text, p) or PERCENT_RE.match(text, p)
    if first_unit:
        p = first_unit.end()
    sep = RANGE_SEP_RE.match(text, p)
    if not sep:
        return None
    m2 = NUM_RE.match(text, sep.end())
    if not m2 or (m2.end() < len(text) and text[m2.end()] in "/:"):
        return None
    high = parse_number(m2.group())
    if high <= low:
        return None
    found = _unit_after(text, m2.end(), multiple_cue)
    if not found:
        return None
    unit, end, factor, noun = found
    if first_unit and unit not in ("percent", "permille"):
        return None
    return Candidate(
        pos, end, unit, _scaled(low, factor), _scaled(high, factor), noun=noun, num_end=m2.end()
    )


def _scaled(value: float, factor: float) -> float:
    """`8,2 triệu` → 8200000.0, not 8199999.999999999: decimals times a multiplier are rounded
    back to the few decimals a written number can carry."""
    return value * factor if factor == 1.0 else round(value * factor, 6)
