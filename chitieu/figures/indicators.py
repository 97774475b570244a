"""The indicator phrase (what a figure measures) and its code in the curated dictionary.

The phrase is usually the subject noun phrase of the clause before the number, stripped of the
cue words between it and the number (`đạt`, `ước đạt trên`, `tăng bình quân`, `chiếm`) and of
time phrases (`năm 2019`, `trong giai đoạn 2020-2022`). When nothing is left — `..., tăng 12%`,
`(vượt 32% kế hoạch)` — the figure shares the indicator of the previous figure in the sentence;
a figure at the start of its clause (`100% hồ sơ ...`) takes the words after it. Counts take
their noun and its modifiers (`38/42 trường công lập đạt chuẩn quốc gia`) unless a copula or
preposition links them to a phrase before (`Số lao động được tạo việc làm ... là 5.800 người`).
"""

from __future__ import annotations

import csv
import dataclasses
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from chitieu.figures.lexicon import ASSIGNED_BY

DICTIONARY_PATH = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "indicators.csv"

_CUE_WORDS = (
    r"đạt được|đạt mức|đạt tỷ lệ|đạt|ước đạt|ước thực hiện|ước tính|ước|là|chiếm tỷ lệ"
    r"|chiếm tỷ trọng|chiếm|tỷ lệ|bằng|vượt|tăng thêm|tăng bình quân|giảm bình quân|tăng lên"
    r"|giảm xuống"
    # `Tổng giá trị sản xuất tăng bình quân hằng năm 16,17%`: the verb with its yearly average
    r"|tăng bình quân hằng năm|tăng bình quân hàng năm|tăng bình quân mỗi năm"
    r"|giảm bình quân hằng năm|giảm bình quân hàng năm|giảm bình quân mỗi năm"
    r"|tăng|giảm|thêm|có thêm|có|gồm|với|lên|xuống|chỉ còn"
    r"|còn|ở mức|mức|khoảng|trên|dưới|hơn|gần|xấp xỉ|ít nhất|tối thiểu|tối đa|không quá|từ|cho"
    r"|tại|vào|của|đến|tới|luôn|thực hiện"
    r"|được|và|trong|so với|tổng cộng|tổng số|số|chừng|trên dưới|giữ vững|duy trì|phấn đấu|gấp"
    r"|hoàn thành|tương đương|trung bình|lần lượt|đều|chỉ|thuộc|đạt và vượt|vượt mức|trở lên"
    r"|trở xuống|trở|dự kiến|ước tăng|ước giảm|mới đạt|chỉ đạt|chưa đạt|chưa|mới chỉ đạt|đã|sẽ"
    r"|đang|vẫn|đều|không dưới|không thấp hơn|không ít hơn|không vượt quá|không cao hơn|dài|rộng"
    r"|đối với|ước cả năm|ước tính cả năm|ước thực hiện cả năm|ước tính|như|hiện|hiện đang"
    # the year ahead dates the figure (`tổng thu từ du lịch năm tới dự kiến đạt`)
    r"|năm tới|năm sau|những năm tới|các năm tới|cần|cần phải|phải"
)
_CUE_SET = frozenset(_CUE_WORDS.split("|"))
# Compounds whose last syllable looks like a cue word but belongs to the noun (`dân số`).
_NOT_CUES = frozenset(
    ["dân số", "chỉ số", "hệ số", "đa số", "thiểu số", "con số", "tổng số", "bình quân số"]
    + ["mặt bằng", "công bằng", "cân bằng", "đồng bằng", "bằng chứng", "phát hiện", "thể hiện"]
    # `đảng viên mới`, `nông thôn mới` (new), `tốc độ tăng`, `mức giảm` (nouns)
    + ["viên mới", "thôn mới", "lập mới", "xây mới", "đổi mới", "phẩm mới", "nghiệp mới"]
    + ["độ tăng", "mức tăng", "độ giảm", "mức giảm"]
    # `số` (digital) closing a noun: `kinh tế số`, `chuyển đổi số`, `nền tảng số`, `chữ ký số`
    + ["tế số", "nghệ số", "tảng số", "đổi số", "hội số", "phủ số", "liệu số", "tầng số"]
    + ["ký số", "quyền số", "dân số", "thức số", "năng số", "trường số", "hóa số"]
    + ["chứng chỉ", "địa chỉ"]  # (`tỷ lệ có chứng chỉ đạt 28%`: no `chỉ đạt`)
)
_CUE_LAST_WORDS = frozenset(c.split()[-1] for c in _CUE_SET)
# The word counts of the cues that end with each word, longest first: `strip_tail` tries only
# those (a run of words of another count ending with that word is no cue).
_CUE_LENGTHS = {
    last: tuple(sorted({len(c.split()) for c in _CUE_SET if c.split()[-1] == last}, reverse=True))
    for last in _CUE_LAST_WORDS
}
_TAIL_PUNCT = " \t\n,;:(-"
# Dates after the indicator are no part of it: a year, a quarter or months of the report
# (`Tỷ lệ đô thị hóa năm 2023 đạt`, `Tổng thu 9 tháng`, `quý I/2023`), a deadline (`cuối năm
# 2023`, `đến năm 2025`) and adverbials (`trong năm 2023`) only date it (the period fields
# carry them). A span that makes the quantity cumulative or averaged stays: `Tổng vốn đầu tư
# giai đoạn 2021-2025`, `thu ngân sách 5 năm`, `sản lượng lương thực cả năm`.
_DATE = (
    r"(?:năm\s+\d{4}|\d+\s+tháng(?:\s+(?:đầu|cuối))?(?:\s+năm(?:\s+\d{4})?)?"
    r"|tháng\s+\d{1,2}(?:/\d{4})?"
    r"|quý\s+[IVX\d]+(?:/\d{4})?(?:\s+năm\s+\d{4})?)"
)
_TIME_TAIL_RE = re.compile(
    rf"(?i)(?:^|\s)(?:(?:(?:trong|vào|của)\s+)?{_DATE}"
    r"|(?:trong|vào)\s+(?:giai đoạn|nhiệm kỳ|thời kỳ)\s+\d{4}\s*-\s*\d{4}"
    r"|(?:đến|tới)\s+(?:(?:hết|cuối)\s+)?năm\s+\d{4}"
    r"|(?:(?:đến|tới)\s+)?(?:hết|cuối|đầu|giữa)\s+năm(?:\s+\d{4})?|đến nay|hiện nay"
    # a day it is counted to (`ước thực hiện đến 30/9/2022`), a bare `năm` left by `năm tới`
    r"|(?:(?:ước\s+)?(?:thực hiện\s+)?(?:tính\s+)?(?:đến|tới)\s+)(?:hết\s+)?(?:ngày\s+)?"
    r"\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?"
    # the whole unit the figure is said of (`kim ngạch xuất khẩu toàn tỉnh`), a running total
    r"|toàn (?:huyện|tỉnh|thành phố|quận|thị xã|xã|phường)|lũy kế|luỹ kế"
    # a class of magnitude (`tăng trưởng 2 con số`) qualifies, like a date
    r"|(?:\d+|hai|ba)\s+con số)"
    # `trong giai đoạn 2020-2022 bình quân tăng`: an average over the dates goes with the verb
    r"(?:\s+(?:bình quân|trung bình))?\s*$"
)
_LEAD_RE = re.compile(
    r"(?i)(?:[\s\-+*•●▪◦.,;:)(]+|\(?\d{1,2}\)\.?|[a-zđ]\)|chúng tôi|chúng ta|cả năm|trong đó"
    # a source tag (`(TBTCO) -`), an estimate or a yearly average opening the clause
    r"|\([^()\d]{2,30}\)\s*-|ước(?: tính| thực hiện)?|bình quân (?:hằng|hàng|mỗi) năm|được"
    r"|địa phương(?: này| đó)?|do đó|vì vậy|vì thế|theo đó|tuy nhiên|bên cạnh đó|ngoài ra"
    r"|để đạt(?: được)?(?: mục tiêu)?|để|mục tiêu|cam kết|là"
    r"|(?:(?:tính )?(?:đến|tới) )?(?:cuối|đầu|hết|giữa) năm(?: \d{4})?"
    r"|thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
    r"|theo đó|đó là|cụ thể|đặc biệt|đáng chú ý(?: là)?|điển hình(?: như| là)?"
    r"|ngoài ra|đồng thời|bên cạnh đó|riêng|nổi bật là|nổi bật|hằng năm|hàng năm|mỗi năm"
    r"|năm \d{4}|đến nay|hiện nay|hiện|tính đến nay|trong năm(?: \d{4})?|phấn đấu(?: đến năm"
    r" \d{4})?|duy trì|giữ vững|đảm bảo|bảo đảm|tiếp tục|nâng cao|nâng(?! cấp)|giảm"
    r"|tăng(?! cường| trưởng)"
    r"|có|đã|sẽ|và|đưa|thực hiện|cơ bản|hoàn thành|cũng|thắng lợi"
    r"|toàn (?:quận|huyện|thành phố|tỉnh|xã|phường|thị xã)"
    r"|đạt|trong|tại|với|cùng với|qua|sau|đến|từ|khi|nhưng|song|theo|dự kiến|vẫn còn|còn"
    r"|trên địa bàn(?:\s+(?:quận|huyện|thành phố|tỉnh|xã|phường|thị xã))?"
    r"|quý [IVX\d]+(?:/\d{4})?|\d+ tháng(?: đầu năm)?(?: \d{4})?|năm nay|năm qua"
    r"|(?:tính )?(?:đến|tới|từ)? ?(?:hết )?ngày \d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?)(?=\s|$|[,.;:])"
)
_TAIL_WINDOW = 40
_SPACES_RE = re.compile(r"\s*")
_JOINT_RE = re.compile(r"(?i)(?<!\w)(với|cùng|và|gồm)\s")
_AUX_RE = re.compile(
    r"(?i)(?<!\w)(?:đã|sẽ|đang|phấn đấu|cần|phải|đặt mục tiêu|mục tiêu là|đề nghị|yêu cầu"
    r"|dự kiến|đề ra mục tiêu|đặt ra mục tiêu|tiếp tục duy trì|tiếp tục"
    # `Chính phủ giao mục tiêu | tăng trưởng GRDP`, `bảo đảm mục tiêu | tăng trưởng cả nước`
    r"|giao mục tiêu|giao chỉ tiêu|bảo đảm mục tiêu|đảm bảo mục tiêu)(?:\s+|$)"
)
_CLAUSE_PUNCT = ";:"
_CLAUSE_CHARS_RE = re.compile(r"[;:()]")
_MAX_WORDS = 18
# (a closing single quote ends the name it quotes: `chọn '3 khâu đột phá' để tăng trưởng`;
# double quotes name a title inside the phrase: `công nhận “Phường Văn hóa”`)
_RIGHT_STOP_RE = re.compile(r"[;:.!?()\n'’]|,\s")
# Connectors after a comma that start a new clause rather than continue a noun list.
_RIGHT_CONNECTOR_RE = re.compile(
    r"(?i)\s*(?:trong đó|trong|đồng thời|và|nhưng|song|đạt|tăng|giảm|là|thuộc|với|theo|so với"
    r"|góp phần|nhằm|để|bằng|chiếm|mỗi|tỷ lệ|tỉ lệ|tỷ trọng|tốc độ|tổng số|tương đương"
    # a predicate of its own after the comma (`kết nạp 1.250 đảng viên, vượt 25% kế hoạch`)
    r"|vượt|hoàn thành|ước|gấp|cao hơn|thấp hơn|còn|duy trì|nâng|đưa|chưa|không|đều"
    r"|tương ứng|đại diện)(?!\w)"
)
# Where the words after a figure stop naming it: a location, a new noun phrase, a clause.
_RIGHT_CUT_RE = re.compile(
    r"(?i)\s(?:trên|tại|(?<!so\s)với|(?:và|hoặc)\s+(?:các|những|đưa|nâng|tăng|giảm|đạt|dự kiến"
    # (`47/47 xã đã đạt chuẩn nông thôn mới`: a result verb qualifying the count stays)
    r"|phấn đấu|tiếp tục|có)|đã(?! đạt| được công nhận| hoàn thành)|sẽ|mà|nhằm|cũng|đều"
    r"|góp phần|trong đó|để|(?:nâng|đưa)\s+(?:tổng|tỷ lệ|tỉ lệ)|diễn ra"
    r"|(?:trước|sau)\s+(?:ngày|năm|tháng|quý)"
    # the base of a comparison is no part of what is counted (`tăng 8.396 con so với cùng kỳ`)
    r"|(?:so với|so)\s+(?=cùng kỳ|năm|kế hoạch|dự toán|tháng|quý|chỉ tiêu|mục tiêu|nghị quyết"
    rf"|{ASSIGNED_BY}))"
    r"|^\s*trở lên(?!\w)"
)
# `nâng tổng số xã đạt chuẩn lên 52 xã`, `số hộ cận nghèo còn 8.800 hộ`: a level verb links too
_COUNT_LINK_RE = re.compile(
    r"(?i)(?:^|\s)(?:là|đạt|bằng|gồm|cho|tại|ở|vào|tăng|giảm|thêm|lên|xuống|còn)\s*$"
)


