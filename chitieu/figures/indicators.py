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
    r"|tỷ lệ|bằng|vượt|tăng thêm|tăng bình quân|bình quân tăng|tăng lên|giảm xuống|tăng|giảm"
    r"|bình quân|thêm|có thêm|có|gồm|với|lên|xuống|chỉ còn|còn|ở mức|mức|khoảng|trên|dưới|hơn"
    r"|gần|xấp xỉ|ít nhất|tối thiểu|tối đa|không quá|từ|cho|tại|ở|vào|của|đến|tới|luôn|thực hiện"
    r"|được|và|trong|so với|tổng cộng|tổng số|số|chừng|trên dưới|giữ vững|duy trì|phấn đấu|gấp"
    r"|hoàn thành|tương đương|trung bình|lần lượt|đều|chỉ|thuộc|đạt và vượt|vượt mức"
)
_TRAIL_CUE_RE = re.compile(rf"(?i)(?:^|\s)(?:{_CUE_WORDS})\s*$|[\s,;:(\-]+$")
_TIME_TAIL_RE = re.compile(
    r"(?i)(?:^|\s)(?:(?:trong|vào|của|cả)\s+)?(?:(?:giai đoạn|nhiệm kỳ|thời kỳ)\s+\d{4}\s*-\s*\d{4}"
    r"|(?:(?:đến|tới)\s+)?(?:hết\s+)?năm\s+\d{4}|\d+\s+tháng(?:\s+đầu)?\s+năm(?:\s+\d{4})?"
    r"|đến nay|hiện nay|trên địa bàn(?:\s+(?:quận|huyện|thành phố|tỉnh|xã|phường|thị xã))?)\s*$"
)
_LEAD_RE = re.compile(
    r"(?i)^(?:[\s\-+*•●▪◦.,;:)(]+|\(?\d{1,2}\)\.?|trong đó|theo đó|đó là|cụ thể|đặc biệt"
    r"|ngoài ra|đồng thời|bên cạnh đó|riêng|nổi bật là|nổi bật|hằng năm|hàng năm|mỗi năm"
    r"|năm \d{4}|đến nay|hiện nay|hiện|tính đến nay|trong năm(?: \d{4})?|phấn đấu(?: đến năm"
    r" \d{4})?|duy trì|giữ vững|đảm bảo|bảo đảm|tiếp tục|nâng cao|nâng|giảm|tăng(?! cường)"
    r"|có|đã|sẽ|và|cơ bản|toàn (?:quận|huyện|thành phố|tỉnh|xã|phường|thị xã)|hoàn thành"
    r"|đạt|trong|tại|với|cùng với|qua|sau|đến|từ|khi|nhưng|song"
    r"|trên địa bàn(?:\s+(?:quận|huyện|thành phố|tỉnh|xã|phường|thị xã))?)(?=\s|$|[,.;:])"
)
_TAIL_WINDOW = 40
_AUX_RE = re.compile(r"(?i)(?<!\w)(?:đã|sẽ|đang)\s+")
_CLAUSE_PUNCT = ";:"
_MAX_WORDS = 18
_RIGHT_STOP_RE = re.compile(r"[;:.!?()\n]|,\s")
# Connectors after a comma that start a new clause rather than continue a noun list.
_RIGHT_CONNECTOR_RE = re.compile(
    r"(?i)\s*(?:trong đó|trong|đồng thời|và|nhưng|song|đạt|tăng|giảm|là|thuộc|với|theo|so với"
    r"|góp phần|nhằm|để|bằng|chiếm)(?!\w)"
)
# Where the words after a figure stop naming it: a location, a new noun phrase, a clause.
_RIGHT_CUT_RE = re.compile(
    r"(?i)\s(?:trên|tại|(?:và|hoặc)\s+(?:các|những)|đã|sẽ|nhằm|góp phần)(?!\w)"
)
_COUNT_LINK_RE = re.compile(
    r"(?i)(?:^|\s)(?:là|đạt|bằng|gồm|cho|tại|ở|vào|với|tăng|giảm|thêm)\s*$"
)


