"""The project's vocabularies, defined once: units, kinds, measures, qualifiers, why a page
failed, how a command ended.

The word lists live in the dbt seed `vocabulary.csv`, so that dbt's tests (the generic test
`in_vocabulary`), the Great Expectations suites, the crawler and the docs all read the same
file; `tests/test_vocab.py` checks that nothing else spells them out.
"""

from __future__ import annotations

import csv
from enum import IntEnum
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"
VOCABULARY_SEED = SEEDS / "vocabulary.csv"
STATUSES_SEED = SEEDS / "scorecard_statuses.csv"


def _load(path: Path = VOCABULARY_SEED) -> dict[str, dict[str, str]]:
    """vocabulary -> {code: description}, in the seed's order."""
    out: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["vocabulary"], {})[row["code"]] = row["description"]
    return out


def _statuses(path: Path = STATUSES_SEED) -> dict[str, str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["status"]: row["description"] for row in csv.DictReader(fh)}


VOCABULARIES = _load()
UNITS = VOCABULARIES["unit"]
KINDS = VOCABULARIES["kind"]
MEASURES = VOCABULARIES["measure"]
QUALIFIERS = VOCABULARIES["qualifier"]
CONSISTENCY_CHECKS = VOCABULARIES["consistency_check"]
# statuses carry labels and an order too: their own seed, read by dbt, the report and here
SCORECARD_STATUSES = _statuses()
# Why a fetch failed (scrapers.http.FetchError.reason), with what it means for the docs.
FETCH_ERROR_REASONS = VOCABULARIES["fetch_error_reason"]
# Why a fetched page gave no article (scrapers.parse.ParseError.reason).
PARSE_ERROR_REASONS = VOCABULARIES["parse_error_reason"]
# Every value of raw.pages.error_reason.
PAGE_ERROR_REASONS: dict[str, str] = {**FETCH_ERROR_REASONS, **PARSE_ERROR_REASONS}


class ExitCode(IntEnum):
    """How every `chitieu` command ends; a scheduler can act on these."""

    OK = 0  # done (for `chitieu run`: published)
    FAILED = 1  # failed: a fetch, a query, a bug; the previous publication stays
    BLOCKED = 2  # blocking checks failed: nothing published
    CONFIG = 3  # bad configuration or usage: registry, paths, arguments
    RUN_ACTIVE = 4  # another run holds this home's lock


EXIT_CODE_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "done; for `chitieu run`, the warehouse was published",
    ExitCode.FAILED: "failed (the previous publication is untouched)",
    ExitCode.BLOCKED: "blocking checks failed; nothing was published",
    ExitCode.CONFIG: "bad configuration or usage (registry, folders, arguments)",
    ExitCode.RUN_ACTIVE: "another run is active in this home",
}