_GAINED_RE = re.compile(r"(?i)(?<!\w)có thêm\s*$")
_HAS_RE = re.compile(r"(?i)\s(?:có|hiện có|có được)\s*$")
# Counted units too generic to name an indicator on their own.
_GENERIC_NOUN_RE = re.compile(
    r"(?i)(?:người|lượt|hộ|lao động|trường hợp|dự án|công trình|con)(?!\w)"
)
# A comma piece that opens an indicator (`Tỷ lệ thu gom, xử lý rác thải ...`) and says nothing
# about it yet: the phrase continues after the comma.
_HEAD_PIECE_RE = re.compile(
    # (after a list number: `(13) Tỷ lệ thôn, làng văn hóa: 100%`; the verbs as whole words:
    # `nước sạch` holds no `ước`)
    r"(?i)^\W*(?:\d{1,2}[.)]+\W*)?(?:tỷ lệ|tỉ lệ|tỷ trọng|số|tổng số|tốc độ|chỉ số|cơ cấu"
    r"|(?:tổng\s+)?giá trị sản xuất|giá trị sản phẩm)\s"
    r"(?:(?!(?<!\w)(?:đạt|tăng|giảm|là|chiếm|ước|vượt|bằng)(?!\w))[^,;:])*$"
)
_QUAL_END_RE = re.compile(
    r"(?i)(?:\s*(?:hơn|trên|khoảng|gần|dưới|ít nhất|tối thiểu|tối đa|không quá|xấp xỉ|chừng|từ))+"
    r"\s*$"
)
_PLAN_ONLY_RE = re.compile(
    r"(?i)(?:kế hoạch|KH|chỉ tiêu|dự toán|mục tiêu)(?:\s+năm(?:\s+\d{4})?)?"
    r"(?:\s+(?:đề ra|được giao|giao|(?:thành phố|tỉnh|huyện|quận) giao))?"
)
_COMPARISON_RE = re.compile(r"(?i)\s(?:so với|so)\s")
_SHARE_OF_RE = re.compile(r"(?i)(?:số|tổng số|lượng)\s+(?!lượng\b)\w")
_NOT_A_NAME_RE = re.compile(
    r"(?i)(?:so với|so|kế hoạch|dự toán|chỉ tiêu|cùng kỳ|mỗi năm|hằng năm|hàng năm|năm|trở lên"
    r"|trở xuống|tổng|tổng số|trong đó|và|hoặc|của|với|trong|tại|ở|cho|vào|tương đương)(?!\w)"
)


