"""Kind (target/actual), measure (level/change/plan) and qualifier (eq, approx, gt, ...).

All three read cue words around the figure: the qualifier from the words right next to the
number, the measure from the verb before it (`tăng`, `giảm`), from what follows it (`kế hoạch`,
`so với cùng kỳ`, `%/năm`) and from the indicator (`tốc độ tăng`), and the kind from the nearest
goal or result cue before it in the sentence, defaulting to the heading scope.
"""

from __future__ import annotations

import re

# Neutral words that may sit between a qualifier and the number: `ước đạt trên 22`, `khoảng từ`.
_NEUTRAL = (
    r"đạt được|đạt mức|đạt tỷ lệ|đạt|được|thực hiện|là|có|ở mức|mức|tổng cộng|tổng số|tăng thêm"
    r"|tăng|giảm|bình quân|lên|xuống|còn|thêm|tỷ lệ|chiếm|vượt|bằng|gấp|từ|với|cho|vào|luôn"
    r"|tương đương|trung bình|lần lượt|gần như"
)
_QUALIFIERS = [
    (r"trên dưới|xấp xỉ|khoảng|ước tính|ước|gần|chừng|tầm|độ|hơn kém", "approx"),
    (r"không dưới|không thấp hơn|không ít hơn|ít nhất|tối thiểu|từ trên", "ge"),
    (r"không vượt quá|không quá|không cao hơn|không nhiều hơn|tối đa|nhiều nhất", "le"),
    (r"hơn|trên|vượt trên|cao hơn|nhiều hơn", "gt"),
    (r"dưới|chưa đến|chưa tới|ít hơn|thấp hơn", "lt"),
]
_QUAL_TAIL_RE = re.compile(
    "(?i)(?:^|[\\s(:,])(?:" + "|".join(f"(?P<{q}>{alts})" for alts, q in _QUALIFIERS) + r")\s*$"
)
_NEUTRAL_TAIL_RE = re.compile(rf"(?i)(?:^|\s)(?:{_NEUTRAL})\s*$")
_AFTER_QUAL_RE = re.compile(r"(?i)^\s*(?:trở lên|trở xuống|trở lại)")
_MAX_QUAL_HOPS = 4

_PLAN_AFTER_RE = re.compile(
    r"(?i)^\s*(?:so với\s+|của\s+|theo\s+)?(?:các\s+)?(?:kế hoạch|KH|dự toán|chỉ tiêu|mục tiêu"
    r"|nghị quyết|NQ)(?!\w)"
)
_PLAN_BEFORE_RE = re.compile(
    r"(?i)(?:vượt|hoàn thành|đạt)\s+(?:mức\s+)?(?:kế hoạch|chỉ tiêu|dự toán|KH)(?!\w)"
)
_CHANGE_AFTER_RE = re.compile(r"(?i)^\s*(?:so với|so cùng kỳ|so năm|mỗi năm|/năm)")
_RANGE_FROM_RE = re.compile(r"(?i)(?<!\w)từ\s*$")
_CHANGE_WORD_RE = re.compile(r"(?i)(?<!\w)(?:tăng(?! cường)|giảm|thêm)(?!\w)")
_LEVEL_END_RE = re.compile(
    r"(?i)(?<!\w)(?:lên|xuống|còn|đến|tới|ở mức|mức|bằng|từ)(?:\s+(?:khoảng|trên|dưới|hơn|gần|mức"
    r"|còn|ít nhất|tối thiểu|tối đa|xấp xỉ))*\s*$"
)
# Yearly percentages that are levels, not growth: interest, depreciation, inflation targets.
_YEARLY_LEVEL_RE = re.compile(r"(?i)lãi suất|lãi|khấu hao|phí")
_RATE_INDICATOR_RE = re.compile(
    r"(?i)tốc độ tăng|tăng trưởng|tốc độ phát triển|mức tăng|tỷ lệ tăng|chỉ số tăng"
)

