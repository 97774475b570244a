"""Kind (target/actual), measure (level/change/plan) and qualifier (eq, approx, gt, ...).

All three read cue words around the figure: the qualifier from the words right next to the
number, the measure from the verb before it (`tăng`, `giảm`), from what follows it (`kế hoạch`,
`so với cùng kỳ`, `%/năm`) and from the indicator (`tốc độ tăng`), and the kind from the nearest
goal or result cue before it in the sentence, defaulting to the heading scope.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

from chitieu.figures.lexicon import ASSIGNED_BY, ITEMS_MET
from chitieu.figures.normalize import lower_for_matching

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
# A cue word that ends a compound is no cue: `tốc độ tăng 7%`, `mức độ`, `dựa trên 5 nhóm giải
# pháp`, `cấp trên`, `nêu trên`, `cấp dưới`; the compound's first syllable stands right before it.
_COMPOUND_FIRST = {
    "độ": "tốc|mức|trình|nhiệt|tiến|mật|cường|chế|thái|cấp|góc|niên|hạn|nồng|chiều|giới|quá|điều"
    "|thời|nhiệm|chức|độ",
    "trên": "dựa|cấp|phía|bên|nêu|nói|kể|tuyến|ở|vượt",
    "dưới": "cấp|phía|bên|tuyến|ở",
    "gần": "tiếp|lại|thân|xa",
    "tầm": "tìm|sưu",
    "ước": "công|hiệp|điều|quy|giao|mơ|mong|thề|cam",
}
_COMPOUND_RE = {
    cue: re.compile(rf"(?i)(?<!\w)(?:{firsts})\s+$") for cue, firsts in _COMPOUND_FIRST.items()
}
# `cao hơn 0,74 điểm % so với cùng kỳ`: the comparative states the exact difference.
_COMPARATIVE_RE = re.compile(r"(?i)(?<!\w)(?:cao|thấp|nhiều|ít|lớn|nhỏ)\s+hơn\s*$")
_COMPARED_AFTER_RE = re.compile(r"(?i)^[^,;:.()]{0,20}?(?<!\w)(?:so với|so)(?!\w)")
_AFTER_QUAL_RE = re.compile(r"(?i)^\s*(?:trở lên|trở xuống|trở lại)")
_SPLIT_BOUND_RE = re.compile(r"(?i)[^,;:.()\d]{1,60}?\s(?P<bound>trở lên|trở xuống)(?!\w)")
_MAX_QUAL_HOPS = 4
# The longest qualifier or neutral word, plus the character before it.
_QUAL_SPAN = 1 + max(
    len(w) for alts in [_NEUTRAL] + [a for a, _ in _QUALIFIERS] for w in alts.split("|")
)

_PLAN_AFTER_RE = re.compile(
    # (past the figure's own bracketed percentage: `tăng 406.902 tỷ đồng (28,8%) so với dự toán`)
    r"(?i)^(?:\s*\([\d.,\s%]{1,12}\))?\)?\s*(?:so với\s+|so\s+|của\s+|theo\s+)?(?:các\s+)?"
    r"(?:kế hoạch|KH|dự toán|chỉ tiêu"
    r"|mục tiêu|nghị quyết|NQ"
    # what a higher level assigned (`vượt 163 hộ so với tỉnh giao`)
    rf"|{ASSIGNED_BY})(?!\w)"
)
_PLAN_BEFORE_RE = re.compile(
    r"(?i)(?:vượt|hoàn thành|đạt)\s+(?:mức\s+)?(?:kế hoạch|chỉ tiêu|dự toán|KH)(?!\w)"
    r"|vượt\s+(?:mức\s+)?mục tiêu(?!\w)"
)
# (`tăng 406.902 tỷ đồng so với dự toán`: an amount over the plan, as after `vượt`)
_EXCESS_TAIL_RE = re.compile(r"(?i)(?<!\w)(?:vượt|tăng|giảm)(?!\w)")
# Nothing but a conjunction or an equivalence between two figures: the second shares the
# first's verb (`tăng lần lượt 8% và 12%`, `có thêm 1 xã ... và 8 xã`, `tương đương 1,6 triệu`).
_SHARED_TAIL_RE = re.compile(
    r"(?i)(?:và|hoặc|cùng|tương đương(?: với)?(?: mức)?|lần lượt(?: là)?)(?:\s+(?:khoảng|gần"
    r"|hơn|trên|dưới|xấp xỉ))?"
)
# `chiếm 25% so với tổng số hộ`: the base of a share, not an earlier time.
_SHARE_BASE_RE = re.compile(r"(?i)^\s*so với\s+(?:tổng|toàn)(?!\w)")
_PEER_AFTER_RE = re.compile(
    r"(?i)^\s*(?:so với\s+|so\s+)?(?:mức\s+)?(?:bình quân|trung bình|cả nước|toàn quốc|khu vực"
    r"|vùng|thế giới|các tỉnh|tỉnh|thành phố|huyện|quận|quốc gia|GDP|GRDP)(?!\w)"
)
# An economy's output: a percentage of it, not given as a share or a plan, is its growth.
_OUTPUT_INDICATOR_RE = re.compile(
    r"(?i)(?:tổng sản phẩm|GRDP|GDP|quy mô (?:nền )?kinh tế)(?!\w)(?!.*(?:đầu người|tỷ trọng"
    r"|cơ cấu))"
)
_SHARE_CUE_RE = re.compile(r"(?i)chiếm|bằng|tỷ trọng|tỷ lệ")
_CHANGE_AFTER_RE = re.compile(r"(?i)^\s*(?:so với|so cùng kỳ|cùng kỳ|so năm|mỗi năm|/năm)")
_PER_YEAR_AFTER_RE = re.compile(r"(?i)^\s*(?:mỗi năm|/năm)")
# A second predicate right after a figure (`thu ngân sách đạt 900 tỷ đồng, đạt 130%`; `tỷ lệ
# bao phủ đạt 93,5%, vượt 0,3%`) restates the same quantity against the plan: after an amount, a
# bare attainment percentage is the share of the plan reached; a bare excess is over the plan.
_ATTAIN_ONLY_RE = re.compile(
    r"(?i)\W*(?:(?:ước|đều|đã|cơ bản)\s+)*(?:đạt|bằng)(?:\s+(?:hơn|trên|gần|khoảng|xấp xỉ))?\s*"
)
_CLAUSE_VERB_ONLY_RE = re.compile(r"(?i)\W*(?:ước\s+)?(?:đạt|bằng|vượt)[^,;:.\d]{0,12}")
_EXCESS_ONLY_RE = re.compile(r"(?i)\W*vượt(?:\s+(?:mức|hơn|trên|gần|khoảng))?\s*")
# An amount (an area, an output, a budget) has no percentage of its own: reached as a bare
# percentage, it is the share of its plan (`tổng diện tích gieo trồng đạt 101,6%`); an
# economy's output (`giá trị sản xuất`, GRDP) is read as growth instead.
_AMOUNT_INDICATOR_RE = re.compile(
    r"(?i)(?:tổng\s+)?(?:diện tích|sản lượng|thu ngân sách|chi ngân sách|tổng thu|tổng chi"
    r"|doanh thu|kim ngạch|tổng mức|tổng vốn|vốn đầu tư|giải ngân)(?!\w)"
)
# `tổng vốn cấp mới và tăng thêm là 642,9 tỷ đồng`: a change verb before the copula belongs
# to the subject's noun phrase; the figure after `là` is its level.
_COPULA_RE = re.compile(r"(?i)(?<!\w)là(?!\w)")
_RANGE_FROM_RE = re.compile(r"(?i)(?<!\w)từ\s*$")
_OWN_PREDICATE_RE = re.compile(r"(?i),\s*(?:ước\s+)?(?:đạt|là)(?:\s+(?:khoảng|trên|gần|hơn))?\s*$")
# (`giá trị tăng thêm`, value added, is a noun)
_CHANGE_WORD_RE = re.compile(
    r"(?i)(?<!\w)(?:(?<!giá trị )tăng(?! cường)|giảm|(?<!trị tăng )thêm)(?!\w)"
)
_LEVEL_END_RE = re.compile(
    r"(?i)(?<!\w)(?:lên|xuống|còn|đến|tới|ở mức|mức|bằng|từ)(?:\s+(?:khoảng|trên|dưới|hơn|gần|mức"
    r"|còn|ít nhất|tối thiểu|tối đa|xấp xỉ))*\s*$"
    # `tỷ lệ hộ nghèo giảm dưới 0,5%`: the level a rate goes below
    r"|(?<!\w)giảm\s+dưới\s*$"
)
# Yearly percentages that are levels, not growth: interest, depreciation, inflation targets.
# (and so is the share of members admitted each year: `tỷ lệ kết nạp đảng viên mới 3%/năm`)
_YEARLY_LEVEL_RE = re.compile(r"(?i)lãi suất|lãi|khấu hao|phí|kết nạp")
_RATE_INDICATOR_RE = re.compile(
    r"(?i)tốc độ tăng|tăng trưởng|tốc độ phát triển|mức tăng|tỷ lệ tăng|chỉ số tăng|lạm phát"
    # a bare `tốc độ` is the growth the clause speaks of (`Kinh tế tăng trưởng khá với tốc độ
    # bình quân 8,8%`), not `tốc độ đô thị hóa`
    r"|^tốc độ(?:\s+(?:bình quân|trung bình))?$"
)

_TARGET_CUE = (
    # `Chương trình mục tiêu quốc gia` is a name, not a goal
    # (a verb made a noun names an effort, not a goal: `với sự quyết tâm của cả hệ thống chính
    # trị, ... tăng 7,36%`)
    r"(?<!sự )phấn đấu|mục tiêu(?! quốc gia)|đề ra|đặt ra|sẽ|dự kiến|đề nghị|cần(?! thiết| nghèo)"
    r"|hướng tới|(?<!sự )cam kết|đề xuất"
    r"|(?<!sự )(?<!với )(?<!bằng )(?:cố gắng|quyết tâm)|theo kế hoạch|theo lộ trình|sắp tới"
    # a purpose clause naming its goal (`để đạt tốc độ tăng trưởng 9%`; not `đã nỗ lực để đạt 95%
    # kế hoạch`, whose figure is the attainment itself)
    r"|(?:để|nhằm) đạt(?: được)?(?=\s+[^\W\d_])"
    # the rest of the year is still ahead (`Nhiệm vụ 6 tháng cuối năm, ... đạt 100% dự toán`)
    # also when it dates a plan that introduces its items (`Nghị quyết về nhiệm vụ ... 6 tháng
    # cuối năm 2025 với 20 chỉ tiêu chủ yếu là: ...`)
    r"|tháng cuối năm(?:\s+\d{4})?(?=\s*[,:]|\s+(?:với|gồm|như)(?!\w))"
    # `Theo Nghị quyết, năm 2025 thu nhập đạt ...`: what a plan document says, as a framing
    # adverbial (not `theo Nghị quyết số 23`, a legal basis)
    r"|theo (?:nghị quyết|đề án|quy hoạch|chương trình)(?=\s*,)"
    # `Nghị quyết nêu rõ, tốc độ tăng trưởng đạt 8%`: a plan document stating its content
    r"|(?:nghị quyết|đề án|quy hoạch|kế hoạch) (?:nêu rõ|nêu|xác định|yêu cầu)"
    r"|(?:nhiệm kỳ|năm|giai đoạn|thời gian|những năm|các năm)\s+tới"
    # the year ahead, and setting its goals (`Trong năm mới này, tỉnh đặt chỉ tiêu ...`)
    r"|(?:trong|bước sang|sang)\s+năm mới|đặt chỉ tiêu"
    # (not identifying whom a policy reaches: `rà soát, xác định hộ làm nông, lâm nghiệp có
    # mức sống trung bình`)
    r"|hướng đến|xác định(?! (?:hộ|đối tượng|nguyên nhân|danh sách|người|diện)(?!\w))"
    r"|giao chỉ tiêu|chỉ tiêu đặt ra|kế hoạch(?=\W*$)|chỉ tiêu(?=\W*$)"
    # `Năm 2024, chỉ tiêu thu ngân sách là ...`; not `đạt/vượt/hoàn thành ... chỉ tiêu`
    r"|(?<!đạt )(?<!vượt )(?<!thành )(?<!hiện )(?<!với )(?<!bằng )(?<!các )(?<!những )"
    r"(?:chỉ tiêu|dự toán|kế hoạch(?= vốn| đầu tư| thu| chi))(?! đề ra| đặt ra| giao| thi đua| đạt"
    r"| chưa)(?=[^,;:.]*$)"
    # a plan dated by its year; named at length, when it introduces its items (`Nghị quyết về
    # kế hoạch phát triển kinh tế - xã hội năm 2025 với 25 chỉ tiêu`, `... năm 2025 gồm:`)
    r"|chỉ tiêu đề ra|kế hoạch năm \d{4}"
    r"|kế hoạch(?:\s+(?:[^\W\d_]+|[-–]))" + "{1,8}?" + r"\s+năm \d{4}(?=\s+(?:với|gồm)\s|\s*:)"
    r"|dự toán năm \d{4}|phải đạt|bảo đảm đạt|đảm bảo đạt"
    # a list intro naming the goals (`thống nhất các chỉ tiêu chủ yếu nhiệm kỳ 2025-2030: ...`;
    # not `Một số chỉ tiêu chủ yếu 6 tháng đầu năm:`, `các chỉ tiêu đạt được:`)
    r"|(?:chỉ tiêu|mục tiêu|(?:nhiệm vụ\s+và\s+)?giải pháp)"
    r"(?=(?:(?!tháng đầu|đạt|kết quả|thực hiện|qua(?!\w))[^,;:.!?]){0,60}:)"
)
_ACTUAL_CUE = (
    r"đã(?! được đề ra| đề ra| đặt ra| được đặt ra| xác định| được giao| giao| được phê duyệt"
    r"| phê duyệt)|ước|đến nay|(?<!thực )hiện nay|(?<!thực )hiện có|(?<!thực )hiện đã|kết quả"
    r"|cùng kỳ|năm qua|nhiệm kỳ qua|quyết toán"
    r"|vừa qua|thời gian qua|đạt được|tính đến|lũy kế|luỹ kế|thực hiện được|trong năm qua"
    r"|thực hiện đạt|kết quả thực hiện|(?<!thực )hiện (?:mới|chỉ|đạt|đang)"
    # a shortfall is said of a result (`nhưng 6 tháng đầu năm chỉ đạt 6,5%`; not `mới đạt`:
    # `đảng viên mới đạt ...` is a new member)
    r"|(?<!chứng )(?<!địa )chỉ đạt"  # (not `tỷ lệ có bằng, chứng chỉ đạt 28%`)
)
_CUE_RE = re.compile(
    rf"(?i)(?=[^\W\d_])(?<!\w)(?:(?P<target>{_TARGET_CUE})|(?P<actual>{_ACTUAL_CUE})"
    r"|(?:đến|tới|vào)\s+(?:hết\s+)?năm\s+(?P<horizon>\d{4}))(?!\w)"
)
# The cues are matched case-sensitively on the lower-cased text (`_cues`), which scans twice
# as fast as IGNORECASE, when that is the same matching (`lower_for_matching`); the article's
# text is lower-cased once, not for each of its sentences. (The matches' groups are lower case.)
_CUE_LOWER_RE = re.compile(_CUE_RE.pattern.removeprefix("(?i)"))


def _cues(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """`_CUE_RE.finditer(text, pos, endpos)`, faster (see above)."""
    endpos = len(text) if endpos is None else endpos
    lower = lower_for_matching(text)
    if lower is None:
        return _CUE_RE.finditer(text, pos, endpos)
    return _CUE_LOWER_RE.finditer(lower, pos, endpos)


# Cues strong enough to carry over to the next sentences of a paragraph.
_STRONG_CUE_RE = re.compile(
    r"(?i)phấn đấu|mục tiêu|đề ra|đặt ra|đặt chỉ tiêu|dự kiến|đề xuất|đã|ước|kết quả|cùng kỳ"
    r"|năm qua"
    r"|nhiệm kỳ qua|vừa qua|đến nay|hiện có|thực hiện đạt|(?:đến|tới|vào)\s+(?:hết\s+)?năm\s+\d{4}"
)
# A goal named only as the yardstick of a result (`thấp hơn mục tiêu đề ra`, `so với kế hoạch`)
# states no goal of its own: it must not carry `target` to the next sentences.
_COMPARED_CUE_RE = re.compile(r"(?i)(?:hơn|so với|vượt|với|bằng|theo)\s+(?:\w+\s+){0,2}$")
# Result wording after the number. Against the plan (`vượt kế hoạch`, `so với Nghị quyết`) it
# reports a result; against the same period (`tăng 8,7% so với cùng kỳ`) it is weaker, since a
# plan also states its growth over the year before (`phấn đấu ... tăng 4,18% so với cùng kỳ`):
# a goal carried from the paragraph or section outranks it.
_SAME_PERIOD_AFTER_RE = re.compile(r"(?i)(?<!\w)(?:so với|so|bằng|với) cùng kỳ(?!\w)")
_ACTUAL_AFTER_RE = re.compile(
    r"(?i)(?<!\w)(?:vượt|đạt|hoàn thành|so với|so)(?: mức)?"
    r" (?:\w+ ){0,2}?(?:mục tiêu|kế hoạch|chỉ tiêu|nghị quyết|dự toán)(?!\w)"
)
_ATTAIN_BEFORE_RE = re.compile(
    r"(?i)(?<!\w)(?:vượt|đạt|hoàn thành|bằng)\s+(?:mức\s+)?(?:(?:hơn|trên\s+)?[\d.,]+\s*%?\s+)?$"
)
_ATTAIN_WINDOW = 30
_DATED_PLAN_RE = re.compile(r"(?i)\s+(?:năm\s+(?:19|20)\d\d|năm trước|kỳ trước)(?!\w)")
# A result clause right after the figure: `đề ra 22 chỉ tiêu, trong đó thực hiện đạt và vượt 19
# chỉ tiêu`, `giảm còn 3%, đã đạt chỉ tiêu`: the figure is what was achieved (or the plan whose
# achievement is reported), whatever goal word stands before it.
_RESULT_CLAUSE_AFTER_RE = re.compile(
    r"(?i)[^.;:()\d]{0,60}?,\s*(?:(?:trong đó|trong số đó)\s+(?:đã\s+)?(?:thực hiện\s+)?"
    r"|đã\s+(?:thực hiện\s+)?)(?:đạt|vượt|hoàn thành)(?!\w)"
)
# Counted plan items described by a result verb (`có 20 chỉ tiêu đạt và vượt`, `6/25 chỉ tiêu
# vượt KH`, `12 mục tiêu đã hoàn thành`): the relative clause says which items were achieved.
_ITEMS_ACHIEVED_RE = re.compile(
    r"(?i)(?:\s+(?!đã|đạt|vượt|hoàn thành)[^\W\d_]+|\s*-){0,5}\s+(?:đã\s+)?(?:thực hiện\s+)?"
    r"(?:đạt|vượt|hoàn thành)(?!\w)"
)
# ... unless a goal verb governs them (`phấn đấu có 20/22 chỉ tiêu đạt và vượt`).
_GOAL_GOVERNS_RE = re.compile(r"(?i)(?<!\w)(?:phấn đấu|mục tiêu|quyết tâm|cố gắng|sẽ)(?!\w)")
# `giao mục tiêu tăng trưởng ... cho 16 tỉnh`: the count after `cho` names who receives an
# assigned goal; the assignment itself is an event, a result.
_RECIPIENT_RE = re.compile(r"(?i)(?<!\w)cho\s+$")
_ASSIGNED_GOAL_RE = re.compile(
    r"(?i)(?<!\w)(?:giao|phân bổ|phân giao|đưa ra|đặt ra|đặt|đề ra)\s+(?:các\s+)?"
    r"(?:mục tiêu|chỉ tiêu|kế hoạch|nhiệm vụ)(?!\w)"
)
_RECIPIENT_WINDOW = 120
# `đạt 80% trở lên`, `kết nạp 90 đảng viên mới trở lên`: a floor set on the figure itself, with
# no cue before it, is a goal (results are stated as reached, not as floors); `từ 15 tiêu chí
# trở lên` is a class of units, not a floor on a figure.
_FLOOR_AFTER_RE = re.compile(r"(?i)(?:\s+[^\W\d_]+){0,2}\s*trở lên(?!\w)")
_CLASS_NOUN_RE = re.compile(r"(?i)tiêu chí|sao")
_FLOOR_BEFORE_RE = re.compile(r"(?i)(?<!\w)(?:tối thiểu|ít nhất)\s+(?:là\s+|đạt\s+)?$")
# A year before the plan's first year, in the figure's own clause, dates its baseline or a
# past result (`Kế hoạch 2021-2025 ...: năm 2020 đạt 50 triệu đồng`).
_PLAN_SPAN_RE = re.compile(
    r"(?i)(?<!\w)(?P<term>nhiệm kỳ\s+)?(?P<first>(?:19|20)\d\d)\s*[-–]\s*"
    r"(?P<last>(?:19|20)\d\d)(?!\d)"
)
_COMPARED_BASE_RE = re.compile(r"(?i)(?<!\w)(?:so với|so|với)\s+$")
_CLAUSE_YEAR_RE = re.compile(r"(?i)(?<!\w)năm\s+(?P<year>(?:19|20)\d\d)(?!\s*[-–\d])")
# A goal word as the yardstick of a result: `vượt mục tiêu`, `so mục tiêu Đại hội`, `hoàn thành
# vượt mức các mục tiêu Đại hội đề ra`, `đúng định hướng Nghị quyết đề ra`: the goal is named
# to say how the result compares with it, so the cue reports a result.
# The goal may be named at length between verb and cue (`đạt và vượt các chỉ tiêu Nghị quyết Đại
# hội Đảng bộ xã đề ra`): words only, no punctuation.
_YARDSTICK_RE = re.compile(
    r"(?i)(?<!\w)(?:vượt|đạt|hoàn thành|so với|so|đúng|theo|bằng|thực hiện|hơn|cao hơn|thấp hơn"
    r"|kết quả)(?:\s+mức)?\s+(?:[^\W\d_]+\s+){0,12}$"
    # the attainment's own percentage before the plan it is measured against (`đạt 174,7% dự
    # toán tỉnh giao và 145,1% dự toán HĐND huyện đề ra`, `101,44% KH`)
    r"|(?<![\d.,])\d[\d.,]*\s*%\s+(?:[^\W\d_]+\s+){0,12}$"
)
_YARDSTICK_WINDOW = 100
_YARDSTICK_BARRIERS = ";:!?()"  # (what no match holds: see `_search_tail`)
_WORD_RUN_RE = re.compile(r"(?:[^\W\d_]+\s+)+$")
_GOAL_NOUN_RE = re.compile(r"(?i)(?<!\w)(?:mục tiêu|chỉ tiêu|kế hoạch|nghị quyết|định hướng)(?!\w)")
_SET_VERB_RE = re.compile(r"(?i)đề ra|đặt ra")
_PAST_SET_RE = re.compile(
    r"(?i)(?<!\w)(?<!để )(?<!nhằm )(?:hoàn thành|đạt|vượt)(?!\w)[^;:.!?]{0,160}?\sđã\s+$"
)
_COUNTED_RE = re.compile(r"\d\s$")
# A goal word modifying a counted plan noun (`13/15 mục tiêu chủ yếu đề ra`) names the items
# counted, not a goal of the sentence.
_COUNTED_PLAN_RE = re.compile(
    r"(?i)\d\s+(?:(?:nhóm\s+)?(?:mục tiêu|chỉ tiêu|nhiệm vụ))(?:\s+[^\W\d_]+){0,3}\s+$"
)
_COUNTED_WINDOW = 50
# A word followed by another word (the second's first letter is group 1).
_TWO_WORDS_RE = re.compile(r"[^\W\d_]+\s+([^\W\d_])")


def _is_name(text: str, pos: int) -> bool:
    """Whether the word at `pos` and the next one are capitalised: a proper name, whatever it
    reads as (`huyện Cần Giuộc`, `Cần Thơ`)."""
    m = _TWO_WORDS_RE.match(text, pos)
    return bool(m and text[pos].isupper() and m.group(1).isupper())


_DELEGATES_RE = re.compile(r"(?i)đại biểu(?!\w)")
_ATTENDING_RE = re.compile(
    r"(?i)(?<!\w)(?:tham dự|dự|có mặt|triệu tập)(?:\s+của)?(?:\s+(?:hơn|gần|trên|khoảng))?\s+$"
)
# The parts a plan document comprises (`Chương trình hành động ... gồm 4 nhóm giải pháp`).
_PLAN_PART_RE = re.compile(
    r"(?i)(?:nhóm\s+)?(?:chỉ tiêu|mục tiêu|nhiệm vụ|giải pháp|chương trình|đề án|khâu)(?!\w)"
)
_PLAN_DOC_PARTS_RE = re.compile(
    r"(?i)(?<!\w)(?:chương trình hành động|kế hoạch hành động|kế hoạch thực hiện)(?!\w)"
    r"[^.;:!?]*\s(?:gồm|gồm có|bao gồm|với)\s+$"
)
_PLAN_DOC_WINDOW = 200
# ... or adopted with the plan (`thống nhất thông qua Nghị quyết, Chương trình hành động và 17
# Đề án trọng tâm`; not `thông qua 12 nghị quyết`, documents a session passed)
_PARTS_ADOPTED_RE = re.compile(
    r"(?i)(?<!\w)(?:thông qua|biểu quyết|đề ra|đặt ra|xác định|ban hành|chọn|lựa chọn)(?!\w)"
    r"[^.;:!?\d]{0,100}$"
)
# A goal verb modifying counted plan items (`18 chỉ tiêu phấn đấu`, `20 mục tiêu đề ra`), and a
# result verb counting them (`đạt và vượt 13/15 mục tiêu chủ yếu đề ra`).
_GOAL_MODIFIER_RE = re.compile(r"(?i)(?<!\w)(?:phấn đấu|đề ra|đặt ra)(?!\w)")
_GOAL_MODIFIER_AFTER_RE = re.compile(r"(?i)\s+(?:phấn đấu|đề ra|đặt ra)(?!\w)")
_ATTAINED_COUNT_RE = re.compile(
    r"(?i)(?<!\w)(?:đạt|vượt|hoàn thành|thực hiện)(?:\s+(?:và|được|vượt|mức|có))*\s+$"
)


_PLAN_WORD_RE = re.compile(r"(?i)mục tiêu|chỉ tiêu|kế hoạch|dự toán|nhiệm vụ")


def _is_counted(text: str, pos: int) -> bool:
    """Whether the plan word at `pos` is counted (`có 12 mục tiêu vượt`; not the verb in `Năm
    2025 phấn đấu`) or the cue modifies a counted plan noun (`13/15 mục tiêu chủ yếu đề ra`)."""
    return bool(
        (_COUNTED_RE.match(text, max(0, pos - 2), pos) and _PLAN_WORD_RE.match(text, pos))
        or _COUNTED_PLAN_RE.search(text, max(0, pos - _COUNTED_WINDOW), pos)
    )


_GOAL_VALUE_RE = re.compile(r"\s*[(:]\s*$|\s+là\s*$")
# `vượt chỉ tiêu Chính phủ giao là 93%`, `kế hoạch đề ra là 95%`: the value a goal noun is said
# to be (after `là`, with only words between) is the goal's own value, a level.
_GOAL_APPOSITION_RE = re.compile(
    # (`cao hơn kịch bản xây dựng đầu năm (7,59%)`: a growth scenario is a plan's figure)
    # (not through a `là` naming who met it: `hoàn thành chỉ tiêu tỉnh giao là Quế Sơn (100,12%)`)
    r"(?i)(?<!\w)(?:chỉ tiêu|mục tiêu|kế hoạch|nghị quyết|dự toán|kịch bản)"
    r"(?:\s+(?!là(?!\w))[^\W\d_]+){0,6}"
    # ... or in brackets right after it (`vượt so với kế hoạch HĐND tỉnh giao (7 - 7,5%)`)
    r"(?:\s+là(?:\s+(?:khoảng|trên|dưới|hơn|từ))?|\s*\()\s*$"
)
_GOAL_APPOSITION_WINDOW = 80
_APPOSITION_BARRIERS = ".,;:!?)0123456789"  # (what no match holds: see `_search_tail`)


# ... and so is the figure a goal noun names by its change (`vượt mục tiêu giảm từ 1-1,5%/năm
# mà Quốc hội đặt ra`, `đạt mục tiêu tăng trưởng GRDP từ 9,5-10,5%`): the goal's content.
_GOAL_CONTENT_RE = re.compile(
    r"(?i)(?<!\w)(?:mục tiêu|chỉ tiêu)\s+(?:tăng trưởng|tăng|giảm)(?:\s+[^\W\d_]+){0,3}"
    r"(?:\s+(?:từ|trên|khoảng|ít nhất|tối thiểu))?\s+$"
)


# ... and so is a figure in brackets that open with the plan (`đạt 68,7% (KH ĐH đến năm 2020
# đạt 65-70%)`, `(kế hoạch 1.000 tỷ đồng)`; `KH`, `NQ`: the plan, the resolution).
_PLAN_ASIDE_RE = re.compile(
    r"\(\s*(?:KH|NQ|[Kk]ế hoạch|[Cc]hỉ tiêu|[Mm]ục tiêu|[Nn]ghị quyết|[Dd]ự toán)(?!\w)"
    r"(?:(?!thực hiện|đạt được|đã)[^()])*"
)


# ... and so is a figure right after the goal a result is compared with, named with the act
# that set it (`vượt 0,05% so với chỉ tiêu đề ra tại Nghị quyết số 03-NQ/TU ngày 10/12/2021
# của Tỉnh ủy (38%)`, `đạt 130% so với chỉ tiêu 20.000 người`); not the amount after an
# attainment (`đạt 105% dự toán (820 tỷ đồng)`: the goal noun follows its own percentage).
_GOAL_NAMED_BEFORE_RE = re.compile(
    r"(?i)(?<!\w)(?:so với|so|hơn)\s+(?:các\s+)?(?:chỉ tiêu|mục tiêu|kế hoạch)"
    r"(?:\s+(?:được\s+)?(?:giao|đề ra|đặt ra|ban đầu|điều chỉnh))?"
    r"(?:\s+tại\s+(?:[^\W\d_]+|[\d/.-]+[A-ZĐ-]*|\s)[^();:]{0,90}?)?\s*\(?\s*$"
)
_GOAL_REF_WINDOW = 160
# ... in brackets right after the goal's name, with only its bound or verb before the figure.
_ASIDE_QUALIFIERS_RE = re.compile(
    r"(?i)\s*(?:(?:từ|giảm|tăng|hơn|trên|dưới|khoảng|tối thiểu|ít nhất)\s+)*"
)
_GOAL_BEFORE_BRACKET_RE = re.compile(
    r"(?i)(?<![\d%]\s)(?<!\w)(?:chỉ tiêu|mục tiêu|kế hoạch)(?:\s+(?!là(?!\w))[^\W\d_]+|\s*,){0,12}"
    r"\s*$"
)


def is_goal_value(text: str, pos: int) -> bool:
    """Whether the figure at `pos` is a goal's own value (see `_GOAL_APPOSITION_RE`)."""
    if _GOAL_CONTENT_RE.search(text, max(0, pos - _GOAL_APPOSITION_WINDOW), pos):
        return True
    opened = text.rfind("(", max(0, pos - _GOAL_APPOSITION_WINDOW), pos)
    if opened >= 0 and _PLAN_ASIDE_RE.fullmatch(text, opened, pos):
        return True
    if (
        opened >= 0
        and _ASIDE_QUALIFIERS_RE.fullmatch(text, opened + 1, pos)
        and _GOAL_BEFORE_BRACKET_RE.search(text, max(0, opened - _GOAL_REF_WINDOW), opened)
    ):
        return True  # `đạt mục tiêu của Chương trình (giảm hơn 3%/năm)`: the goal's value
    if _GOAL_NAMED_BEFORE_RE.search(text, max(0, pos - _GOAL_REF_WINDOW), pos):
        return True
    lo = max(0, pos - _GOAL_APPOSITION_WINDOW)
    return bool(_search_tail(_GOAL_APPOSITION_RE, text, lo, pos, _APPOSITION_BARRIERS))


