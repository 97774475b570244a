"""Markdown tables from `bench/results/*.json`: `python -m bench.report`.

Prints the per-stage table (plain run), the flow runs (full, unchanged re-run, 1% changed)
with their task breakdown, and the parse baseline, for pasting into docs/performance.md.
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
STAGES = ("crawl", "parse", "extract", "load", "dbt build", "validate", "publish")


def main() -> None:
    results = sorted(
        (json.loads(p.read_text()) for p in RESULTS.glob("bench-*.json")),
        key=lambda r: r["pages"],
    )
    with_plain = [r for r in results if r.get("plain")]
    if with_plain:
        head = " | ".join(f"{r['pages']:,} pages" for r in with_plain)
        print(f"| stage | {head} |")
        print("| --- |" + " --- |" * len(with_plain))
        for name in STAGES:
            cells = []
            for r in with_plain:
                s = r["plain"]["stages"].get(name)
                cells.append(
                    f"{s['seconds']:.1f} s · {s['per_second'] or 0:.1f}/s · "
                    f"{s['peak_mb']:.0f} MB · load {s['load_after']:.1f}"
                    if s
                    else "–"
                )
            print(f"| {name} | " + " | ".join(cells) + " |")
        cells = [
            f"**{r['plain']['total_seconds']:.1f} s** · peak {r['plain']['peak_mb']:.0f} MB"
            for r in with_plain
        ]
        print("| total (crawl … publish; parse is inside crawl) | " + " | ".join(cells) + " |")
        print()
    print("| pages | run | wall | vs full | peak MB | load before→after | busy in tasks |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        for key in ("flow", "rerun", "changed"):
            f = r.get(key)
            if not f:
                continue
            print(
                f"| {r['pages']:,} | {key} | {f['seconds']:.1f} s | "
                f"{f.get('ratio_to_full', 1):.0%} | {f['peak_mb']:.0f} | "
                f"{f['load_before']:.1f}→{f['load_after']:.1f} | "
                f"{f.get('tasks_busy_seconds', '–')} s |"
            )
    print()
    for r in results:
        f = r.get("flow")
        if f and f.get("tasks"):
            print(f"flow tasks at {r['pages']:,} pages (full run):")
            for name, t in f["tasks"].items():
                print(f"  {name:<22} x{t['runs']:<4} span {t['span_seconds']:8.2f} s")
        if "prefect_share" in r:
            print(
                f"{r['pages']:,}: flow {r['flow']['seconds']:.1f} s − plain "
                f"{r['plain']['total_seconds']:.1f} s = {r['prefect_overhead_seconds']:.1f} s "
                f"({r['prefect_share']:.0%})"
            )
    for r in results:
        for key in ("baseline", "realweb"):
            b = r.get(key)
            if b and "chitieu" in b:
                print(f"\n{key} at {r['pages']:,} pages ({b['pages']} pages, CPU ms a page):")
                print("| | parse | figures | parse + figures | main text P / R / F1 | empty |")
                print("| --- | --- | --- | --- | --- | --- |")
                for who in ("old", "chitieu", "trafilatura"):
                    print(_side_row(who, b.get(who)))
                if b.get("ratios_cpu"):
                    print(f"ratios: {b['ratios_cpu']}")


def _side_row(who: str, row: dict | None) -> str:
    if not row or "error" in row:
        return f"| {who} | – | – | – | – | – |"
    parse = row.get("parse_cpu_ms", row.get("cpu_ms_per_page", 0.0))
    figures = row.get("extract_cpu_ms")
    both = f"{parse + figures:.1f}" if figures is not None else "–"
    sc = row.get("score")
    text = f"{sc['precision']:.3f} / {sc['recall']:.3f} / {sc['f1']:.3f}" if sc else "–"
    empty = sc["empty"] if sc else row.get("empty", "–")
    figs = f"{figures:.1f}" if figures is not None else "–"
    return f"| {who} | {parse:.1f} | {figs} | {both} | {text} | {empty} |"


if __name__ == "__main__":
    main()