@dataclass(frozen=True)
class Phrase:
    indicator: str | None
    cue_tail: str  # cue words between the indicator and the number (`ước đạt trên`)
    clause: str  # the clause before the number
    from_previous_piece: bool  # nothing stood right before the number after the last comma
    starts_segment: bool  # no `;`, `:` or bracket between the segment start and the number
    labelled: bool = False  # the phrase is a label before `:` (`- Khách du lịch: 520.000 lượt`)


def clause_start(text: str, start: int, end: int) -> int:
    """Start of the clause ending at `end`: after the last `;`, `:` or unclosed bracket."""
    depth = 0
    # only the punctuation matters: walk it backwards, not every character
    for m in reversed(list(_CLAUSE_CHARS_RE.finditer(text, start, end))):
        i, ch = m.start(), m.group()
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return i + 1
            depth -= 1
        elif ch in _CLAUSE_PUNCT and depth == 0:
            return i + 1
    return start


_WORD_RE = re.compile(r"\S+")


def strip_tail(text: str) -> tuple[str, str]:
    """Split trailing cue words off `text`: (content, cue tail)."""
    end = len(text.rstrip(_TAIL_PUNCT))
    while end:
        # only the last few words can form a cue: looking at the tail keeps this linear
        lo = max(0, end - _TAIL_WINDOW)
        words = text[lo:end].lower().split()
        if not words or words[-1] not in _CUE_LAST_WORDS:
            break
        n = len(words)
        for k in _CUE_LENGTHS[words[-1]]:
            if (
                k <= n
                and " ".join(words[n - k :]) in _CUE_SET
                and " ".join(words[n - k - 1 :]) not in _NOT_CUES
                and " ".join(words[n - k - 1 : n - k + 1]) not in _NOT_CUES
            ):
                end = _cut_words(text, lo, end, k, n)
                break
        else:
            break
    return text[:end], text[end:]


def _cut_words(text: str, lo: int, end: int, k: int, n: int) -> int:
    """Where `text[:end]` ends once its last `k` words (of the `n` in `text[lo:end]`) and the
    spaces and punctuation before them are cut."""
    parts = text[lo:end].rsplit(None, k)
    if len(parts) > k:
        cut = lo + len(parts[0])
    elif lo == 0 or text[lo - 1].isspace():
        cut = lo
    else:  # the window starts inside the k-th word: find its real start
        whole = text[:end].rsplit(None, k)
        cut = len(whole[0]) if len(whole) > k else 0
    while cut and text[cut - 1].isspace():
        cut -= 1
    while cut and text[cut - 1] in _TAIL_PUNCT:
        cut -= 1
    return cut


# (a memo of the last few phrases: one figure's phrase is cleaned again by the rules that read
# it, as a whole and as its last comma piece; too small to keep phrases from other articles)
@lru_cache(maxsize=8)
def clean(phrase: str) -> str:
    """Strip leading connectors and trailing cue words, dates and places."""
    phrase = _strip_leads(phrase)
    while True:
        tailed = _strip_tails(phrase)
        if tailed == phrase:
            break
        # a lead can only show once the tail is gone when little is left (`có` + `đạt`)
        phrase = _strip_leads(tailed)
        if phrase == tailed:
            break
    return " ".join(phrase.split())


def _strip_leads(phrase: str) -> str:
    # advance over the leads and cut once: a thousand leads cost no thousand copies
    pos = _SPACES_RE.match(phrase).end()  # type: ignore[union-attr]
    lead = _LEAD_RE.match(phrase, pos)  # (`match` anchors the pattern at `pos`)
    while lead and lead.end() > pos:
        pos = _SPACES_RE.match(phrase, lead.end()).end()  # type: ignore[union-attr]
        lead = _LEAD_RE.match(phrase, pos)
    return phrase[pos:].strip()


def _strip_tails(phrase: str) -> str:
    while True:
        stripped = strip_tail(phrase)[0].strip()  # every trailing cue word at once
        m = _TIME_TAIL_RE.search(stripped, max(0, len(stripped) - _TAIL_WINDOW))
        if m:
            stripped = stripped[: m.start()].strip()
        placed = _drop_place(stripped)
        if placed == stripped and not m:
            return stripped
        phrase = placed


_AND_RE = re.compile(r"(?i)\s(?:và|hoặc)\s")
_LIST_HEAD_WORDS = 3


def _split_commas(clause: str) -> list[str]:
    """`clause` split at its commas outside brackets (`thu nội địa (trừ ...; thu cổ tức, lợi
    nhuận ...) là`: the bracket explains the noun before it)."""
    if "(" not in clause:
        return clause.split(",")
    pieces, depth, last = [], 0, 0
    for m in _BRACKET_COMMA_RE.finditer(clause):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            pieces.append(clause[last : m.start()])
            last = m.end()
    pieces.append(clause[last:])
    return pieces


_BRACKET_COMMA_RE = re.compile(r"[(),]")


