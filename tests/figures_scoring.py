"""Scoring extracted figures against gold files with the shared scorer (tests/data/score.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from chitieu.figures import extract_figures

DATA = Path(__file__).parent / "data"


def _scorer():
    spec = importlib.util.spec_from_file_location("chitieu_score", DATA / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def doc_id(path: Path) -> str:
    return path.name.split("_")[0]


def score_articles(articles: list[Path], gold_files: list[Path]) -> dict:
    """score.py's result for the figures extracted from `articles`."""
    scorer = _scorer()
    gold = [row for path in gold_files for row in scorer.load(str(path))]
    pred = [
        fig.to_dict(doc_id(path))
        for path in articles
        for fig in extract_figures(path.read_text(encoding="utf-8"))
    ]
    result, _, _ = scorer.score(gold, pred)
    return result


def metric(scores: dict, name: str) -> float:
    """tier1_f1 / tier2_f1 live under their tier; the others at the top level."""
    if name in ("tier1_f1", "tier2_f1"):
        return scores[name.split("_")[0]]["f1"]
    return scores[name]