_TARGET_CUE = (
    r"phấn đấu|mục tiêu|đề ra|đặt ra|sẽ|dự kiến|đề nghị|cần(?! thiết)|hướng tới|cam kết"
    r"|cố gắng|quyết tâm|theo kế hoạch|theo lộ trình|sắp tới"
    r"|(?:nhiệm kỳ|năm|giai đoạn|thời gian|những năm|các năm)\s+tới"
    r"|hướng đến|xác định|giao chỉ tiêu|chỉ tiêu đặt ra|kế hoạch(?=\W*$)|chỉ tiêu(?=\W*$)"
    # `Năm 2024, chỉ tiêu thu ngân sách là ...`; not `đạt/vượt/hoàn thành ... chỉ tiêu`
    r"|(?<!đạt )(?<!vượt )(?<!thành )(?<!hiện )(?<!với )(?<!bằng )(?<!các )(?<!những )"
    r"(?:chỉ tiêu|dự toán)(?! đề ra| đặt ra| giao| thi đua| đạt| chưa)(?=[^,;:.]*$)"
    r"|chỉ tiêu đề ra|kế hoạch năm \d{4}|dự toán năm \d{4}|phải đạt|bảo đảm đạt|đảm bảo đạt"
)
_ACTUAL_CUE = (
    r"đã(?! được đề ra| đề ra| đặt ra| được đặt ra| xác định| được giao| giao| được phê duyệt"
    r"| phê duyệt)|ước|đến nay|(?<!thực )hiện nay|(?<!thực )hiện có|(?<!thực )hiện đã|kết quả"
    r"|cùng kỳ|năm qua|nhiệm kỳ qua"
    r"|vừa qua|thời gian qua|đạt được|tính đến|lũy kế|luỹ kế|thực hiện được|trong năm qua"
    r"|thực hiện đạt|kết quả thực hiện|(?<!thực )hiện (?:mới|chỉ|đạt|đang)"
)
_CUE_RE = re.compile(
    rf"(?i)(?<!\w)(?:(?P<target>{_TARGET_CUE})|(?P<actual>{_ACTUAL_CUE})"
    r"|(?:đến|tới)\s+(?:hết\s+)?năm\s+(?P<horizon>\d{4}))(?!\w)"
)
# Cues strong enough to carry over to the next sentences of a paragraph.
_STRONG_CUE_RE = re.compile(
    r"(?i)phấn đấu|mục tiêu|đề ra|đặt ra|dự kiến|đã|ước|kết quả|cùng kỳ|năm qua|nhiệm kỳ qua"
    r"|vừa qua|đến nay|hiện có|thực hiện đạt|(?:đến|tới)\s+(?:hết\s+)?năm\s+\d{4}"
)
# A goal named only as the yardstick of a result (`thấp hơn mục tiêu đề ra`, `so với kế hoạch`)
# states no goal of its own: it must not carry `target` to the next sentences.
_COMPARED_CUE_RE = re.compile(r"(?i)(?:hơn|so với|vượt|với|bằng|theo)\s+(?:\w+\s+){0,2}$")
# Result-only wording after the number: `tăng 8,7% so với cùng kỳ` reports a result.
_ACTUAL_AFTER_RE = re.compile(r"(?i)(?<!\w)(?:so với|so|bằng|với) cùng kỳ(?!\w)")
# An explicit past year in the sentence (`Quy mô GRDP năm 2022 đạt ...`).
_YEAR_RE = re.compile(
    r"(?i)(?<!\w)(?:năm\s+(?P<start>\d{4})(?!\s*-)(?![\d/])"
    r"|(?:giai đoạn|thời kỳ)\s+(?P<start2>\d{4})\s*-\s*(?P<end>\d{4}))"
)
_SENT_TARGET_START_RE = re.compile(
    r"(?i)^\W*(?:(?:các|những|một số)\s+)?(?:chỉ tiêu|kế hoạch|mục tiêu|dự toán)(?!\w)[^,;]*$"
)


def _is_horizon(year: int, doc_year: int | None) -> bool:
    return year > doc_year if doc_year else year % 5 == 0


def qualifier(before: str, after: str) -> str:
    """The qualifier from the words nearest the number (`before` ends at the number)."""
    tail = before[-80:]
    for _ in range(_MAX_QUAL_HOPS):
        m = _QUAL_TAIL_RE.search(tail)
        if m:
            return next(q for _, q in _QUALIFIERS if m.group(q))
        n = _NEUTRAL_TAIL_RE.search(tail)
        if not n:
            break
        tail = tail[: n.start()]
    m = _AFTER_QUAL_RE.match(after)
    if m:
        word = m.group().strip().lower()
        return "ge" if word == "trở lên" else "le" if word == "trở xuống" else "eq"
    return "eq"