# Counted plan items adopted by a congress or council (`Đại hội biểu quyết 12 chỉ tiêu`) are
# goals; adopted documents (`thông qua 6 nghị quyết`) are events, i.e. results.
_ADOPT_RE = re.compile(
    r"(?i)(?<!\w)(?:biểu quyết|thông qua|thống nhất|xây dựng|đề ra|đặt ra|xác định|đưa ra|giao"
    r"|được giao"
    r"|nghị quyết(?:\s+[^\W\d_]+){0,4}\s+(?:với|gồm|về))\s*$"
    # `thông qua Nghị quyết về chỉ tiêu phát triển kinh tế, xã hội chủ yếu năm 2025, gồm`
    r"|(?:thông qua|ban hành|biểu quyết)\s+(?:nghị quyết|kế hoạch)"
    r"(?:(?!kết quả|đạt|thực hiện)[^.;:!?\d]|\d{4}){0,120}\s(?:gồm|với)\s*$"
)
# `Tại kỳ họp, 24 chỉ tiêu ... năm 2025 được thảo luận và thông qua`: items adopted, passive.
_ADOPTED_AFTER_RE = re.compile(
    r"(?i)(?:\s+(?!được)[^\W\d_]+|\s*[-,]|\s+\d{4}){0,12}\s+được(?:\s+[^\W\d_]+){0,4}?\s+"
    r"(?:thông qua|biểu quyết|thống nhất)(?!\w)"
)
_ADOPT_WINDOW = 50
_PLAN_ITEM_RE = re.compile(r"(?i)(?:nhóm\s+)?(?:chỉ tiêu|mục tiêu)(?!\w)")
_PLAN_NOUN_RE = re.compile(r"(?i)mục tiêu|chỉ tiêu|kế hoạch|dự toán|đề ra|đặt ra")
# ... unless the yardstick verb is itself a goal (`phấn đấu đạt các chỉ tiêu`, `sẽ hoàn thành`).
_GOAL_VERB_RE = re.compile(
    r"(?i)(?<!\w)(?:phấn đấu|sẽ|cần|phải|quyết tâm|cố gắng|bảo đảm|đảm bảo|nhằm|để|mục tiêu"
    # a directive (`Tập trung chỉ đạo thực hiện các chỉ tiêu: ...`) sets the task ahead
    # (the means to a goal: `giải pháp thực hiện các mục tiêu`)
    r"|dự kiến|đề ra|đặt ra|tập trung|nỗ lực|triển khai|giải pháp|biện pháp)"
    r"\s+(?:[^\W\d_]+\s+){0,3}$"
)
# An explicit past year in the sentence (`Quy mô GRDP năm 2022 đạt ...`).
_YEAR_RE = re.compile(
    r"(?i)(?<!\w)(?:năm\s+(?P<start>\d{4})(?!\s*-)(?![\d/])"
    r"|(?:giai đoạn|thời kỳ)\s+(?P<start2>\d{4})\s*-\s*(?P<end>\d{4}))"
)
# A sentence opening with a plan word (`Chỉ tiêu thu ngân sách năm 2024 là ...`) names goals up
# to its first comma or semicolon.
# The nouns that name a plan or its items, and those that name its direction: one list for the
# sentence, lead-in and heading scopes below.
_PLAN_NOUNS = "chỉ tiêu|kế hoạch|mục tiêu|dự toán"
_DIRECTION_NOUNS = "phương hướng|định hướng"
_SENT_TARGET_HEAD_RE = re.compile(rf"(?i)\W*(?:(?:các|những|một số)\s+)?(?:{_PLAN_NOUNS})(?!\w)")
_LIST_BREAK_RE = re.compile(r"[,;]")
# A sentence opening with `Hiện` (now) states the present: `Hiện Đảng bộ có 45 chi bộ`.
_NOW_OPEN_RE = re.compile(r"(?i)\W*hiện\s+(?!đại|thực|tượng|trạng|hành|diện|ra|lên|rõ)")
_CUE_OVERLAP = 40  # a cue may straddle the previous figure's position
_AFTER_SPAN = 300  # how far after the figure result-only wording is looked for
_FORECAST_SPAN = 30  # how far after `dự kiến` the year it is about may stand
# A sentence opening with a past period and reporting a result (`Trong năm 2018, ... đạt được
# kết quả tích cực`, `Nhiệm kỳ 2015-2020, tỉnh đã thực hiện ...`) dates a review without dates.
_REPORT_OPEN_RE = re.compile(
    r"(?i)\W*(?:trong\s+)?(?:năm\s+(?P<year>\d{4})|(?:nhiệm kỳ|giai đoạn|thời kỳ)\s+\d{4}\s*-\s*"
    r"(?P<end>\d{4}))\s*,"
)


