"""Phrase patterns more than one rule module reads (regex source text, not compiled): written
once so that the rules which must agree on them cannot drift apart."""

from __future__ import annotations

# What a higher level assigned (`vượt 163 hộ so với tỉnh giao`, `so với mức trên giao`): a plan
# (semantics: the measure) and a comparison base (indicators: where a count's words stop).
ASSIGNED_BY = r"(?:mức\s+)?(?:tỉnh|huyện|thành phố|trung ương|TW|T\.Ư|cấp trên|trên)\s+giao"

# Adverbs that may stand before a verb without changing what it does (`mới thu`, `đã đón`).
VERB_ADVERBS = r"(?:(?:mới|đã|chỉ|cũng|tiếp tục|vẫn)\s+)*"
