"""Orchestration: scan numbers, drop non-figures, then attach semantics to each figure."""

from __future__ import annotations

import re

from chitieu.figures import indicators, semantics
from chitieu.figures.model import Figure
from chitieu.figures.nonfigures import Blocker, rejects
from chitieu.figures.normalize import normalize_text
from chitieu.figures.numbers import NUM_START_RE, Candidate, read_figure, read_ratio
from chitieu.figures.segment import Scope, Span, sentences

_MULTIPLE_CUE_RE = re.compile(
    r"(?i)(?<!\w)(?:gấp|tăng|giảm|cao|thấp|lớn|nhiều|bằng)(?:\s+(?:hơn|gần|khoảng|trên|xấp xỉ"
    r"|ít nhất|tới|đến|lên))*\s*$"
)
_MULTIPLE_AFTER_RE = re.compile(r"\s+lần\s+(?:so với|so)(?!\w)")
_AFTER_WINDOW = 60
_NOUN_AFTER_RE = re.compile(r" [^\W\d_]")  # a word right after the figure, no punctuation
_COMPLETES_RE = re.compile(r"(?i)hoàn thành\s*$")
# `21/12/2023`, `05.07.2023`, `15-12-2023`: the article's own dates give its year.
# The dateline: a short line near the top holding a date (`Thứ Năm, 21/12/2023 - 09:15`).
_DATELINE_LINES = 5
_DATELINE_MAX_CHARS = 80
_DATELINE_MAX_WORDS = 6
_ALPHA_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_DATE_YEAR_RE = re.compile(r"(?<![\d/.-])\d{1,2}([/.-])\d{1,2}\1((?:19|20)\d\d)(?!\d)")


def _dateline_year(norm: str) -> int | None:
    """The year of the article's own date, from a short line near the top; a date inside a
    paragraph may be any past date (`thành lập ngày 01/01/2021`)."""
    lines = [line for line in norm[:2000].split("\n") if line.strip()][:_DATELINE_LINES]
    years = [int(y) for line in lines if _is_dateline(line) for _, y in _DATE_YEAR_RE.findall(line)]
    return max(years, default=None)


def _is_dateline(line: str) -> bool:
    """Mostly date and time, few words (`Cập nhật lúc 16h05, ngày 02-10-2023`), no sentence."""
    words = _ALPHA_WORD_RE.findall(line)
    return (
        len(line) <= _DATELINE_MAX_CHARS
        and len(words) <= _DATELINE_MAX_WORDS
        and not line.rstrip().endswith(".")
    )


def scan(text: str) -> list[Candidate]:
    """All figures of a normalised text, in order, without semantics."""
    blocker = Blocker(text)
    out: list[Candidate] = []
    limit = 0
    for m in NUM_START_RE.finditer(text):
        pos = m.start()
        if pos < limit or blocker.blocked(pos) or _glued_to_word(text, pos):
            continue
        cand = read_ratio(text, pos)
        if cand is None:
            before = text[max(0, pos - 30) : pos]
            cue = bool(_MULTIPLE_CUE_RE.search(before) or _MULTIPLE_AFTER_RE.match(text, m.end()))
            cand = read_figure(text, pos, m.end(), cue)
        if cand is None or rejects(text, cand):
            continue
        out.append(cand)
        limit = cand.end
    return out


def _glued_to_word(text: str, pos: int) -> bool:
    """`Covid-19`, `A-1`: a number hyphenated to a word is part of a name."""
    return pos >= 2 and text[pos - 1] == "-" and text[pos - 2].isalpha()


def _sentence_of(sents: list[Span], start: int, from_index: int) -> int:
    i = from_index
    while i + 1 < len(sents) and sents[i].end <= start:
        i += 1
    return i


def extract_figures(text: str) -> list[Figure]:
    """Every figure of `text`, in text order; offsets refer to `normalize_text(text)`."""
    norm = normalize_text(text)
    cands = scan(norm)
    if not cands:
        return []
    return _Walker(norm, cands).figures()


class _KindCarry:
    """The kind a paragraph's strong cues carry to later sentences without cues."""

    def __init__(self) -> None:
        self.para = -2
        self.kind: str | None = None
        self.gap_start = 0  # start of the figure-less text since the last figure's sentence

    def enter(self, norm: str, s_start: int, new_sentence: bool) -> str | None:
        para = norm.rfind("\n", 0, s_start)
        if para != self.para:
            self.para, self.kind, self.gap_start = para, None, para + 1
        if new_sentence:
            self.kind = semantics.strong_cue(norm[self.gap_start : s_start]) or self.kind
        return self.kind

    def leave(self, kind: str, strong: bool, s_end: int) -> None:
        if strong:
            self.kind = kind
        self.gap_start = s_end


