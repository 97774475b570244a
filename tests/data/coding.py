#!/usr/bin/env python3
"""The figure extractor's scores and indicator coding rate on gold sets, in one table.

    python tests/data/coding.py [SET_DIR ...] [--json] [--codes FILE]

A set directory holds `<id>_<slug>.txt` articles and `<id>.jsonl` gold files (or one
`all.jsonl` with every gold line, as `tests/data/seeds` + `tests/data/gold`). Scoring is
`score.py`'s, unchanged; this script adds what it does not measure:

- `coded`: the share of predicted figures of kind target or actual that carry an
  `indicator_code` (every figure has one of the two kinds; counts of plan items such as
  `20 chỉ tiêu` are left out when the extractor marks them `is_plan_structure`);
- `matched coded`: the same over predictions matched to a gold figure.

`--codes FILE` writes every coded prediction (doc, indicator phrase, code, sentence) as JSON
Lines, for checking a sample of codes by hand. The extractor is whatever `chitieu.figures`
the interpreter imports: set PYTHONPATH to score another checkout with the same gold.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

from chitieu.figures import extract_figures

DATA = Path(__file__).resolve().parent
DEFAULT_SETS = ("seeds", "heldout", "dev")


def _scorer():
    spec = importlib.util.spec_from_file_location("chitieu_score", DATA / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _set_files(directory: Path) -> tuple[list[Path], list[Path]]:
    """(articles, gold files) of a set; the seeds keep their gold in `gold/all.jsonl`."""
    articles = sorted(directory.glob("*.txt"))
    if directory.name == "seeds":
        return articles, [DATA / "gold" / "all.jsonl"]
    gold = [directory / f"{p.name.split('_')[0]}.jsonl" for p in articles]
    return articles, [g for g in gold if g.exists()]


def _predict(articles: list[Path]) -> list[dict]:
    rows = []
    for path in articles:
        doc = path.name.split("_")[0]
        for fig in extract_figures(path.read_text(encoding="utf-8")):
            row = fig.to_dict(doc)
            row.setdefault("is_plan_structure", False)
            rows.append(row)
    return rows


def _share(rows: list[dict]) -> float | None:
    rows = [r for r in rows if r["kind"] in ("target", "actual") and not r["is_plan_structure"]]
    if not rows:
        return None
    return round(sum(1 for r in rows if r.get("indicator_code")) / len(rows), 4)


def measure(directory: Path) -> tuple[dict, list[dict]]:
    scorer = _scorer()
    articles, gold_files = _set_files(directory)
    gold = [row for path in gold_files for row in scorer.load(str(path))]
    pred = _predict(articles)
    result, _, _ = scorer.score(gold, pred)
    pairs, _, _ = scorer.match(gold, pred)
    row = {
        "set": directory.name,
        "articles": len(articles),
        "gold": len(gold),
        "tier1_f1": result["tier1"]["f1"],
        "tier2_f1": result["tier2"]["f1"],
        "kind": result["kind_accuracy"],
        "measure": result["measure_accuracy"],
        "qualifier": result["qualifier_accuracy"],
        "indicator_f1": result["indicator_token_f1"],
        "coded": _share(pred),
        "matched_coded": _share([p for _, p in pairs]),
    }
    return row, pred


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", help="set directories (default: seeds, heldout, dev)")
    ap.add_argument("--json", action="store_true", help="one JSON object per set")
    ap.add_argument("--codes", help="write the coded predictions here as JSON Lines")
    args = ap.parse_args()
    dirs = [Path(s) for s in args.sets] or [DATA / s for s in DEFAULT_SETS if (DATA / s).is_dir()]
    table, coded = [], []
    for directory in dirs:
        row, pred = measure(directory)
        table.append(row)
        coded += [p for p in pred if p.get("indicator_code")]
    if args.codes:
        with open(args.codes, "w", encoding="utf-8") as fh:
            for p in coded:
                keep = ("doc", "surface", "kind", "indicator", "indicator_code", "sentence")
                fh.write(json.dumps({k: p.get(k) for k in keep}, ensure_ascii=False) + "\n")
    if args.json:
        for row in table:
            print(json.dumps(row, ensure_ascii=False))
        return
    cols = list(table[0]) if table else []
    print(" | ".join(f"{c:>13}" for c in cols))
    for row in table:
        print(" | ".join(f"{str(row[c]):>13}" for c in cols))


if __name__ == "__main__":
    main()
