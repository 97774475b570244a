"""Text normalisation for figure extraction.

Offsets of extracted figures refer to the text returned by `normalize_text`: NFC first (which
may change the length of decomposed input), then only one-character-for-one-character
replacements, so the NFC text and the normalised text always have the same length.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Every key and value is a single character: the mapping never changes the string length.
_CHAR_MAP = {
    "\u00a0": " ",  # no-break space
    "\u2007": " ",  # figure space
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",  # thin space
    "\u200b": " ",  # zero-width space: kept as a character so offsets stay put
    "\ufeff": " ",  # byte order mark
    "\t": " ",
    "\r": "\n",
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2015": "-",  # horizontal bar
    "\u2212": "-",  # minus sign
    "\uff05": "%",  # fullwidth percent
}


def normalize_text(text: str) -> str:
    """NFC-normalise `text` and replace odd spaces and dashes, keeping the NFC length."""
    text = unicodedata.normalize("NFC", text)
    for old, new in _CHAR_MAP.items():
        if old in text:  # str.replace per present character beats str.translate on long texts
            text = text.replace(old, new)
    return text


# Letters that IGNORECASE matches with letters other than their lower case (`ſ` with `s`, `ı`
# with `i`, Greek and Cyrillic variants; from the tables of Python's `re`).
_CASE_EXTRAS = (
    "ıſµͅΐΰβεθικμπρςσφϐϑϕϖϰϱϵвдостъѣ" + "".join(map(chr, range(0x1C80, 0x1C89))) + "ṡẛιꙋﬅﬆ"
)
_CASE_EXTRAS_RE = re.compile(f"[{re.escape(_CASE_EXTRAS)}]")
# From this length one `in` test per letter (each a fast scan) beats the regex, which tests
# the class at every character: an article's whole text is asked about.
_LONG_TEXT = 1000


def _has_case_extras(lower: str) -> bool:
    if len(lower) < _LONG_TEXT:
        return _CASE_EXTRAS_RE.search(lower) is not None
    return any(letter in lower for letter in _CASE_EXTRAS)


# (cached: the article's text is asked for by several passes, and once for each sentence)
@lru_cache(maxsize=16)
def lower_for_matching(text: str) -> str | None:
    """`text.lower()` when a pattern of lower-case letters matches it case-sensitively exactly
    as it matches `text` with IGNORECASE (which scans about twice as slowly): the same length
    and no letter with extra case forms; else None."""
    lower = text.lower()
    return lower if len(lower) == len(text) and not _has_case_extras(lower) else None
