"""Where the per-page time goes: `python -m bench.profile [--pages 100] [--top 25]`.

cProfile over `parse_article` then figure extraction, single-threaded, on pages of the
synthetic corpus (generated under `bench/.work/` when missing); prints the top entries by
cumulative and by own time. Profiling roughly doubles the time per call: read the shares,
not the absolute numbers.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random

from bench.run import WORK, ensure_corpus, write_registry


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--corpus", type=int, default=1000, help="corpus size to sample from")
    args = ap.parse_args()

    from chitieu.figures import extract_figures
    from chitieu.raw import article_text
    from scrapers.mirror.site import static_site
    from scrapers.parse import parse_article
    from scrapers.registry import load_registry, source_for_url

    WORK.mkdir(parents=True, exist_ok=True)
    root, _ = ensure_corpus(args.corpus, 7)
    base = "http://127.0.0.1:1"
    sources = load_registry(write_registry(WORK, base))
    site = static_site(root) or {}
    files = sorted((t, f) for t, f in site.items() if f.path.parent.parent.name == "pages")
    chosen = random.Random(1).sample(files, min(args.pages, len(files)))
    jobs = [(f.path.read_bytes(), base + t, f.content_type) for t, f in chosen]
    for label in ("parse", "extract"):
        profile = cProfile.Profile()
        if label == "parse":
            profile.enable()
            parsed = [
                parse_article(b, u, source_for_url(u, sources), headers={"content-type": c})
                for b, u, c in jobs
            ]
            profile.disable()
        else:
            texts = [article_text(a.title, a.text) for a in parsed]
            profile.enable()
            for text in texts:
                extract_figures(text)
            profile.disable()
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.top)
            print(f"==== {label}: {len(jobs)} pages, by {order}")
            print(out.getvalue())


if __name__ == "__main__":
    main()
