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
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DICTIONARY_PATH = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "indicators.csv"

_CUE_WORDS = (
    r"đạt được|đạt mức|đạt tỷ lệ|đạt|ước đạt|ước thực hiện|ước tính|ước|là|chiếm tỷ lệ|chiếm"
    r"|tỷ lệ|bằng|vượt|tăng thêm|tăng bình quân|bình quân tăng|bình quân đạt|tăng lên|giảm xuống"
    r"|tăng|giảm|thêm|có thêm|có|gồm|với|lên|xuống|chỉ còn"
    r"|còn|ở mức|mức|khoảng|trên|dưới|hơn|gần|xấp xỉ|ít nhất|tối thiểu|tối đa|không quá|từ|cho"
    r"|tại|vào|của|đến|tới|luôn|thực hiện"
    r"|được|và|trong|so với|tổng cộng|tổng số|số|chừng|trên dưới|giữ vững|duy trì|phấn đấu|gấp"
    r"|hoàn thành|tương đương|trung bình|lần lượt|đều|chỉ|thuộc|đạt và vượt|vượt mức|trở lên"
    r"|trở xuống|trở|dự kiến|ước tăng|ước giảm|mới đạt|chỉ đạt|chưa đạt|chưa|mới chỉ đạt|đã|sẽ"
    r"|đang|vẫn|đều|không dưới|không thấp hơn|không ít hơn|không vượt quá|không cao hơn|dài|rộng"
    r"|đối với"
)
_CUE_SET = frozenset(_CUE_WORDS.split("|"))
# Compounds whose last syllable looks like a cue word but belongs to the noun (`dân số`).
_NOT_CUES = frozenset(
    ["dân số", "chỉ số", "hệ số", "đa số", "thiểu số", "con số", "tổng số", "bình quân số"]
    + ["mặt bằng", "công bằng", "cân bằng", "đồng bằng", "bằng chứng"]
)
_CUE_MAX_WORDS = max(len(c.split()) for c in _CUE_SET)
_TAIL_PUNCT = " \t\n,;:(-"
_TIME_TAIL_RE = re.compile(
    r"(?i)(?:^|\s)(?:(?:trong|vào|của|cả)\s+)?(?:(?:giai đoạn|nhiệm kỳ|thời kỳ)\s+\d{4}\s*-\s*\d{4}"
    r"|(?:(?:đến|tới)\s+)?(?:(?:hết|cuối|đầu|giữa)\s+)?năm\s+\d{4}"
    r"|(?:(?:đến|tới)\s+)?(?:hết|cuối|đầu|giữa)\s+năm"
    r"|\d+\s+tháng(?:\s+(?:đầu|cuối))?(?:\s+năm(?:\s+\d{4})?)?|quý\s+[IVX\d]+(?:/\d{4})?"
    r"|đến nay|hiện nay|cả năm)\s*$"
)
_LEAD_RE = re.compile(
    r"(?i)^(?:[\s\-+*•●▪◦.,;:)(]+|\(?\d{1,2}\)\.?|[a-zđ]\)|chúng tôi|chúng ta|cả năm|trong đó"
    r"|để đạt(?: được)?(?: mục tiêu)?|để|mục tiêu|cam kết|là"
    r"|(?:(?:tính )?(?:đến|tới) )?(?:cuối|đầu|hết|giữa) năm(?: \d{4})?"
    r"|thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
    r"|theo đó|đó là|cụ thể|đặc biệt"
    r"|ngoài ra|đồng thời|bên cạnh đó|riêng|nổi bật là|nổi bật|hằng năm|hàng năm|mỗi năm"
    r"|năm \d{4}|đến nay|hiện nay|hiện|tính đến nay|trong năm(?: \d{4})?|phấn đấu(?: đến năm"
    r" \d{4})?|duy trì|giữ vững|đảm bảo|bảo đảm|tiếp tục|nâng cao|nâng(?! cấp)|giảm"
    r"|tăng(?! cường| trưởng)"
    r"|có|đã|sẽ|và|đưa|thực hiện|cơ bản|hoàn thành"
    r"|toàn (?:quận|huyện|thành phố|tỉnh|xã|phường|thị xã)"
    r"|đạt|trong|tại|với|cùng với|qua|sau|đến|từ|khi|nhưng|song|theo|dự kiến|vẫn còn|còn"
    r"|trên địa bàn(?:\s+(?:quận|huyện|thành phố|tỉnh|xã|phường|thị xã))?"
    r"|quý [IVX\d]+(?:/\d{4})?|\d+ tháng(?: đầu năm)?(?: \d{4})?|năm nay|năm qua"
    r"|(?:tính )?(?:đến|tới|từ)? ?(?:hết )?ngày \d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?)(?=\s|$|[,.;:])"
)
_TAIL_WINDOW = 40
_JOINT_RE = re.compile(r"(?i)(?<!\w)(?:với|cùng|và|gồm)\s")
_AUX_RE = re.compile(
    r"(?i)(?<!\w)(?:đã|sẽ|đang|phấn đấu|cần|phải|đặt mục tiêu|mục tiêu là|đề nghị|yêu cầu"
    r"|dự kiến|đề ra mục tiêu|đặt ra mục tiêu|tiếp tục duy trì|tiếp tục)(?:\s+|$)"
)
_CLAUSE_PUNCT = ";:"
_MAX_WORDS = 18
_RIGHT_STOP_RE = re.compile(r"[;:.!?()\n]|,\s")
# Connectors after a comma that start a new clause rather than continue a noun list.
_RIGHT_CONNECTOR_RE = re.compile(
    r"(?i)\s*(?:trong đó|trong|đồng thời|và|nhưng|song|đạt|tăng|giảm|là|thuộc|với|theo|so với"
    r"|góp phần|nhằm|để|bằng|chiếm|mỗi)(?!\w)"
)
# Where the words after a figure stop naming it: a location, a new noun phrase, a clause.
_RIGHT_CUT_RE = re.compile(
    r"(?i)\s(?:trên|tại|(?<!so\s)với|(?:và|hoặc)\s+(?:các|những|đưa|nâng|tăng|giảm|đạt)|đã|sẽ|nhằm"
    r"|góp phần|trong đó|trở lên|(?:trước|sau)\s+(?:ngày|năm|tháng|quý))(?!\w)"
)
_COUNT_LINK_RE = re.compile(r"(?i)(?:^|\s)(?:là|đạt|bằng|gồm|cho|tại|ở|vào|với|tăng|giảm|thêm)\s*$")


