"""Saved real pages (tests/data/realweb/) and the main-text measure used on them.

The measure is the article-extraction benchmark's published one (zytedata/article-extraction-
benchmark, MIT licence, whose pages and ground truth are in tests/data/realweb/zyte/),
reimplemented from the project's shared ``score_text.py``: the text is cut into word tokens,
every run of 4 consecutive tokens is a shingle, per page TP/FP/FN are counted over shingle
multisets and normalised to sum 1; precision is the mean over pages with any output, recall
the mean over pages with any truth, F1 their harmonic mean; empty outputs are counted apart.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scrapers.parse import ParsedArticle, ParseError, parse_article

REALWEB = Path(__file__).parent / "data" / "realweb"
ZYTE = REALWEB / "zyte"
LIFERAY = REALWEB / "liferay-hanoi"
WORD = re.compile(r"\w+")


def zyte_truth() -> dict[str, dict]:
    return json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))


def zyte_page(key: str) -> bytes:
    return gzip.decompress((ZYTE / "html" / f"{key}.html.gz").read_bytes())


@cache
def parsed_zyte(key: str) -> ParsedArticle | ParseError:
    """The page as the crawl parses it (no registered source: the generic path)."""
    try:
        return parse_article(zyte_page(key), zyte_truth()[key]["url"])
    except ParseError as exc:
        return exc


def words(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def shingles(text: str, n: int = 4) -> Counter:
    toks = WORD.findall(text or "")
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_scores(true: str, pred: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where the page has no output / no truth."""
    t, p = shingles(true), shingles(pred)
    tp, fp, fn = sum((t & p).values()), sum((p - t).values()), sum((t - p).values())
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    empty: int


def score(truth: dict[str, str], predicted: dict[str, str]) -> Score:
    ps, rs = [], []
    for key, true in truth.items():
        p, r = page_scores(true, predicted.get(key, ""))
        if p is not None:
            ps.append(p)
        if r is not None:
            rs.append(r)
    precision, recall = sum(ps) / len(ps), sum(rs) / len(rs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    empty = sum(1 for key in truth if not predicted.get(key, "").strip())
    return Score(precision, recall, f1, empty)
