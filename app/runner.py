"""Run the flows from the command line and print what they did."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from chitieu.errors import ConfigError
from chitieu.settings import Paths

console = Console()
log = logging.getLogger(__name__)


def print_summary(summary: Any) -> None:
    table = Table(title=f"chitieu run {summary.run_id[:8]}", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    for stage, text in summary.lines():
        table.add_row(stage, text)
    console.print(table)


def run_pipeline(**params: Any) -> int:
    """The main job as a Prefect flow; failures propagate as `ChitieuError`s to the CLI."""
    from app.progress import run_progress
    from chitieu import events
    from flows.pipeline import chitieu_pipeline

    def notice(lines: tuple[str, ...]) -> None:
        for line in lines:
            console.print(f"[yellow]{line}[/yellow]")

    with events.noticing(notice), run_progress():
        summary = chitieu_pipeline(**params)
    print_summary(summary)
    return 0


def run_trial_crawl(start_url: str, *, home: str | None, jsonl: str | None) -> int:
    """Crawl an unregistered site into a scratch store; nothing reaches the warehouse."""
    from chitieu.urls import BadURL, host_key
    from scrapers.adhoc import crawl_start_url

    try:
        scratch = Paths.from_env(home).ensure().trials / host_key(start_url).replace(":", "_")
    except BadURL as exc:
        raise ConfigError(str(exc), "a start URL is http:// or https:// with a host") from None
    written = 0
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(Path(jsonl).open("w", encoding="utf-8")) if jsonl else None

        def write(articles: list[dict]) -> None:
            nonlocal written
            for article in articles if out else []:
                out.write(json.dumps(article, ensure_ascii=False, default=str) + "\n")  # type: ignore[union-attr]
                written += 1

        counts = crawl_start_url(start_url, scratch, on_articles=write).counts
    failed = ", ".join(f"{k} {v}" for k, v in counts["failed"].items()) or "none"
    console.print(
        f"trial crawl of {start_url}: {counts['fetched']} pages fetched, {counts['unchanged']} "
        f"unchanged, failed: {failed}; {counts['articles']} articles"
    )
    if jsonl:
        console.print(f"{written} articles written to {jsonl}")
    console.print(f"scratch store: {scratch} (not part of the warehouse)")
    console.print("to keep this site, add it as a source: see docs/scrapers.md")
    return 0
