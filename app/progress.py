"""A rich progress bar for a local run: pipeline stages, crawled pages, extraction batches.

The pipeline reports progress through `chitieu.events` (in-process only); on a worker nobody
listens here and the Prefect progress artifact shows the crawl instead.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

LABELS = {
    "stages": "pipeline stages",
    "crawl": "article pages crawled",
    "extract": "re-extraction batches",
    "reparse": "archived pages re-parsed",
}


@contextlib.contextmanager
def run_progress(console: Console | None = None) -> Iterator[None]:
    """Show the bars while the block runs, if the output is a terminal."""
    from chitieu import events

    console = console or Console(file=sys.stderr)
    if not console.is_terminal:
        yield
        return
    columns = (TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=console, transient=True) as progress:
        bars: dict[str, TaskID] = {}

        def listener(label: str, done: int, total: int) -> None:
            if label not in bars:
                bars[label] = progress.add_task(LABELS.get(label, label), total=total)
            progress.update(bars[label], completed=done, total=total)

        with events.listening(listener):
            yield
