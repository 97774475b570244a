"""Hanoi administrative units (the dbt seed ``districts.csv``) and finding them in text."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

SEED_CSV = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "districts.csv"
PREFIXES = {
    "quận": "quan",
    "huyện": "huyen",
    "thị xã": "thi xa",
    "phường": "phuong",
    "xã": "xa",
    "thành phố": "thanh pho",
}
# Literal first (no IGNORECASE, no leading \b): the regex engine can skip ahead.
TERM = re.compile(r"(?:nhiệm|Nhiệm|NHIỆM)\s+(?:kỳ|Kỳ|KỲ)\s*:?\s*(\d{4})\s*[-–—]\s*(\d{4})")
SPAN = re.compile(r"((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class Unit:
    code: str
    name_vi: str
    name_ascii: str
    unit_type: str
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


_MARKS = re.compile(r"[\u0300-\u036f]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase ASCII; makes 'Hoà'/'Hòa' and 'Ứng Hoà'/'Ung Hoa' compare equal."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return _SPACES.sub(" ", _MARKS.sub("", unicodedata.normalize("NFD", text)).lower())


def _fold_window(text: str) -> str:
    """fold() for a few words (cheaper calls; the ends are trimmed)."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return " ".join(_MARKS.sub("", text).lower().split())


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


@lru_cache(maxsize=4)
def load_units(path: Path = SEED_CSV) -> tuple[Unit, ...]:
    with open(path, encoding="utf-8", newline="") as fh:
        return tuple(
            Unit(
                r["district_code"],
                r["name_vi"],
                r["name_ascii"],
                r["unit_type"],
                r["parent_code"] or None,
                _day(r["valid_from"]),
                _day(r["valid_to"]),
            )
            for r in csv.DictReader(fh)
        )


_WORD = re.compile(r"\s*(\w+)")
WINDOW = 40  # longer than any prefixed name


@dataclass(frozen=True)
class _Index:
    prefixed: re.Pattern  # folded "prefix name" keys, matched at a prefix
    bare: re.Pattern  # bare district names in NFC text
    units: dict[str, list[Unit]]  # the units behind each key
    starts: re.Pattern  # where a prefixed name can start (on lower-cased text)
    first_words: dict[str, frozenset[str]]  # folded prefix -> first words of its names


@lru_cache(maxsize=4)
def _index(path: Path = SEED_CSV) -> _Index:
    """Both patterns start with their literals and the word boundary is checked on the
    match, so the regex engine skips to a possible first letter."""
    by_key: dict[str, list[Unit]] = {}
    prefixed, bare = set(), set()
    first_words: dict[str, set[str]] = {p: set() for p in PREFIXES.values()}
    for unit in load_units(path):
        prefix = PREFIXES.get(unit.unit_type, "")
        key = f"{prefix} {fold(unit.name_vi)}".strip()
        by_key.setdefault(key, []).append(unit)
        prefixed.add(key)
        if prefix:
            first_words[prefix].add(fold(unit.name_vi).split()[0])
        if unit.unit_type in ("quận", "huyện", "thị xã", "thành phố"):
            # Bare names only for district level and up, and only capitalised as a proper noun.
            by_key.setdefault(unit.name_vi, []).append(unit)
            bare.add(unit.name_vi)
    by_length = sorted(prefixed, key=len, reverse=True)
    p_re = re.compile(r"(" + "|".join(map(re.escape, by_length)) + r")\b")
    b_re = re.compile(
        r"(" + "|".join(map(re.escape, sorted(bare, key=len, reverse=True))) + r")(?!\w)"
    )
    # Only the windows after a prefix are folded, not the whole text; a prefix that starts no
    # name (there are no "xã" in the seed) is not even looked for. The scan runs on the
    # lower-cased text: an IGNORECASE scan is ten times slower.
    words = [w for w, p in PREFIXES.items() if first_words[p]] + [
        p for p in PREFIXES.values() if first_words[p]
    ]
    # ...and only where a name's first word follows, in any accent variant ("thụy", "thuỵ",
    # "thuy"): the regex engine then skips "cơ quan", "quan tâm" without a Python step
    firsts_re = "|".join(sorted({_any_accent(w) for ws in first_words.values() for w in ws}))
    starts = re.compile(
        "(" + "|".join(sorted(words, key=len, reverse=True)) + r")\s+(?=(?:" + firsts_re + r")\b)"
    )
    firsts = {p: frozenset(v) for p, v in first_words.items()}
    return _Index(p_re, b_re, by_key, starts, firsts)


def _letter_classes() -> dict[str, str]:
    """ASCII letter -> regex class of the lower-case letters that fold to it (a: [aàáạ…])."""
    variants: dict[str, set[str]] = {}
    for code in [*range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        if char.lower() != char:
            continue
        base = fold(char)
        if len(base) == 1 and base.isascii() and base.isalpha():
            variants.setdefault(base, set()).add(char)
    return {b: "[" + "".join(sorted(v)) + "]" for b, v in variants.items()}


_LETTERS = _letter_classes()


def _any_accent(folded_word: str) -> str:
    return "".join(_LETTERS.get(c, re.escape(c)) for c in folded_word)


@lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    return fold(text)


def _starts_word(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")


def _prefixed(index: _Index, text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    end = 0  # matches do not overlap, as in one pass over the folded text
    lower = text.lower()
    if len(lower) != len(text):  # a letter whose lower case is longer ("İ"): fold it all
        lower = fold(text)
        text = lower
    for m in index.starts.finditer(lower):
        if m.start() < end or not _starts_word(text, m.start()):
            continue
        # most prefixes start no name ("quận ủy"): the next word says so
        word = _WORD.match(lower, m.end())
        if not word or _fold_short(word.group(1)) not in index.first_words[_fold_short(m[1])]:
            continue
        hit = index.prefixed.match(_fold_window(text[m.start() : m.start() + WINDOW]))
        if hit:
            found[hit.group(1)] += 1
            end = m.start() + len(hit.group(1))
    return found


def find_districts(text: str, when: date | None = None, path: Path = SEED_CSV) -> list[str]:
    """Codes of the units named in ``text``, most mentioned first.

    ``when`` (the publication day) keeps only units that existed then, so a 2020 article's
    "phường Phú Thượng" is the Tây Hồ ward and not the 2025 ward of the same name.
    """
    index = _index(path)
    text = unicodedata.normalize("NFC", text)
    prefixed = _prefixed(index, text)
    bare = Counter(m.group(1) for m in index.bare.finditer(text) if _starts_word(text, m.start()))
    counts: Counter[str] = Counter()
    for unit_key, n in list(prefixed.items()) + list(bare.items()):
        for unit in index.units.get(unit_key, []):
            if when is None or unit.valid_on(when):
                counts[unit.code] = max(counts[unit.code], n)
    return [code for code, _ in counts.most_common()]


def find_term(text: str) -> str | None:
    """The party/council term named in the text, e.g. '2020-2025'."""
    terms = Counter(f"{a}-{b}" for a, b in TERM.findall(text) if 0 < int(b) - int(a) <= 5)
    if terms:
        return terms.most_common(1)[0][0]
    spans = Counter(
        f"{m[1]}-{m[2]}"
        for m in SPAN.finditer(text)
        if int(m[2]) - int(m[1]) == 5 and _starts_word(text, m.start())
    )
    return spans.most_common(1)[0][0] if spans else None
