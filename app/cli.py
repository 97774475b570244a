"""The `chitieu` command line."""

from __future__ import annotations

import argparse
import json
import logging
import logging.handlers
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from chitieu.errors import ChitieuError, ConfigError
from chitieu.settings import Paths, configure_prefect
from chitieu.vocab import ExitCode

log = logging.getLogger("chitieu.failures")
log.propagate = False  # to the log file only, never to a console handler (Prefect adds some)
LOG_FILE = Path("logs") / "chitieu.log"  # under the state folder


def _doc_id(path: Path) -> str:
    return path.stem


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
        try:
            rows = [fig.to_dict(_doc_id(path)) for fig in extract_figures(text)]
            lines = [json.dumps(row, ensure_ascii=False, allow_nan=False) for row in rows]
        except Exception as exc:  # a bad file must not sink the others: say which, go on
            print(f"chitieu extract: {path}: extraction failed: {exc!r}", file=sys.stderr)
            status = 1
            continue
        for line in lines:
            print(line)
    return status


def _read_article(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix.lower() in {".html", ".htm"}:
        from chitieu.raw import article_text
        from scrapers.parse import parse_article

        parsed = parse_article(data, path.resolve().as_uri())
        return article_text(parsed.title, parsed.text)
    return _decode_text(data)


def _decode_text(data: bytes) -> str:
    """A text file's encoding found as the crawler finds a page's (BOM, then detection);
    a BOM must be followed by text valid in its encoding."""
    from scrapers.encoding import BOMS, decode_html

    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding)
    return decode_html(data)[0]


def cmd_parse(args: argparse.Namespace) -> int:
    """Parse saved pages (or URLs with --fetch) as the crawl does; one JSON line each."""
    from scrapers.parse_cli import UsageError, parse_pages

    try:
        return parse_pages(
            args.pages, sys.stdout, url=args.url, source_name=args.source, fetch=args.fetch,
            registry=Path(args.registry) if args.registry else None,
        )  # fmt: skip
    except UsageError as exc:
        raise ConfigError(str(exc)) from None


def cmd_run(args: argparse.Namespace) -> int:
    """Run the main job; print the summary."""
    from app.runner import run_pipeline
    from chitieu.lock import ensure_free
    from flows.stages import check_writable

    paths = Paths.from_env(args.home)
    check_writable(paths)
    ensure_free(paths.state)  # within a second, before Prefect starts
    if args.live:
        check_registry(args.registry)
    console_without_tracebacks(paths.state)
    return run_pipeline(
        home=args.home, registry=args.registry, use_mirror=not args.live,
        sources=args.source or None, full_reparse=args.full_reparse,
    )  # fmt: skip


def cmd_sql(args: argparse.Namespace) -> int:
    """Query the published warehouse read-only."""
    from app.sql import run_sql

    paths = Paths.from_env(args.home)
    return run_sql(paths.published, args.query, history=paths.state / "sql_history")


class _ShortConsole(logging.Filter):
    """A console record's traceback goes to the log file; the console keeps its first line."""

    def __init__(self, state: Path) -> None:
        super().__init__()
        self.state = state

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info or record.exc_text:
            write_record(self.state, record)
            record.msg, record.args = record.getMessage().splitlines()[0], ()
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


def console_without_tracebacks(state: Path) -> None:
    """Prefect logs a failed task's or flow's traceback to the console: send it to the log."""
    from prefect.logging.configuration import setup_logging

    setup_logging()  # later calls only adjust levels: the filter stays
    for handler in logging.getLogger().handlers:
        handler.addFilter(_ShortConsole(state))


def check_registry(registry: str | None) -> None:
    """Before any work: the registry parses and validates; its warnings are printed."""
    from scrapers.registry import check_registry as validate

    for warning in validate(Path(registry) if registry else None).warnings:
        print(f"warning: {warning}", file=sys.stderr)


def cmd_crawl(args: argparse.Namespace) -> int:
    """Trial crawl of an unregistered site from a start page (a scratch store, never the
    warehouse)."""
    from app.runner import run_trial_crawl

    return run_trial_crawl(args.start_url, home=args.home, jsonl=args.jsonl)


