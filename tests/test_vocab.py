"""The vocabularies are defined once (the `vocabulary` seed, read by chitieu.vocab): dbt's
tests, the checks, the crawler and the docs say the same, and nothing spells them out again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped]

from chitieu import vocab
from chitieu.vocab import EXIT_CODE_MEANINGS, PAGE_ERROR_REASONS, ExitCode
from expectations import suites
from scrapers.crawl import ERROR_REASONS as CRAWL_REASONS

ROOT = Path(__file__).parents[1]
MODELS = ROOT / "dbt_project" / "models"


def _column_tests() -> list[tuple[str, str, dict]]:
    out = []
    for path in MODELS.rglob("*.yml"):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            for column in model.get("columns", []):
                for test in column.get("data_tests") or []:
                    if isinstance(test, dict):
                        out.append((model["name"], column["name"], test))
    return out


def test_dbt_reads_the_vocabularies_from_the_seed():
    tests = _column_tests()
    assert not [t for t in tests if "accepted_values" in t[2]]  # no list spelled out in yml
    used = {(m, c): t["in_vocabulary"]["arguments"]["vocabulary"]
            for m, c, t in tests if "in_vocabulary" in t}  # fmt: skip
    assert used[("stg_raw__figures", "unit")] == "unit"
    assert used[("stg_raw__pages", "error_reason")] == ["fetch_error_reason", "parse_error_reason"]
    named = {v for value in used.values() for v in ([value] if isinstance(value, str) else value)}
    assert named <= set(vocab.VOCABULARIES)


def test_the_checks_and_the_crawler_use_the_same_lists():
    assert list(CRAWL_REASONS) == list(PAGE_ERROR_REASONS)
    named = {v for s in suites.SUITES for c in s.checks for col, op, v in c.where if op == "=="}
    assert named and named <= {*vocab.UNITS, *vocab.MEASURES, *vocab.KINDS}
    with pytest.raises(ValueError, match="vocabulary"):
        suites._is("unit", "bananas")


def test_no_python_module_spells_out_a_vocabulary_again():
    units = re.compile(r'"percent",\s*"permille",\s*"vnd"')
    files = [p for d in ("chitieu", "scrapers", "flows", "expectations", "app")
             for p in (ROOT / d).rglob("*.py")]  # fmt: skip
    offenders = [p for p in files if units.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_operations_guide_explains_every_reason_and_exit_code():
    guide = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    for reason in PAGE_ERROR_REASONS:
        assert f"| `{reason}` |" in guide, reason
    for code in ExitCode:
        assert f"| {code.value} |" in guide and code in EXIT_CODE_MEANINGS
