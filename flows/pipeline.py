"""The main job: crawl, extract, load, build, validate, publish.

The flow only orchestrates; the work is in `flows.tasks` and the libraries
behind them. A blocking validation failure fails the run and leaves the
published warehouse exactly as it was.
"""

from __future__ import annotations

import contextlib
import socket
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from chitieu import raw
from chitieu.settings import Paths
from chitieu.summary import RunSummary
from flows import tasks
from scrapers.mirror.server import serve_mirror
from scrapers.registry import MIRROR_REGISTRY, Source, load_registry


class ValidationFailed(RuntimeError):
    """Blocking checks failed: the warehouse was not published."""


def _mirror_port(state: Path) -> int:
    """A free loopback port for the mirror, kept for this home's later runs.

    Page identity is the URL, port included: the same port on every run keeps a
    re-run incremental (conditional GETs, no duplicate pages)."""
    record = state / "mirror_port"
    if record.exists():
        port = int(record.read_text())
        with contextlib.suppress(OSError), socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(("127.0.0.1", port))
            return port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    record.write_text(str(port))
    return port


@contextlib.contextmanager
def _sources(paths: Paths, registry: str | None, use_mirror: bool) -> Iterator[list[Source]]:
    """The bundled mirror for the default run (served on loopback), else a registry."""
    if use_mirror:
        with serve_mirror(port=_mirror_port(paths.state)) as base_url:
            yield load_registry(MIRROR_REGISTRY, base_url=base_url)
    else:
        yield load_registry(Path(registry) if registry else None)


@flow(name="chitieu-pipeline", log_prints=False)
def chitieu_pipeline(
    home: str | None = None,
    registry: str | None = None,
    use_mirror: bool = True,
    sources: list[str] | None = None,
    full_reparse: bool = False,
    batch_size: int = 250,
) -> RunSummary:
    logger = get_run_logger()
    paths = Paths.from_env(home).ensure()
    run_id = uuid.uuid4().hex
    summary = RunSummary(run_id=run_id, started_at=datetime.now(UTC), paths=paths)
    with _sources(paths, registry, use_mirror) as registered:
        chosen = [s for s in registered if not sources or s.name in sources]
        logger.info("crawling %d sources into %s", len(chosen), paths.archive)
        crawled = tasks.crawl(chosen, paths.archive, full_reparse)
    summary.crawl = crawled.counts()
    summary.loaded = tasks.load_crawl(paths.build_db, crawled, run_id)
    summary.figures_extracted = _extract(paths, run_id, batch_size)
    summary.dbt = tasks.dbt_build(paths)
    report = tasks.validate_warehouse(paths, run_id)
    summary.validation = report
    summary.totals = raw.table_counts(paths.build_db)
    raw.record_run(paths.build_db, run_id, summary.started_at, _status(report), summary.counts())
    if not report.passed:
        _artifact(summary)
        raise ValidationFailed("blocking checks failed, nothing published:\n" + report.describe_failures())
    summary.published = tasks.publish_warehouse(paths, run_id, summary.counts())
    _artifact(summary)
    logger.info("published %s", summary.published)
    return summary


def _extract(paths: Paths, run_id: str, batch_size: int) -> int:
    """Extract figures of new or changed articles, in batches (one task per batch)."""
    pending = tasks.articles_to_extract(paths.build_db)
    batches = [pending[i : i + batch_size] for i in range(0, len(pending), batch_size)]
    futures = tasks.extract_batch.map(batches) if batches else []
    total = 0
    for batch, future in zip(batches, futures, strict=True):
        ids = [a["article_id"] for a in batch]
        total += tasks.load_figures(paths.build_db, ids, future.result(), run_id)
    return total


def _status(report) -> str:
    return "validated" if report.passed else "blocked"


def _artifact(summary: RunSummary) -> None:
    with contextlib.suppress(Exception):  # an artifact is a courtesy, never a failure
        create_markdown_artifact(
            key="chitieu-run-summary", markdown=summary.markdown(), description="chitieu run"
        )
