"""Throughput of the figure extractor: `python -m bench.bench_extract` from the repo root.

Builds a corpus from the seed articles repeated to at least 10 MB of UTF-8 text and runs
`extract_figures` on every article, single-threaded.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from chitieu.figures import extract_figures

SEEDS = Path(__file__).resolve().parents[1] / "tests" / "data" / "seeds"


def build_corpus(min_bytes: int) -> list[str]:
    """The seed articles repeated until the corpus holds at least `min_bytes` of UTF-8."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"no seed articles under {SEEDS}")
    corpus: list[str] = []
    size = 0
    while size < min_bytes:
        for text in seeds:
            corpus.append(text)
            size += len(text.encode("utf-8"))
    return corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    args = ap.parse_args()
    corpus = build_corpus(int(args.mb * 1_000_000))
    size_mb = sum(len(t.encode("utf-8")) for t in corpus) / 1_000_000
    start, cpu_start = time.perf_counter(), time.process_time()
    n_figures = sum(len(extract_figures(text)) for text in corpus)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"articles   {len(corpus)}  ({size_mb:.1f} MB, {n_figures} figures)")
    print(f"wall       {seconds:.2f} s   cpu {cpu:.2f} s (wall > cpu: the machine is busy)")
    print(f"articles/s {len(corpus) / seconds:,.0f}   (per cpu second {len(corpus) / cpu:,.0f})")
    print(f"MB/s       {size_mb / seconds:.2f}   (per cpu second {size_mb / cpu:.2f})")
    print(f"figures/s  {n_figures / seconds:,.0f}   (per cpu second {n_figures / cpu:,.0f})")


if __name__ == "__main__":
    main()