# An article about a congress names it and the term it opens in its lead (`Đại hội đại biểu
# Đảng bộ xã lần thứ I, nhiệm kỳ 2025-2030`); a review mentions a congress too, as a yardstick.
_CONGRESS_TERM_RE = re.compile(
    r"(?i)(?<!\w)đại hội[^.\n]{0,120}?nhiệm kỳ\s+(?P<first>(?:19|20)\d\d)\s*[-–]\s*"
    r"(?P<last>(?:19|20)\d\d)"
)
_REVIEW_DOC_RE = re.compile(r"(?i)sơ kết|tổng kết|giữa nhiệm kỳ|đánh giá|kiểm điểm")
_LEAD_CHARS = 600
# A span of years named as a period (`giai đoạn 2026-2030`), not as a term's name.
_TERM_SPAN_RE = re.compile(
    r"(?i)(?<!\w)(?:giai đoạn|thời kỳ)\s+(?:19|20)\d\d\s*[-–]\s*(?P<last>(?:19|20)\d\d)(?!\d)"
)


def congress_term(text: str) -> int | None:
    """The last year of the term a congress opens, when the text's lead is about that congress
    (not a review of the term it set)."""
    lead = text[:_LEAD_CHARS]
    if _REVIEW_DOC_RE.search(lead):
        return None
    return max((int(m.group("last")) for m in _CONGRESS_TERM_RE.finditer(lead)), default=None)