_ADVERBIAL_RE = re.compile(
    r"(?i)\s*(?:trong|với|do|nhờ|bên cạnh|ngoài ra|sau|trước|qua|mặc dù|dù|tuy|nhưng|song"
    r"|năm|nhiệm kỳ|giai đoạn)\s"
)


def _last_comma_piece(clause: str, first: int = 0) -> tuple[str, bool]:
    """The part after the last comma, joined over short noun lists (`dịch vụ, du lịch`).

    When nothing but cue words follows the last comma (`..., tăng 12%`), the piece before it is
    taken and the second value says so. Pieces before `first` are never joined.
    """
    pieces = _split_commas(clause)
    last_empty = not clean(pieces[-1])
    if last_empty and len(pieces) > 1:
        pieces.pop()
    i = len(pieces) - 1
    while i > first and (
        # (an adverbial before the comma lists no noun: `trong bối cảnh khó khăn, xã đạt 12`)
        (0 < len(strip_tail(pieces[i])[0].split()) <= 2 and not _ADVERBIAL_RE.match(pieces[i - 1]))
        or _HEAD_PIECE_RE.match(pieces[i - 1])
        # `khu vực nông, lâm nghiệp và thủy sản`: a list closed by `và` after a short piece
        or (_AND_RE.search(pieces[i]) and 0 < len(pieces[i - 1].split()) <= _LIST_HEAD_WORDS)
    ):
        i -= 1
    return ",".join(pieces[i:]), last_empty


_ADMIN_UNITS = frozenset(
    ["huyện", "quận", "thị xã", "thành phố", "tp", "tp.", "tỉnh", "thị trấn", "xã", "phường"]
)
_NOT_AFTER_ADMIN = frozenset(["ủy", "uỷ", "đoàn", "hội", "đội", "có", "đạt", "là", "và"])


def _drop_subject(phrase: str) -> str:
    """`huyện giải quyết việc làm` → `giải quyết việc làm`; `quận Tây Hồ thu` → `thu`.

    An administrative unit (and its capitalised name) opening a clause is the subject that
    reports the figure, not the indicator. Kept when too little would remain.
    """
    words = phrase.split()
    i = 1 if words and words[0].lower() == "toàn" else 0
    for n in (2, 1):
        if " ".join(words[i : i + n]).lower() in _ADMIN_UNITS:
            i += n
            break
    else:
        return phrase
    while i < len(words) and words[i][0].isupper():
        i += 1
    rest = words[i:]
    if not rest:
        return ""  # only the reporting unit itself: it names nothing measured
    if len(rest) < 2 or rest[0].lower() in _NOT_AFTER_ADMIN or not rest[0][0].islower():
        return phrase
    return " ".join(rest)


# Head nouns of indicators (`tỷ lệ ...`, `tốc độ ...`, `diện tích`).
_HEADS = (
    r"tỷ lệ|tỉ lệ|tỷ trọng|tốc độ|chỉ số|cơ cấu|diện tích|quy mô|dân số|sản lượng|giá trị"
    r"|thu nhập|kim ngạch|năng suất|tổng số|tổng|số lượng"
)
_HEAD_START_RE = re.compile(rf"(?i)(?:{_HEADS})(?!\w)")
# `Kinh tế của tỉnh duy trì | tốc độ tăng trưởng ...`, `Huyện X có | diện tích 120 km²`,
# `ngành kinh tế trọng tâm với | giá trị sản xuất tăng 5%/năm`: the object of a light verb or of
# `với` that an indicator's head opens is the indicator.
_LIGHT_OBJECT_RE = re.compile(
    rf"(?i)\s(?:duy trì|giữ vững|giữ|đạt được|nâng cao|nâng|với|(?P<has>có))\s+"
    rf"(?=(?:{_HEADS})(?!\w))"
)
# `Thu ngân sách tăng nhanh cả nhiệm kỳ đạt ...`: a change verb with its manner adverb inside
# the phrase is a predicate of the subject before it.
_INNER_PREDICATE_RE = re.compile(
    r"(?i)\s(?:tăng|giảm)\s+(?:nhanh|mạnh|cao|khá|đều|liên tục|ổn định)(?!\w)"
    # `GRDP/người ... ước năm 2025 đạt chỉ tiêu ... là`: an estimated attainment is a predicate
    r"|\s(?:ước|dự kiến)(?:\s+(?:năm\s+\d{4}|cả năm))?\s+đạt(?!\w)"
)


def _is_place(phrase: str) -> bool:
    """`Huyện Đạ Tẻh`, `Toàn tỉnh`, `Quảng Ninh`: a reporting unit or a name, nothing else."""
    words = phrase.split()
    if words and words[0].lower() == "toàn":
        words = words[1:]
    if words and words[0].lower() in _PLACE_UNITS:
        words = words[1:]
    return all(_is_name_word(w) for w in words)


# `chỉ tiêu chủ yếu ... mà Nghị quyết đề ra`: a relative clause after the head noun is no part
# of the indicator (an agent is: `giá trị sản xuất ... do quận quản lý`).
_RELATIVE_RE = re.compile(r"(?i)\smà\s")
# `hỗ trợ sắp xếp dân cư theo Nghị quyết số 23 ngày 22/7/2021`: the legal basis of an action is
# no part of what is measured.
_LEGAL_BASIS_RE = re.compile(
    r"(?i)\s(?:theo|tại)\s+(?:nghị quyết|quyết định|kế hoạch|chỉ thị|đề án|thông tư|nghị định)"
    r"\s+số(?!\w)"
)


# `Trong đó, Bắc Giang cao nhất là 13,6%; Hải Phòng 12,5%`: places listed with their values name
# the parts, not what is measured, which is the subject the sentence before stated.
_RANK_WORDS_RE = re.compile(r"(?i)\s+(?:cao nhất|thấp nhất|nhiều nhất|ít nhất|đứng đầu|dẫn đầu)$")
_PLACE_LIST_SPLIT_RE = re.compile(r"\s*,\s*|\s+(?:và|còn)\s+|^(?:còn)\s+", re.IGNORECASE)
_ABBREVIATED_PLACE_RE = re.compile(r"(?:TP|Tp)\.\s?[A-ZĐ][\wĐ.]*")


def names_places_only(phrase: str | None) -> bool:
    """Whether a phrase is only place names (`Ninh Bình, Quảng Ninh`, `Bắc Giang cao nhất`)."""
    if not phrase:
        return False
    phrase = _RANK_WORDS_RE.sub("", phrase.strip())
    items = [i for i in _PLACE_LIST_SPLIT_RE.split(phrase) if i]
    return bool(items) and all(
        _ABBREVIATED_PLACE_RE.fullmatch(i)
        or (all(_is_name_word(w) for w in i.split()) and len(i.split()) >= 2)
        for i in items
    )


