#!/usr/bin/env python3
"""Score the period fields of extracted figures against a gold file (FIGURES.md, "Periods").

    python score_periods.py GOLD.jsonl PRED.jsonl [--json] [--show-errors]

Figures are matched exactly as score.py matches them (same `doc`, unit, value, value_max and
denominator; greedy, one to one, in text order). Over the matched pairs, prints the accuracy of
each period field (period_start_year, period_end_year, period_part, horizon_year,
is_annual_average), of all five together, and of the years alone (start and end). A gold line
without a field does not judge that field. Standard library only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

FIELDS = (
    "period_start_year",
    "period_end_year",
    "period_part",
    "horizon_year",
    "is_annual_average",
)


def _scorer():
    spec = importlib.util.spec_from_file_location("score", Path(__file__).with_name("score.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _norm(field: str, value):
    if field == "is_annual_average":
        return bool(value)
    if field == "period_part":
        return value or None
    return None if value is None else int(value)


def score(gold: list[dict], pred: list[dict]) -> tuple[dict, list[tuple[dict, dict]]]:
    pairs, _, _ = _scorer().match(gold, pred)
    out: dict = {"matched_pairs": len(pairs), "gold": len(gold)}
    wrong: list[tuple[dict, dict]] = []
    for field in FIELDS:
        judged = [(g, p) for g, p in pairs if field in g]
        ok = sum(1 for g, p in judged if _norm(field, g[field]) == _norm(field, p.get(field)))
        out[f"{field}_accuracy"] = round(ok / len(judged), 4) if judged else None
    for name, fields in (("all_five", FIELDS), ("years", FIELDS[:2])):
        judged = [(g, p) for g, p in pairs if all(f in g for f in fields)]
        good = [(g, p) for g, p in judged
                if all(_norm(f, g[f]) == _norm(f, p.get(f)) for f in fields)]  # fmt: skip
        out[f"{name}_accuracy"] = round(len(good) / len(judged), 4) if judged else None
        if name == "all_five":
            wrong = [pair for pair in judged if pair not in good]
    return out, wrong


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    ap.add_argument("--show-errors", action="store_true", help="list pairs with a wrong field")
    args = ap.parse_args()
    load = _scorer().load
    result, wrong = score(load(args.gold), load(args.pred))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, val in result.items():
            print(f"{key:28} {val}")
    if args.show_errors:
        for g, p in wrong:
            got = {f: p.get(f) for f in FIELDS if _norm(f, g.get(f)) != _norm(f, p.get(f))}
            want = {f: g.get(f) for f in got}
            print("WRONG", g.get("doc"), g.get("surface"), g.get("kind"), "gold", want, "pred", got)


if __name__ == "__main__":
    main()
