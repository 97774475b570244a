"""Golden output of figure extraction and page parsing, to prove a speed-up changes nothing:
`python -m bench.golden_figures OUT_DIR [--pages 300]`, then `diff -r` two OUT_DIRs.

Writes, as sorted JSON lines (every field of every record, floats by repr):

- figures.jsonl: `extract_figures` on every .txt under tests/data and on the text of
  `--pages` pages of the synthetic bench corpus (1,000 pages, seed 7, as `bench.run`);
- parse.jsonl: `parse_article` (all of `ParsedArticle`, or the error) on those bench pages,
  on the real-web pages (tests/data/realweb, the generic path) and on the Liferay pages.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import random
from pathlib import Path

from bench.run import WORK, ensure_corpus, write_registry

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def _bench_jobs(pages: int) -> list[tuple[str, bytes, str, str | None]]:
    from scrapers.mirror.site import static_site

    WORK.mkdir(parents=True, exist_ok=True)
    root, _ = ensure_corpus(1000, 7)
    files = sorted(
        (t, f) for t, f in static_site(root).items() if f.path.parent.parent.name == "pages"
    )
    chosen = random.Random(0).sample(files, min(pages, len(files)))
    return [(t, f.path.read_bytes(), "http://127.0.0.1:1" + t, f.content_type) for t, f in chosen]


def _realweb_jobs() -> list[tuple[str, bytes, str, str | None]]:
    truth = json.loads((DATA / "realweb" / "zyte" / "ground-truth.json").read_text("utf-8"))
    jobs = []
    for key, row in sorted(truth.items()):
        body = gzip.decompress((DATA / "realweb" / "zyte" / "html" / f"{key}.html.gz").read_bytes())
        jobs.append((f"zyte/{key}", body, row["url"], None))
    for path in sorted((DATA / "realweb" / "liferay-hanoi").glob("*.html")):
        url = f"https://hanoi.gov.vn/{path.stem}"
        jobs.append((f"liferay/{path.name}", path.read_bytes(), url, "text/html"))
    return jobs


def _parse(jobs: list, sources: list) -> tuple[list[str], dict[str, object]]:
    from scrapers.parse import ParseError, parse_article
    from scrapers.registry import source_for_url

    lines, parsed = [], {}
    for key, body, url, ctype in jobs:
        source = source_for_url(url, sources) if sources else None
        try:
            art = parse_article(body, url, source, headers={"content-type": ctype or "text/html"})
            row: dict = {"key": key, **dataclasses.asdict(art)}
            parsed[key] = art
        except ParseError as exc:
            row = {"key": key, "error": f"{type(exc).__name__}: {exc}"}
        lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str))
    return lines, parsed


def _figures(docs: dict[str, str]) -> list[str]:
    from chitieu.figures import extract_figures

    lines = []
    for key, text in sorted(docs.items()):
        for i, fig in enumerate(extract_figures(text)):
            row = {"doc": key, "i": i, **dataclasses.asdict(fig)}
            lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=300)
    args = ap.parse_args()
    from chitieu.raw import article_text
    from scrapers.registry import load_registry

    WORK.mkdir(parents=True, exist_ok=True)  # (a fresh clone has no bench/.work yet)
    sources = load_registry(write_registry(WORK, "http://127.0.0.1:1"))
    parse_lines, parsed = _parse(_bench_jobs(args.pages), sources)
    more, _ = _parse(_realweb_jobs(), [])
    docs = {str(p.relative_to(DATA)): p.read_text("utf-8") for p in sorted(DATA.rglob("*.txt"))}
    docs.update({k: article_text(a.title, a.text) for k, a in parsed.items()})  # type: ignore[attr-defined]
    args.out.mkdir(parents=True, exist_ok=True)
    fig_lines = _figures(docs)
    (args.out / "figures.jsonl").write_text("\n".join(sorted(fig_lines)) + "\n", "utf-8")
    (args.out / "parse.jsonl").write_text("\n".join(sorted(parse_lines + more)) + "\n", "utf-8")
    print(f"{len(fig_lines)} figures over {len(docs)} documents, {len(parse_lines + more)} pages")


if __name__ == "__main__":
    main()
