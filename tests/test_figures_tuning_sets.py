"""The extractor on the tuning sets (gold written blind, then tuned on; see each set's
README): a regression guard. Floors sit a little below the scores reached, so that a rule
that breaks what a set taught fails, and small shifts pass. `tests/data/test2` is a test
set and is deliberately not here: it is scored by hand (`tests/data/coding.py`), never
gated, so that nobody tunes on it by accident."""

from __future__ import annotations

import pytest

from tests.figures_scoring import DATA, doc_id, score_articles
from tests.figures_scoring import metric as metric_value

SETS = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "blind",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",
    "dev12",
)
FLOOR = {
    "tier1_f1": 0.97,
    "tier2_f1": 0.95,
    "kind_accuracy": 0.95,
    "measure_accuracy": 0.94,
    "qualifier_accuracy": 0.95,
    "indicator_token_f1": 0.82,
}
# dev8's national reports name long subjects: its indicator phrases reach 0.80 (README there).
OVERRIDES = {"dev8": {"indicator_token_f1": 0.78}}


@pytest.fixture(scope="module", params=SETS)
def scores(request) -> tuple[str, dict]:
    articles = sorted((DATA / request.param).glob("*.txt"))
    gold = [path.with_name(f"{doc_id(path)}.jsonl") for path in articles]
    assert articles and all(g.exists() for g in gold), request.param
    return request.param, score_articles(articles, gold)


@pytest.mark.parametrize("metric", sorted(FLOOR))
def test_tuning_set_floor(scores, metric):
    name, result = scores
    value = metric_value(result, metric)
    floor = OVERRIDES.get(name, {}).get(metric, FLOOR[metric])
    assert value >= floor, (name, metric, value)