def congress_year(text: str) -> int | None:
    """The year of the congress an undated article's lead is about: the first year of the term
    it opens (`Đại hội ... nhiệm kỳ 2020-2025` meets in 2020)."""
    lead = text[:_LEAD_CHARS]
    if _REVIEW_DOC_RE.search(lead):
        return None
    return max((int(m.group("first")) for m in _CONGRESS_TERM_RE.finditer(lead)), default=None)


# A title naming a plan document for a period ahead (`Nghị quyết về kế hoạch phát triển kinh tế -
# xã hội năm 2026`, `HĐND tỉnh thông qua dự toán ngân sách năm 2026`, `Chương trình hành động
# giai đoạn 2026-2030`): the document sets targets, so a figure no cue or section decides is one.
# A title reviewing one (`Kết quả thực hiện Nghị quyết ...`, `... vượt kế hoạch năm 2025`) is not.
_PLAN_TITLE_RE = re.compile(
    r"(?i)(?<!\w)(?:nghị quyết|kế hoạch|chương trình hành động|phương hướng|dự toán"
    r"|mục tiêu|chỉ tiêu)(?!\w)"
)
_REVIEW_TITLE_RE = re.compile(
    r"(?i)(?<!\w)(?:kết quả|tổng kết|sơ kết|đánh giá|kiểm điểm|thực hiện|năm qua|đạt|vượt"
    r"|hoàn thành|nhìn lại|về đích|chưa|tăng|giảm)(?!\w)"
)
_TITLE_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# (a figure, then the year to reach it by: `... đạt 8.500 USD/người vào năm 2030`)
_TITLE_HORIZON_RE = re.compile(
    r"(?i)(?<![\d.,])\d[\d.,]*\s*(?:%|USD|đồng|tỷ|tỉ|triệu|nghìn|ha|tấn|km|lượt|người)"
    r"[^\n]{0,40}?(?<!\w)(?:vào|đến|tới)\s+(?:hết\s+)?năm\s+((?:19|20)\d\d)(?!\d)"
)
_PAST_TITLE_RE = re.compile(r"(?i)(?<!\w)(?:đã|kết quả|tổng kết|sơ kết|về đích|năm qua)(?!\w)")
_TITLE_WORDS = 30
_VOTE_AFTER_RE = re.compile(
    r"(?i)\s*(?:số\s+)?(?:đại biểu|ĐBQH|ĐB)(?:\s+[^\W\d_]+){0,4}?\s+(?:biểu quyết\s+)?tán thành"
)
_REVIEWED_TERM_RE = re.compile(
    r"(?i)\W*(?:trong\s+)?(?:nhiệm kỳ|giai đoạn)\s+(?:19|20)\d\d\s*[-–]\s*"
    r"(?P<last>(?:19|20)\d\d)\s*,"
)
_NOT_A_GOAL_VERB_RE = re.compile(
    r"(?i)(?<!\w)(?:(?:sau|qua)\s+(?:một|hai|ba|nhiều|\d+)?\s*(?:năm|tháng)"
    r"|số\s+(?:[^\W\d_]+\s+){0,3}?(?:người|hộ|lao động|đối tượng)(?:\s+tham gia)?)\s+$"
)
_KEPT_RESULT_RE = re.compile(r"(?i)(?<!\w)(?:duy trì|giữ vững|phát huy|nâng cao)\s+$")
_NOW_COMPARED_RE = re.compile(r"(?i)(?<!\w)(?:gấp\s+\S+|so với|hơn|bằng)(?:\s+mức)?\s+$")
_BASE_BEFORE_RE = re.compile(r"(?i)(?<!\w)(?:so với|so)(?:\s+mức)?\s+$")
_BASE_YEAR_AFTER_RE = re.compile(
    r"(?i)\s*(?:của\s+|trong\s+)?năm\s+((?:19|20)\d\d)(?!\s*[-–]\s*\d)"
)
_ESTIMATE_DATED_RE = re.compile(
    r"(?i)(?<!\d)(?:19|20)\d\d(?!\d)|\d{1,2}/\d{1,2}|cả năm|(?<!\w)(?:tháng|quý|dự ước)(?!\w)"
    # an estimate of what was done (`ước thực hiện 480 tỷ đồng`) reports a result
    r"|(?<!\w)(?:thực hiện|đã|được)(?!\w)"
)
_GOAL_BOUND_RE = re.compile(r"(?i)đạt\s+(?:khoảng|trên|dưới|tối thiểu|ít nhất|từ)\s+")
_REACHED_VERB_RE = re.compile(r"(?i)(?<!\w)(?:đạt|hoàn thành|vượt|thực hiện|được|đã|có)(?!\w)")


def plan_title(title: str, ref_year: int | None) -> bool:
    """Whether `title` names a plan document for a period ahead (see above): a plan noun, no
    review wording, and a year after `ref_year` (the article's own year), when it has one; or
    a figure to reach by a year ahead (`GDP bình quân đạt 8.500 USD/người vào năm 2030`)."""
    if len(title.split()) > _TITLE_WORDS:
        return False
    ahead = _TITLE_HORIZON_RE.search(title)
    if ahead and (int(ahead.group(1)) > ref_year if ref_year else int(ahead.group(1)) % 5 == 0):
        return not _PAST_TITLE_RE.search(title)
    if not _PLAN_TITLE_RE.search(title):
        return False
    if _REVIEW_TITLE_RE.search(title):
        return False
    years = [int(y) for y in _TITLE_YEAR_RE.findall(title)]
    return bool(years) and (ref_year is None or max(years) > ref_year)


# Verbs that report a figure as reached (not `là`, a copula stating it).
_RESULT_VERB_RE = re.compile(
    r"(?i)(?<!\w)(?:đạt|thực hiện|được|tăng|giảm|có|còn|thu|chi|giải ngân|hoàn thành|xây dựng"
    r"|trồng|tạo|ước|dự kiến)(?!\w)"
)
_COPULA_BEFORE_RE = re.compile(r"(?i)(?<!\w)là\s*$")
_REACHED_RE = re.compile(r"(?i)(?<!\w)(?:đạt|hoàn thành)(?!\w)")


def report_year(text: str, spans: list[tuple[int, int]]) -> int | None:
    """The latest period a text reports results for, from sentences that open with it and
    carry a result cue: the reference year of a review that gives no date."""
    years = []
    for start, end in spans:
        m = _REPORT_OPEN_RE.match(text, start, end)
        if m is None:
            continue
        cues = list(_cues(text, m.end(), end))
        # `Năm 2024, thu ngân sách đạt 900 tỷ đồng`: a result verb and no goal word report too
        reached = not cues and _REACHED_RE.search(text, m.end(), end)
        if reached or any(c.group("actual") for c in cues):
            years.append(int(m.group("year") or m.group("end")))
    return max(years, default=None)


def _is_horizon(year: int, doc_year: int | None) -> bool:
    return year > doc_year if doc_year else year % 5 == 0


def qualifier(before: str, after: str, estimated: bool = False) -> str:
    """The qualifier from the words nearest the number (`before` ends at the number);
    `estimated`: an estimate word (`ước`) governs the figure from further back (`Ước tổng chi
    ngân sách đạt 23.850 tỷ đồng`), which makes it `approx` when no nearer word qualifies it."""
    tail = before[-80:]
    end = len(tail)
    for _ in range(_MAX_QUAL_HOPS):
        # a cue word ends at the tail's last word: search only the last few characters
        lo = max(0, len(tail[:end].rstrip()) - _QUAL_SPAN)
        m = _QUAL_TAIL_RE.search(tail, lo, end)
        if m and not _in_compound(tail, m):
            found = next(q for _, q in _QUALIFIERS if m.group(q))
            comparative = found in ("gt", "lt") and _COMPARATIVE_RE.search(tail, 0, end)
            return "eq" if comparative and _COMPARED_AFTER_RE.match(after) else found
        n = _NEUTRAL_TAIL_RE.search(tail, lo, end)
        if not n:
            break
        end = n.start()
    m = _AFTER_QUAL_RE.match(after)
    if not m and _RANGE_FROM_RE.search(tail):
        # `có từ 85% chi bộ đạt trong sạch vững mạnh trở lên`: the bound closes after its noun
        m = _SPLIT_BOUND_RE.match(after)
    if m:
        word = m.group("bound") if m.lastgroup == "bound" else m.group().strip()
        word = word.lower()
        return "ge" if word == "trở lên" else "le" if word == "trở xuống" else "eq"
    return "approx" if estimated else "eq"


# `ước` (estimated) heads the predicate it opens, even far from the number.
_ESTIMATE_RE = re.compile(
    r"(?i)(?<!\w)(?<!công )(?<!hiệp )(?<!điều )(?<!quy )(?<!mong )ước(?! mơ| nguyện| muốn)(?!\w)"
)


_FORECAST_RE = re.compile(r"(?i)(?<!\w)dự kiến(?!\w)")
# `ước` framing a period as an adverbial (`ước năm 2020, ...`, `Ước cả năm, ...`): an estimate
# of everything the sentence says after it, however many figures.
_ESTIMATE_FRAME_RE = re.compile(
    r"(?i)(?<!\w)ước(?:\s+tính)?(?:\s+thực hiện)?\s+(?:năm\s+\d{4}|cả năm(?:\s+\d{4})?"
    r"|\d{1,2}\s+tháng(?:\s+(?:đầu\s+)?năm)?(?:\s+\d{4})?"
    # ... or up to a date (`Dự ước đến 31/12/2024, ...`, `ước đến hết năm 2024, ...`)
    r"|(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:ngày\s+)?(?:\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?"
    r"|năm(?:\s+\d{4})?))\s*,(?:[^.;!?\n]|(?<=\d)\.(?=\d))*$"  # (`1.050`: no sentence end)
)
_FRAME_WINDOW = 300
_FRAME_BARRIERS = ";!?"  # (what no match holds: see `_search_tail`; a `.` may stand between digits)


def is_estimated(text: str, start: int, end: int, kind: str = "target") -> bool:
    """Whether an estimate word stands in `text[start:end]`: the words since the previous
    figure of the sentence (only the first figure after `ước` is governed by it: `Ước tổng chi
    đạt 23.850 tỷ đồng, đạt 123,7% dự toán`). `dự kiến` estimates a result (`actual`); before
    a goal it states the plan."""
    if _ESTIMATE_RE.search(text, start, end):
        return True
    lo = max(0, start - _FRAME_WINDOW)
    if _search_tail(_ESTIMATE_FRAME_RE, text, lo, end, _FRAME_BARRIERS):
        return True  # `ước năm 2020, công nghiệp chiếm 57,7%, dịch vụ chiếm 38%`: all of it
    return kind == "actual" and bool(_FORECAST_RE.search(text, start, end))


def _in_compound(tail: str, m: re.Match[str]) -> bool:
    """Whether the qualifier word matched at the end of `tail` is the last syllable of a
    compound (`tốc độ`, `dựa trên`)."""
    word = m.group(m.lastgroup or 0).strip().lower()
    pattern = _COMPOUND_RE.get(word)
    start = m.start(m.lastgroup or 0)
    return bool(pattern and pattern.search(tail, max(0, start - 12), start))


