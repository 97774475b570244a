"""The marts answer analysts' questions on the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.settings import Paths
from tests.conftest import query

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

QUERIES = sorted((Path(__file__).parents[1] / "docs" / "queries").glob("*.sql"))


def _published(run) -> Path:
    return Paths.from_env(run[0]).published


# The scorecard's seed cases (baselines, in-term results, statuses) are in test_scorecard.py.


def test_consistency_flags_38_of_42_and_passes_26_of_27(published_run):
    rows = dict(
        query(
            _published(published_run),
            "select cast(related.denominator as int), consistency.is_consistent "
            "from main_marts.mart_figure_consistency as consistency "
            "join main_marts.fct_figure as related "
            "on related.figure_id = consistency.related_figure_id "
            "where consistency.rule_name = 'ratio_vs_percent'",
        )
    )
    assert rows[42] is False
    assert rows[27] is True


def test_parts_add_up_to_their_total(published_run):
    rows = query(
        _published(published_run),
        "select stated_value, computed_value, is_consistent "
        "from main_marts.mart_figure_consistency where rule_name = 'parts_vs_total'",
    )
    assert (14.0, 14.0, True) in rows


def test_findings_are_recorded_per_figure(published_run):
    rows = query(
        _published(published_run),
        "select figure.surface from quality.figure_findings as finding "
        "join main_marts.fct_figure as figure using (figure_id)",
    )
    assert ("84,7%",) in rows


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_example_query_runs_and_returns_rows(published_run, path):
    assert query(_published(published_run), path.read_text(encoding="utf-8"))
