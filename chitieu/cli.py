"""The `chitieu` command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from chitieu.settings import Paths, configure_prefect


def _doc_id(path: Path) -> str:
    return path.name.split("_")[0].split(".")[0]


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the figures of each .txt or .html file as JSON Lines."""
    from chitieu.figures import extract_figures

    status = 0
    for name in args.paths:
        path = Path(name)
        try:
            text = _read_article(path)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            print(f"chitieu extract: {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        for fig in extract_figures(text):
            print(json.dumps(fig.to_dict(_doc_id(path)), ensure_ascii=False))
    return status


def _read_article(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix.lower() in {".html", ".htm"}:
        from chitieu.raw import article_text
        from scrapers.parse import parse_article

        parsed = parse_article(data, path.resolve().as_uri())
        return article_text(parsed.title, parsed.text)
    return data.decode("utf-8")


def cmd_run(args: argparse.Namespace) -> int:
    """Run the main job; print the summary."""
    from chitieu.runner import run_pipeline

    return run_pipeline(
        home=args.home, registry=args.registry, use_mirror=not args.live,
        sources=args.source or None, full_reparse=args.full_reparse,
    )  # fmt: skip


def cmd_sql(args: argparse.Namespace) -> int:
    """Query the published warehouse read-only."""
    from chitieu.sql import run_sql

    return run_sql(Paths.from_env(args.home).published, args.query)


def cmd_crawl(args: argparse.Namespace) -> int:
    """Crawl an unregistered site from a start page into the raw layer."""
    from chitieu.runner import run_adhoc_crawl

    return run_adhoc_crawl(args.start_url, home=args.home, jsonl=args.jsonl)


def cmd_server(args: argparse.Namespace) -> int:
    """Start a Prefect server on 127.0.0.1, deploy the flows of prefect.yaml, start workers."""
    from chitieu.server import serve

    state = Paths.from_env(args.home).ensure().state
    return serve(state, args.port, args.workers, args.home, args.setup_only)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chitieu", description=__doc__)
    parser.add_argument("--home", help="folder for state and warehouse (default: the project's)")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help=cmd_run.__doc__)
    run.add_argument("--live", action="store_true", help="crawl the real sites of the registry")
    run.add_argument("--registry", help="source registry YAML (default: scrapers/sources.yaml)")
    run.add_argument("--source", action="append", help="only this source (repeatable)")
    run.add_argument("--full-reparse", action="store_true", help="re-parse the archive, no network")
    run.set_defaults(func=cmd_run)

    extract = sub.add_parser("extract", help=cmd_extract.__doc__)
    extract.add_argument("paths", nargs="+", help=".txt or .html files")
    extract.set_defaults(func=cmd_extract)

    sql = sub.add_parser("sql", help=cmd_sql.__doc__)
    sql.add_argument("query", nargs="?", help="SQL; without it, an interactive shell")
    sql.set_defaults(func=cmd_sql)

    crawl = sub.add_parser("crawl", help=cmd_crawl.__doc__)
    crawl.add_argument("start_url")
    crawl.add_argument("--jsonl", help="also write one parsed article per line to this file")
    crawl.set_defaults(func=cmd_crawl)

    server = sub.add_parser("server", help=cmd_server.__doc__)
    server.add_argument("--port", type=int, default=4200, help="API and UI port (default 4200)")
    server.add_argument("--workers", type=int, default=1, help="local process workers (default 1)")
    server.add_argument(
        "--setup-only", action="store_true",
        help="only create the pool and limits and deploy (on $PREFECT_API_URL), then exit",
    )  # fmt: skip
    server.set_defaults(func=cmd_server)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    configure_prefect(Paths.from_env(args.home).state)
    raise SystemExit(args.func(args))


if __name__ == "__main__":
    main()