def measure(
    cue_tail: str,
    clause: str,
    after: str,
    indicator: str | None,
    unit: str,
    per_year: bool = False,
    is_range: bool = False,
    shared: str | None = None,
    after_amount: bool = False,
) -> str:
    """`plan`, `change` or `level`. `cue_tail`: the cue words between indicator and number;
    `clause`: the clause piece before the number; `per_year`: the figure is written as a yearly
    rate (`12,5%/năm`); `shared`: the measure of the previous figure when this one is only
    coordinated with it or restates it (`tăng lần lượt 8% và 12%`, `tương đương 1,6 triệu`);
    `after_amount`: the previous figure of the sentence is an amount, not a percentage."""
    if _is_plan(cue_tail, clause, after, unit):
        return "plan"
    own = shared is not None and _CLAUSE_VERB_ONLY_RE.fullmatch(clause) is not None
    if unit == "percent" and _bare_plan(cue_tail, after, indicator, own, after_amount):
        return "plan"
    copula = None if "lần lượt" in cue_tail.lower() else _last_match(_COPULA_RE, cue_tail)
    if copula is not None:
        cue_tail = cue_tail[copula.end() :]
    own_verb = _OWN_PREDICATE_RE.search(cue_tail)
    if own_verb:
        # `tổng thu ... giảm, ước đạt 5.792 tỉ đồng`: the figure has a predicate of its own
        # after the comma; the change verb before it is said of the subject, not of the figure
        cue_tail = cue_tail[own_verb.start() + 1 :]
    if _CHANGE_WORD_RE.search(cue_tail):
        if is_range or _AFTER_QUAL_RE.match(after):
            # `có thêm từ 6 đến 8 xã`, `tăng từ 10% trở lên`: `từ` opens a range or a bound,
            # not a starting level
            cue_tail = _RANGE_FROM_RE.sub("", cue_tail)
        return "level" if _LEVEL_END_RE.search(cue_tail) else "change"
    yearly_amount = unit not in ("percent", "permille") and _PER_YEAR_AFTER_RE.match(after)
    # (its own comparison outranks the measure shared with the figure before: `đạt 101,8% kế
    # hoạch và 112,7% so với cùng kỳ`)
    if _CHANGE_AFTER_RE.match(after) and not _SHARE_BASE_RE.match(after) and not yearly_amount:
        # (`thu nhập bình quân đầu người đạt 68 triệu đồng mỗi năm`: an amount per year)
        return "change" if "chiếm" not in cue_tail.lower() else "level"
    if shared and (_SHARED_TAIL_RE.fullmatch(cue_tail.strip(" ,")) or not clause.strip(" ,")):
        return shared
    if unit == "multiple":
        # `gấp 2,1 lần bình quân cả nước` compares with a peer (a level), `gấp 1,5 lần so với
        # năm 2015` with an earlier time (a change)
        return "level" if _PEER_AFTER_RE.match(after) else "change"
    return _measure_by_indicator(cue_tail, indicator, unit, per_year)


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for m in pattern.finditer(text):
        found = m
    return found


_SET_NAMED_AFTER_RE = re.compile(r"(?i)\s+(?:số|tổng số)\s+[^\W\d_]")


def _bare_plan(
    cue_tail: str, after: str, indicator: str | None, follow_on: bool, after_amount: bool
) -> bool:
    """A bare attainment or excess percentage that names no yardstick: against the plan.
    `follow_on`: the figure's predicate is only its verb, right after the previous figure."""
    if _CHANGE_AFTER_RE.match(after) or _PEER_AFTER_RE.match(after):
        return False
    if follow_on and _EXCESS_ONLY_RE.fullmatch(cue_tail):
        return True
    if not _ATTAIN_ONLY_RE.fullmatch(cue_tail):
        return False
    if _SET_NAMED_AFTER_RE.match(after):
        return False  # `đạt 100% số nhà tạm bợ cần phải xóa`: the share of the set it names
    if follow_on and after_amount:
        return True
    return bool(
        indicator
        and _AMOUNT_INDICATOR_RE.match(indicator)
        and not _RATE_INDICATOR_RE.search(indicator)
    )


_CONTRIBUTION_RE = re.compile(r"(?i)(?:mức\s+|tỷ lệ\s+|tỉ lệ\s+)?đóng góp(?!\w)")


def _measure_by_indicator(cue_tail: str, indicator: str | None, unit: str, per_year: bool) -> str:
    """Without a verb that says it: growth indicators and yearly rates are changes, and so is a
    percentage of an economy's output (`GRDP ước đạt 11,02%` is its growth)."""
    share_unit = unit in ("percent", "permille")
    if indicator and share_unit and _CONTRIBUTION_RE.match(indicator):
        return "level"  # `đóng góp của TFP vào tăng trưởng 45%`: a share of the growth
    if indicator and share_unit and _RATE_INDICATOR_RE.search(indicator):
        return "change"
    if (
        indicator
        and unit == "percent"
        and _OUTPUT_INDICATOR_RE.match(indicator)
        and not _SHARE_CUE_RE.search(cue_tail)
    ):
        return "change"
    if per_year and not (indicator and _YEARLY_LEVEL_RE.search(indicator)):
        return "change"  # `tăng trưởng bình quân 12,5%/năm`: a percent per year is a growth rate
    return "level"


def _is_plan(cue_tail: str, clause: str, after: str, unit: str) -> bool:
    """Attainment against a plan: `đạt 105% dự toán`, `vượt chỉ tiêu tỉnh giao từ 3-5%`, `vượt
    mục tiêu Nghị quyết 0,36%`, and any amount over a goal (`vượt 4 tỷ USD so mục tiêu`)."""
    if unit in ("percent", "permille"):
        if _PLAN_AFTER_RE.match(after):
            return True
        # the figure's own predicate: the clause piece after its last comma, no change verb
        piece = clause[clause.rfind(",") + 1 :]
        return bool(_PLAN_BEFORE_RE.search(piece)) and not _CHANGE_WORD_RE.search(cue_tail)
    return bool(_EXCESS_TAIL_RE.search(cue_tail)) and bool(_PLAN_AFTER_RE.match(after))


# `vượt 5-10% kế hoạch`, `vượt mức 12% dự toán`: the figure states the excess over the plan, not
# the attainment (`đạt 103% dự toán`); the verb stands within 60 characters before it.
_PLAN_EXCESS_RE = re.compile(r"(?i)vượt[^0-9%,;.:]*$")
_PLAN_EXCESS_WINDOW = 60
# Counts of the plan's own items describe the plan, not a result to score.
_PLAN_STRUCTURE_RE = re.compile(
    r"(?i)(?:nhóm\s+)?(?:chỉ tiêu|mục tiêu|nhiệm vụ|chương trình|khâu|đề án|giải pháp"
    r"|kế hoạch)(?!\w)"
)


def is_plan_excess(text: str, start: int) -> bool:
    """Whether a plan figure starting at `start` is written as the excess over the plan."""
    return bool(_PLAN_EXCESS_RE.search(text, max(0, start - _PLAN_EXCESS_WINDOW), start))


def is_plan_structure(noun: str | None) -> bool:
    """Whether a counted noun names the plan's own items (`nhóm chỉ tiêu`, `khâu đột phá`)."""
    return bool(noun) and bool(_PLAN_STRUCTURE_RE.match(noun or ""))


def strong_cue(text: str) -> str | None:
    """The kind named by the last strong cue of a figure-less stretch of text, if any."""
    return _last_strong(text)[0]


# No cue match holds one of these characters (tests/test_cue_barriers.py checks the pattern),
# so the matches of `_cues(text)` after one are those `_cues(text, pos)` finds from just after
# it: the last strong cue of a long stretch is looked for in its last sentences first.
_CUE_BARRIERS = ".;:!?,()"
_TAIL_SPAN = 80


def _after_barrier(text: str, pos: int, lo: int = 0, barriers: str = _CUE_BARRIERS) -> int:
    """Just after the last barrier character in `text[lo:pos]`; `lo` without one."""
    if pos <= lo:
        return lo
    m = _barrier_re(barriers).match(text, lo, pos)
    return m.end() if m else lo


@functools.lru_cache(maxsize=8)
def _barrier_re(barriers: str) -> re.Pattern[str]:
    # (`.*` runs to the end and backs off to the last barrier, in one call)
    return re.compile(f"(?s).*[{re.escape(barriers)}]")


def _search_tail(
    rx: re.Pattern[str], text: str, lo: int, hi: int, barriers: str
) -> re.Match[str] | None:
    """`rx.search(text, lo, hi)` for a pattern whose every match ends at `hi` (`$`) and holds
    none of the `barriers` (tests/test_cue_barriers.py checks both): a match starts after the
    last barrier before `hi`, so only the text after it is tried, not every start of the
    window."""
    return rx.search(text, _after_barrier(text, hi, lo, barriers), hi)


# The same stretch of text is asked about by the heading, section and carry-over rules of one
# paragraph change: scanned once.
@functools.lru_cache(maxsize=64)
def _last_strong(text: str) -> tuple[str | None, int]:
    """(kind, end) of the last strong cue of `text`; (None, 0) without one."""
    last: tuple[str | None, int] = (None, 0)
    # the stretch is read from its end, in chunks that double back to a barrier (see below)
    hi, span = len(text), _TAIL_SPAN
    while last[0] is None and hi > 0:
        lo = _after_barrier(text, hi - span)
        for m in _cues(text, lo):  # (no endpos: the cues' lookaheads see the whole text)
            if m.start() >= hi:
                break
            if m.group("horizon") or _is_counted(text, m.start()):
                continue
            found, strong = _cue_kind(m, text, 0, len(text))
            if strong:
                last = (found, m.end())
        hi, span = lo, span * 2
    named = _search_tail(_GOALS_NAMED_RE, text, last[1], len(text), _GOALS_NAMED_BARRIERS)
    if named and not _REVIEW_PERIOD_RE.search(text, named.start()):
        # `..., các đại biểu đã thảo luận và biểu quyết thông qua nhiều chỉ tiêu trong năm
        # 2024.`: a sentence ending by naming the goals adopted introduces them, whatever
        # result wording (`đã`, `kết quả`) frames the adoption before it
        last = ("target", len(text))
    return last


@functools.lru_cache(maxsize=64)
def heading_kind(text: str) -> str | None:
    """The kind a figure-less heading gives the list or section it opens: its last strong
    cue; else, for a heading that ends with `:`, target when its cues are goal cues only
    (`Nghị quyết xác định các chỉ tiêu chủ yếu nhiệm kỳ 2020-2025:`). Naming the plan's items
    is not enough (`Một số chỉ tiêu chủ yếu 6 tháng đầu năm:` opens results)."""
    strong = strong_cue(text)
    if strong or not text.rstrip().endswith(":"):
        return strong
    kinds = {_cue_kind(m, text, 0, len(text))[0] for m in _cues(text)}
    return "target" if kinds == {"target"} else None


# A paragraph that opens by naming the plan or the goal (`Các chỉ tiêu chủ yếu ...`, `Mục tiêu
# ...`) or a list intro of goals (`Phấn đấu đến năm 2025: ...`) or the new term (`Nhiệm kỳ
# 2025-2030, ... phấn đấu`).
_SECTION_LEAD_RE = re.compile(
    rf"(?i)\W*(?:(?:các|những|một số)\s+)?(?:{_PLAN_NOUNS}|{_DIRECTION_NOUNS})(?!\w)"
)
# Review wording in a lead-in or list intro: results, or a period under review (the first
# months of a year, the term or years just past).
_REVIEW_PERIOD_RE = re.compile(
    r"(?i)(?<!\w)(?:\d{1,2} tháng đầu năm|\d{1,2} tháng năm \d{4}|tình hình thực hiện"
    r"|\d+ năm qua|nhiệm kỳ qua|vừa qua|kết quả|đạt được|đã đạt|đã thực hiện|đã hoàn thành"
    r"|ước thực hiện|ước đạt)(?!\w)"
)
# A sentence opening with an elapsed part of the year (`6 tháng đầu năm, GRDP tăng 7,2%`, `Quý
# I, ...`, `Từ đầu năm đến nay, ...`) reports on it: a goal carried from the sentences before
# (`Năm 2025, tỉnh phấn đấu tăng trưởng 8%.`) does not reach it.
_ELAPSED_OPEN_RE = re.compile(
    # (after a contrast: `Tuy nhiên, đến hết tháng 10, huyện mới thu được 320 tỷ đồng`)
    r"(?i)\W*(?:(?:tuy nhiên|tuy vậy|nhưng|song|trong khi đó)\s*,?\s+)?"
    r"(?:trong\s+|tính chung\s+|lũy kế\s+|luỹ kế\s+)?(?:\d{1,2}\s+tháng(?:\s+đầu năm)?"
    r"|quý\s+[IVX\d]+|từ đầu năm(?:\s+đến nay)?|đến nay|(?:tính\s+)?đến thời điểm (?:này|hiện tại)"
    r"|(?:tính\s+)?đến\s+(?:hết|cuối)\s+(?:tháng\s+\d{1,2}|quý\s+[IVX\d]+)"
    r"|(?:tính\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?\d{1,2}\s*[/-]\s*\d{1,2})(?:\s*[/-]?\s*(?:năm\s+)?\d{4})?\s*,"
)