def _own(phrase: str) -> str:
    """The indicator in the words right before a figure (see the rules above)."""
    for cut_re in (_RELATIVE_RE, _LEGAL_BASIS_RE):
        cut = cut_re.search(phrase)
        if cut and clean(phrase[: cut.start()]):
            phrase = clean(phrase[: cut.start()])
    found = list(_LIGHT_OBJECT_RE.finditer(phrase))
    # `có` takes the place's attribute (`Huyện X có diện tích`), not an indicator's own
    # (`thu ngân sách có tốc độ tăng 5-7%`)
    if found and (not found[-1].group("has") or _is_place(phrase[: found[-1].start()])):
        phrase = phrase[found[-1].end() :]
    m = _INNER_PREDICATE_RE.search(phrase)
    if m and m.start() > 0:
        phrase = clean(phrase[: m.start()])
    return _after_aux(phrase)


def _after_aux(phrase: str) -> str:
    """`quận đã khởi công xây mới` → `khởi công xây mới`; not inside a noun phrase that an
    indicator's head opens (`tỷ lệ bảo đảm nước tưới cho diện tích cần tưới`)."""
    found = list(_AUX_RE.finditer(phrase))
    if found and _HEAD_START_RE.match(phrase) and found[0].start() > 0:
        return phrase
    if found:
        rest = clean(phrase[found[-1].end() :])
        if rest or found[-1].end() == len(phrase):
            # `chúng tôi đặt mục tiêu | 100% thủ tục ...`: a goal verb last names nothing
            return rest
    return phrase


# Words that name no indicator on their own: cue words, degree and manner words, time words,
# and `tỷ lệ`, `tỷ trọng` without what they are a rate of. A phrase of only these (`cao`,
# `bình quân 5 năm`, `(2021)`, `tỉ lệ`) leaves the figure to the subject it is said of.
_EMPTY_TEXT = """cao thấp nhanh chậm mạnh mẽ khá tốt ổn định tích cực đáng kể liên tục tiếp bình
    quân trung chung rất nhất năm tháng quý giai đoạn nhiệm kỳ thời cả hằng hàng mỗi nay riêng đầu
    cuối hết giữa trọng tỉ suất con lần trưởng toàn đây mới tương ứng"""
_EMPTY_WORDS = frozenset(w for cue in _CUE_SET for w in cue.split()) | frozenset(
    _EMPTY_TEXT.split()
)
# A comparison names its yardstick, not what is measured (`vượt mục tiêu Nghị quyết`).
_COMPARISON_START_RE = re.compile(r"(?i)(?:vượt|so với|so|bằng|cao hơn|thấp hơn|hơn|gấp)(?!\w)")
_ROMAN_RE = re.compile(r"[IVXLC]+")
_NON_WORD_RE = re.compile(r"\W+")


# The source a goal is stated by (`Nghị quyết đề ra 2,8 triệu tấn`): the goal of the subject
# said before it, not an indicator of its own.
_GOAL_SOURCE_RE = re.compile(
    r"(?i)\W*(?:nghị quyết|kế hoạch|mục tiêu|chỉ tiêu|đề án)(?:\s+[^\W\d_]+){0,3}?"
    r"\s+(?:đề ra|đặt ra)\W*"
)


# The plan itself named before its value (`(KH ĐH đến năm 2020 đạt 65-70%)`, `Nghị quyết đại
# hội: 95%`): the value is the goal of the subject the sentence is about.
_PLAN_NAMED_RE = re.compile(
    r"\W*(?:KH|NQ|[Kk]ế hoạch|[Nn]ghị quyết)(?:\s+(?:ĐH|HĐND|[Đđ]ại hội|năm(?:\s+\d{4})?))*\W*"
)


def names_nothing(phrase: str | None) -> bool:
    """Whether `phrase` holds no word that can name an indicator."""
    if (
        not phrase
        or _COMPARISON_START_RE.match(phrase)
        or _GOAL_SOURCE_RE.fullmatch(phrase)
        or _PLAN_NAMED_RE.fullmatch(phrase)
    ):
        return True
    for token in phrase.split():
        for word in _NON_WORD_RE.split(token):
            if word and not (
                word.lower() in _EMPTY_WORDS or word.isdigit() or _ROMAN_RE.fullmatch(word)
            ):
                return False
    return True


def has_words(phrase: str | None) -> bool:
    """Whether `phrase` holds a word beyond a comparison, function words, digits and dates
    (`tăng trưởng` does; `vượt kế hoạch`, `(2021)`, `so với` do not)."""
    if not phrase or _COMPARISON_START_RE.match(phrase):
        return False
    return any(
        w.lower() not in _FUNCTION_WORDS and not w.isdigit()
        for w in _NON_WORD_RE.split(phrase)
        if w
    )


_FUNCTION_TEXT = "và của với cho là có được trong tại từ đến tới năm tháng quý giai đoạn nhiệm kỳ"
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())


# The subject a predicate is said of ends where its predicate starts: an auxiliary or a verb
# (`ngành dịch vụ | tiếp tục phục hồi`, `tổng sản lượng lương thực cả năm | đã tăng`); a cause
# clause opens a new subject (`Thu vượt dự toán là do | tốc độ tăng trưởng ... tăng cao`).
_CAUSE_RE = re.compile(r"(?i)(?<!\w)(?:là do|là nhờ|là vì|bởi vì|nhờ vào|nhờ có)\s")
_PREDICATE_RE = re.compile(
    r"(?i)\s(?:đã|đang|sẽ|tiếp tục|vẫn|luôn|được|bị|đều|cũng|đạt|là|có|chiếm|vượt|duy trì"
    r"|không|chưa|ngày càng"
    r"|giữ vững|phát triển|(?<!tốc độ )(?<!mức )(?<!tỷ lệ )(?<!tỉ lệ )(?<!chỉ số )(?:tăng|giảm)"
    r"(?! trưởng| cường))(?!\w)"
)


def _subject(phrase: str) -> str:
    """The subject of a clause `phrase` (see above), or `phrase` when no predicate shows."""
    causes = list(_CAUSE_RE.finditer(phrase))
    if causes:
        phrase = phrase[causes[-1].end() :]
    m = _PREDICATE_RE.search(phrase)
    return clean(phrase[: m.start()]) if m else phrase


def subject(clause: str) -> str | None:
    """The subject of the clause before a figure: its first comma piece that names something
    (`Theo đó, ngành dịch vụ tiếp tục phục hồi, ..., chiếm tỷ trọng 30,6%`)."""
    for piece in clause.split(","):
        found = _drop_subject(_subject(clean(piece)))
        if found and not names_nothing(found):
            return _cap(found)
    return None


# `GRDP (theo giá so sánh 2010)`: the price basis says how the value is counted, not what.
_PRICE_BASIS_RE = re.compile(r"(?i)\s*\((?:theo\s+)?giá\s+[^()]{0,40}\)")
_SHARE_TAIL_RE = re.compile(r"(?i)chiếm tỷ trọng$")


