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
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.utilities.annotations import quote

from chitieu import raw
from chitieu.settings import Paths
from chitieu.summary import RunSummary
from flows import tasks
from flows.runtime import Checkpoints, notify, warehouse_writer
from scrapers.crawl import CrawlResult
from scrapers.mirror.server import serve_mirror
from scrapers.registry import MIRROR_REGISTRY, Source, load_registry

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


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
    since: date | None = None,
    until: date | None = None,
    resume_run_id: str | None = None,
) -> RunSummary:
    """`since`/`until` (published dates, inclusive) limit which parsed articles are loaded;
    `resume_run_id` resumes a crashed run: its finished stages are not run again."""
    logger = get_run_logger()
    paths = Paths.from_env(home).ensure()
    run_id = resume_run_id or uuid.uuid4().hex
    stages = Checkpoints(paths.state, run_id)
    summary = RunSummary(run_id=run_id, started_at=datetime.now(UTC), paths=paths)
    notify("stages", 0, len(STAGES))
    crawled = stages.run("crawl", _crawl, paths, registry, use_mirror, sources, full_reparse)
    crawled = in_date_range(crawled, since, until)
    summary.crawl = crawled.counts()
    notify("stages", 1, len(STAGES))
    with warehouse_writer():
        summary.loaded = stages.run(
            "load", tasks.load_crawl, paths.build_db, quote(crawled), run_id
        )
        notify("stages", 2, len(STAGES))
        summary.figures_extracted = stages.run("extract", _extract, paths, run_id, batch_size)
        notify("stages", 3, len(STAGES))
        finish_run(paths, summary, stages)
    logger.info("published %s", summary.published)
    return summary


STAGES = ("crawl", "load", "extract", "dbt", "validate", "publish")


def _crawl(
    paths: Paths, registry: str | None, use_mirror: bool, names: list[str] | None, reparse: bool
) -> CrawlResult:
    with _sources(paths, registry, use_mirror) as registered:
        chosen = [s for s in registered if not names or s.name in names]
        get_run_logger().info("crawling %d sources into %s", len(chosen), paths.archive)
        return tasks.crawl(chosen, paths.archive, reparse)


def in_date_range(crawled: CrawlResult, since: date | None, until: date | None) -> CrawlResult:
    """Only the articles published within [since, until] (Vietnam dates); pages are kept.

    Articles outside the range stay in the raw archive: a later `full_reparse` run loads them."""
    if since is None and until is None:
        return crawled

    def inside(article: dict) -> bool:
        published = article.get("published_at")
        if not isinstance(published, datetime):
            return False
        day = published.astimezone(VIETNAM).date()
        return (since is None or day >= since) and (until is None or day <= until)

    return CrawlResult(pages=crawled.pages, articles=[a for a in crawled.articles if inside(a)])


def finish_run(paths: Paths, summary: RunSummary, stages: Checkpoints) -> None:
    """dbt build, validate, record the run, publish: the stages after the raw layer is loaded."""
    run_id = summary.run_id
    summary.dbt = stages.run("dbt", tasks.dbt_build, paths)
    notify("stages", 4, len(STAGES))
    report = tasks.validate_warehouse(paths, run_id)
    summary.validation = report
    notify("stages", 5, len(STAGES))
    summary.totals = raw.table_counts(paths.build_db)
    raw.record_run(paths.build_db, run_id, summary.started_at, _status(report), summary.counts())
    if not report.passed:
        _artifact(summary)
        failures = report.describe_failures()
        raise ValidationFailed("blocking checks failed, nothing published:\n" + failures)
    summary.published = stages.run(
        "publish", tasks.publish_warehouse, paths, run_id, summary.counts()
    )
    notify("stages", 6, len(STAGES))
    stages.prune()
    _artifact(summary)


def _extract(paths: Paths, run_id: str, batch_size: int) -> int:
    """Extract figures of new or changed articles, in batches (one task per batch)."""
    pending = tasks.articles_to_extract(paths.build_db)
    batches = [pending[i : i + batch_size] for i in range(0, len(pending), batch_size)]
    # quote(): Prefect would otherwise walk every article and figure dict of the
    # arguments (seconds per call at 10k pages, measured in docs/performance.md)
    # (Prefect's type hints don't know quote(): it hands the task the plain value.)
    futures = [tasks.extract_batch.submit(quote(batch)) for batch in batches]  # type: ignore[call-overload]
    total = 0
    for done, (batch, future) in enumerate(zip(batches, futures, strict=True), start=1):
        ids = [a["article_id"] for a in batch]
        figures = quote(future.result())
        total += tasks.load_figures(paths.build_db, ids, figures, run_id)  # type: ignore[call-overload]
        notify("extract", done, len(batches))
    return total


def _status(report) -> str:
    return "validated" if report.passed else "blocked"


def _artifact(summary: RunSummary) -> None:
    with contextlib.suppress(Exception):  # an artifact is a courtesy, never a failure
        create_markdown_artifact(
            key="chitieu-run-summary", markdown=summary.markdown(), description="chitieu run"
        )
