"""The expectation suites, as data: one suite per validated table.

Kept free of Great Expectations imports (GX takes seconds to import); `run.py`
turns these into GX suites. Every check has a severity:

- BLOCKING: a pipeline defect (broken keys, lost provenance, impossible values
  from parsing, a collapse in row counts). It stops the publish.
- FINDING: the source's own inconsistency (38/42 stated as 84,7%). Recorded per
  figure and reported; never blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chitieu import vocab

BLOCKING = "blocking"
FINDING = "finding"

# the columns whose values the row conditions name, and their vocabularies
VOCABULARY_OF = {"unit": vocab.UNITS, "measure": vocab.MEASURES, "figure_kind": vocab.KINDS}

# Plan attainment ("đạt 103% dự toán", "bằng 151% kế hoạch") may pass 100%, but a
# report of 1000% of plan is a parsing error, not a budget.
MAX_PLAN_PERCENT = 1000
# The largest money figure a district or city reports is Hanoi's budget, a few
# hundred thousand billion đồng; 10^16 đồng is beyond any of them.
MAX_VND = 1e16
MAX_USD = 1e12
# A run yielding fewer than this share of the last good run's rows has collapsed.
MIN_ROW_SHARE = 0.5


# A row condition as data: (column, operator, value) clauses joined by "and";
# operators "==", "not_null" and "is_null". run.py turns them into GX Column conditions.
Where = tuple[tuple[str, str, Any], ...]


@dataclass(frozen=True)
class Check:
    expectation: str  # a GX expectation class name
    kwargs: dict[str, Any]
    severity: str = BLOCKING
    description: str = ""
    where: Where = ()


@dataclass(frozen=True)
class Suite:
    name: str  # <layer>_<table>
    query: str
    id_columns: tuple[str, ...]
    checks: list[Check] = field(default_factory=list)
    # the run's row-count guard compares this table with the last good run
    guard_table: str | None = None


def _not_null(column: str, severity: str = BLOCKING, where: Where = ()) -> Check:
    return Check(
        "ExpectColumnValuesToNotBeNull", {"column": column}, severity, f"{column} present", where
    )


def _between(column: str, low: float | None, high: float | None, where: Where, why: str,
             severity: str = BLOCKING) -> Check:  # fmt: skip
    kwargs: dict[str, Any] = {"column": column, "min_value": low, "max_value": high}
    return Check("ExpectColumnValuesToBeBetween", kwargs, severity, why, where)


def _is(column: str, value: Any) -> tuple[str, str, Any]:
    if column in VOCABULARY_OF and value not in VOCABULARY_OF[column]:
        raise ValueError(f"{value!r} is not a {column} of the vocabulary seed")
    return (column, "==", value)


# Keys, foreign keys and vocabularies are dbt's tests (models/*.yml, `in_vocabulary`); the
# suites check what dbt does not: values, provenance, the articles' arithmetic, row counts.
FIGURE_CHECKS = [
    _not_null("figure_value"),
    Check(
        "ExpectColumnPairValuesToBeEqual",
        {"column_A": "surface", "column_B": "provenance_text"},
        BLOCKING,
        "provenance: text[char_start:char_end] equals surface",
    ),
    _between(
        "figure_value",
        0,
        100,
        (_is("unit", "percent"), _is("measure", "level")),
        "percentage levels within 0-100",
    ),
    _between("figure_value", 0, 1000, (_is("unit", "permille"),), "per mille within 0-1000"),
    _between(
        "figure_value",
        0,
        MAX_PLAN_PERCENT,
        (_is("unit", "percent"), _is("measure", "plan")),
        "plan attainment within 0-1000%",
    ),
    _between(
        "figure_value",
        -100,
        MAX_PLAN_PERCENT,
        (_is("unit", "percent"), _is("measure", "change")),
        "percentage changes within -100..1000",
    ),
    _between("figure_value", 1, MAX_VND, (_is("unit", "vnd"),), "money in đồng positive and sane"),
    _between("figure_value", 1, MAX_USD, (_is("unit", "usd"),), "money in USD positive and sane"),
    _between("denominator", 1, None, (_is("unit", "ratio"),), "ratios have a positive denominator"),
    _between(
        "range_gap", 0, None, (("range_gap", "not_null", None),), "ranges: low end <= high end"
    ),
    _between(
        "ratio_excess",
        None,
        0,
        (_is("unit", "ratio"),),
        "ratios: numerator <= denominator (part of a whole)",
        FINDING,
    ),
    _not_null("term_code", FINDING, where=(_is("figure_kind", "target"),)),
    _not_null("period_year", FINDING, where=(_is("figure_kind", "actual"),)),
]

SUITES = [
    Suite(
        name="raw_pages",
        query="select * from raw.pages",
        id_columns=("page_id",),
        checks=[
            _not_null("url"),
            _not_null("content_hash", where=(("error_reason", "is_null", None),)),
        ],
    ),
    Suite(
        name="raw_articles",
        # lengths, not the texts: the frame stays small however many articles there are
        query="select article_id, length(body_text) as body_chars, content_hash from raw.articles",
        id_columns=("article_id",),
        checks=[
            _not_null("body_chars"),
            _not_null("content_hash"),
            _between("body_chars", 200, None, (), "article bodies are not stubs", FINDING),
        ],
        guard_table="articles",
    ),
    Suite(
        name="raw_figures",
        query="select figure_id, char_end - char_start as surface_length from raw.figures",
        id_columns=("figure_id",),
        checks=[
            _between("surface_length", 1, 200, (), "offsets span the figure (1-200 characters)"),
        ],
    ),
    Suite(
        name="marts_fct_figure",
        query="""
            select
                figure_id, unit, figure_value, denominator, figure_kind, measure, term_code,
                period_year, surface, provenance_text,
                figure_value_max - figure_value as range_gap,
                case when unit = 'ratio' then figure_value - denominator end as ratio_excess,
            from main_marts.fct_figure
        """,
        id_columns=("figure_id",),
        checks=FIGURE_CHECKS,
        guard_table="figures",
    ),
    Suite(
        name="marts_mart_figure_consistency",
        query="select check_id, figure_id, is_consistent from main_marts.mart_figure_consistency",
        id_columns=("check_id", "figure_id"),
        checks=[
            Check(
                "ExpectColumnValuesToBeInSet",
                {"column": "is_consistent", "value_set": [True]},
                FINDING,
                "the article's own arithmetic holds",
            ),
        ],
    ),
]