# `Quốc hội đã thông qua Nghị quyết về Kế hoạch ... 5 năm 2021-2025 với những chỉ tiêu cụ thể.
# Theo đó, về kinh tế, tốc độ tăng trưởng ... khoảng 6,5-7%`: `Theo đó` (`Cụ thể`) opens the
# content of the plan document the sentence before adopted, whatever result (`đã`, the vote)
# that sentence reports about the adoption itself.
_ACCORDINGLY_RE = re.compile(r"(?i)\W*(?:theo đó|cụ thể|trong đó)\s*,")
_PLAN_ADOPTED_RE = re.compile(
    r"(?i)(?<!\w)(?:thông qua|ban hành|phê duyệt|biểu quyết)(?:\s+[^\W\d_]+){0,3}\s+"
    r"(?:nghị quyết|kế hoạch|chương trình|đề án|quy hoạch|dự toán)(?!\w)"
    r"(?![^.!?\n]*(?:số|kết quả)\s)"  # (not `Nghị quyết số 23`, a legal basis; not a review)
)
_ADOPTED_WINDOW = 400


def follows_adopted_plan(text: str, start: int) -> bool:
    """Whether the paragraph or sentence at `start` opens with `Theo đó,` (`Cụ thể,`) right
    after a sentence that adopted a plan document (see above)."""
    if not _ACCORDINGLY_RE.match(text, start, start + 20):
        return False
    lo = max(0, start - _ADOPTED_WINDOW)
    end = len(text[lo:start].rstrip()) + lo - 1  # the sentence before ends there
    cut = max(text.rfind(c, lo, max(lo, end)) for c in ".!?")
    return bool(_PLAN_ADOPTED_RE.search(text, max(lo, cut + 1), start))


def opens_with_elapsed_period(text: str, start: int) -> bool:
    """Whether the sentence at `start` opens with an elapsed part of the year (see above)."""
    return bool(_ELAPSED_OPEN_RE.match(text, start, start + 60))


# Events of the meeting itself (`Đại hội bầu 35 đồng chí`, `trao tặng 15 tập thể`) are no goals.
_EVENT_LEAD_RE = re.compile(
    r"(?i)(?<!\w)(?:bầu|bầu ra|tham dự|dự đại hội|dự hội nghị|dự kỳ họp|trao|tặng|khen thưởng"
    r"|khai mạc|bế mạc)(?!\w)"
)
_TERM_LEAD_RE = re.compile(
    r"(?i)\W*(?:trong\s+)?(?:(?:nhiệm kỳ|giai đoạn)\s+\d{4}\s*[-–]\s*\d{4}|năm\s+\d{4}\s*,)"
)
# A short heading naming the plan itself (`Phương hướng nhiệm vụ năm 2025`, `Mục tiêu đến năm
# 2030`), not its indicators: `chỉ tiêu` also names the indicators a review reports on.
_PLAN_HEADING_RE = re.compile(
    rf"(?i)\W*(?:mục tiêu|kế hoạch|{_DIRECTION_NOUNS}"
    # `Nhiệm vụ năm 2025`, `Nhiệm vụ trọng tâm giai đoạn 2026-2030` (dated tasks ahead)
    r"|nhiệm vụ(?:\s+[^\W\d_]+){0,4}\s+(?:năm|giai đoạn|nhiệm kỳ)\s+\d{4}"
    # `Các chỉ tiêu chủ yếu đến năm 2025`: the indicators named with the year they are to be
    # reached by (a review names them with its period: `Một số chỉ tiêu chủ yếu năm 2024`)
    r"|(?:(?:các|những|một số)\s+)?chỉ tiêu(?:\s+[^\W\d_]+){0,4}\s+đến năm\s+\d{4})(?!\w)"
)
# A figure-less sentence naming the goals as the object of a goal verb (`Năm 2025, huyện đề ra
# các chỉ tiêu chủ yếu.`) introduces them like a list intro.
_GOALS_NAMED_RE = re.compile(
    r"(?i)(?<!\w)(?:đề ra|đặt ra|xác định|thông qua|thống nhất|biểu quyết)\s+(?:\d+\s+)?"
    r"(?:(?:các|những|một số|nhiều)\s+)?(?:chỉ tiêu|mục tiêu)(?!\w)[^.;:!?]*[.…]?\s*$"
)
_GOALS_NAMED_BARRIERS = ";:!?"  # (what no match holds: see `_search_tail`)
_HEADING_WORDS = 12


_AS_FOLLOWS_RE = re.compile(r"(?i)(?<!\w)như sau\s*[.:]?")
# A lead-in whose subject is the plan's items met opens no section of goals: it reviews.
_ITEMS_MET_LEAD_RE = re.compile(rf"(?i){ITEMS_MET}")
# The last full sentence of a text that ends with one (`\Z` after its stop and spaces).
_LAST_FULL_SENTENCE_RE = re.compile(r"[^.!?]*[.!?…]\s*\Z")
# The end of the last full sentence in a lead-in (the first figure's own sentence starts there).
_LAST_SENTENCE_RE = re.compile(r"[.!?]\s+(?=[^.!?]*$)")


def lead_kind(text: str) -> str | None:
    """The kind a paragraph's lead-in (its words before the first figure) gives the section it
    opens: `target` for a lead-in naming the plan or the goals (`Các chỉ tiêu chủ yếu năm 2024
    là:`, `Nghị quyết đề ra các chỉ tiêu: ...`, `Phấn đấu đến năm 2025, ...`), `actual` for one
    that reviews (`Kết quả`, `5 năm qua`, `đã đạt`); else none."""
    text = _AS_FOLLOWS_RE.sub(":", text)  # `các chỉ tiêu chủ yếu như sau.` intros a list
    found, end = _last_strong(text)
    # (only the last stop has no other after it: matched there, not searched for from each)
    own = _LAST_SENTENCE_RE.match(text, max(text.rfind(c) for c in ".!?"))
    if (
        own
        and _TERM_LEAD_RE.match(text, own.end())
        and not _REVIEW_PERIOD_RE.search(text, own.end())
        and _last_strong(text[own.end() :])[0] == "target"
    ):
        # `Ngày 10/12, HĐND khai mạc kỳ họp. Năm 2025, tỉnh phấn đấu ...`: the first figure's
        # own sentence opens the new year with a goal verb
        return "target"
    if found == "actual" or _REVIEW_PERIOD_RE.search(text) or _EVENT_LEAD_RE.search(text):
        return "actual"
    if found is None and _TERM_LEAD_RE.match(text):
        if _goal_cue(text):
            return "target"  # `Nhiệm kỳ 2020-2025 xác định 18 chỉ tiêu ...`: a weak goal verb
        if ":" not in text:
            # `Năm 2024, thu ngân sách đạt ...`, `Nhiệm kỳ 2020-2025, ...`: a period of its own,
            # with no goal verb, starts a new account
            return "actual"
    if _SECTION_LEAD_RE.match(text):
        return None if _ITEMS_MET_LEAD_RE.match(text) else "target"
    if found and (":" in text[end:] or _TERM_LEAD_RE.match(text)):
        # a list intro (`Đại hội đề ra các chỉ tiêu: ...`) or the new term (`Nhiệm kỳ
        # 2025-2030, Đảng bộ phấn đấu ...`)
        return "target"
    colon = text.rfind(":")
    if colon >= 0 and heading_kind(text[: colon + 1]) == "target":
        return "target"  # `Đại hội thống nhất các chỉ tiêu chủ yếu nhiệm kỳ 2025-2030: ...`
    prior = _LAST_FULL_SENTENCE_RE.search(text, 0, own.end()) if own else None
    if prior and _goal_only(prior.group()):
        # `Chiến lược nêu mục tiêu cụ thể đến năm 2030 của từng cấp học. Ở mầm non, ...`: a
        # sentence of goal cues only, before the first figure's own, states the plan the
        # paragraph and the ones after it spell out
        return "target"
    return None


def _goal_cue(text: str) -> bool:
    """Whether `text` holds a goal cue, strong or not, that is neither counted nor a yardstick."""
    return any(
        m.group("target")
        and not _is_counted(text, m.start())
        and _cue_kind(m, text, 0, len(text))[0] == "target"
        for m in _cues(text)
    )


# A sentence whose main verb is a goal verb right after its subject (`Đại hội xác định ...`,
# `Tỉnh phấn đấu ...`; not a quote, not a heading).
_GOAL_CLAUSE_RE = re.compile(r"(?i)[^\W\d_]+(?:\s+[^\W\d_]+){0,4}\s+")
_GOAL_CLAUSE_WORDS = 6


def _goal_only(text: str) -> bool:
    """Whether `text` is a sentence opened by its subject and a goal verb (see above) whose
    every cue is a goal cue, with no review wording."""
    text = text.strip()
    if not text.endswith((".", "…")) or len(text.split()) <= _HEADING_WORDS:
        return False
    cues = list(_cues(text))
    if not cues or len(text[: cues[0].start()].split()) >= _GOAL_CLAUSE_WORDS:
        return False
    if not _GOAL_CLAUSE_RE.fullmatch(text, 0, cues[0].start()):
        return False
    kinds = {_cue_kind(m, text, 0, len(text))[0] for m in cues}
    return kinds == {"target"} and not _REVIEW_PERIOD_RE.search(text)


def section_heading_kind(text: str, title: bool = False) -> str | None:
    """The kind the figure-less lines before a paragraph give the section it starts: a list
    intro ending with `:` (`Mục tiêu đến năm 2025:`) or a short heading naming the plan or a
    goal (`Phương hướng nhiệm vụ năm 2025`, `Phấn đấu đến năm 2030`) opens a target section, a
    result heading or review wording closes it; a goal verb in the news `title` (`Phấn đấu đến
    năm 2025 trở thành thị xã`) opens none."""
    found = heading_kind(text)
    intro = text.rstrip().endswith(":")
    last = text.rstrip().rsplit("\n", 1)[-1]
    if (
        found != "actual"
        and not intro
        and (_PLAN_HEADING_RE.match(last) or (found == "target" and not title))
        and len(last.split()) <= _HEADING_WORDS
        and not last.rstrip().endswith((".", "!", "?", ";", "…"))
        and not _REVIEW_PERIOD_RE.search(last)
    ):
        return "target"
    if found is None and intro:
        # `Các chỉ tiêu chủ yếu:`: a list intro naming the plan's items (not `Một số chỉ tiêu
        # chủ yếu 6 tháng đầu năm:`, a period under review)
        if _REVIEW_PERIOD_RE.search(last):
            return "actual"
        return "target" if _SECTION_LEAD_RE.match(last) else None
    if (
        found == "target"
        and not intro
        and not title
        and _GOALS_NAMED_RE.search(last)
        and not _REVIEW_PERIOD_RE.search(last)
    ):
        return "target"
    if found != "actual" and not intro and not title and _goal_only(last):
        # `Đại hội xác định giai đoạn 2025-2030, xây dựng tỉnh ... trở thành ...`: a figure-less
        # paragraph of goal cues only states the plan the figures after it spell out
        return "target"
    if found == "target" and not intro:
        return None
    return found


def _word_run(text: str, lo: int, end: int) -> re.Match[str] | None:
    """`_WORD_RUN_RE.search(text, lo, end)`, in linear time: a run of letters and spaces starts
    after the last other character before `end` (the regex alone retries every start), and
    ends with a space."""
    if end <= lo or not text[end - 1].isspace():
        return None
    start = end
    # (`[^\W\d_]`: alphanumeric but not a decimal digit, as `re` reads it)
    while start > lo and (
        text[start - 1].isspace() or (text[start - 1].isalnum() and not text[start - 1].isdecimal())
    ):
        start -= 1
    return _WORD_RUN_RE.search(text, start, end)


