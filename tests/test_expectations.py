"""Every expectation passes on good data and fails on data that breaks it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from expectations.run import gx_context, row_guard, run_suite
from expectations.suites import SUITES, Check, Suite

FIGURES = [
    # figure_id, unit, value, value_max, denominator, kind, measure, term, period
    ("f_level", "percent", 84.7, None, None, "actual", "level", "2020_2025", 2020),
    ("f_plan", "percent", 103.0, None, None, "actual", "plan", "2020_2025", 2023),
    ("f_change", "percent", -0.1, None, None, "target", "change", "2020_2025", 2020),
    ("f_permille", "permille", 12.37, None, None, "target", "level", "2020_2025", 2020),
    ("f_vnd", "vnd", 3.594e12, None, None, "actual", "level", "2020_2025", 2023),
    ("f_usd", "usd", 150e6, None, None, "actual", "level", "2020_2025", 2023),
    ("f_ratio", "ratio", 38.0, None, 42.0, "actual", "level", "2020_2025", 2020),
    ("f_range", "percent", 75.0, 80.0, None, "target", "level", "2020_2025", 2020),
]


def figure_frame() -> pd.DataFrame:
    rows = []
    for fid, unit, value, vmax, den, kind, measure, term, period in FIGURES:
        surface = f"{value}{unit}"
        rows.append({
            "figure_id": fid, "unit": unit, "figure_value": value, "figure_value_max": vmax,
            "denominator": den, "figure_kind": kind, "measure": measure, "qualifier": "eq",
            "term_code": term, "period_year": period, "surface": surface,
            "provenance_text": surface,
            "range_gap": None if vmax is None else vmax - value,
            "ratio_excess": value - den if unit == "ratio" else None,
        })  # fmt: skip
    return pd.DataFrame(rows)


def _set(column: str, value, row: str = "f_level") -> Callable[[pd.DataFrame], None]:
    def mutate(frame: pd.DataFrame) -> None:
        frame.loc[frame[frame.columns[0]] == row, column] = value  # the key is the first column

    return mutate


def _duplicate_first_id(frame: pd.DataFrame) -> None:
    key = frame.columns[0]
    frame.loc[1, key] = frame.loc[0, key]


# What breaks each check, by suite and check description.
BREAKERS: dict[tuple[str, str], Callable[[pd.DataFrame], None]] = {
    ("marts_fct_figure", "figure_value present"): _set("figure_value", None),
    ("marts_fct_figure", "provenance: text[char_start:char_end] equals surface"): _set(
        "provenance_text", "4,7% v"
    ),
    ("marts_fct_figure", "percentage levels within 0-100"): _set("figure_value", 184.7),
    ("marts_fct_figure", "per mille within 0-1000"): _set("figure_value", 1237.0, "f_permille"),
    ("marts_fct_figure", "plan attainment within 0-1000%"): _set("figure_value", 10300.0, "f_plan"),
    ("marts_fct_figure", "percentage changes within -100..1000"): _set(
        "figure_value", -250.0, "f_change"
    ),
    ("marts_fct_figure", "money in đồng positive and sane"): _set(
        "figure_value", 3.594e18, "f_vnd"
    ),
    ("marts_fct_figure", "money in USD positive and sane"): _set("figure_value", -5.0, "f_usd"),
    ("marts_fct_figure", "ratios have a positive denominator"): _set("denominator", 0.0, "f_ratio"),
    ("marts_fct_figure", "ranges: low end <= high end"): _set("range_gap", -5.0, "f_range"),
    ("marts_fct_figure", "ratios: numerator <= denominator (part of a whole)"): _set(
        "ratio_excess", 3.0, "f_ratio"
    ),
    ("marts_fct_figure", "term_code present"): _set("term_code", None, "f_range"),
    ("marts_fct_figure", "period_year present"): _set("period_year", None, "f_vnd"),
    ("raw_pages", "url present"): _set("url", None, "p1"),
    ("raw_pages", "content_hash present"): _set("content_hash", None, "p1"),
    ("raw_figures", "offsets span the figure (1-200 characters)"): _set("surface_length", 0, "f1"),
    ("raw_articles", "body_chars present"): _set("body_chars", None, "a1"),
    ("raw_articles", "content_hash present"): _set("content_hash", None, "a1"),
    ("raw_articles", "article bodies are not stubs"): _set("body_chars", 9, "a1"),
    ("marts_mart_figure_consistency", "the article's own arithmetic holds"): _set(
        "is_consistent", False, "c1"
    ),
}

GOOD_FRAMES: dict[str, Callable[[], pd.DataFrame]] = {
    "marts_fct_figure": figure_frame,
    "raw_pages": lambda: pd.DataFrame({
        "page_id": ["p1", "p2"], "url": ["http://a/1", "http://a/2"],
        "error_reason": [None, "timeout"], "content_hash": ["h1", None],
    }),
    "raw_figures": lambda: pd.DataFrame({
        "figure_id": ["f1", "f2"], "article_id": ["a1", "a1"], "unit": ["percent", "vnd"],
        "surface_length": [5, 14],
    }),
    "raw_articles": lambda: pd.DataFrame({
        "article_id": ["a1", "a2"], "content_hash": ["h1", "h2"], "body_chars": [2400, 380],
    }),
    "marts_mart_figure_consistency": lambda: pd.DataFrame({
        "check_id": ["c1", "c2"], "figure_id": ["f1", "f2"], "is_consistent": [True, True],
    }),
}  # fmt: skip

CASES = [(suite, check) for suite in SUITES for check in suite.checks]


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    root = tmp_path_factory.mktemp("gx")
    return gx_context(root / "gx", root / "docs")


def _run(context, suite: Suite, check: Check, frame: pd.DataFrame):
    single = Suite(name=f"test_{suite.name}", query="", id_columns=suite.id_columns)
    (result,) = run_suite(context, single, [check], frame, docs=False)
    return result


def test_every_check_has_a_breaking_case():
    assert {(s.name, c.description) for s, c in CASES} == set(BREAKERS)


@pytest.mark.parametrize(
    ("suite", "check"), CASES, ids=[f"{s.name}:{c.description}" for s, c in CASES]
)
def test_check_passes_good_data_and_fails_bad(context, suite, check):
    good = GOOD_FRAMES[suite.name]()
    assert _run(context, suite, check, good).success
    bad = GOOD_FRAMES[suite.name]()
    BREAKERS[(suite.name, check.description)](bad)
    result = _run(context, suite, check, bad)
    assert not result.success
    assert result.severity == check.severity


def test_row_count_guard_fails_a_collapsed_crawl(context):
    suite = next(s for s in SUITES if s.name == "marts_fct_figure")
    guard = row_guard(suite, {"figures": 10})
    assert guard is not None
    frame = figure_frame()  # 8 rows: at least half of 10
    assert _run(context, suite, guard, frame).success
    assert not _run(context, suite, guard, frame.head(3)).success


def test_no_guard_without_a_previous_run():
    suite = next(s for s in SUITES if s.name == "marts_fct_figure")
    assert row_guard(suite, {}) is None


def test_findings_name_the_figures(context):
    suite = next(s for s in SUITES if s.name == "marts_mart_figure_consistency")
    check = next(c for c in suite.checks if c.severity == "finding")
    frame = GOOD_FRAMES[suite.name]()
    frame.loc[1, "is_consistent"] = False
    result = _run(context, suite, check, frame)
    assert result.unexpected_ids == [{"check_id": "c2", "figure_id": "f2"}]
