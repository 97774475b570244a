"""`parse_article` (then, with --extract, `extract_figures`) on a list of pages, timed, in a
process of its own: the side-by-side runs of `bench.run` (baseline, realweb).

    python bench/parse_worker.py LIST.json OUT.jsonl [--tree DIR] [--registry YAML]
                                 [--extract] [--reps N]

LIST.json: a JSON list of {"path", "url", "content_type"} (``.gz`` pages are decompressed
before the clock starts). ``--tree`` imports the parser from another checkout (the code
before a change), ``--registry`` picks each page's source by its URL (no registry: the
generic path). Writes one {"path", "text", "title", "parser"} line per page to OUT.jsonl and
prints one JSON object: ms per page (wall and CPU; the fastest of N repetitions), pages.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _timed(fn: Callable[[], Any], reps: int) -> tuple[float, float, Any]:
    best_wall = best_cpu = float("inf")
    result = None
    for _ in range(max(1, reps)):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu, result


def _read(path: str) -> bytes:
    data = Path(path).read_bytes()
    return gzip.decompress(data) if path.endswith(".gz") else data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("listing")
    ap.add_argument("out")
    ap.add_argument("--tree", help="checkout to import the parser from (default: this one)")
    ap.add_argument("--registry", help="source registry: pages get their source by URL")
    ap.add_argument("--extract", action="store_true", help="also time extract_figures")
    ap.add_argument("--reps", type=int, default=1)
    args = ap.parse_args()
    sys.path.insert(0, str(Path(args.tree or Path(__file__).resolve().parents[1]).resolve()))
    from scrapers.parse import ParseError, parse_article
    from scrapers.registry import load_registry, source_for_url

    jobs = json.loads(Path(args.listing).read_text(encoding="utf-8"))
    sources = load_registry(Path(args.registry)) if args.registry else []
    work = [
        (j["url"], _read(j["path"]), source_for_url(j["url"], sources) if sources else None,
         {"content-type": j.get("content_type") or "text/html"})
        for j in jobs
    ]  # fmt: skip

    def parse_all() -> list:
        out = []
        for url, body, source, headers in work:
            try:
                out.append(parse_article(body, url, source, headers=headers))
            except ParseError:
                out.append(None)
        return out

    for url, body, source, headers in work[:5]:  # warm-up: lazy imports, compiled selectors
        with contextlib.suppress(ParseError):
            parse_article(body, url, source, headers=headers)
    wall, cpu, parsed = _timed(parse_all, args.reps)
    n = len(work)
    stats = {"pages": n, "parse_ms": 1000 * wall / n, "parse_cpu_ms": 1000 * cpu / n}
    if args.extract:
        from chitieu.figures import extract_figures
        from chitieu.raw import article_text

        texts = [article_text(a.title, a.text) for a in parsed if a is not None]
        wall, cpu, _ = _timed(lambda: [extract_figures(t) for t in texts], args.reps)
        stats.update(extract_ms=1000 * wall / n, extract_cpu_ms=1000 * cpu / n)
    with open(args.out, "w", encoding="utf-8") as fh:
        for job, art in zip(jobs, parsed, strict=True):
            row = {"path": job["path"], "text": art.text if art else ""}
            row.update(title=art.title if art else "", parser=art.parser if art else None)
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    stats["empty"] = sum(1 for a in parsed if a is None or not a.text.strip())
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
