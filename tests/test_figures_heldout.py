"""The extractor on held-out articles written after the rules (other districts, provinces and
news styles), scored like tests/data/score.py: a regression guard, not a tuning set."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from chitieu.figures import extract_figures, normalize_text

DATA = Path(__file__).parent / "data"
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


def _scorer():
    spec = importlib.util.spec_from_file_location("chitieu_heldout_score", DATA / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _doc(path: Path) -> str:
    return path.name.split("_")[0]


def _gold(path: Path) -> Path:
    return path.with_name(f"{_doc(path)}.jsonl")


@pytest.fixture(scope="module")
def scores() -> dict:
    scorer = _scorer()
    gold = [row for path in ARTICLES for row in scorer.load(str(_gold(path)))]
    pred = [
        fig.to_dict(_doc(path))
        for path in ARTICLES
        for fig in extract_figures(path.read_text(encoding="utf-8"))
    ]
    result, _, _ = scorer.score(gold, pred)
    return result


def test_heldout_articles_have_gold():
    assert len(ARTICLES) >= 6
    for path in ARTICLES:
        assert _gold(path).exists(), path


@pytest.mark.parametrize("metric", sorted(FLOOR))
def test_heldout_floor(scores, metric):
    if metric in ("tier1_f1", "tier2_f1"):
        value = scores[metric.split("_")[0]]["f1"]
    else:
        value = scores[metric]
    assert value >= FLOOR[metric], (metric, value, scores)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_heldout_offsets(path):
    text = path.read_text(encoding="utf-8")
    norm = normalize_text(text)
    for fig in extract_figures(text):
        assert norm[fig.char_start : fig.char_end] == fig.surface
        assert fig.surface in fig.sentence