def left_phrase(text: str, seg_start: int, num_start: int, after_figure: bool = False) -> Phrase:
    """The indicator candidate before the number, with the cue tail and the clause.

    `after_figure`: the segment starts right after another figure, so its first comma piece
    only continues that figure (`38/42 trường đạt chuẩn, đạt 84,7%`) and names nothing new.
    """
    cstart = clause_start(text, seg_start, num_start)
    clause = text[cstart:num_start]
    cue_tail = strip_tail(clause)[1]
    continues = after_figure and cstart == seg_start
    # `48 km đường tỉnh, cải tạo 125 km`: words up to the first comma still describe the
    # previous figure, so they never join the new phrase
    piece, last_empty = _last_comma_piece(clause, 1 if continues else 0)
    if "(" in piece:  # (a bracket or nothing to cut: the regex alone tries every position)
        piece = _PRICE_BASIS_RE.sub("", piece)
    if last_empty and continues and "," not in piece:
        piece = ""
    elif continues:
        # `2.315 giấy phép ... với tổng vốn khoảng 12.500 tỷ`: a new noun after `với`; after
        # a comma `và` joins within the new piece (`nâng tổng số xã đạt chuẩn và cơ bản ...`)
        joint = [
            m for m in _JOINT_RE.finditer(piece) if "," not in clause or m.group(1).lower() != "và"
        ]
        if joint:
            piece = piece[joint[-1].end() :]
    # `Sản lượng lương thực đã tăng so với năm 2016, ước đạt 39 vạn tấn`: with nothing of its
    # own after the last comma, the figure is said of the subject of the piece before
    own = _subject(clean(piece)) if last_empty and not continues else _own(clean(piece))
    phrase = _drop_subject(own)
    if phrase and phrase != own:
        phrase = clean(phrase)  # `Huyện | cũng hoàn thành ...`: the leads after the subject
    if phrase and _SHARE_TAIL_RE.search(cue_tail.strip()) and not _HEAD_START_RE.match(phrase):
        phrase = f"tỷ trọng {phrase}"  # `ngành dịch vụ chiếm tỷ trọng 60%`: the sector's share
    labelled = False
    if not phrase and cstart > seg_start and text[cstart - 1] in ":(":
        # `Tốc độ tăng ... hằng năm: 12-13%`, `tỷ lệ ... (mới đạt 96%)`: the phrase before
        label_start = clause_start(text, seg_start, cstart - 1)
        phrase = _drop_subject(_own(clean(_last_comma_piece(text[label_start : cstart - 1])[0])))
        labelled = text[cstart - 1] == ":" and not clause.strip()
    return Phrase(
        _cap(phrase) or None, cue_tail.strip(), clause, last_empty, cstart == seg_start, labelled
    )


_FOOTNOTE_RE = re.compile(r"(?<=[^\W\d_])\d{1,2}(?=\s*$)")


def right_phrase(text: str, pos: int, limit: int) -> str | None:
    """The words after a figure up to the end of its clause (or `limit`).

    A comma after a short noun (`cán bộ, công chức ...`) does not end the phrase unless a
    connector follows it (`chỉ tiêu, trong đó ...`).
    """
    window = text[pos:limit]
    m = _RIGHT_STOP_RE.search(window)
    while m and m.group().startswith(","):
        if len(window[: m.start()].split()) > 3 or _RIGHT_CONNECTOR_RE.match(window, m.end()):
            break
        m = _RIGHT_STOP_RE.search(window, m.end())
    comma = window.rfind(",")
    next_figure = limit < len(text) and text[limit].isdigit()
    if m is None and next_figure and comma >= 0 and not _RIGHT_CUT_RE.search(window, comma):
        # the words after the last comma run into the next figure: its subject, not this one's
        # (`8 dự án, tổng vốn đầu tư 31,8 triệu USD`; not `83 thôn, bản nông thôn mới ... trên
        # địa bàn 4 huyện`, a list the cut ends)
        window = window[:comma]
    phrase = window[: m.start()] if m else window
    phrase = _FOOTNOTE_RE.sub("", phrase)  # `đạt 25,37% dự toán1`: a note's number, glued on
    cut = _RIGHT_CUT_RE.search(phrase)
    if cut:
        phrase = phrase[: cut.start()]
    return _cap(_clean_right(phrase)) or None


# Words that end no noun phrase: what follows them was cut off (`chỉ tiêu quan trọng như:`).
_RIGHT_TAIL_RE = re.compile(
    r"(?i)(?:\s+(?:và|hoặc|của|với|cho|là|như|gồm|tại|trong|để|mà|các|những|đến|tới|từ|trên"
    r"|dưới|hơn|khoảng|gần|có|được|so với|so|thì|ít nhất|tối thiểu|tối đa|tương đương|lần lượt"
    r"|cùng))+\s*$"
)


_BOUND_TAIL_RE = re.compile(r"(?i)\s+trở (?:lên|xuống)\s*$")
_BOUND_OWN_RE = re.compile(r"(?i)(?<!\w)từ\s+\d")


def _clean_right(phrase: str) -> str:
    """Words after a figure, as its noun and modifiers: not stripped of result verbs, which
    qualify what is counted (`12 mục tiêu vượt`, `18/20 chỉ tiêu hoàn thành`)."""
    phrase = " " + phrase.strip(_TAIL_PUNCT + ".")
    prev = None
    while prev != phrase:
        prev = phrase
        phrase = _RIGHT_TAIL_RE.sub("", phrase)
        if _BOUND_TAIL_RE.search(phrase) and not _BOUND_OWN_RE.search(phrase):
            # `1.000 đảng viên mới trở lên`: the bound is the figure's (`từ 3 sao trở lên` stays)
            phrase = _BOUND_TAIL_RE.sub("", phrase)
        m = _TIME_TAIL_RE.search(phrase, max(0, len(phrase) - _TAIL_WINDOW))
        if m:
            phrase = phrase[: m.start()]
        phrase = " " + _drop_place(phrase.strip(_TAIL_PUNCT))
    return " ".join(phrase.split())


# `438 đại biểu, đại diện cho trên 182.000 đảng viên`: whom a count stands for is counted by
# its own noun, not by the phrase before it.
REPRESENTS_RE = re.compile(r"(?i)(?<!\w)đại diện cho(?:\s+(?:trên|hơn|gần|khoảng))?\s*$")


def count_links_left(cue_tail: str, noun: str | None) -> bool:
    """A count tied to the phrase before it by a copula or preposition, or a count of a
    generic unit right after its indicator (`xuất khẩu lao động 250 người`)."""
    cue_tail = _QUAL_END_RE.sub("", cue_tail)
    if _GAINED_RE.search(cue_tail):
        return False  # `có thêm 6 xã đạt chuẩn`: the noun after names what is gained
    if _COUNT_LINK_RE.search(" " + cue_tail):
        return True
    return not cue_tail and bool(noun) and bool(_GENERIC_NOUN_RE.match(noun or ""))


