"""Orchestration: scan numbers, drop non-figures, then attach semantics to each figure."""

from __future__ import annotations

import dataclasses
import math
import re
from datetime import date
from typing import Any

from chitieu.figures import indicators, periods, semantics
from chitieu.figures.lexicon import VERB_ADVERBS
from chitieu.figures.model import Figure
from chitieu.figures.nonfigures import Blocker, rejects
from chitieu.figures.normalize import normalize_text
from chitieu.figures.numbers import NUM_START_RE, QTY_UNITS, Candidate, read_figure, read_ratio
from chitieu.figures.segment import Scope, Span, sentences

_MULTIPLE_CUE_RE = re.compile(
    r"(?i)(?<!\w)(?:gấp|tăng|giảm|cao|thấp|lớn|nhiều|bằng)(?:\s+(?:hơn|gần|khoảng|trên|xấp xỉ"
    r"|ít nhất|tới|đến|lên))*\s*$"
)
_MULTIPLE_AFTER_RE = re.compile(r"\s+lần\s+(?:so với|so)(?!\w)")
_AFTER_WINDOW = 60
_TIMES_WINDOW = 40
_BEFORE_WINDOW = 80  # the qualifier reads no further back (semantics.qualifier)
# A record carries at most this much of its sentence on either side of the figure: a "sentence"
# of 100 KB is no sentence, and copying it into each of its figures would be quadratic.
_SENTENCE_CAP = 1000
_SEGMENT_CAP = 300  # how far back words since the previous figure are read
_NOUN_AFTER_RE = re.compile(r" [^\W\d_]")  # a word right after the figure, no punctuation
_CONTINUES_SECTION_RE = re.compile(
    r"(?i)\s*(?:[-+*•]\s|(?:về|đối với|trong lĩnh vực|lĩnh vực)\s[^.;\n]{0,60}:"
    # connectives that add to what the paragraph before said
    r"|(?:đồng thời|bên cạnh đó|ngoài ra|cùng với đó|mặt khác)\s*,)"
)
_COMPLETES_RE = re.compile(r"(?i)hoàn thành\s*$")
_VERB_FIRST_RE = re.compile(
    r"(?i)\W*(?:(?:và|hoặc)\s+)?(?:(?:bình quân|trung bình)\s+)?(?:(?:hằng|hàng|mỗi) năm\s+)?"
    r"(?P<verb>tăng|giảm)(?! cường| trưởng)\s+(?=[^\W\d_])"
)
# `mục tiêu tăng tổng thu ngân sách ... 8-9%`: a change verb after a goal word, before its
# object, measures the figure after that object (no level verb between them).
_GOAL_VERB_OBJECT_RE = re.compile(
    # (not a noun's `tăng`: `tốc độ tăng thu ngân sách ... từ 10%/năm` is a rate, stated)
    r"(?i)(?<!\w)(?<!tốc độ )(?<!mức )(?<!tỷ lệ )(?<!tỉ lệ )(?<!chỉ số )(?<!giá trị )"
    r"(?P<verb>tăng|giảm)(?! cường| trưởng| nghèo)\s+(?=[^\W\d_])"
)
_LEVEL_VERB_RE = re.compile(r"(?i)(?<!\w)(?:đạt|là|chiếm|lên|còn|ở mức|xuống)(?!\w)")
_LETTER_RE = re.compile(r"[^\W\d_]")


def _goal_verb_object(piece: str) -> re.Match[str] | None:
    m = _GOAL_VERB_OBJECT_RE.search(piece)
    if m is None or _LEVEL_VERB_RE.search(piece, m.end()):
        return None
    return m


_ATTAINED_RE = re.compile(
    r"(?i)\s*(?:so với\s+)?(?:kế hoạch|KH|dự toán|chỉ tiêu|mục tiêu|nghị quyết)"
    r"(?:\s+[^\W\d_]+){0,4}\s*\(\s*$"
)
_RESPECTIVELY_RE = re.compile(r"(?i)(?<!\w)lần lượt(?!\w)")
_ONLY_JOINED_RE = re.compile(r"(?i)[\s,]*(?:và|hoặc)?\s*")
_HAS_TAIL_RE = re.compile(
    r"(?i)(?:^|\s)có(?:\s+(?:từ|trên|hơn|khoảng|gần|ít nhất|tối thiểu|đến|tới))*\s*$"
)
_BASE_CUE_RE = re.compile(r"(?i)(?<!\w)(?:chiếm|bằng)(?!\w)")
# The population a coverage rate is a share of (`đạt 22,30% lực lượng lao động trong độ tuổi`).
_COVERAGE_BASE_RE = re.compile(r"(?i)(?:tổng\s+)?(?:dân số|lực lượng lao động)(?!\w)")
_REACH_TAIL_RE = re.compile(r"(?i)(?<!\w)đạt(?: tỷ lệ| mức)?$")
_POINTS_RE = re.compile(r"(?i)điểm\s?%|điểm phần trăm")
# `21/12/2023`, `05.07.2023`, `15-12-2023`: the article's own dates give its year.
# The dateline: a short line near the top holding a date (`Thứ Năm, 21/12/2023 - 09:15`).
_DATELINE_LINES = 5
_DATELINE_MAX_CHARS = 80
_DATELINE_MAX_WORDS = 6
_ALPHA_WORD_RE = re.compile(r"[^\W\d_]{2,}")
# (a digit first lets the engine skip to digits; the lookbehind after it checks the one before)
_DATE_YEAR_RE = re.compile(r"\d(?<![\d/.-]\d)\d?([/.-])\d{1,2}\1((?:19|20)\d\d)(?!\d)")


