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
        b = r.get("baseline")
        if b:
            tf = b.get("trafilatura", {})
            print(
                f"\nbaseline ({b['pages']} pages, mean {b['mean_kb']} KB, load {b['load']}): "
                f"parse {b['parse_ms_per_page']} ms, extract {b['extract_ms_per_page']} ms, "
                f"parse+extract {b['parse_plus_extract_ms_per_page']} ms; trafilatura "
                f"{tf.get('version')} {tf.get('ms_per_page', 0):.1f} ms/page"
            )


if __name__ == "__main__":
    main()