_CHANGE_TAIL_RE = re.compile(r"(?i)(?<!\w)(?:tăng|giảm|thêm)(?!\w)")


def counts_the_subject(right: str | None, cue_tail: str) -> bool:
    """`Tổng đàn gia cầm có hơn 602.000 con`: a bare generic unit after `có` counts the
    subject before it."""
    return (
        bool(right)
        and bool(_GENERIC_NOUN_RE.fullmatch(right or ""))
        and bool(_HAS_RE.search(" " + _QUAL_END_RE.sub("", cue_tail)))
    )


def counts_a_change_of_subject(right: str | None, cue_tail: str) -> bool:
    """`giảm 13.276 hộ`: a bare generic unit counted by a change verb counts the subject."""
    return (
        bool(right)
        and bool(_GENERIC_NOUN_RE.fullmatch(right or ""))
        and bool(_CHANGE_TAIL_RE.search(cue_tail))
    )


_ITEM_SPLIT_RE = re.compile(r"\s*,\s*|\s+(?:và|hoặc)\s+")


def coordinated_items(phrase: str | None) -> list[str]:
    """`Công nghiệp, xây dựng và dịch vụ` → its three items."""
    return [p for p in _ITEM_SPLIT_RE.split(phrase or "") if p]


_SET_AFTER_RE = re.compile(r"\s+[^\W\d_]")


def share_set(text: str, pos: int, limit: int) -> str | None:
    """The set a percentage right before it is a share of (`100% khu dân cư đạt văn hóa`), or
    None when the words after it name none (`so với cùng kỳ`, `kế hoạch`, `mỗi năm`)."""
    if not _SET_AFTER_RE.match(text, pos, limit):
        return None
    right = right_phrase(text, pos, limit)
    if not right or _NOT_A_NAME_RE.match(right) or plan_only(right):
        return None
    return right


def plan_only(phrase: str | None) -> bool:
    """`kế hoạch`, `dự toán năm`: a bare plan word after a figure names no indicator."""
    return bool(phrase) and bool(_PLAN_ONLY_RE.fullmatch(phrase or ""))


def share_of(phrase: str | None) -> str | None:
    """`giảm 18% số vụ phạm tội (so với ...)`: a percent of a counted set names what it
    measures; the set without the comparison, or None."""
    if not phrase or not _SHARE_OF_RE.match(phrase):
        return None
    return _COMPARISON_RE.split(phrase, maxsplit=1)[0].strip() or None


def names_something(phrase: str | None) -> bool:
    """Whether words after a figure can name it (`100% hồ sơ ...`, not `so với cùng kỳ`)."""
    return bool(phrase) and not _NOT_A_NAME_RE.match(phrase or "") and not names_nothing(phrase)


# The place that reports a figure, named after its indicator, is no part of it: `GRDP của Quảng
# Ninh`, `CPI bình quân cả năm tỉnh Phú Thọ`, `Quy mô kinh tế Quảng Ninh` (but `trên địa bàn
# tỉnh`, `của Thành phố`, `du lịch đến Quảng Ninh` stay).
_PLACE_LINKS = frozenset(["của", "tại", "ở"])
_PLACE_UNITS = frozenset(["tỉnh", "huyện", "quận", "xã", "phường", "tp", "tp.", "thành phố"])
_NOT_PLACE_TEXT = """Đảng Nhà Nước Thành Phố Tỉnh Huyện Quận Trung Ương Nghị Quyết Đại Hội Quốc Gia
    Chính Phủ Ủy Uỷ Ban Chủ Tịch Khen Bằng Giấy Xuất Sắc"""
_NOT_PLACE_WORDS = frozenset(_NOT_PLACE_TEXT.split())
_KEEP_BEFORE_PLACE = frozenset(["đến", "tới", "từ", "về", "số", "tuyến", "cho", "với"])


def _is_name_word(word: str) -> bool:
    return (
        len(word) > 1
        and word[0].isupper()
        and word[1:].islower()
        and (word not in _NOT_PLACE_WORDS)
    )


def _drop_place(phrase: str) -> str:
    if not _is_name_word(phrase[phrase.rfind(" ") + 1 :]):
        return phrase  # the common case: no name at the end
    words = phrase.split()
    j = len(words)
    while j > 1 and _is_name_word(words[j - 1]):
        j -= 1
    if j == len(words) or j == 0 or not words[j - 1][0].islower():
        return phrase
    if words[j - 1].lower() in _KEEP_BEFORE_PLACE:
        return phrase
    if words[j - 1].lower() in _PLACE_UNITS:
        # `trên địa bàn tỉnh Phú Thọ` keeps its unit, `CPI ... tỉnh Phú Thọ` drops it
        j -= 0 if words[max(0, j - 3) : j - 1] == ["địa", "bàn"] else 1
    if j > 1 and words[j - 1].lower() in _PLACE_LINKS:
        j -= 1
    return " ".join(words[:j]) if j > 0 else phrase


def _cap(phrase: str) -> str:
    words = phrase.split()
    if len(words) > _MAX_WORDS:
        words = words[:_MAX_WORDS]
    return " ".join(words).strip(" ,;:-")


# ---------------------------------------------------------------- dictionary
#
# An indicator is coded by its structure, not by a list of phrasings: a row of the dictionary
# names the words that make the indicator (`terms`: `hộ nghèo`, `trường+chuẩn quốc gia`), the
# head noun that must open it when the row needs one (`head`: `tỷ trọng|cơ cấu` for a sector's
# share) and words that make it another indicator (`excludes`: `cận nghèo`). Matching is on
# folded words (lower case, no diacritics, `đ` = `d`), so `hoá`/`hóa`, `Tỷ lệ`/`tỉ lệ` and
# unaccented text all match, and other words may stand between the parts (`tỷ lệ trường học
# các cấp đạt chuẩn quốc gia`). The row that accounts for most of the phrase's words wins; on a
# tie, the row whose unit fits the figure's, then the one matched earliest (Vietnamese puts the
# head first), then the dictionary's order.

_Words = tuple[str, ...]
_UNIT_FAMILY = {
    "percent": "share",
    "permille": "share",
    "ratio": "share",
    "vnd": "money",
    "usd": "money",
    "count": "count",
    "quantity": "quantity",
    "multiple": "multiple",
}


@dataclass(frozen=True)
class _Entry:
    code: str
    family: str
    order: int
    heads: tuple[_Words, ...]
    terms: tuple[tuple[_Words, ...], ...]  # alternatives, each a conjunction of parts
    excludes: tuple[_Words, ...]


