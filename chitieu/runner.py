"""Run the flows from the command line and print what they did."""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path

from rich.console import Console
from rich.table import Table

from chitieu.settings import Paths

console = Console()
log = logging.getLogger(__name__)


def print_summary(summary) -> None:
    table = Table(title=f"chitieu run {summary.run_id[:8]}", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    for stage, text in summary.lines():
        table.add_row(stage, text)
    console.print(table)


def run_pipeline(**params) -> int:
    from chitieu.progress import run_progress
    from flows.pipeline import ValidationFailed, chitieu_pipeline

    try:
        with run_progress():
            summary = chitieu_pipeline(**params)
    except ValidationFailed as exc:
        console.print(f"[red]{exc}[/red]")
        console.print("The last good warehouse is still published.")
        return 2
    print_summary(summary)
    return 0


def run_adhoc_crawl(start_url: str, *, home: str | None, jsonl: str | None) -> int:
    from chitieu import raw
    from scrapers.adhoc import crawl_start_url

    paths = Paths.from_env(home).ensure()
    result = crawl_start_url(start_url, paths.archive)
    counts = raw.load_crawl(paths.build_db, result.pages, result.articles, uuid.uuid4().hex)
    if jsonl:
        with Path(jsonl).open("w", encoding="utf-8") as out:
            for article in result.articles:
                out.write(json.dumps(article, ensure_ascii=False, default=str) + "\n")
    console.print(f"crawl: {result.counts()}; loaded {counts} into {paths.build_db}")
    console.print("run `chitieu run` to extract, build, validate and publish.")
    return 0
