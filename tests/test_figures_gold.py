"""The extractor on the seed articles, scored like tests/data/score.py: the quality gate."""

from __future__ import annotations

import random

import pytest

from chitieu.figures import extract_figures, normalize_text
from tests.figures_scoring import DATA, score_articles
from tests.figures_scoring import metric as metric_value

SEEDS = sorted((DATA / "seeds").glob("*.txt"))

# The gate: minimum scores on the seeds.
GATE = {
    "tier1_f1": 0.99,
    "tier2_f1": 0.95,
    "kind_accuracy": 0.95,
    "measure_accuracy": 0.95,
    "qualifier_accuracy": 0.95,
    "indicator_token_f1": 0.7,
}


@pytest.fixture(scope="module")
def scores() -> dict:
    return score_articles(SEEDS, [DATA / "gold" / "all.jsonl"])


def test_seeds_are_present():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("metric", sorted(GATE))
def test_gate(scores, metric):
    value = metric_value(scores, metric)
    assert value >= GATE[metric], (metric, value, scores)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_surface_is_the_text_at_the_offsets(path):
    text = path.read_text(encoding="utf-8")
    norm = normalize_text(text)
    for fig in extract_figures(text):
        assert norm[fig.char_start : fig.char_end] == fig.surface


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_sentence_contains_surface(path):
    for fig in extract_figures(path.read_text(encoding="utf-8")):
        assert fig.surface in fig.sentence


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_figures_in_text_order(path):
    starts = [fig.char_start for fig in extract_figures(path.read_text(encoding="utf-8"))]
    assert starts == sorted(starts)


def test_to_dict_is_tidy_json():
    fig = extract_figures("Hội nghị có 225 đại biểu tham dự, tỷ lệ 84,7%.")[0]
    row = fig.to_dict("000")
    assert row["doc"] == "000" and row["value"] == 225 and isinstance(row["value"], int)
    assert list(row)[:11] == [
        "doc",
        "surface",
        "unit",
        "value",
        "value_max",
        "denominator",
        "noun",
        "kind",
        "measure",
        "qualifier",
        "indicator",
    ]


def test_extract_is_pure():
    text = SEEDS[0].read_text(encoding="utf-8")
    assert extract_figures(text) == extract_figures(text)


def test_invariants_hold_on_random_spans_of_the_seeds():
    """Offsets, sentences and labels stay valid on arbitrary cuts of real text."""
    rnd = random.Random(7)
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    for _ in range(300):
        text = rnd.choice(texts)
        start = rnd.randrange(len(text))
        piece = text[start : start + rnd.randrange(1, 600)]
        norm = normalize_text(piece)
        for fig in extract_figures(piece):
            assert norm[fig.char_start : fig.char_end] == fig.surface
            assert fig.surface in fig.sentence
            assert fig.kind in ("target", "actual")
            assert fig.measure in ("level", "change", "plan")
            assert fig.qualifier in ("eq", "approx", "gt", "ge", "lt", "le")


def test_empty_text_has_no_figures():
    assert extract_figures("") == []
