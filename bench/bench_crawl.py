"""Crawl and parse speed on the local mirror: `python -m bench.bench_crawl` from the repo root.

Three numbers: pages/second of a cold crawl of the mirror (every page fetched, parsed and
archived), pages/second of a warm re-crawl (conditional GETs, all 304), and milliseconds
per page of `parse_article` (adapter and generic) on the five seed pages. The mirror's
slow page answers at once here (``--slow-seconds 0``) so the number measures the crawler,
not the deliberately slow page; per-host delay is 0 as in the mirror registry.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

from scrapers.crawl import crawl_sources
from scrapers.mirror import site
from scrapers.mirror.server import serve_mirror
from scrapers.parse import parse_article
from scrapers.registry import MIRROR_REGISTRY, load_registry

ADAPTER_OF = {"city": "city_portal", "district": "liferay", "news": "cms"}


def bench_crawl(runs: int, slow_seconds: float) -> dict[str, float]:
    cold, warm, pages = [], [], 0
    with serve_mirror(slow_seconds=slow_seconds) as url:
        sources = load_registry(MIRROR_REGISTRY, base_url=url)
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                start = time.perf_counter()
                result = crawl_sources(sources, Path(tmp))
                cold.append(time.perf_counter() - start)
                pages = len(result.pages)
                start = time.perf_counter()
                crawl_sources(sources, Path(tmp))
                warm.append(time.perf_counter() - start)
    return {
        "pages": pages,
        "cold_pages_per_s": pages / statistics.median(cold),
        "warm_pages_per_s": pages / statistics.median(warm),
        "cold_s": statistics.median(cold),
        "warm_s": statistics.median(warm),
    }


def bench_parse(repeat: int) -> dict[str, float]:
    sources = {s.adapter: s for s in load_registry(MIRROR_REGISTRY, base_url="http://127.0.0.1")}
    pages = []
    for art in site.load_articles():
        body = site.encode_page(site.render_article(art), art.encoding)
        pages.append((art, body))
    out: dict[str, float] = {}
    for label in ("adapter", "generic"):
        start = time.perf_counter()
        for _ in range(repeat):
            for art, body in pages:
                source = sources[ADAPTER_OF[art.template]] if label == "adapter" else None
                parse_article(body, "http://127.0.0.1" + art.path, source)
        out[f"{label}_ms_per_page"] = 1000 * (time.perf_counter() - start) / (repeat * len(pages))
    out["kb_per_page"] = sum(len(b) for _, b in pages) / len(pages) / 1024
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="crawls to take the median of")
    ap.add_argument("--repeat", type=int, default=10, help="parses of each seed page")
    ap.add_argument("--slow-seconds", type=float, default=0.0)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    crawl = bench_crawl(args.runs, args.slow_seconds)
    parse = bench_parse(args.repeat)
    print(
        f"crawl: {crawl['pages']} URLs per crawl; cold {crawl['cold_s']:.2f} s = "
        f"{crawl['cold_pages_per_s']:.1f} pages/s; warm (conditional) {crawl['warm_s']:.2f} s = "
        f"{crawl['warm_pages_per_s']:.1f} pages/s"
    )
    print(
        f"parse: {parse['adapter_ms_per_page']:.1f} ms/page with the adapter, "
        f"{parse['generic_ms_per_page']:.1f} ms/page generic "
        f"(pages of {parse['kb_per_page']:.0f} KB on average)"
    )


if __name__ == "__main__":
    main()