def cmd_sources(args: argparse.Namespace) -> int:
    """List the sources (registered, and with data in the warehouse), or remove one."""
    from app import operate

    paths = Paths.from_env(args.home)
    registry = Path(args.registry) if args.registry else None
    if args.action == "remove":
        if not args.name:
            raise ConfigError("which source? chitieu sources remove NAME")
        row = operate.remove_source(paths, args.name, registry)
        print(f"{row.name}: {row.pages} pages, {row.articles} articles and {row.figures} figures "
              "leave the warehouse at the next run (chitieu run)")  # fmt: skip
        return 0
    print(f"{'source':<28} {'registered in':<14} {'pages':>7} {'articles':>9} {'figures':>8}")
    for r in operate.list_sources(paths, registry):
        note = "  (removal pending)" if r.pending_removal else ""
        print(f"{r.name:<28} {r.registered:<14} {r.pages:>7} {r.articles:>9} {r.figures:>8}{note}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Rebuild the working warehouse from the live publication (history kept)."""
    from app import operate

    for line in operate.restore(Paths.from_env(args.home)).lines():
        print(line)
    print("the next `chitieu run` loads what was landed since that publication")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    """Republish a kept version (default: the one before the live one)."""
    from app import operate

    paths = Paths.from_env(args.home)
    if args.list:
        for name, live, info in operate.versions(paths):
            print(f"{'*' if live else ' '} {name}  run {str(info.get('run_id'))[:8]}  "
                  f"published {info.get('published_at')}")  # fmt: skip
        return 0
    target = operate.rollback(paths, args.version)
    print(f"published now: {target.name} ({paths.published})")
    return 0


def cmd_server(args: argparse.Namespace) -> int:
    """Start a Prefect server on 127.0.0.1, deploy the flows of prefect.yaml, start workers."""
    from app.server import serve

    state = Paths.from_env(args.home).ensure().state
    return serve(state, args.port, args.workers, args.home, args.setup_only, host=args.host)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # usage errors are bad configuration (3); argparse's own 2 means "blocked" here
        self.print_usage(sys.stderr)
        self.exit(ExitCode.CONFIG, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="chitieu", description=__doc__, epilog=EXIT_CODES_HELP,
                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
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

    parse = sub.add_parser("parse", help=cmd_parse.__doc__)
    parse.add_argument("pages", nargs="+", help=".html, .htm or .html.gz files (URLs with --fetch)")
    parse.add_argument("--url", help="where the page came from (picks the registered source)")
    parse.add_argument("--source", help="use this registered source's selectors")
    parse.add_argument("--fetch", action="store_true", help="PAGES are URLs: fetch them politely")
    parse.add_argument("--registry", help="source registry YAML (default: scrapers/sources.yaml)")
    parse.set_defaults(func=cmd_parse)

    sql = sub.add_parser("sql", help=cmd_sql.__doc__)
    sql.add_argument("query", nargs="?", help="SQL; without it, an interactive shell")
    sql.set_defaults(func=cmd_sql)

    crawl = sub.add_parser("crawl", help=cmd_crawl.__doc__)
    crawl.add_argument("start_url")
    crawl.add_argument("--jsonl", help="also write one parsed article per line to this file")
    crawl.set_defaults(func=cmd_crawl)

    sources = sub.add_parser("sources", help=cmd_sources.__doc__)
    sources.add_argument("action", nargs="?", choices=["list", "remove"], default="list")
    sources.add_argument("name", nargs="?", help="the source to remove")
    sources.add_argument("--registry", help="also consider this registry YAML")
    sources.set_defaults(func=cmd_sources)

    restore = sub.add_parser("restore", help=cmd_restore.__doc__)
    restore.set_defaults(func=cmd_restore)

    rollback = sub.add_parser("rollback", help=cmd_rollback.__doc__)
    rollback.add_argument("version", nargs="?", help="a kept version (see --list)")
    rollback.add_argument("--list", action="store_true", help="list the kept versions")
    rollback.set_defaults(func=cmd_rollback)

    server = sub.add_parser("server", help=cmd_server.__doc__)
    server.add_argument("--port", type=int, default=4200, help="API and UI port (default 4200)")
    server.add_argument(
        "--host", default="127.0.0.1",
        help="address to listen on (default 127.0.0.1); beyond loopback only with basic auth "
        "in PREFECT_SERVER_API_AUTH_STRING=user:password",
    )  # fmt: skip
    server.add_argument("--workers", type=int, default=1, help="local process workers (default 1)")
    server.add_argument(
        "--setup-only", action="store_true",
        help="only create the pool and limits and deploy (on $PREFECT_API_URL), then exit",
    )  # fmt: skip
    server.set_defaults(func=cmd_server)
    return parser


def _exit_codes_help() -> str:
    from chitieu.vocab import EXIT_CODE_MEANINGS

    return "exit codes:\n" + "\n".join(f"  {c.value}  {m}" for c, m in EXIT_CODE_MEANINGS.items())


EXIT_CODES_HELP = _exit_codes_help()


def write_record(state: Path, record: logging.LogRecord) -> Path:
    """One record, traceback included, into the rotating log (a temporary file if the state
    folder cannot take it); returns the file's path."""
    for path in (state / LOG_FILE, Path(tempfile.gettempdir()) / f"chitieu-{os.getuid()}.log"):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError:
            continue
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        try:
            handler.handle(record)
        finally:
            handler.close()
        return path
    return Path(os.devnull)


def write_traceback(state: Path, command: str) -> Path:
    """The current exception's traceback into the log; returns the file's path."""
    record = log.makeRecord(log.name, logging.ERROR, __file__, 0, "chitieu %s failed (pid %d)",
                            (command, os.getpid()), sys.exc_info())  # fmt: skip
    return write_record(state, record)


def _configure_prefect(state: Path) -> None:
    try:
        configure_prefect(state)
    except OSError as exc:
        raise ConfigError(
            f"the state folder {state} is not usable ({exc.strerror or exc})",
            "make it writable, or use another home: chitieu --home DIR ...",
        ) from exc


def _fail(args: argparse.Namespace, lines: Sequence[str], code: int) -> int:
    prog = f"chitieu {args.command}"
    log_path = write_traceback(Paths.from_env(args.home).state, args.command)
    for line in lines:
        print(f"{prog}: {line}", file=sys.stderr)
    print(f"{prog}: details in {log_path}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> None:
    """Every failure ends in a few lines on stderr, the traceback in the log file, and a
    documented exit code (chitieu.vocab.ExitCode)."""
    args = build_parser().parse_args(argv)
    try:
        _configure_prefect(Paths.from_env(args.home).state)
        code = args.func(args)
    except ChitieuError as exc:
        code = _fail(args, exc.lines, exc.exit_code)
    except KeyboardInterrupt:
        print(f"chitieu {args.command}: interrupted", file=sys.stderr)
        code = 130
    except Exception as exc:  # noqa: BLE001 - the last resort: a few lines, not a traceback
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        code = _fail(args, [f"failed: {type(exc).__name__}: {first}"], ExitCode.FAILED)
    raise SystemExit(code)


if __name__ == "__main__":
    main()