def measure(
    cue_tail: str,
    clause: str,
    after: str,
    indicator: str | None,
    unit: str,
    per_year: bool = False,
    is_range: bool = False,
) -> str:
    """`plan`, `change` or `level`. `cue_tail`: the cue words between indicator and number;
    `per_year`: the figure is written as a yearly rate (`12,5%/năm`)."""
    if unit in ("percent", "permille") and _PLAN_AFTER_RE.match(after):
        return "plan"
    if unit in ("percent", "permille") and _PLAN_BEFORE_RE.search(clause):
        return "plan"
    if _CHANGE_WORD_RE.search(cue_tail):
        if is_range or _AFTER_QUAL_RE.match(after):
            # `có thêm từ 6 đến 8 xã`, `tăng từ 10% trở lên`: `từ` opens a range or a bound,
            # not a starting level
            cue_tail = _RANGE_FROM_RE.sub("", cue_tail)
        return "level" if _LEVEL_END_RE.search(cue_tail) else "change"
    if _CHANGE_AFTER_RE.match(after) and not after.lstrip().lower().startswith("so với kế"):
        return "change"
    if unit == "multiple":
        return "change"
    if indicator and _RATE_INDICATOR_RE.search(indicator) and unit in ("percent", "permille"):
        return "change"
    if per_year and not (indicator and _YEARLY_LEVEL_RE.search(indicator)):
        return "change"  # `tăng trưởng bình quân 12,5%/năm`: a percent per year is a growth rate
    return "level"


def strong_cue(text: str) -> str | None:
    """The kind named by the last strong cue of a figure-less stretch of text, if any."""
    last = None
    for m in _CUE_RE.finditer(text):
        if _STRONG_CUE_RE.fullmatch(m.group()) and not m.group("horizon"):
            last = m
    if last is None:
        return None
    return "actual" if last.group("actual") else "target"


def kind(
    sentence_before: str,
    in_target_scope: bool,
    doc_year: int | None = None,
    carried: str | None = None,
    sentence_after: str = "",
    dateline_year: int | None = None,
) -> tuple[str, bool]:
    """(`target` or `actual`, whether a strong cue decided it).

    The nearest cue before the figure in its sentence decides; without one, a kind `carried`
    from a strongly cued figure earlier in the paragraph (`Đại hội đề ra mục tiêu: ... . Thu
    ngân sách tăng 10%/năm.`), else the heading scope. `đến năm Y` is a goal horizon when Y
    lies after the article's own year (`doc_year`, from its dates) or, without dates, when Y
    is a planning year (2025, 2030: multiples of 5). Without a cue before the figure, result-only
    wording after it (`so với cùng kỳ`) or a year before the article's own marks a result, and
    a year after the `dateline_year` (the date under the title) a goal.
    """
    last = None
    for m in _CUE_RE.finditer(sentence_before):
        if m.group("horizon") and not _is_horizon(int(m.group("horizon")), doc_year):
            continue
        last = m
    if last is not None:
        found = "actual" if last.group("actual") else "target"
        strong = bool(_STRONG_CUE_RE.fullmatch(last.group()))
        if found == "target" and _COMPARED_CUE_RE.search(sentence_before, 0, last.start()):
            strong = False
        return found, strong
    if _SENT_TARGET_START_RE.match(sentence_before):
        return "target", False
    if _ACTUAL_AFTER_RE.search(sentence_after):
        return "actual", False
    by_year = _year_kind(sentence_before, doc_year, dateline_year)
    if by_year:
        return by_year, False
    if carried:
        return carried, True
    return ("target" if in_target_scope else "actual"), False


def _year_kind(text: str, doc_year: int | None, dateline_year: int | None) -> str | None:
    """`actual` after a year before the latest date of the article (`Quy mô GRDP năm 2022
    đạt`); `target` after a year or a period still to come (`giai đoạn 2026-2030`), judged
    only against the dateline (a date in the article body may be any past date); the last
    year mentioned counts."""
    if doc_year is None:
        return None
    last = None
    for m in _YEAR_RE.finditer(text):
        last = m
    if last is None:
        return None
    start = int(last.group("start") or last.group("start2"))
    end = int(last.group("end") or start)
    if end < doc_year:
        return "actual"
    if dateline_year and (
        start > dateline_year or (last.group("end") and start == dateline_year < end)
    ):
        return "target"
    return None
