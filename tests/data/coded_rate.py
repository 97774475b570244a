#!/usr/bin/env python3
"""The indicator coding rate on a directory of articles, gold or not.

    python tests/data/coded_rate.py DIR [DIR ...] [--codes FILE] [--sample N --seed S]

`coded` is the share of extracted figures of kind target or actual that carry an
`indicator_code` (counts of plan items, `is_plan_structure`, left out), as in `coding.py`,
which needs gold; this needs none (for `tests/data/unlabelled`). `--codes FILE` writes every
such figure (doc, value, unit, indicator, code, sentence) as JSON Lines; `--sample N` prints
N coded figures picked at random (seeded) for checking by hand.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from chitieu.figures import extract_figures

KEEP = ("doc", "surface", "value", "unit", "kind", "indicator", "indicator_code", "sentence")


def rows_of(directory: Path) -> list[dict]:
    rows = []
    for path in sorted(directory.glob("*.txt")):
        doc = path.name.split("_")[0]
        for fig in extract_figures(path.read_text(encoding="utf-8")):
            row = fig.to_dict(doc)
            if row["kind"] in ("target", "actual") and not row.get("is_plan_structure"):
                rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--codes", type=Path)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    everything = []
    for directory in args.dirs:
        rows = rows_of(directory)
        coded = sum(1 for r in rows if r.get("indicator_code"))
        share = coded / len(rows) if rows else 0.0
        print(f"{directory.name:>12} | figures {len(rows):4d} | coded {coded:4d} | {share:.4f}")
        everything += rows
    if args.codes:
        with args.codes.open("w", encoding="utf-8") as fh:
            for r in everything:
                fh.write(json.dumps({k: r.get(k) for k in KEEP}, ensure_ascii=False) + "\n")
    if args.sample:
        coded_rows = [r for r in everything if r.get("indicator_code")]
        pick = random.Random(args.seed).sample(coded_rows, min(args.sample, len(coded_rows)))
        for r in pick:
            cells = (r["doc"], r.get("surface"), r.get("unit"), r["indicator"], r["indicator_code"])
            print("\t".join(str(c) for c in cells))


if __name__ == "__main__":
    main()