def _dateline_year(norm: str) -> int | None:
    """The year of the article's own date, from a short line near the top; a date inside a
    paragraph may be any past date (`thành lập ngày 01/01/2021`)."""
    lines = [line for line in norm[:2000].split("\n") if line.strip()][:_DATELINE_LINES]
    years = [int(y) for line in lines if _is_dateline(line) for _, y in _DATE_YEAR_RE.findall(line)]
    return max(years, default=None)


def _is_dateline(line: str) -> bool:
    """Mostly date and time, few words (`Cập nhật lúc 16h05, ngày 02-10-2023`), no sentence."""
    # (the length first: the first lines may be long paragraphs)
    return (
        len(line) <= _DATELINE_MAX_CHARS
        and len(_ALPHA_WORD_RE.findall(line)) <= _DATELINE_MAX_WORDS
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
            # only a `lần` after the number (or its range) makes the cue matter
            cue = "lần" in text[m.end() : m.end() + _TIMES_WINDOW] and bool(
                _MULTIPLE_CUE_RE.search(text, max(0, pos - 30), pos)
                or _MULTIPLE_AFTER_RE.match(text, m.end())
            )
            cand = read_figure(text, pos, m.end(), cue)
        if cand is None or not _fits(cand) or rejects(text, cand):
            continue
        out.append(cand)
        limit = cand.end
    return out


def _fits(cand: Candidate) -> bool:
    """A value too large for a float (a run of 309+ digits) measures nothing."""
    return all(
        v is None or math.isfinite(v) for v in (cand.value, cand.value_max, cand.denominator)
    )


def _glued_to_word(text: str, pos: int) -> bool:
    """`Covid-19`, `A-1`: a number hyphenated to a word is part of a name."""
    return pos >= 2 and text[pos - 1] == "-" and text[pos - 2].isalpha()


def _sentence_of(sents: list[Span], start: int, from_index: int) -> int:
    i = from_index
    while i + 1 < len(sents) and sents[i].end <= start:
        i += 1
    return i


def extract_figures(text: str, *, published: date | None = None) -> list[Figure]:
    """Every figure of `text`, in text order; offsets refer to `normalize_text(text)`.
    `published`: the article's publication date, which relative periods (`5 năm qua`, `đến
    nay`) count from; without it, the date under the title."""
    norm = normalize_text(text)
    cands = scan(norm)
    if not cands:
        return []
    walker = _Walker(norm, cands)
    fallback = walker.dateline_year or walker.doc_year
    return periods.attach(norm, walker.figures(), published, fallback, walker.sents)


_NONBLANK_RE = re.compile(r"\S")


def _body_start(norm: str) -> int:
    """Where the text's second non-blank line starts (its first line is the title)."""
    first = _NONBLANK_RE.search(norm)
    end = norm.find("\n", first.start()) if first else -1
    second = _NONBLANK_RE.search(norm, end) if end >= 0 else None
    return second.start() if second else len(norm)


# The unit words of a ratio of amounts or quantities (`42.999/28.000 tỷ đồng`, `673/550 ha`).
_MONEY_NOUN_RE = re.compile(
    rf"(?:nghìn |ngàn )?(?:tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?:đồng|USD)\b|USD\b|{QTY_UNITS}$"
)
# `đạt 93% và 100% chất thải rắn ...`: two figures joined by nothing but a conjunction.
_AND_ONLY_RE = re.compile(r"[\s,;]*(?:và|hoặc)\s+")
_SET_AFTER_RE = re.compile(r" [^\W\d_]")  # a word right after the figure
_ASIDE_SPAN = 200  # how far back the bracket a figure stands in is looked for


def _in_brackets(text: str, lo: int, pos: int) -> bool:
    """Whether `pos` stands inside a bracket opened after `lo` and not yet closed."""
    return text.rfind("(", lo, pos) > text.rfind(")", lo, pos)


class _KindCarry:
    """The kind a paragraph's strong cues carry to later sentences without cues, and the goal
    a target section carries over its paragraphs.

    A section is opened by a heading or list intro naming the plan or the goals (`Mục tiêu đến
    năm 2025:`, `Phương hướng nhiệm vụ năm 2025`) or by a paragraph's lead-in doing so (`Các chỉ
    tiêu chủ yếu năm 2024 là: ...`, `Nhiệm kỳ 2025-2030, Đảng bộ phấn đấu ...`); it goes on over
    the following paragraphs (`Tổng vốn đầu tư 5.000 tỷ đồng.`) until a heading or lead-in
    reports results (`Kết quả`, `5 năm qua`, `đã đạt`, `Năm 2024, ...`) or a paragraph's figure
    is a result: a resolution or plan sets targets, a review reports results.
    """

    def __init__(self) -> None:
        self.para = -2
        self.kind: str | None = None
        self.gap_start = 0  # start of the figure-less text since the last figure's sentence
        self.seen = 0  # the text before this holds no paragraph break after `para`
        self.section: str | None = None  # `target` inside a target section
        self.para_kind: str | None = None  # the kind of the paragraph's last figure
        self.lead_read = False  # whether the paragraph's lead-in was read
        self.body_start = -1  # start of the text's second non-blank line (after its title)

    def enter(
        self, norm: str, s_start: int, new_sentence: bool, pos: int | None = None
    ) -> str | None:
        # look back only to the last position asked about: one pass over the text in all
        para = norm.rfind("\n", self.seen, s_start)
        self.seen = max(self.seen, s_start)
        if para == -1:
            para = self.para
        if para != self.para:
            # `Về kết cấu hạ tầng: ...`, `- ...`: a sub-topic or list item goes on with the
            # section before it, whose kind it keeps
            keep = None
            # the section's own heading, when one came since the last figure, decides
            # (`Mục tiêu đến năm 2025:` after a review paragraph)
            gap = norm[self.gap_start : para + 1]
            heading = semantics.heading_kind(gap)
            if _CONTINUES_SECTION_RE.match(norm, para + 1):
                keep = heading or self.kind
            if self.body_start < 0:
                self.body_start = _body_start(norm)
            # the lines before the text's second line are its title
            opens = semantics.section_heading_kind(gap, para < self.body_start)
            if opens:
                self.section = opens if opens == "target" else None
            elif self.para_kind is not None and self.para_kind != "target":
                self.section = None  # a paragraph that reported a result closed the section
            self.para, self.kind, self.gap_start, self.para_kind = para, keep, para + 1, None
            self.lead_read = False
        if not self.lead_read and pos is not None:
            # the paragraph's lead-in, before its first figure, may open or close a section
            # (`Các chỉ tiêu kinh tế-xã hội chủ yếu năm 2024 là: ...`)
            self.lead_read = True
            lead = semantics.lead_kind(norm[max(para + 1, 0) : pos])
            if lead is None and semantics.follows_adopted_plan(norm, max(para + 1, 0)):
                lead = "target"
            if lead:
                self.section = lead if lead == "target" else None
        if new_sentence:
            self.kind = semantics.strong_cue(norm[self.gap_start : s_start]) or self.kind
            if (self.kind or self.section) == "target" and semantics.opens_with_elapsed_period(
                norm, s_start
            ):
                self.kind = "actual"  # `6 tháng đầu năm, GRDP tăng 7,2%`: a report on it
        return self.kind or self.section

    def leave(self, kind: str, strong: bool, s_end: int) -> None:
        if strong:
            self.kind = kind
        self.para_kind = kind
        self.gap_start = s_end


class _Walker:
    """Walks the candidates of one text in order, keeping sentence and paragraph state."""

    def __init__(self, norm: str, cands: list[Candidate]) -> None:
        self.norm, self.cands = norm, cands
        self.sents = sentences(norm)
        self.scope = Scope(norm)
        self.doc_year = max((int(y) for _, y in _DATE_YEAR_RE.findall(norm)), default=None)
        self.dateline_year = _dateline_year(norm)
        # the year cues are judged against: the article's dates, else the period it reviews
        # (an undated congress article: the year its congress meets)
        self.ref_year = (
            self.doc_year
            or semantics.report_year(norm, [(s.start, s.end) for s in self.sents])
            or semantics.congress_year(norm)
        )
        self.term = semantics.congress_term(norm)
        body = _body_start(norm)  # a text of one line has no title
        self.plan_doc = body < len(norm) and semantics.plan_title(
            norm[:body].strip(), self.dateline_year or self.doc_year
        )
        self.carry = _KindCarry()
        self.prev_measure: str | None = None  # of the previous figure of the sentence
        # whether the previous figure of the sentence is an amount (money, a quantity, a count
        # of what was done): a bare percentage after it is the share of its plan
        self.prev_amount = False
        self.prev_noun: str | None = None  # of the previous figure of the sentence
        self.respective: list[str] = []  # subjects still to share out (`lần lượt`)
        self.last_indicator: str | None = None  # of the text's previous figure
        self.last_end = 0

    def figures(self) -> list[Figure]:
        out: list[Figure] = []
        si, prev_end, prev_indicator, prev_sent = 0, -1, None, -1
        for n, cand in enumerate(self.cands):
            si = _sentence_of(self.sents, cand.start, si)
            if si != prev_sent:
                prev_end, prev_indicator, self.prev_measure = -1, None, None
                self.prev_amount, self.prev_noun = False, None
                self.respective = []
                self.stated_units: set[str] = set()  # of the sentence's figures so far
                sent = self.sents[si]
                self.kinds = semantics.SentenceKinds(
                    self.norm,
                    min(sent.start, cand.start),
                    sent.end,
                    self.ref_year,
                    self.term,
                    reported=self.doc_year is None,
                    plan_doc=self.plan_doc,
                )
            restated = si == prev_sent and self._restates(out[-1], cand)
            if restated:
                fig = self._continued(n, cand, si, out[-1], restated)
            else:
                fig = self._figure(n, cand, si, si != prev_sent, prev_end, prev_indicator)
            if si == prev_sent and fig.indicator_code is None:
                fig = _part_coded(fig, out[-1])
            out.append(fig)
            prev_end, prev_indicator, prev_sent = cand.end, fig.indicator or prev_indicator, si
            if fig.indicator:
                self.last_indicator, self.last_end = fig.indicator, cand.end
            self.prev_measure, self.prev_noun = fig.measure, fig.noun
            self.prev_amount = _is_amount(self.norm, fig)
            self.stated_units.add(fig.unit)
        return out

    def _respectively(self, cue_tail: str, indicator: str | None) -> str | None:
        """`Công nghiệp và dịch vụ tăng lần lượt 8% và 12%`: the coordinated subjects go to the
        figures in turn."""
        if _RESPECTIVELY_RE.search(cue_tail):
            items = indicators.coordinated_items(indicator)
            if len(items) > 1:
                self.respective = items[1:]
                return items[0]
        elif self.respective and _ONLY_JOINED_RE.fullmatch(cue_tail):
            return self.respective.pop(0)
        else:
            self.respective = []
        return indicator

    def _figure(
        self, n: int, cand: Candidate, si: int, new_sentence: bool, prev_end: int, prev: str | None
    ) -> Figure:
        norm, sent = self.norm, self.sents[si]
        s_start, s_end = min(sent.start, cand.start), max(sent.end, cand.end)
        seg_start = max(s_start, prev_end)
        next_start = self.cands[n + 1].start if n + 1 < len(self.cands) else len(norm)
        indicator, phrase = _indicator(
            norm,
            cand,
            seg_start,
            prev_end,
            prev,
            min(s_end, next_start),
            self._earlier(cand),
            self.prev_noun,
        )
        indicator = self._respectively(phrase.cue_tail, indicator)
        caption = _in_caption(norm, cand.start)
        # a photo caption (`... có hơn 800 đảng viên. Ảnh: Duy Linh`) states what the photo
        # shows: only its own words decide, and it neither takes nor leaves a section's kind
        carried = None if caption else self.carry.enter(norm, s_start, new_sentence, cand.start)
        kind, strong = self.kinds.kind(
            cand.start,
            cand.end,
            not caption and self.scope.is_target(cand.start),
            carried,
            self.dateline_year,
            cand.noun,
            None if caption else self.carry.section,
            caption=caption,
        )
        if caption:
            self.carry.gap_start = s_end
        elif self.kinds.goal_named:
            self.carry.leave("target", True, s_end)  # `giao mục tiêu ... cho 16 tỉnh`
        elif not _in_brackets(norm, max(s_start, cand.start - _ASIDE_SPAN), cand.start):
            self.carry.leave(kind, strong, s_end)
        else:
            # `(Nghị quyết đề ra 2,8 triệu tấn)`: a bracketed aside (the goal a result is
            # measured against) carries no kind to the sentences after it
            self.carry.gap_start = s_end
        # a new list item (`...; 38/38 trường đạt chuẩn`) shares no measure with the one before
        # (a sentence's first figure has none to share: the text before it is not read)
        shared = self.prev_measure
        if shared is not None and ";" in norm[max(prev_end, 0) : cand.start]:
            shared = None
        measure = _measure(norm, cand, phrase, indicator, shared, self.prev_amount)
        return self._record(cand, si, seg_start, kind, measure, indicator)

    def _earlier(self, cand: Candidate) -> str | None:
        """The previous figure's indicator when it stands in the same paragraph."""
        if self.last_indicator and "\n" not in self.norm[self.last_end : cand.start]:
            return self.last_indicator
        return None

    def _restates(self, prev: Figure, cand: Candidate) -> str | None:
        """How a figure goes on with the previous one of its sentence, with nothing new said
        of it: `listed` (`1%, 2%, 3%`: only punctuation between, so a sentence of thousands
        of listed figures costs little per figure), `counted` (`20 nhóm chỉ tiêu, 05 nhiệm vụ`:
        a listed count names its own noun, unless it is bracketed: `đạt 60% (9 xã)`), or
        `attained` (`đạt 105% dự toán (820 tỷ đồng)`: the amount in brackets after an
        attainment is the amount attained, unless the sentence stated that amount already:
        `kết nạp 1.250 đảng viên, vượt 25% so với chỉ tiêu (1.000 đảng viên)` names the
        goal's own value)."""
        if not _LETTER_RE.search(self.norm, prev.char_end, cand.start) or _AND_ONLY_RE.fullmatch(
            self.norm, prev.char_end, cand.start
        ):
            bracketed = "(" in self.norm[prev.char_end : cand.start]
            return "counted" if cand.unit in ("count", "ratio") and not bracketed else "listed"
        if (
            prev.measure == "plan"
            and cand.unit not in self.stated_units
            and _ATTAINED_RE.match(self.norm, prev.char_end, cand.start)
        ):
            return "attained"
        return None

    def _continued(self, n: int, cand: Candidate, si: int, prev: Figure, how: str) -> Figure:
        """A figure that goes on with the previous one (`_restates`): its indicator and kind."""
        gap = self.norm[prev.char_end : cand.start]
        # (a conjunction between them is all the cue words the figure has: `và` shares the verb)
        phrase = indicators.Phrase(None, gap.strip(" ,;"), gap, True, True)
        indicator = self._respectively("", prev.indicator)
        if (
            how == "listed"
            and cand.unit == "percent"
            and _SET_AFTER_RE.match(self.norm, cand.end)
            and "(" not in gap
        ):
            # `tỷ lệ lao động qua đào tạo đạt 81%, 100% khu dân cư đạt văn hóa`: a listed share
            # followed by the set it is a share of names that set
            next_start = self.cands[n + 1].start if n + 1 < len(self.cands) else len(self.norm)
            limit = min(max(self.sents[si].end, cand.end), next_start)
            own = indicators.share_set(self.norm, cand.end, limit)
            indicator = own or indicator
        elif how == "counted":
            next_start = self.cands[n + 1].start if n + 1 < len(self.cands) else len(self.norm)
            limit = min(max(self.sents[si].end, cand.end), next_start)
            indicator = indicators.right_phrase(self.norm, cand.num_end, limit) or indicator
        if how == "attained":
            measure = "level"
        else:
            measure = _measure(
                self.norm, cand, phrase, indicator, self.prev_measure, self.prev_amount
            )
        return self._record(cand, si, prev.char_end, prev.kind, measure, indicator)

    def _record(
        self,
        cand: Candidate,
        si: int,
        seg_start: int,
        kind: str,
        measure: str,
        indicator: str | None,
    ) -> Figure:
        norm, sent = self.norm, self.sents[si]
        s_start, s_end = min(sent.start, cand.start), max(sent.end, cand.end)
        return _new_figure(
            surface=norm[cand.start : cand.end],
            unit=cand.unit,
            value=cand.value,
            value_max=cand.value_max,
            denominator=cand.denominator,
            noun=cand.noun if cand.unit in ("count", "ratio", "quantity") else None,
            kind=kind,
            measure=measure,
            qualifier=semantics.qualifier(
                norm[max(s_start, cand.start - _BEFORE_WINDOW) : cand.start],
                norm[cand.end : cand.end + _AFTER_WINDOW],
                semantics.is_estimated(
                    norm, max(seg_start, cand.start - _SEGMENT_CAP), cand.start, kind
                )
                # a goal's own value is stated, not estimated (`ước ... đạt chỉ tiêu là ...`)
                and not semantics.is_goal_value(norm, cand.start),
            ),
            indicator=indicator,
            indicator_code=indicators.indicator_code(indicator, cand.unit, measure),
            sentence=norm[
                max(s_start, cand.start - _SENTENCE_CAP) : min(s_end, cand.end + _SENTENCE_CAP)
            ],
            char_start=cand.start,
            char_end=cand.end,
            is_plan_excess=measure == "plan"
            and cand.unit in ("percent", "permille")
            and semantics.is_plan_excess(norm, cand.start),
            is_plan_structure=cand.unit == "count" and semantics.is_plan_structure(cand.noun),
        )


# A part of the whole the sentence measures, named alone: an area (`khu vực nông thôn 75%`), a
# school level (`THCS đạt 97%`) or a place list (`Hội An 3.216 người`).
_PART_NAME_RE = re.compile(
    r"(?i)(?:(?:khu vực|vùng)\s+)?(?:nông thôn|đô thị|thành thị|miền núi|đồng bằng)"
    r"|(?:cấp\s+|bậc\s+|khối\s+)?(?:mầm non|tiểu học|THCS|THPT|trung học cơ sở|trung học phổ thông)"
)


def _part_coded(fig: Figure, prev: Figure) -> Figure:
    """`fig` with the code of the sentence's previous figure when `fig`'s phrase names only a
    part of what that figure measures (see above) and both have one unit: its phrase stays."""
    if not prev.indicator_code or prev.unit != fig.unit or not fig.indicator:
        return fig
    if not (_PART_NAME_RE.fullmatch(fig.indicator) or indicators.names_places_only(fig.indicator)):
        return fig
    return periods.replace(fig, indicator_code=prev.indicator_code)


# (the period fields, which `periods.attach` sets)
_FIGURE_DEFAULTS = {
    f.name: f.default for f in dataclasses.fields(Figure) if f.default is not dataclasses.MISSING
}


def _new_figure(**fields: Any) -> Figure:
    """`Figure(**fields)` without the frozen dataclass's checked assignment of each field,
    which costs more than the rest of recording a figure (as `periods.replace` does)."""
    fig = object.__new__(Figure)
    fig.__dict__.update(fields, **_FIGURE_DEFAULTS)  # (in the order of the fields)
    return fig


# Counts of what was done (`kết nạp 52 đảng viên mới`, `giải quyết việc làm cho 3.500 lao động`,
# `trồng 1.292 ha`): flows with a plan, not shares of a whole (`có 12 xã đạt chuẩn, đạt 60%`).
_FLOW_VERB_RE = re.compile(
    r"(?i)(?<!\w)(?:kết nạp|tạo việc làm|giải quyết việc làm|đào tạo|tuyển|tuyển mới|trồng|xây dựng"
    r"|làm mới|hỗ trợ|thu hút|cấp|xuất khẩu|khởi công|hoàn thành|giao quân|tuyển quân)(?!\w)"
    r"[^,;:.!?\d]{0,40}$"
)


def _is_amount(norm: str, fig: Figure) -> bool:
    """Whether `fig` is an amount a bare attainment percentage after it is said of (see above)."""
    if fig.unit in ("vnd", "usd", "quantity"):
        return True
    lo = max(0, fig.char_start - 80)
    return fig.unit == "count" and bool(_FLOW_VERB_RE.search(norm, lo, fig.char_start))


# A label that ends with its change verb, then the figure (`Tỷ lệ hộ nghèo giảm bình quân/năm:
# trên 10%`, `Thu ngân sách tăng hằng năm: 10%`).
_LABEL_CHANGE_RE = re.compile(
    r"(?i)(?<!\w)(?:tăng|giảm)(?:\s+(?:bình quân|trung bình|hằng năm|hàng năm|mỗi năm))*"
    r"(?:\s*/\s*năm)?\s*:\s*(?:(?:trên|dưới|khoảng|từ|hơn|ít nhất|tối thiểu)\s+)?$"
)
_SIGNED_RE = re.compile(r"\(\s*[+−]\s*$|\(\s*-\s*$")
_EQUALS_RE = re.compile(r"(?i)(?<!\w)bằng\s*$")
_SAME_PERIOD_FRONT_RE = re.compile(r"(?i)(?<!\w)(?:so với|so)\s+cùng kỳ(?:\s+năm\s+\S+)?\s*,")


# A photo credit closing its line: `Ảnh: Thu Trinh.`, `(Ảnh: Minh Đức/TTXVN)`, `Ảnh Duy Linh`.
_CAPTION_END_RE = re.compile(r"[\s.(]Ảnh\s*:?\s+[^\W\d_][^\n.;:()]{0,40}\)?\.?[ \t]*$")
_CAPTION_SPAN = 400


def _in_caption(norm: str, pos: int) -> bool:
    """Whether the line holding `pos` is a photo caption (it ends with a photo credit)."""
    end = norm.find("\n", pos)
    end = len(norm) if end < 0 else end
    return bool(_CAPTION_END_RE.search(norm, max(pos, end - _CAPTION_SPAN), end))


def _measure(
    norm: str,
    cand: Candidate,
    phrase: indicators.Phrase,
    indicator: str | None,
    prev: str | None,
    prev_amount: bool = False,
) -> str:
    piece = phrase.clause[phrase.clause.rfind(",") + 1 :]
    verb = _VERB_FIRST_RE.match(piece) or _goal_verb_object(piece)
    # `giảm tỷ lệ hộ nghèo 2%`: the verb before its object measures the figure after it
    cue_tail = f"{verb.group('verb')} {phrase.cue_tail}" if verb else phrase.cue_tail
    found = semantics.measure(
        cue_tail,
        piece,
        norm[cand.end : cand.end + _AFTER_WINDOW],
        indicator,
        cand.unit,
        per_year=cand.unit == "percent" and norm.endswith("/năm", 0, cand.end),
        is_range=cand.value_max is not None,
        shared=prev,
        after_amount=prev_amount,
    )
    if found == "plan" and semantics.is_goal_value(norm, cand.start):
        found = "level"  # `vượt chỉ tiêu giao là 93%`: the goal's own value
    if (
        found == "plan"
        and cand.unit in ("count", "ratio")
        and _PLAN_ITEMS_RE.match(cand.noun or "")
    ):
        found = "level"  # `hoàn thành và vượt 17/17 chỉ tiêu so với Nghị quyết`: items met
    if found == "level" and _LABEL_CHANGE_RE.search(norm, max(0, cand.start - 60), cand.start):
        return "change"  # `(6) Tỷ lệ hộ nghèo giảm bình quân/năm: trên 10%`
    if cand.unit == "percent" and _SIGNED_RE.search(norm, max(0, cand.start - 3), cand.start):
        return "change"  # `tăng 1.475 tỷ đồng (+6,2%)`: a signed percentage is a change
    if (
        found == "level"
        and cand.unit == "percent"
        and _EQUALS_RE.search(phrase.cue_tail)
        and _SAME_PERIOD_FRONT_RE.search(phrase.clause)
    ):
        return "change"  # `so với cùng kỳ, số dự án cấp mới bằng 100%`: the ratio to it
    points = cand.unit == "percent" and _POINTS_RE.search(norm, cand.start, cand.end)
    if found == "level" and points:
        return "change"  # percentage points measure the difference of two percentages
    if found == "level" and cand.unit == "percent":
        return _bracketed_measure(norm, cand.start) or found
    return found


# A percentage in brackets after a name only (`cả 3 khu vực đều tăng trưởng (nông nghiệp 3,85%;
# công nghiệp 8,18%)`, `mức tăng trưởng ... gồm: Quảng Ngãi (11,51%), Hải Phòng (11,2%)`) is
# the change its sentence's growth verb states, said of each part named.
# (each token ends at a separator or the end: one way to read a run, no backtracking blow-up)
_BRACKET_NAME_RE = re.compile(r"\(\s*(?:(?:[^\W\d_]+|\d+(?:,\d+)?\s?%)(?:[\s,;-]+|$))*")
_BRACKET_NAME_WORDS = re.compile(
    r"(?i)(?<!\w)(?:cao hơn|thấp hơn|so với|bằng|chiếm|đạt|còn|tương đương|tương ứng|khoảng"
    r"|trên|dưới|gần|hơn|tăng|giảm)(?!\w)"
)
_GROWTH_HEAD_RE = re.compile(r"(?i)(?<!\w)(?:tăng trưởng|mức tăng|tốc độ tăng)(?!\w)")
# ... and the plan attained, under a verb of attaining it (`Có 3 huyện đã hoàn thành chỉ tiêu
# tỉnh giao là Quế Sơn (100,12%), Nam Giang (100,93%)`).
_NAMED_PART_RE = re.compile(r"(?:\blà|[:,])\s*(?:[A-ZĐ][^\W\d_]*\s*){1,4}$")
_PLAN_HEAD_RE = re.compile(
    r"(?i)(?<!\w)(?:hoàn thành|đạt|vượt)\s+(?:\w+\s+){0,2}?(?:chỉ tiêu|kế hoạch|dự toán)(?!\w)"
)
_SHARE_HEAD_RE = re.compile(r"(?i)(?<!\w)(?:chiếm|tỷ trọng|tỉ trọng|cơ cấu|tỷ lệ|tỉ lệ)(?!\w)")
_BRACKET_WINDOW = 300


def _bracketed_measure(norm: str, start: int) -> str | None:
    """`change` or `plan` for a part's percentage in brackets (see above), else None."""
    lo = max(0, start - _BRACKET_WINDOW)
    opened = norm.rfind("(", lo, start)
    if opened < 0 or norm.find(")", opened, start) >= 0:
        return None
    inside = norm[opened:start]
    if not _BRACKET_NAME_RE.fullmatch(inside) or _BRACKET_NAME_WORDS.search(inside):
        return None
    head_lo = max(norm.rfind(c, lo, opened) for c in ".!?\n") + 1
    head = norm[max(lo, head_lo) : opened]
    growth = [m.end() for m in _GROWTH_HEAD_RE.finditer(head)]
    if growth and not _SHARE_HEAD_RE.search(head, growth[-1]):
        return "change"
    # (a place's own attainment: the bracket follows its name, not the plan's yardstick, as in
    # `vượt chỉ tiêu Nghị quyết (95%)`, the goal's value)
    if _PLAN_HEAD_RE.search(head) and _NAMED_PART_RE.search(head):
        return "plan"
    return None


_PEER_BASE_RE = re.compile(
    r"(?i)(?:mức\s+)?(?:bình quân|trung bình)(?:\s+chung)?(?:\s+(?:của\s+)?(?:cả nước|toàn quốc"
    r"|vùng|khu vực|toàn tỉnh))?$|(?:cả nước|toàn quốc)$"
)
# Verbs whose object a follow-on sentence leaves out (`... đã thu 320 tỷ đồng`), after the
# adverbs that may stand before them.
_ELIDING_VERB_RE = re.compile(
    rf"(?i){VERB_ADVERBS}(?P<verb>thu|chi|giải ngân|thu hút|huy động"
    r"|xuất khẩu|nhập khẩu|kết nạp|giải quyết|tạo|đào tạo|trồng|trồng mới|hỗ trợ|cấp|xây dựng"
    r"|làm mới|nâng cấp|sửa chữa|cứng hóa|bê tông hóa|nạo vét|khai thác|gieo trồng)"
)
# Verbs a count's noun alone does not say (`đón 11 triệu lượt khách`: arrivals; `thu hút 20 dự
# án`: projects attracted); `kết nạp 120 đảng viên mới`, `thành lập 25 tổ chức Đảng` keep the
# noun only (the seeds' gold).
_NAMING_VERB_RE = re.compile(rf"(?i){VERB_ADVERBS}(?:đón|tiếp đón|phục vụ|thu hút|cấp mới)")


# A count compared with its own subject's amount (`vượt 163 hộ`, `tăng thêm 20 hộ`, `tương
# đương 1.200 người`), not a count of something newly done (`hoàn thành 215 dự án`).
_RESTATING_RE = re.compile(
    r"(?i)[\s,]*(?:vượt|tăng|giảm|thêm|hơn|cao hơn|thấp hơn|bằng|tương đương|tương ứng)"
    r"(?:\s+(?:với|mức|thêm|khoảng|gần|hơn|trên|được))*\s*"
)
_PLAN_ITEMS_RE = re.compile(r"(?i)(?:chỉ tiêu|tiêu chí|mục tiêu|nhiệm vụ|nhóm)(?!\w)")


def _unit_of(
    found: str | None, noun: str | None, prev: str | None, prev_noun: str | None
) -> str | None:
    """`prev` when a count names only its bare noun and the sentence's previous figure counts
    the same noun (`Số hộ nghèo giảm 553 hộ ..., vượt 163 hộ so với tỉnh giao`: both say how
    many of `Số hộ nghèo`), else None."""
    if not (found and noun and prev and prev_noun) or found.lower() != noun.lower():
        return None
    if _PLAN_ITEMS_RE.match(noun):
        return None  # `đề ra 22 chỉ tiêu ..., đạt và vượt 19 chỉ tiêu`: the items stand alone
    return prev if prev_noun.lower() == noun.lower() else None


def _elided_object(own: str | None, before: str | None) -> str | None:
    """`before` when `own` is its verb alone (`mới thu` → `thu ngân sách`), else None."""
    m = _ELIDING_VERB_RE.fullmatch(own or "")
    if m and before and before.lower().startswith(m.group("verb").lower() + " "):
        return before
    return None


def _indicator(
    norm: str,
    cand: Candidate,
    seg_start: int,
    prev_end: int,
    prev: str | None,
    limit: int,
    earlier: str | None = None,
    prev_noun: str | None = None,
) -> tuple[str | None, indicators.Phrase]:
    phrase = indicators.left_phrase(norm, seg_start, cand.start, seg_start == prev_end)
    if (
        cand.unit not in ("count", "ratio")
        and (prev or earlier)
        and not _NOUN_AFTER_RE.match(norm, cand.end)
        and indicators.names_places_only(phrase.indicator)
    ):
        # `Bắc Giang cao nhất là 13,6%; Hải Phòng 12,5%`: the places are the parts; the
        # measured subject is the previous figure's, of this sentence or the one before
        return prev or earlier, phrase
    fuller = _elided_object(phrase.indicator, prev or earlier)
    if fuller and cand.unit not in ("count", "ratio"):
        # `thu ngân sách 500 tỷ đồng. Đến nay, huyện đã thu 320 tỷ đồng`: the verb alone, its
        # object named before, measures what that object names
        return fuller, phrase
    # a phrase that names nothing (`cao`, `(2021)`, `tăng trưởng bình quân`) yields to the
    # subject it is said of; with none before it, it is still better than a far one (`own`)
    own = phrase.indicator
    if indicators.names_nothing(phrase.indicator):
        phrase = periods.replace(phrase, indicator=None)
    if cand.unit in ("count", "ratio") and not _MONEY_NOUN_RE.match(cand.noun or ""):
        # (`42.999/28.000 tỷ đồng`: a ratio of amounts measures what the phrase before names)
        found = _count_indicator(norm, cand, phrase, seg_start == prev_end, prev, limit)
        if _RESTATING_RE.fullmatch(phrase.cue_tail):
            found = _unit_of(found, cand.noun, prev, prev_noun) or found
        return found, phrase
    completes = _COMPLETES_RE.search(phrase.cue_tail)
    # `chiếm 13,6% tổng số hộ`, `bằng 92% GDP bình quân cả nước`: the words after the figure
    # are the base it is compared with, not what it measures
    base = bool(_BASE_CUE_RE.search(phrase.cue_tail))
    right = None if base else indicators.right_phrase(norm, cand.end, limit)
    if (
        cand.unit == "percent"
        and right
        and _COVERAGE_BASE_RE.match(right)
        and _REACH_TAIL_RE.search(phrase.cue_tail)
    ):
        right = None  # `đạt 92,34% dân số`: the population covered is the base, not the figure
    if not completes and indicators.plan_only(right):
        right = None  # `đạt 101,44% KH`: the plan attained against names no indicator
    if right and _PEER_BASE_RE.match(right):
        right = None  # `gấp gần 2 lần bình quân chung cả nước`: the peer compared with
    if (
        cand.unit == "quantity"
        and right
        and phrase.indicator
        and _ELIDING_VERB_RE.fullmatch(phrase.indicator)
    ):
        # `trồng được 1.292,8 ha rừng`: the verb and what its quantity is of
        return f"{phrase.indicator} {right}", phrase
    if cand.unit == "percent" and indicators.share_of(right):
        return indicators.share_of(right), phrase
    if (
        cand.unit == "percent"
        and _HAS_TAIL_RE.search(phrase.cue_tail)
        and _NOUN_AFTER_RE.match(norm, cand.end)
        and indicators.names_something(right)
    ):
        return right, phrase  # `Đảng bộ có 85% chi bộ đạt ...`: the owner has the share of it
    if phrase.indicator and (phrase.labelled or not phrase.from_previous_piece) and not completes:
        return phrase.indicator, phrase
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
    named = right if not indicators.names_nothing(right) else None
    # (`own` is tested for words only here: most figures are decided above)
    found = (
        phrase.indicator
        or prev
        or (own if indicators.has_words(own) else None)
        or named
        or indicators.subject(phrase.clause)
    )
    return found, phrase


def _count_indicator(
    norm: str,
    cand: Candidate,
    phrase: indicators.Phrase,
    after_figure: bool,
    prev: str | None,
    limit: int,
) -> str | None:
    """A count's indicator: the phrase before it when a copula or preposition links them
    (`Số lao động được tạo việc làm là 5.800 người`), else its noun and modifiers."""
    # words between the previous figure and this one, with no break, still describe that one
    continues_previous = after_figure and phrase.starts_segment and "," not in phrase.clause
    represents = bool(indicators.REPRESENTS_RE.search(phrase.clause))
    if phrase.indicator and _NAMING_VERB_RE.fullmatch(phrase.indicator):
        # `đón khoảng 11 triệu lượt khách quốc tế`: the verb alone names what is done to the
        # counted noun; together they name the indicator
        noun = indicators.right_phrase(norm, cand.num_end, limit)
        if noun:
            return f"{phrase.indicator} {noun}"
    if (
        phrase.indicator
        and not represents
        and (
            phrase.labelled
            or (
                not continues_previous
                and not phrase.from_previous_piece
                and indicators.count_links_left(phrase.cue_tail, cand.noun)
            )
        )
    ):
        return phrase.indicator
    right = indicators.right_phrase(norm, cand.num_end, limit)
    if (
        phrase.indicator
        and not represents
        and indicators.counts_the_subject(right, phrase.cue_tail)
    ):
        return phrase.indicator
    if (
        prev
        and not phrase.indicator
        and indicators.counts_a_change_of_subject(right, phrase.cue_tail)
    ):
        return prev  # `tỷ lệ hộ nghèo ... chiếm 42%, giảm 13.276 hộ`: households of the subject
    return right or phrase.indicator or prev
