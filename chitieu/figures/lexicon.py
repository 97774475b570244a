"""Phrase patterns more than one rule module reads (regex source text, not compiled): written
once so that the rules which must agree on them cannot drift apart."""

from __future__ import annotations

# What a higher level assigned (`vượt 163 hộ so với tỉnh giao`, `so với mức trên giao`): a plan
# (semantics: the measure) and a comparison base (indicators: where a count's words stop).
ASSIGNED_BY = (
    r"(?:mức\s+)?(?:(?:HĐND|Hội đồng nhân dân|UBND|Ủy ban nhân dân)\s+)?"
    r"(?:tỉnh|huyện|thành phố|trung ương|TW|T\.Ư|cấp trên|trên)\s+giao"
)

# Adverbs that may stand before a verb without changing what it does (`mới thu`, `đã đón`).
VERB_ADVERBS = r"(?:(?:mới|đã|chỉ|cũng|tiếp tục|vẫn)\s+)*"

# The plan's items as the subject of a verb that reports them met (`Các chỉ tiêu cơ bản đều đạt
# so với nghị quyết`): a review sentence, though it opens like a list of goals (semantics: the
# lead-in; segment: the running paragraph's scope).
ITEMS_MET = (
    r"\W*(?:(?:các|những|một số|nhiều)\s+)?chỉ tiêu"
    r"(?:\s+(?!phấn đấu|đề ra|đặt ra)[^\W\d_]+){0,6}?"
    r"\s+(?:(?:đều|cơ bản|đã|đến nay)\s+)*(?:đạt|vượt|hoàn thành)(?!\w)"
)