def _cue_kind(m: re.Match[str], text: str, lo: int, pos: int) -> tuple[str, bool]:
    """(kind, strong) of a cue match before the figure at `pos`; a goal named as the yardstick
    of a result reports a result, unless the figure is that goal's own value in brackets
    (`thấp hơn mục tiêu đề ra (8,5-9%/năm)`)."""
    found = "actual" if m.group("actual") else "target"
    strong = bool(_STRONG_CUE_RE.fullmatch(m.group()))
    if found == "target" and _PLAN_NOUN_RE.search(m.group()):
        # `đề ra` after the goal it names (`các mục tiêu Nghị quyết ... đề ra`) is read where
        # that goal's noun phrase starts
        anchor = m.start()
        run = _word_run(text, max(lo, anchor - _YARDSTICK_WINDOW), anchor)
        # (not a counted plan noun: `có 30/32 chỉ tiêu đạt và vượt kế hoạch đề ra`)
        nouns = _GOAL_NOUN_RE.finditer(text, run.start(), anchor) if run else iter(())
        anchors = [n.start() for n in nouns if not _is_counted(text, n.start())]
        if not (anchors and _SET_VERB_RE.fullmatch(m.group())):
            anchors = [anchor]
        # (each goal noun of the run may be the one named: `các chỉ tiêu cơ bản đều đạt so với
        # nghị quyết đại hội đề ra` compares with the resolution)
        if _SET_VERB_RE.fullmatch(m.group()) and _PAST_SET_RE.search(
            text, max(lo, m.start() - 170), m.start()
        ):
            # `hoàn thành thắng lợi các chỉ tiêu, nhiệm vụ Đại hội ... nhiệm kỳ 2015-2020 đã đặt
            # ra`: the goals a completion is measured against, however long their name
            return "actual", True
        yard = None
        for anchor in anchors:
            yard_lo = max(lo, anchor - _YARDSTICK_WINDOW)
            yard = _search_tail(_YARDSTICK_RE, text, yard_lo, anchor, _YARDSTICK_BARRIERS)
            if yard:
                break
        if yard and not _GOAL_VERB_RE.search(text, max(lo, yard.start() - 40), yard.start()):
            if _GOAL_VALUE_RE.match(text, m.end(), pos):
                return "target", False
            return "actual", True
    if found == "target" and _COMPARED_CUE_RE.search(text, max(lo, m.start() - 80), m.start()):
        strong = False
    return found, strong


# The end of the year being reported, named without its number (`đến hết năm`, `cả năm`).
_HORIZON_AFTER_RE = re.compile(
    r"(?i)(?:\s*/\s*[^\W\d_]+)*(?:\s+[^\W\d_]+){0,3}?\s+(?:vào|đến|tới)\s+(?:hết\s+)?năm\s+"
    r"(?P<year>(?:19|20)\d\d)(?![\d-])"
)
_FROM_LEVEL_RE = re.compile(r"(?i)(?<!\w)từ\s+$")
_TO_LEVEL_RE = re.compile(
    r"(?i)\s+(?:lên|xuống)(?:\s+(?:còn|đến|mức))?\s+(?:khoảng\s+|trên\s+|hơn\s+)?\d"
)
_THIS_YEAR_END_RE = re.compile(
    r"(?i)\s*(?:(?:đến|tới)\s+)?(?:hết|cuối|cả)\s+năm(?!\s*(?:\d|sau|tới|kế))(?!\w)"
)


