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
TERM = re.compile(r"nhiệm\s+kỳ\s*:?\s*(\d{4})\s*[-–—]\s*(\d{4})", re.I)
SPAN = re.compile(r"\b((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b")


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


def fold(text: str) -> str:
    """Lowercase ASCII; makes 'Hoà'/'Hòa' and 'Ứng Hoà'/'Ung Hoa' compare equal."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text.lower())


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


@lru_cache(maxsize=4)
def _index(path: Path = SEED_CSV) -> tuple[re.Pattern, re.Pattern, dict[str, list[Unit]]]:
    """Two alternations (prefixed names in folded text, bare names in NFC text) and the
    units behind each matched key. One pass per pattern keeps parsing fast."""
    by_key: dict[str, list[Unit]] = {}
    prefixed, bare = set(), set()
    for unit in load_units(path):
        prefix = PREFIXES.get(unit.unit_type, "")
        key = f"{prefix} {fold(unit.name_vi)}".strip()
        by_key.setdefault(key, []).append(unit)
        prefixed.add(key)
        if unit.unit_type in ("quận", "huyện", "thị xã", "thành phố"):
            # Bare names only for district level and up, and only capitalised as a proper noun.
            by_key.setdefault(unit.name_vi, []).append(unit)
            bare.add(unit.name_vi)
    longest_first = sorted(prefixed, key=len, reverse=True)
    p_re = re.compile(r"\b(" + "|".join(map(re.escape, longest_first)) + r")\b")
    b_re = re.compile(
        r"(?<!\w)(" + "|".join(map(re.escape, sorted(bare, key=len, reverse=True))) + r")(?!\w)"
    )
    return p_re, b_re, by_key


def find_districts(text: str, when: date | None = None, path: Path = SEED_CSV) -> list[str]:
    """Codes of the units named in ``text``, most mentioned first.

    ``when`` (the publication day) keeps only units that existed then, so a 2020 article's
    "phường Phú Thượng" is the Tây Hồ ward and not the 2025 ward of the same name.
    """
    p_re, b_re, by_key = _index(path)
    prefixed = Counter(p_re.findall(fold(text)))
    bare = Counter(b_re.findall(unicodedata.normalize("NFC", text)))
    counts: Counter[str] = Counter()
    for unit_key, n in list(prefixed.items()) + list(bare.items()):
        for unit in by_key.get(unit_key, []):
            if when is None or unit.valid_on(when):
                counts[unit.code] = max(counts[unit.code], n)
    return [code for code, _ in counts.most_common()]


def find_term(text: str) -> str | None:
    """The party/council term named in the text, e.g. '2020-2025'."""
    terms = Counter(f"{a}-{b}" for a, b in TERM.findall(text) if 0 < int(b) - int(a) <= 5)
    if terms:
        return terms.most_common(1)[0][0]
    spans = Counter(f"{a}-{b}" for a, b in SPAN.findall(text) if int(b) - int(a) == 5)
    return spans.most_common(1)[0][0] if spans else None
