"""The extractor on the old held-out articles, scored like tests/data/score.py: a regression
guard only (their gold was edited to match output once; see tests/data/heldout/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.figures import extract_figures, normalize_text
from tests.figures_scoring import DATA, doc_id, score_articles
from tests.figures_scoring import metric as metric_value

ARTICLES = sorted((DATA / "heldout").glob("*.txt"))

# Modest floors below the scores reached, so real regressions fail and small rule shifts pass.
FLOOR = {
    "tier1_f1": 0.95,
    "tier2_f1": 0.9,
    "kind_accuracy": 0.9,
    "measure_accuracy": 0.9,
    "qualifier_accuracy": 0.9,
    "indicator_token_f1": 0.75,
}


def _gold(path: Path) -> Path:
    return path.with_name(f"{doc_id(path)}.jsonl")


@pytest.fixture(scope="module")
def scores() -> dict:
    return score_articles(ARTICLES, [_gold(path) for path in ARTICLES])


def test_heldout_articles_have_gold():
    assert len(ARTICLES) >= 6
    for path in ARTICLES:
        assert _gold(path).exists(), path


@pytest.mark.parametrize("metric", sorted(FLOOR))
def test_heldout_floor(scores, metric):
    value = metric_value(scores, metric)
    assert value >= FLOOR[metric], (metric, value, scores)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_heldout_offsets(path):
    text = path.read_text(encoding="utf-8")
    norm = normalize_text(text)
    for fig in extract_figures(text):
        assert norm[fig.char_start : fig.char_end] == fig.surface
        assert fig.surface in fig.sentence
