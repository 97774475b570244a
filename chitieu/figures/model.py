"""The figure record (see docs/FIGURES.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def _tidy(x: float | None) -> float | int | None:
    """225.0 → 225 for tidy JSON; other floats unchanged."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


@dataclass(frozen=True)
class Figure:
    """One figure: what the contract's record carries, plus where it came from."""

    surface: str
    unit: str
    value: float
    value_max: float | None
    denominator: float | None
    noun: str | None
    kind: str
    measure: str
    qualifier: str
    indicator: str | None
    indicator_code: str | None
    sentence: str
    char_start: int
    char_end: int
    # Read from the text here rather than in SQL (one place for text rules, see FIGURES.md).
    is_plan_excess: bool  # measure `plan` written as the excess over the plan (`vượt 5% kế hoạch`)
    is_plan_structure: bool  # a count of the plan's own items (`20 chỉ tiêu`, `06 chương trình`)
    # the period the figure describes (chitieu/figures/periods.py; docs/FIGURES.md, "Periods")
    period_start_year: int | None = None
    period_end_year: int | None = None
    period_part: str | None = None
    horizon_year: int | None = None
    is_annual_average: bool = False

    def to_dict(self, doc: str | None = None) -> dict[str, Any]:
        """JSON-ready record; `doc` first when given; whole numbers as ints."""
        out: dict[str, Any] = {} if doc is None else {"doc": doc}
        out.update(
            surface=self.surface,
            unit=self.unit,
            value=_tidy(self.value),
            value_max=_tidy(self.value_max),
            denominator=_tidy(self.denominator),
            noun=self.noun,
            kind=self.kind,
            measure=self.measure,
            qualifier=self.qualifier,
            indicator=self.indicator,
            indicator_code=self.indicator_code,
            sentence=self.sentence,
            char_start=self.char_start,
            char_end=self.char_end,
            is_plan_excess=self.is_plan_excess,
            is_plan_structure=self.is_plan_structure,
            period_start_year=self.period_start_year,
            period_end_year=self.period_end_year,
            period_part=self.period_part,
            horizon_year=self.horizon_year,
            is_annual_average=self.is_annual_average,
        )
        return out
