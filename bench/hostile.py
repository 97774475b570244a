"""The extractor on hostile text: `python -m bench.hostile [--only NAME] [--scale 1.0]`.

Each case is text no article holds but a crawler may meet (one sentence of thousands of figures,
a megabyte of one word, a 400-digit number ...). Prints per case its size, the seconds taken,
seconds per 100 KB, the figures found, and whether the records serialise as strict JSON.
The contract: no exception, no value that is not finite, <= 1 s per 100 KB.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable

from chitieu.figures import extract_figures


def _repeat(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def _numbered(template: str, size: int) -> str:
    out, n, total = [], 1, 0
    while total < size:
        part = template.format(n=n)
        out.append(part)
        total += len(part)
        n += 1
    return "".join(out)


CASES: dict[str, Callable[[float], str]] = {
    "percent_list_20k": lambda s: _numbered("{n}%, ", int(20_000 * s)),
    "tang_1m": lambda s: _repeat("tăng ", int(1_000_000 * s)) + "5%",
    "zeros_count_310": lambda s: "trên 1" + "0" * 310 + " người dân",
    "digits_400": lambda s: "Thu ngân sách đạt " + "9" * 400 + " tỷ đồng, tăng " + "9" * 400 + "%.",
    "digits_count_309": lambda s: "Toàn huyện có " + "1" * 309 + " người dân.",
    "money_list_100k": lambda s: _numbered("thu {n} tỷ đồng, ", int(100_000 * s)),
    "counts_100k": lambda s: _numbered("có {n} xã đạt chuẩn ", int(100_000 * s)),
    "ratios_100k": lambda s: _numbered("{n}/{n} xã, ", int(100_000 * s)),
    "cues_100k": lambda s: _repeat("phấn đấu mục tiêu đạt kế hoạch ", int(100_000 * s)) + " 5%.",
    "one_line_numbers_100k": lambda s: _repeat("1.234.567,89 ", int(100_000 * s)),
    "brackets_100k": lambda s: _repeat("(((", int(50_000 * s)) + "5%" + _repeat(")", 50_000),
    "commas_100k": lambda s: _repeat("tỷ lệ hộ nghèo, ", int(100_000 * s)) + "đạt 5%.",
    "newlines_100k": lambda s: _repeat("- Chỉ tiêu:\n", int(100_000 * s)) + "đạt 5%",
    "no_spaces_100k": lambda s: _repeat("đạt5%tăng", int(100_000 * s)),
    "colons_100k": lambda s: _repeat("a: ", int(100_000 * s)) + "tăng 5%",
    # words in brackets under a growth verb, each percentage followed by a word the bracket
    # rule does not allow (its name pattern once backtracked exponentially on such runs)
    "bracket_words_100k": lambda s: _repeat(
        "tăng trưởng (nông nghiệp công nghiệp 5%. ", int(100_000 * s)
    ),
}


def _finite(fig) -> bool:
    values = (fig.value, fig.value_max, fig.denominator)
    return all(v is None or math.isfinite(v) for v in values)


def run(name: str, scale: float) -> dict:
    text = CASES[name](scale)
    start = time.perf_counter()
    figures = extract_figures(text)
    seconds = time.perf_counter() - start
    json.dumps([f.to_dict() for f in figures], allow_nan=False)
    return {
        "case": name,
        "kb": round(len(text.encode("utf-8")) / 1000, 1),
        "seconds": round(seconds, 3),
        "s_per_100kb": round(seconds / max(len(text.encode("utf-8")), 1) * 100_000, 3),
        "figures": len(figures),
        "finite": all(_finite(f) for f in figures),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", help="run only this case (repeatable)")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every case's size")
    args = ap.parse_args()
    for name in args.only or list(CASES):
        try:
            row = run(name, args.scale)
        except Exception as exc:  # noqa: BLE001 - the report says which case raised what
            row = {"case": name, "error": f"{type(exc).__name__}: {exc}"[:200]}
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