class _Walker:
    """Walks the candidates of one text in order, keeping sentence and paragraph state."""

    def __init__(self, norm: str, cands: list[Candidate]) -> None:
        self.norm, self.cands = norm, cands
        self.sents = sentences(norm)
        self.scope = Scope(norm)
        self.doc_year = max((int(y) for _, y in _DATE_YEAR_RE.findall(norm)), default=None)
        self.dateline_year = _dateline_year(norm)
        self.carry = _KindCarry()

    def figures(self) -> list[Figure]:
        out: list[Figure] = []
        si, prev_end, prev_indicator, prev_sent = 0, -1, None, -1
        for n, cand in enumerate(self.cands):
            si = _sentence_of(self.sents, cand.start, si)
            if si != prev_sent:
                prev_end, prev_indicator = -1, None
            fig = self._figure(n, cand, si, si != prev_sent, prev_end, prev_indicator)
            out.append(fig)
            prev_end, prev_indicator, prev_sent = cand.end, fig.indicator or prev_indicator, si
        return out

    def _figure(
        self, n: int, cand: Candidate, si: int, new_sentence: bool, prev_end: int, prev: str | None
    ) -> Figure:
        norm, sent = self.norm, self.sents[si]
        s_start, s_end = min(sent.start, cand.start), max(sent.end, cand.end)
        seg_start = max(s_start, prev_end)
        next_start = self.cands[n + 1].start if n + 1 < len(self.cands) else len(norm)
        indicator, phrase = _indicator(
            norm, cand, seg_start, prev_end, prev, min(s_end, next_start)
        )
        carried = self.carry.enter(norm, s_start, new_sentence)
        kind, strong = semantics.kind(
            norm[s_start : cand.start],
            self.scope.is_target(cand.start),
            self.doc_year,
            carried,
            norm[cand.end : s_end],
            self.dateline_year,
        )
        self.carry.leave(kind, strong, s_end)
        return Figure(
            surface=norm[cand.start : cand.end],
            unit=cand.unit,
            value=cand.value,
            value_max=cand.value_max,
            denominator=cand.denominator,
            noun=cand.noun if cand.unit in ("count", "ratio", "quantity") else None,
            kind=kind,
            measure=_measure(norm, cand, phrase, indicator),
            qualifier=semantics.qualifier(
                norm[s_start : cand.start], norm[cand.end : cand.end + _AFTER_WINDOW]
            ),
            indicator=indicator,
            indicator_code=indicators.indicator_code(indicator),
            sentence=norm[s_start:s_end],
            char_start=cand.start,
            char_end=cand.end,
        )


def _measure(norm: str, cand: Candidate, phrase: indicators.Phrase, indicator: str | None) -> str:
    return semantics.measure(
        phrase.cue_tail,
        phrase.clause,
        norm[cand.end : cand.end + _AFTER_WINDOW],
        indicator,
        cand.unit,
        per_year=cand.unit == "percent" and norm.endswith("/năm", 0, cand.end),
        is_range=cand.value_max is not None,
    )


def _indicator(
    norm: str, cand: Candidate, seg_start: int, prev_end: int, prev: str | None, limit: int
) -> tuple[str | None, indicators.Phrase]:
    phrase = indicators.left_phrase(norm, seg_start, cand.start, seg_start == prev_end)
    # words between the previous figure and this one, with no break, still describe that one
    continues_previous = (
        seg_start == prev_end and phrase.starts_segment and "," not in phrase.clause
    )
    if cand.unit in ("count", "ratio"):
        if phrase.indicator and (
            phrase.labelled
            or (
                not continues_previous
                and not phrase.from_previous_piece
                and indicators.count_links_left(phrase.cue_tail, cand.noun)
            )
        ):
            return phrase.indicator, phrase
        right = indicators.right_phrase(norm, cand.num_end, limit)
        return right or phrase.indicator or prev, phrase
    completes = _COMPLETES_RE.search(phrase.cue_tail)
    if cand.unit == "percent":
        share = indicators.share_of(indicators.right_phrase(norm, cand.end, limit))
        if share:
            return share, phrase
    if phrase.indicator and not phrase.from_previous_piece and not completes:
        return phrase.indicator, phrase
    right = indicators.right_phrase(norm, cand.end, limit)
    if seg_start == prev_end and prev and phrase.starts_segment:
        # `100% trường ..., trong đó ít nhất 30% trường đạt mức độ 2`: a new share
        new_share = (
            cand.unit == "percent"
            and "," in phrase.clause
            and _NOUN_AFTER_RE.match(norm, cand.end)
            and indicators.names_something(right)
        )
        return (right if new_share else prev), phrase
    if indicators.names_something(right) or (
        completes and right and not (phrase.indicator and indicators.plan_only(right))
    ):
        # `hoàn thành 100% chỉ tiêu giao quân`: what is completed names the figure
        return right, phrase
    return phrase.indicator or prev or right, phrase