class SentenceKinds:
    """The kind of each figure of one sentence, the figures given in text order.

    The nearest cue before the figure in its sentence decides; without one, a kind `carried`
    from a strongly cued figure earlier in the paragraph (`Đại hội đề ra mục tiêu: ... . Thu
    ngân sách tăng 10%/năm.`), else the heading scope. `đến năm Y` is a goal horizon when Y
    lies after the article's own year (`doc_year`, from its dates) or, without dates, when Y
    is a planning year (2025, 2030: multiples of 5). Without a cue before the figure, result-only
    wording after it (`so với cùng kỳ`) or a year before the article's own marks a result, and
    a year after the `dateline_year` (the date under the title) a goal.

    Each stretch of the sentence is read once: the last cue before the previous figure is
    kept, and only the text since then (plus a short overlap) is searched again, so a sentence
    of thousands of figures costs linear time.
    """

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        doc_year: int | None,
        term: int | None = None,
        reported: bool = False,
        plan_doc: bool = False,
    ) -> None:
        self.text, self.start, self.end, self.doc_year = text, start, end, doc_year
        self.plan_doc = plan_doc  # the article's title names a plan ahead (`plan_title`)
        # `doc_year` is the year an undated review reports on, not a date of the article
        self.reported = reported
        self.term = term  # last year of the term a congress article's congress opens
        self._spans: list[re.Match[str]] | None = None
        self._span_ends: list[int] = []
        self._scanned = start
        self._last: tuple[str, bool] | None = None
        self._horizon_only = False  # the last cue is a bare horizon, no other goal word before
        self._goal_seen = False
        self._floor = start  # cues before this were overridden: never read again
        self.goal_named = False  # a figure read as a goal's recipient left that goal to carry
        self._years: list[re.Match[str]] | None = None
        self._last_word, self._last_at = "", -1  # the last cue read and where it stands
        self._year_ends: list[int] = []
        if _NOW_OPEN_RE.match(text, start, end):
            self._last = ("actual", True)  # `Hiện tỷ lệ này đạt 93%`: the present state
        head = _SENT_TARGET_HEAD_RE.match(text, start, end)
        self._head_end = head.end() if head else -1
        brk = _LIST_BREAK_RE.search(text, self._head_end, end) if head else None
        self._head_break = brk.start() if brk else end

    def _forecast_kind(self, m: re.Match[str]) -> tuple[str, bool] | None:
        """`dự kiến` about a year not after the report's own (`hết năm 2020, dự kiến có 106/116
        xã` in a review of 2020) is an estimate of the result: `actual`, not a plan."""
        if m.group().lower() != "dự kiến":
            return None
        if _THIS_YEAR_END_RE.match(self.text, m.end(), min(self.end, m.end() + _FORECAST_SPAN)):
            return ("actual", False)  # `dự kiến đến hết năm có thêm 2 xã`: this year's result
        years = list(_YEAR_RE.finditer(self.text, self.start, m.start()))
        after = _YEAR_RE.search(self.text, m.end(), min(self.end, m.end() + _FORECAST_SPAN))
        found = after or (years[-1] if years else None)
        if found is None:
            return None
        year = int(found.group("end") or found.group("start") or found.group("start2"))
        reference = self.doc_year
        if reference is None:
            # an undated review: the last year of the term its sentence opens with
            # (`Nhiệm kỳ 2020-2025, ... ; năm 2025 dự kiến tăng 8%`)
            term = _REVIEWED_TERM_RE.match(self.text, self.start, m.start())
            reference = int(term.group("last")) if term else None
        return ("actual", False) if reference is not None and year <= reference else None

    def _estimate_of_goal(self, m: re.Match[str]) -> bool:
        """`Mục tiêu phấn đấu ...; thu nhập ... ước đạt 22 triệu đồng`: `ước` after a goal of
        the same sentence estimates that goal, unless its clause names a year of its own."""
        if m.group().lower() != "ước" or self._last != ("target", True):
            return False
        lo = max(self.start, m.start() - _CUE_OVERLAP)
        clause = max(self.text.rfind(";", lo, m.start()), self.text.rfind(",", lo, m.start()))
        return not _YEAR_RE.search(self.text, max(lo, clause), m.start())

    def _last_cue(self, pos: int) -> tuple[str, bool] | None:
        lo = max(self.start, self._scanned - _CUE_OVERLAP, self._floor)
        last = before = None
        for m in _cues(self.text, lo, pos):
            if m.group("horizon") and not _is_horizon(int(m.group("horizon")), self.doc_year):
                continue
            if m.group("target") and _is_counted(self.text, m.start()):
                continue  # a plan word right after a number is counted (`có 12 mục tiêu vượt`)
            if m.group("target") and " " not in m.group() and _is_name(self.text, m.start()):
                continue  # part of a proper name (`huyện Cần Giuộc`, `Cần Thơ`)
            if m.group("actual") and _NOW_COMPARED_RE.search(
                self.text, max(0, m.start() - 20), m.start()
            ):
                continue  # `quy mô nền kinh tế gấp đôi hiện nay`: the present as a yardstick
            if m.group("target") and _NOT_A_GOAL_VERB_RE.search(
                self.text, max(self.start, m.start() - 24), m.start()
            ):
                # `Sau một năm phấn đấu, ...`: the effort of a period past; `số người cần
                # phải vận động`: what a counted set needs, not a goal set
                continue
            if m.group("actual") and _KEPT_RESULT_RE.search(
                self.text, max(0, m.start() - 14), m.start()
            ):
                continue  # `phấn đấu ... duy trì kết quả giảm nghèo`: results to keep, a goal
            before, last = last, m
            self._goal_seen = self._goal_seen or bool(m.group("target"))
        if last is not None:
            if before is not None:
                self._last = _cue_kind(before, self.text, self.start, last.start())
            if not self._estimate_of_goal(last):
                found = self._forecast_kind(last) or _cue_kind(last, self.text, self.start, pos)
                self._last = found
            self._horizon_only = bool(last.group("horizon")) and not self._goal_seen
            self._last_word, self._last_at = last.group().lower(), last.start()
        self._scanned = max(self._scanned, pos)
        return self._last

    def kind(
        self,
        pos: int,
        after_end: int,
        in_target_scope: bool,
        carried: str | None = None,
        dateline_year: int | None = None,
        noun: str | None = None,
        section: str | None = None,
        caption: bool = False,
    ) -> tuple[str, bool]:
        """(`target` or `actual`, whether a strong cue decided it) of the figure at `pos`
        whose words after it run from `after_end` to the end of the sentence; `section`:
        `target` inside a section of goals (a heading, list intro or lead-in opened it)."""
        cue = self._last_cue(pos)
        if (
            noun
            and _ATTENDING_RE.search(self.text, max(self.start, pos - 30), pos)
            and _DELEGATES_RE.match(noun)
        ):
            # `Đại hội ... sẽ diễn ra ... với sự tham dự của 550 đại biểu`: the meeting's
            # attendance is an event, whatever its tense
            return "actual", False
        if (
            section == "target"
            and cue is not None
            and cue[0] == "actual"
            and self.text.find(";", self._last_at, pos) >= 0
        ):
            # `(2). ... duy tu 06 đoạn đường đã xuống cấp; lắp điện chiếu sáng từ 50 bóng trở
            # lên.` in a list of goals: a result word of the item before is not this item's
            cue = None
        if cue is not None and self._closed_aside(self._last_at, pos):
            # `đạt 68,7% (KH ĐH đến năm 2020 đạt 65-70%); ... đạt 30%`: a cue inside brackets
            # closed before the figure belongs to the aside
            cue = None
        if _FROM_LEVEL_RE.search(self.text, max(self.start, pos - 6), pos) and _TO_LEVEL_RE.match(
            self.text, after_end
        ):
            # `nâng tỷ lệ nhựa hóa từ 53% lên 65%`: the level it starts from is where it stands
            return "actual", False
        if _VOTE_AFTER_RE.match(self.text, after_end, min(self.end, after_end + 60)):
            # `với trên 90,5% đại biểu tán thành, Quốc hội thông qua ...`: the vote happened
            return "actual", False
        if self._dated_base(pos, after_end):
            # `tăng 11% so với mức 1.000 nghìn tỷ đồng của năm 2025`: the base a goal is
            # compared with is what a past year reached
            return "actual", False
        if _RESULT_CLAUSE_AFTER_RE.match(self.text, after_end, self.end):
            # `đề ra 22 chỉ tiêu, trong đó thực hiện đạt và vượt 19 chỉ tiêu`: a result verb
            # after the figure reports its achievement; so are the sentence's next figures
            self._last, self._horizon_only, self._floor = ("actual", True), False, pos
            return self._last
        if (
            noun
            and _PLAN_ITEM_RE.match(noun)
            and _ITEMS_ACHIEVED_RE.match(self.text, after_end)
            and not _GOAL_GOVERNS_RE.search(self.text, max(self.start, pos - _ADOPT_WINDOW), pos)
        ):
            return "actual", True
        if (
            noun
            and _PLAN_ITEM_RE.match(noun)
            and (
                _ADOPT_RE.search(self.text, max(0, pos - _ADOPT_WINDOW * 3), pos)
                or (
                    _ADOPTED_AFTER_RE.match(self.text, after_end, self.end)
                    and not _ATTAINED_COUNT_RE.search(
                        self.text, max(self.start, pos - _ATTAIN_WINDOW), pos
                    )
                )
            )
        ):
            return "target", True
        if (
            noun
            and _PLAN_PART_RE.match(noun)
            and (
                _PLAN_DOC_PARTS_RE.search(self.text, max(self.start, pos - _PLAN_DOC_WINDOW), pos)
                or (
                    not _PLAN_ITEM_RE.match(noun)  # (goals and targets have rules of their own)
                    and _PARTS_ADOPTED_RE.search(
                        self.text, max(self.start, pos - _PLAN_DOC_WINDOW), pos
                    )
                )
            )
        ):
            # `Chương trình hành động thực hiện Nghị quyết ... gồm 4 nhóm giải pháp`: the parts a
            # plan document is made of are its goals
            return "target", False
        if (
            cue is None
            and noun
            and _PLAN_ITEM_RE.match(noun)
            and (
                _GOAL_MODIFIER_RE.search(noun)
                or _GOAL_MODIFIER_AFTER_RE.match(self.text, after_end)
            )
            and not _ATTAINED_COUNT_RE.search(self.text, max(self.start, pos - _ATTAIN_WINDOW), pos)
        ):
            # `Trong 18 chỉ tiêu phấn đấu, ...`: plan items named by their goal verb, no result
            # verb before them, count the plan's goals
            return "target", False
        if (
            cue is not None
            and cue[0] == "target"
            and _RECIPIENT_RE.search(self.text, max(self.start, pos - 8), pos)
            and _ASSIGNED_GOAL_RE.search(self.text, max(self.start, pos - _RECIPIENT_WINDOW), pos)
        ):
            self.goal_named = True  # the assigned goal still governs the sentences after it
            return "actual", False
        after = (after_end, min(self.end, after_end + _AFTER_SPAN))
        if cue is not None and self._horizon_only and self._after_result(after, True):
            # `đến năm 2020 đạt 2.192 tỷ đồng, tăng 0,33% so với Nghị quyết`: a year reached and
            # compared with its goal is a result; so are the sentence's next figures
            self._last, self._horizon_only, self._floor = ("actual", False), False, pos
            return self._last
        if is_goal_value(self.text, pos):
            return "target", False
        if cue is not None:
            if cue[0] == "target" and self._before_plan(pos):
                return "actual", False
            if (section == "target" or carried == "target") and self._estimated_goal(pos):
                # `Nhiệm vụ, giải pháp: ... duy trì diện tích lúa 16.155,9 ha, sản lượng ước đạt
                # 93.270 tấn`: among the goals, `ước` estimates a goal, not a result
                return "target", False
            if cue == ("target", False) and strong_cue(self.text[self.start : pos]) == "target":
                # `dự kiến toàn tỉnh sẽ xây dựng 555 km. Cụ thể, ...`: the sentence's strong goal
                # word (`dự kiến`), not the weak one nearest the figure (`sẽ`), carries on
                return "target", True
            return cue
        if self._head_end >= 0 and self._head_end <= pos <= self._head_break:
            return "target", False
        if noun and _DELEGATES_RE.match(noun):
            # the people at the meeting (`Hội nghị ... với hơn 200 đại biểu`) are counted
            # there: an event, whatever goal the paragraph carries
            return "actual", False
        # a goal carried from the paragraph or its target section outranks a comparison with
        # the same period, which plans state too
        if self._after_result(after, carried != "target", carried == "target"):
            return "actual", False
        if _FLOOR_BEFORE_RE.search(self.text, max(self.start, pos - 14), pos):
            # `Thu ngân sách tăng tối thiểu 10%/năm`: a minimum set on the figure is a goal
            self._last = ("target", False)
            return self._last
        if _FLOOR_AFTER_RE.match(self.text, after_end) and not (
            noun and _CLASS_NOUN_RE.match(noun)
        ):
            self._last = ("target", False)  # the floor sets the goal of the clauses after it
            return self._last
        horizon = _HORIZON_AFTER_RE.match(self.text, after_end, min(self.end, after_end + 40))
        if horizon and _is_horizon(int(horizon.group("year")), self.doc_year):
            # `GDP bình quân đạt 8.500 USD/người vào năm 2030`: the year to reach it by, after
            self._last = ("target", False)
            return self._last
        by_year = (
            self._year_kind(pos, dateline_year) or self._term_kind(pos) or self._after_report(pos)
        )
        if by_year:
            return by_year, False
        if carried:
            return carried, True
        if self.plan_doc and not caption and not self._reached(pos):
            return "target", False
        return ("target" if in_target_scope else "actual"), False

    def _closed_aside(self, at: int, pos: int) -> bool:
        """Whether `at` lies inside brackets that close before `pos`."""
        if at < self.start:
            return False
        opened = self.text.rfind("(", self.start, at)
        if opened < 0 or self.text.find(")", opened, at) >= 0:
            return False
        return self.text.find(")", at, pos) >= 0

    def _dated_base(self, pos: int, after_end: int) -> bool:
        """Whether the figure is a comparison's base dated by a year (not after the article's
        own, when it has one): a base is a value known already."""
        if not _BASE_BEFORE_RE.search(self.text, max(0, pos - 16), pos):
            return False
        m = _BASE_YEAR_AFTER_RE.match(self.text, after_end, min(self.end, after_end + 20))
        if m is None:
            return False
        return self.doc_year is None or int(m.group(1)) <= self.doc_year

    def _estimated_goal(self, pos: int) -> bool:
        """Whether the cue deciding the figure is a bare `ước` of its own clause, with no year,
        date or elapsed period of its own (`ước đạt 93.270 tấn`; not `ước cả năm`, `Dự ước đến
        31/12/2024`)."""
        if self._last_word != "ước" or self._last_at < 0:
            return False
        lo = max(self.start, pos - _AFTER_SPAN)
        clause = max(self.text.rfind(c, lo, self._last_at) for c in ",;:")
        piece = self.text[max(lo, clause + 1) : pos]
        return not _ESTIMATE_DATED_RE.search(piece)

    def _reached(self, pos: int) -> bool:
        """Whether the figure's sentence reports it reached (`năm 2023 quận hoàn thành 21/21
        chỉ tiêu`, `Giá trị sản xuất đạt 29.512 tỷ đồng, tăng 10,05%`): a plan document reports
        last year's results too; its goals are stated bare (`Tổng vốn đầu tư toàn xã hội
        90.000 tỷ đồng`)."""
        lo = max(self.start, pos - _AFTER_SPAN)
        found = _REACHED_VERB_RE.search(self.text, lo, pos)
        # (a bare `đạt` before a bound or an estimate states a goal: `đạt trên 50%`, `đạt khoảng
        # 7%/năm`; a result is stated as reached: `đạt 38,47 triệu đồng`)
        if found is None:
            return False
        return not _GOAL_BOUND_RE.fullmatch(self.text, found.start(), pos)

    def _after_result(self, after: tuple[int, int], same_period: bool, goal: bool = False) -> bool:
        """Result wording after the figure: against a plan, or (`same_period`) against the
        same period of the year before. Under a `goal`, a plan dated by its own year (`tăng
        20,35% so với dự toán năm 2024`) is the base the new goal is set against."""
        m = _ACTUAL_AFTER_RE.search(self.text, *after)
        if m and _GOAL_VERB_RE.search(self.text, max(after[0], m.start() - 30), m.start()):
            m = None  # `..., bảo đảm vượt chỉ tiêu`: a goal to exceed the plan, not a result
        if m and not (goal and self._goal_base(m)):
            return True
        return same_period and bool(_SAME_PERIOD_AFTER_RE.search(self.text, *after))

    def _term_kind(self, pos: int) -> str | None:
        """In the article of a congress, a period that ends with the term it opens (`giai đoạn
        2026-2030`, `năm 2030` for `nhiệm kỳ 2025-2030`) lies ahead: `target`."""
        if self.term is None:
            return None
        lo = max(self.start, pos - _AFTER_SPAN)
        spans = list(_TERM_SPAN_RE.finditer(self.text, lo, pos))
        years = list(_CLAUSE_YEAR_RE.finditer(self.text, lo, pos))
        span = spans[-1] if spans else None
        year = years[-1] if years else None
        if span and (year is None or span.start() > year.start()):
            return "target" if int(span.group("last")) == self.term else None
        if year:
            return "target" if int(year.group("year")) == self.term else None
        return None

    def _after_report(self, pos: int) -> str | None:
        """In an undated review, a year after the one it reports on (`Năm 2024, thu ngân sách
        đạt ... . Năm 2025, thu ngân sách 1.000 tỷ đồng`) lies ahead: `target`. After the
        article's own latest date, only when no result verb follows the year (`Ngày 10/12/2024
        ... Tổng chi ngân sách năm 2025 là 20.000 tỷ đồng`: a figure stated, not reached)."""
        if self.doc_year is None:
            return None
        self._year_kind(pos, None)  # finds the sentence's years once
        i = bisect.bisect_right(self._year_ends, pos)
        if not i:
            return None
        last = self._years[i - 1] if self._years else None
        if last is None:
            return None
        start = int(last.group("start") or last.group("start2"))
        if start <= self.doc_year:
            return None
        if not self.reported and (
            _RESULT_VERB_RE.search(self.text, last.end(), pos)
            or not _COPULA_BEFORE_RE.search(self.text, max(last.end(), pos - 12), pos)
        ):
            return None  # body dates may be old (`Nghị quyết số 23 ngày 22/7/2021`)
        return "target"

    def _goal_base(self, m: re.Match[str]) -> bool:
        """Under a goal, a plan named after the figure is the goal's base rather than a
        yardstick of attainment when it is dated (`so với dự toán năm 2024`) or only compared
        with, no attainment verb before it (`tăng từ 5% trở lên so với kế hoạch tỉnh giao`)."""
        if _DATED_PLAN_RE.match(self.text, m.end()):
            return True
        return m.group().lower().startswith("so") and not _ATTAIN_BEFORE_RE.search(
            self.text, max(self.start, m.start() - _ATTAIN_WINDOW), m.start()
        )

    def _before_plan(self, pos: int) -> bool:
        """A goal cue governs the figure, but the figure's own clause names a year before the
        first year of the plan named earlier in the sentence: a baseline or a past result
        (`Kế hoạch 2021-2025 đề ra: năm 2020 đạt 50 triệu đồng`; `nhiệm kỳ 2020-2025`: 2020)."""
        if self._spans is None:  # the sentence's plan spans, found once
            self._spans = list(_PLAN_SPAN_RE.finditer(self.text, self.start, self.end))
            self._span_ends = [m.end() for m in self._spans]
        i = bisect.bisect_right(self._span_ends, pos)
        if not i:
            return False
        span = self._spans[i - 1]
        first = int(span.group("first")) + (1 if span.group("term") else 0)
        lo = max(span.end(), self.start)
        clause = max(self.text.rfind(c, lo, pos) for c in ",;:")
        year = None
        for y in _CLAUSE_YEAR_RE.finditer(self.text, max(lo, clause), pos):
            if not _COMPARED_BASE_RE.search(self.text, max(lo, y.start() - 10), y.start()):
                year = y  # `so với năm 2025` names the base compared with, not the date
        return year is not None and int(year.group("year")) < first

    def _year_kind(self, pos: int, dateline_year: int | None) -> str | None:
        if self.doc_year is None:
            return None
        if self._years is None:
            self._years = list(_YEAR_RE.finditer(self.text, self.start, self.end))
            self._year_ends = [m.end() for m in self._years]
        i = bisect.bisect_right(self._year_ends, pos)
        return _year_kind(self._years[i - 1] if i else None, self.doc_year, dateline_year)


def kind(
    sentence_before: str,
    in_target_scope: bool,
    doc_year: int | None = None,
    carried: str | None = None,
    sentence_after: str = "",
    dateline_year: int | None = None,
) -> tuple[str, bool]:
    """The kind of a figure right after `sentence_before`, followed by `sentence_after` (one
    figure alone: see `SentenceKinds`)."""
    text = sentence_before + " " + sentence_after
    kinds = SentenceKinds(text, 0, len(text), doc_year)
    at = len(sentence_before)
    return kinds.kind(at, at, in_target_scope, carried, dateline_year)


def _year_kind(last: re.Match[str] | None, doc_year: int, dateline_year: int | None) -> str | None:
    """`actual` after a year before the latest date of the article (`Quy mô GRDP năm 2022
    đạt`); `target` after a year or a period still to come (`giai đoạn 2026-2030`), judged
    only against the dateline (a date in the article body may be any past date); `last` is the
    last year mentioned before the figure."""
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