def _fold(text: str) -> str:
    """Lowercase, `đ` → `d`, no diacritics, words only: the matching key."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(re.findall(r"\w+", text))


# Old and new tone placement (`hoá`/`hóa`, `thuỷ`/`thủy`) both occur; keys use one of them.
_TONE_MAP = {
    "oá": "óa",
    "oà": "òa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oé": "óe",
    "oè": "òe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uý": "úy",
    "uỳ": "ùy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_TONE_MAP))


def _key(text: str) -> str:
    """Lowercase NFC words with one tone placement (`tỉ` = `tỷ`): the exact matching key."""
    text = unicodedata.normalize("NFC", text.lower()).replace("tỉ", "tỷ")
    text = _TONE_RE.sub(lambda m: _TONE_MAP[m.group()], text)
    return " ".join(re.findall(r"\w+", text))


def _alternatives(cell: str | None) -> list[str]:
    return [alt.strip() for alt in (cell or "").split("|") if alt.strip()]


def _entry(row: dict[str, str], order: int, key: Callable[[str], str]) -> _Entry:
    def words(text: str) -> _Words:
        return tuple(key(text).split())

    return _Entry(
        code=row["indicator_code"],
        family=_UNIT_FAMILY.get(row["unit"], row["unit"]),
        order=order,
        heads=tuple(words(h) for h in _alternatives(row["head"])),
        terms=tuple(
            tuple(words(part) for part in alt.split("+") if words(part))
            for alt in _alternatives(row["terms"])
        ),
        excludes=tuple(words(x) for x in _alternatives(row["excludes"])),
    )


_Index = dict[str, tuple[_Entry, ...]]
# Text is read folded only when most of its words carry no diacritics (typed without accents);
# accented text that matched nothing exactly would only meet look-alikes (`dân, quận` = `dân quân`).
_UNACCENTED_SHARE = 0.6


@lru_cache(maxsize=1)
def dictionary() -> tuple[_Index, _Index]:
    """The rows indexed by the first word of each of their term parts (only those can match
    a phrase): with exact keys, and with folded keys for text whose accents differ."""
    rows: list[dict[str, str]] = []
    if DICTIONARY_PATH.exists():
        with DICTIONARY_PATH.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    return _index(rows, _key, 1), _index(rows, _fold, 2)


def _index(rows: list[dict[str, str]], key: Callable[[str], str], min_words: int) -> _Index:
    """`min_words`: alternatives shorter than this are left out (folded, one syllable matches
    too much: `quà` = `qua`, `chợ` = `cho`)."""
    index: dict[str, list[_Entry]] = {}
    for n, row in enumerate(rows):
        entry = _entry(row, n, key)
        terms = tuple(alt for alt in entry.terms if sum(map(len, alt)) >= min_words)
        entry = dataclasses.replace(entry, terms=terms)
        for word in {part[0] for alt in entry.terms for part in alt}:
            index.setdefault(word, []).append(entry)
    return {word: tuple(entries) for word, entries in index.items()}


def _find(words: _Words, part: _Words, start: int = 0) -> int:
    n = len(part)
    for i in range(start, len(words) - n + 1):
        if words[i : i + n] == part:
            return i
    return -1


def _match(words: _Words, entry: _Entry) -> tuple[int, int] | None:
    """(words accounted for, position) of the entry's best reading of `words`, or None."""
    if any(_find(words, x) >= 0 for x in entry.excludes):
        return None
    best: tuple[int, int] | None = None
    for alt in entry.terms:
        found = [_find(words, part) for part in alt]
        if min(found) < 0:
            continue
        pos, size = min(found), sum(len(part) for part in alt)
        if entry.heads:
            heads = [(len(h), i) for h in entry.heads if 0 <= (i := _find(words, h)) <= pos]
            if not heads:
                continue
            size, pos = size + max(heads)[0], min(i for _, i in heads)
        if best is None or (size, -pos) > (best[0], -best[1]):
            best = (size, pos)
    return best


# A sector named bare (`khu vực dịch vụ 8,14%`) is its share of the economy (`chiếm`) or its
# growth (`tăng`): the phrase cannot tell, the figure's measure can. A rise or fall of a
# `*_share` row that has a `*_growth` sibling is the sibling, unless the phrase names the share.
_SHARE_WORDS = ("tỷ trọng", "cơ cấu", "chiếm")
# A count of places or sectors (`6 địa phương có mức tăng trưởng`, `3 khu vực nông nghiệp`)
# is no rate or amount: when the phrase opens with such a noun, only a count row codes it.
_PLACE_NOUNS = ("địa phương", "tỉnh", "thành phố", "khu vực", "quốc gia", "nước", "ngành")


@lru_cache(maxsize=8192)
def indicator_code(
    phrase: str | None, unit: str | None = None, measure: str | None = None
) -> str | None:
    """The code of the dictionary row that reads most of `phrase`, or None (see above);
    `unit`, the figure's unit, breaks ties between rows of different units; `measure`
    (`change`) turns a sector's share into its growth (see `_SHARE_WORDS`)."""
    code = _code(phrase, unit)
    if code and unit in _AMOUNT_UNITS and code.endswith("_share"):
        # an amount is no share of the economy (`ngành nông nghiệp ... 11.397,2 ha`): the
        # sector's value when it is money, else no code
        value = code.removesuffix("_share") + "_value"
        return value if unit != "quantity" and value in _codes() else None
    if code and phrase and unit == "count" and _families()[code] != "count":
        key = f"{_key(phrase)} "
        if key.startswith(tuple(f"{_key(n)} " for n in _PLACE_NOUNS)):
            return None
    if measure != "change" or not code or not code.endswith("_share") or not phrase:
        return code
    growth = code.removesuffix("_share") + "_growth"
    key = f" {_key(phrase)} "
    if growth not in _codes() or any(f" {_key(w)} " in key for w in _SHARE_WORDS):
        return code
    return growth


_AMOUNT_UNITS = frozenset(["quantity", "vnd", "usd"])  # (figures that are no percentages)


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    exact, folded = dictionary()
    return {e.code: e.family for index in (exact, folded) for es in index.values() for e in es}


def _codes() -> frozenset[str]:
    return frozenset(_families())


def _code(phrase: str | None, unit: str | None) -> str | None:
    """Accented words are matched first (`dân, quận` is no `dân quân`), folded words only when
    that finds none."""
    if not phrase:
        return None
    exact, folded = dictionary()
    words = _key(phrase).split()
    found = _best(tuple(words), exact, unit)
    if found or not words:
        return found
    folded_words = _fold(phrase).split()
    plain = sum(1 for a, b in zip(words, folded_words, strict=False) if a == b)
    if plain < _UNACCENTED_SHARE * len(words):
        return None  # accented text that matched nothing: folding would only find look-alikes
    return _best(tuple(folded_words), folded, unit)


def _best(words: _Words, index: _Index, unit: str | None) -> str | None:
    entries = {e.order: e for w in set(words) for e in index.get(w, ())}
    family = _UNIT_FAMILY.get(unit or "", "")
    best, best_key = None, None
    for entry in entries.values():
        found = _match(words, entry)
        if found is None:
            continue
        key = (found[0], entry.family == family, -found[1], -entry.order)
        if best_key is None or key > best_key:
            best, best_key = entry.code, key
    return best
