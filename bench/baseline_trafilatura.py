"""`trafilatura.extract` on a list of pages, timed, in a process of its own.

    PYTHON bench/baseline_trafilatura.py LIST.json [--out OUT.jsonl] [--reps N]

LIST.json is a JSON list of HTML file paths, or of {"path": ...} objects (``.gz`` pages are
decompressed before the clock starts); prints one JSON object: pages, ms per page (wall and
CPU; the fastest of N repetitions), characters extracted, empty outputs, version. With
``--out`` the texts go to OUT.jsonl, one {"path", "text"} a line. Standalone (no chitieu
import): run with the bench venv's Python (`.venv-bench`, same pin as the project's).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path


def main() -> None:
    import trafilatura

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("listing")
    ap.add_argument("--out")
    ap.add_argument("--reps", type=int, default=1)
    args = ap.parse_args()
    items = json.loads(Path(args.listing).read_text())
    files = [str(i["path"] if isinstance(i, dict) else i) for i in items]
    bodies = [Path(f).read_bytes() for f in files]
    bodies = [gzip.decompress(b) if b[:2] == b"\x1f\x8b" else b for b in bodies]
    for body in bodies[:5]:
        trafilatura.extract(body)  # warm-up: imports and caches, not counted
    best_wall = best_cpu = float("inf")
    texts: list[str] = []
    for _ in range(args.reps):
        wall, cpu = time.perf_counter(), time.process_time()
        texts = [trafilatura.extract(body) or "" for body in bodies]
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for f, text in zip(files, texts, strict=True):
                fh.write(json.dumps({"path": f, "text": text}, ensure_ascii=False) + "\n")
    n = len(bodies)
    print(
        json.dumps(
            {
                "pages": n,
                "seconds": best_wall,
                "ms_per_page": 1000 * best_wall / n,
                "cpu_ms_per_page": 1000 * best_cpu / n,
                "chars": sum(map(len, texts)),
                "empty": sum(1 for t in texts if not t),
                "version": trafilatura.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