# Counted units too generic to name an indicator on their own.
_GENERIC_NOUN_RE = re.compile(
    r"(?i)(?:người|lượt|hộ|lao động|trường hợp|dự án|công trình|con)(?!\w)"
)
# A comma piece that opens an indicator (`Tỷ lệ thu gom, xử lý rác thải ...`) and says nothing
# about it yet: the phrase continues after the comma.
_HEAD_PIECE_RE = re.compile(
    r"(?i)^\W*(?:tỷ lệ|tỉ lệ|tỷ trọng|số|tổng số|tốc độ|chỉ số|cơ cấu)\s(?:(?!đạt|tăng|giảm|là"
    r"|chiếm|ước|vượt|bằng)[^,;:])*$"
)
_QUAL_END_RE = re.compile(
    r"(?i)(?:\s*(?:hơn|trên|khoảng|gần|dưới|ít nhất|tối thiểu|tối đa|không quá|xấp xỉ|chừng))+\s*$"
)
_PLAN_ONLY_RE = re.compile(
    r"(?i)(?:kế hoạch|KH|chỉ tiêu|dự toán|mục tiêu)(?:\s+năm(?:\s+\d{4})?)?"
    r"(?:\s+(?:đề ra|được giao|giao|(?:thành phố|tỉnh|huyện|quận) giao))?"
)
_COMPARISON_RE = re.compile(r"(?i)\s(?:so với|so)\s")
_SHARE_OF_RE = re.compile(r"(?i)(?:số|tổng số|lượng)\s+(?!lượng\b)\w")
_NOT_A_NAME_RE = re.compile(
    r"(?i)(?:so với|so|kế hoạch|dự toán|chỉ tiêu|cùng kỳ|mỗi năm|hằng năm|hàng năm|năm|trở lên"
    r"|trở xuống|tổng|tổng số|trong đó|và|hoặc|của|với)(?!\w)"
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
    for i in range(end - 1, start - 1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return i + 1
            depth -= 1
        elif ch in _CLAUSE_PUNCT and depth == 0:
            return i + 1
    return start


def strip_tail(text: str) -> tuple[str, str]:
    """Split trailing cue words off `text`: (content, cue tail)."""
    content = text.rstrip(_TAIL_PUNCT)
    while content:
        # only the last few words can form a cue: looking at the tail keeps this linear
        words = content[-_TAIL_WINDOW:].lower().split()
        n = len(words)
        for k in range(min(_CUE_MAX_WORDS, n), 0, -1):
            if (
                " ".join(words[n - k :]) in _CUE_SET
                and " ".join(words[n - k - 1 :]) not in _NOT_CUES
            ):
                parts = content.rsplit(None, k)
                content = parts[0].rstrip(_TAIL_PUNCT) if len(parts) > k else ""
                break
        else:
            break
    return content, text[len(content) :]


def clean(phrase: str) -> str:
    """Strip leading connectors and trailing cue words and time phrases."""
    prev = None
    while prev != phrase:
        prev = phrase
        phrase = _LEAD_RE.sub("", phrase, count=1).strip()
        phrase = strip_tail(phrase)[0].strip()
        m = _TIME_TAIL_RE.search(phrase, max(0, len(phrase) - _TAIL_WINDOW))
        if m:
            phrase = phrase[: m.start()].strip()
    return " ".join(phrase.split())


def _last_comma_piece(clause: str, first: int = 0) -> tuple[str, bool]:
    """The part after the last comma, joined over short noun lists (`dịch vụ, du lịch`).

    When nothing but cue words follows the last comma (`..., tăng 12%`), the piece before it is
    taken and the second value says so. Pieces before `first` are never joined.
    """
    pieces = clause.split(",")
    last_empty = not clean(pieces[-1])
    if last_empty and len(pieces) > 1:
        pieces.pop()
    i = len(pieces) - 1
    while i > first and (
        0 < len(strip_tail(pieces[i])[0].split()) <= 2 or _HEAD_PIECE_RE.match(pieces[i - 1])
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


def _after_aux(phrase: str) -> str:
    """`quận đã khởi công xây mới` → `khởi công xây mới`."""
    found = list(_AUX_RE.finditer(phrase))
    if found:
        rest = clean(phrase[found[-1].end() :])
        if rest or found[-1].end() == len(phrase):
            # `chúng tôi đặt mục tiêu | 100% thủ tục ...`: a goal verb last names nothing
            return rest
    return phrase


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
    if last_empty and continues and "," not in piece:
        piece = ""
    elif continues:
        # `2.315 giấy phép ... với tổng vốn khoảng 12.500 tỷ`: a new noun after `với`
        joint = list(_JOINT_RE.finditer(piece))
        if joint:
            piece = piece[joint[-1].end() :]
    phrase = _drop_subject(_after_aux(clean(piece)))
    labelled = False
    if not phrase and cstart > seg_start and text[cstart - 1] in ":(":
        # `Tốc độ tăng ... hằng năm: 12-13%`, `tỷ lệ ... (mới đạt 96%)`: the phrase before
        label_start = clause_start(text, seg_start, cstart - 1)
        phrase = _after_aux(clean(_last_comma_piece(text[label_start : cstart - 1])[0]))
        labelled = text[cstart - 1] == ":" and not clause.strip()
    return Phrase(
        _cap(phrase) or None, cue_tail.strip(), clause, last_empty, cstart == seg_start, labelled
    )


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
    phrase = window[: m.start()] if m else window
    cut = _RIGHT_CUT_RE.search(phrase)
    if cut:
        phrase = phrase[: cut.start()]
    return _cap(clean(phrase)) or None


def count_links_left(cue_tail: str, noun: str | None) -> bool:
    """A count tied to the phrase before it by a copula or preposition, or a count of a
    generic unit right after its indicator (`xuất khẩu lao động 250 người`)."""
    cue_tail = _QUAL_END_RE.sub("", cue_tail)
    if _COUNT_LINK_RE.search(" " + cue_tail):
        return True
    return not cue_tail and bool(noun) and bool(_GENERIC_NOUN_RE.match(noun or ""))


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
    return bool(phrase) and not _NOT_A_NAME_RE.match(phrase or "")


def _cap(phrase: str) -> str:
    words = phrase.split()
    if len(words) > _MAX_WORDS:
        words = words[:_MAX_WORDS]
    return " ".join(words).strip(" ,;:-")


# ---------------------------------------------------------------- dictionary


def _fold(text: str) -> str:
    """Lowercase, NFC, `đ` → `d`, no diacritics: the fallback matching key."""
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
    """Lowercase NFC words with one tone placement: the exact matching key."""
    text = _TONE_RE.sub(lambda m: _TONE_MAP[m.group()], unicodedata.normalize("NFC", text.lower()))
    return " ".join(re.findall(r"\w+", text))


_Index = dict[str, list[tuple[tuple[str, ...], str]]]


@lru_cache(maxsize=1)
def dictionary() -> tuple[_Index, _Index]:
    """Patterns indexed by first word, longest first: exact keys and folded keys."""
    exact: _Index = {}
    folded: _Index = {}
    if DICTIONARY_PATH.exists():
        with DICTIONARY_PATH.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for pattern in row["patterns"].split("|"):
                    for index, key in ((exact, _key(pattern)), (folded, _fold(pattern))):
                        words = tuple(key.split())
                        if words:
                            index.setdefault(words[0], []).append((words, row["indicator_code"]))
    for index in (exact, folded):
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
    return exact, folded


@lru_cache(maxsize=8192)
def indicator_code(phrase: str | None) -> str | None:
    """The code of the pattern found earliest in `phrase` (longest on ties), or None.

    Vietnamese noun phrases put the head first (`tốc độ tăng giá trị sản xuất ...` is a growth
    rate, not a production value), so the earliest match names the indicator. Patterns match
    whole words; a diacritic-insensitive pass catches unaccented or oddly accented text.
    """
    if not phrase:
        return None
    exact, folded = dictionary()
    return _best(_key(phrase).split(), exact) or _best(_fold(phrase).split(), folded)


def _best(words: list[str], index: _Index) -> str | None:
    for i, word in enumerate(words):
        for pattern, code in index.get(word, ()):
            if tuple(words[i : i + len(pattern)]) == pattern:
                return code
    return None