@dataclass(frozen=True)
class Phrase:
    indicator: str | None
    cue_tail: str  # cue words between the indicator and the number (`ước đạt trên`)
    clause: str  # the clause before the number
    from_previous_piece: bool  # nothing stood right before the number after the last comma


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
    content = text
    while True:
        # only the tail can match: searching from near the end keeps this linear
        m = _TRAIL_CUE_RE.search(content, max(0, len(content) - _TAIL_WINDOW))
        if not m or m.start() == len(content):
            break
        content = content[: m.start()]
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


def _last_comma_piece(clause: str) -> tuple[str, bool]:
    """The part after the last comma, joined over short noun lists (`dịch vụ, du lịch`).

    When nothing but cue words follows the last comma (`..., tăng 12%`), the piece before it is
    taken and the second value says so.
    """
    pieces = clause.split(",")
    i = len(pieces) - 1
    last_empty = not clean(pieces[i])
    if last_empty and i > 0:
        i -= 1
    while i > 0 and 0 < len(strip_tail(pieces[i])[0].split()) <= 2:
        i -= 1
    return ",".join(pieces[i:]), last_empty


def _after_aux(phrase: str) -> str:
    """`quận đã khởi công xây mới` → `khởi công xây mới`."""
    found = list(_AUX_RE.finditer(phrase))
    if found:
        rest = clean(phrase[found[-1].end() :])
        if rest:
            return rest
    return phrase


def left_phrase(text: str, seg_start: int, num_start: int) -> Phrase:
    """The indicator candidate before the number, with the cue tail and the clause."""
    cstart = clause_start(text, seg_start, num_start)
    clause = text[cstart:num_start]
    cue_tail = strip_tail(clause)[1]
    piece, last_empty = _last_comma_piece(clause)
    phrase = _after_aux(clean(piece))
    if not phrase and cstart > seg_start and text[cstart - 1] == ":":
        # `Tốc độ tăng ... hằng năm: 12-13%`: a label before a colon
        label_start = clause_start(text, seg_start, cstart - 1)
        phrase = _after_aux(clean(_last_comma_piece(text[label_start : cstart - 1])[0]))
    return Phrase(_cap(phrase) or None, cue_tail.strip(), clause, last_empty)


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


def count_links_left(cue_tail: str) -> bool:
    """A count tied to the phrase before it by a copula or preposition."""
    return bool(_COUNT_LINK_RE.search(" " + cue_tail))


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
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_TONE_MAP))


def _key(text: str) -> str:
    """Lowercase NFC words with one tone placement: the exact matching key."""
    text = _TONE_RE.sub(lambda m: _TONE_MAP[m.group()], unicodedata.normalize("NFC", text.lower()))
    return " ".join(re.findall(r"\w+", text))


@lru_cache(maxsize=1)
def dictionary() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(pattern key, code) pairs, longest pattern first: exact keys and folded keys."""
    exact: list[tuple[str, str]] = []
    folded: list[tuple[str, str]] = []
    if not DICTIONARY_PATH.exists():
        return exact, folded
    with DICTIONARY_PATH.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for pattern in row["patterns"].split("|"):
                if pattern.strip():
                    exact.append((_key(pattern), row["indicator_code"]))
                    folded.append((_fold(pattern), row["indicator_code"]))
    exact.sort(key=lambda p: -len(p[0]))
    folded.sort(key=lambda p: -len(p[0]))
    return exact, folded


@lru_cache(maxsize=4096)
def indicator_code(phrase: str | None) -> str | None:
    """The dictionary code whose longest pattern occurs in `phrase` (word-aligned), or None."""
    if not phrase:
        return None
    exact, folded = dictionary()
    key = f" {_key(phrase)} "
    for pattern, code in exact:
        if f" {pattern} " in key:
            return code
    fkey = f" {_fold(phrase)} "
    for pattern, code in folded:
        if f" {pattern} " in fkey:
            return code
    return None
