"""The pipeline as plain Python: crawl -> load -> extract -> build -> validate -> publish.

Each stage is a function of paths and small values (never lists of rows: rows travel as
landing batches and tables). `run()` is the one place where their order is written; the
Prefect flow passes a `step` that runs each stage as a task, the benchmark calls `run()`
as it is. No Prefect import here.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from chitieu import events, landing, publish, raw, recovery, transform
from chitieu.digest import text_digest, tree_digest
from chitieu.errors import ChecksBlocked, ChitieuError, ConfigError
from chitieu.extraction import extract_batch, extractor_version
from chitieu.isolate import in_child
from chitieu.lock import run_lock
from chitieu.settings import PROJECT_ROOT, Paths
from chitieu.summary import RunSummary
from expectations import record
from expectations.run import ValidationReport, validate
from scrapers.crawl import CrawlOutcome, crawl_sources, reparse_archive
from scrapers.registry import MIRROR_REGISTRY, Source, load_registry

log = logging.getLogger(__name__)
T = TypeVar("T")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
EXTRACT_CHUNK = 500  # stored articles re-extracted per chunk: bounds memory


class CrawlFailed(ChitieuError):
    """Every source failed: there is nothing to build on; nothing was published."""


@dataclass(frozen=True)
class RunRequest:
    """What `chitieu run` (or a deployment) asks for."""

    home: str | None = None
    registry: str | None = None
    use_mirror: bool = True
    sources: tuple[str, ...] = ()
    full_reparse: bool = False
    since: date | None = None
    until: date | None = None
    landing: str | None = None  # a shared landing store; default `<state>/landing`
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def paths(self) -> Paths:
        return Paths.from_env(self.home)

    def landing_location(self) -> str:
        return self.landing or str(self.paths.landing)


Step = Callable[..., Any]


def direct(name: str, fn: Callable[..., T], *args: Any) -> T:
    """The plain step: call the stage."""
    return fn(*args)


# -- the stages ---------------------------------------------------------------------------
def select_sources(registered: list[Source], names: tuple[str, ...]) -> list[Source]:
    unknown = sorted(set(names) - {s.name for s in registered})
    if unknown:
        known = ", ".join(s.name for s in registered)
        raise ConfigError(f"no source named {', '.join(unknown)}", f"registered: {known}")
    return [s for s in registered if not names or s.name in names]


def crawl(
    sources: list[Source], request: RunRequest, shard: dict[str, Any] | None = None
) -> CrawlOutcome:
    """One shard: the sources' pages into the archive, their rows into landing batches.
    `shard` (a scale-out shard's identity) goes into the batches' manifests, with the
    crawl's counts for the loader on the warehouse machine."""
    paths = request.paths
    meta = {"run_id": request.run_id, "sources": [s.name for s in sources], **(shard or {})}
    options: dict[str, Any] = {"meta": meta, "report": shard is not None,
                               "keep": published_between(request.since, request.until)}  # fmt: skip
    if request.full_reparse:
        return reparse_archive(paths.archive, sources, request.landing_location(), **options)
    return crawl_sources(sources, paths.archive, request.landing_location(), **options)


def published_between(since: date | None, until: date | None) -> Callable[[dict], bool] | None:
    """Articles published within [since, until] (Vietnam dates); None keeps every article.
    The others stay in the archive: a later full re-parse lands them."""
    if since is None and until is None:
        return None

    def inside(article: dict) -> bool:
        published = article.get("published_at")
        if not isinstance(published, datetime):
            return False
        day = published.astimezone(VIETNAM).date()
        return (since is None or day >= since) and (until is None or day <= until)

    return inside


def check_crawl(outcome: CrawlOutcome) -> None:
    """A run where no source got a single page through has nothing to build on."""
    per_source = outcome.counts.get("sources") or {}
    dead = [n for n, s in per_source.items() if s["fetched"] + s["unchanged"] == 0]
    if per_source and len(dead) == len(per_source):
        reasons = outcome.counts.get("failed") or {}
        text = ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())) or "no pages found"
        raise CrawlFailed(f"every source failed ({text}): nothing was built or published")


def load(request: RunRequest) -> dict[str, Any]:
    """Landing batches into the raw layer; pending source removals applied."""
    paths = request.paths
    report = raw.load_batches(paths.build_db, request.landing_location(), request.run_id)
    removed = raw.apply_source_removals(paths.build_db, request.run_id)
    return {**report.counts(), "removed_sources": removed, "crawl": report.crawl}


def extract(request: RunRequest) -> int:
    """Figures again for stored articles from another extractor version (or that failed),
    in chunks, two in flight; new and changed articles got theirs in the crawl's workers."""
    db, version = request.paths.build_db, extractor_version()
    ids = raw.stale_article_ids(db, version)
    chunks = [ids[i : i + EXTRACT_CHUNK] for i in range(0, len(ids), EXTRACT_CHUNK)]
    pending: collections.deque = collections.deque()
    stored = []

    def store() -> None:
        chunk, future = pending.popleft()
        stored.append(raw.replace_figures(db, chunk, future.result(), version, request.run_id))
        events.emit("extract", len(stored), len(chunks))

    with _executor(len(ids)) as pool:
        for chunk in chunks:
            articles = raw.articles_for_extraction(db, chunk)
            pending.append((chunk, pool.submit(extract_batch, articles)))
            if len(pending) > 1:
                store()
        while pending:
            store()
    return sum(stored)


def _executor(articles: int) -> Executor:
    """Worker processes (one a core) when there are enough articles to repay their start."""
    if articles >= 1000 and (os.cpu_count() or 1) > 1:
        return ProcessPoolExecutor(os.cpu_count(), mp_context=get_context("spawn"))
    return ThreadPoolExecutor(1)  # the same interface, one thread: no process start


def inputs_digest(db: Path) -> str:
    """What a publication is made of: the raw layer and the code that builds and checks it."""
    code = [
        *transform.project_files(),
        *(PROJECT_ROOT / "expectations").glob("*.py"),
        PROJECT_ROOT / "chitieu" / "report.py",
        PROJECT_ROOT / "chitieu" / "publish.py",
    ]
    return text_digest(raw.raw_digest(db), tree_digest(code, PROJECT_ROOT), extractor_version())


def build(request: RunRequest) -> dict[str, Any]:
    """dbt build, unless the published warehouse was built from exactly these inputs."""
    paths = request.paths
    digest = inputs_digest(paths.build_db)
    live = publish.manifest(publish.current(paths.warehouse))
    if live.get("inputs_digest") == digest:
        return {"skipped": True, "inputs_digest": digest, "counts": {}}
    outcome = in_child(transform.build, paths, paths.build_db)
    return {"skipped": False, "inputs_digest": digest, "counts": outcome.counts}


def validate_run(request: RunRequest) -> ValidationReport:
    """Great Expectations on the working warehouse; results recorded in `quality.*`."""
    paths = request.paths
    baseline = publish.published_counts(paths.published)
    docs = paths.run_dir(request.run_id) / "validation"
    report = in_child(validate, paths.build_db, paths.gx, docs, request.run_id, baseline)
    record.record(paths.build_db, report)
    return report


def publish_run(request: RunRequest, counts: dict[str, Any], digest: str) -> str:
    """The working warehouse, its Parquet, reports and docs, as one new publication."""
    paths = request.paths
    validation = paths.run_dir(request.run_id) / "validation"
    published = publish.publish(
        paths.build_db, paths.warehouse, request.run_id, counts,
        validation=validation, inputs_digest=digest, parts=transform.publication_parts(paths),
    )  # fmt: skip
    _prune_landing(request)
    shutil.rmtree(paths.run_dir(request.run_id), ignore_errors=True)
    return str(published)


def _prune_landing(request: RunRequest) -> None:
    """Batches in the published warehouse are not needed to rebuild it: drop them."""
    if request.landing:  # a shared store belongs to its operators
        return
    paths = request.paths
    with raw.connect(paths.build_db, read_only=True) as con:
        loaded = {r[0] for r in con.execute("select batch_id from raw.landing_files").fetchall()}
    landing.prune(request.landing_location(), set(), loaded)


# -- the sequence -------------------------------------------------------------------------
@contextlib.contextmanager
def prepared(request: RunRequest) -> Iterator[RunRequest]:
    """Checks before work: folders writable, one run per home, a readable working warehouse
    (restored from the publication when it is missing or unreadable, saying so)."""
    paths = request.paths
    check_writable(paths)
    with run_lock(paths.state, f"chitieu run {request.run_id[:8]}"):
        if recovery.needs_restore(paths):
            restored = recovery.restore(paths)
            for line in restored.lines():
                log.warning("%s", line)
            events.notice(*restored.lines())
            if restored.needs_reparse and not landing.list_batches(request.landing_location()):
                request = dataclasses.replace(request, full_reparse=True)
        yield request


def check_writable(paths: Paths) -> None:
    """The state and warehouse folders must take files before any work starts."""
    for folder in (paths.state, paths.warehouse):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
                pass
        except OSError as exc:
            raise ConfigError(
                f"{folder} is not writable ({exc.strerror or exc}): nothing was done",
                "make it writable, or use another home: chitieu --home DIR run",
            ) from None


def run_crawl(request: RunRequest, sources: list[Source], step: Step = direct) -> RunSummary:
    """The crawl stage; the summary so far."""
    paths = request.paths.ensure()
    summary = RunSummary(run_id=request.run_id, started_at=datetime.now(UTC), paths=paths)
    crawled = step("crawl", crawl, sources, request)
    summary.crawl = crawled.counts
    check_crawl(crawled)
    return summary


def finish(request: RunRequest, summary: RunSummary, step: Step = direct) -> RunSummary:
    """Everything after the crawl: load, extract, build, validate, publish."""
    paths = request.paths
    summary.loaded = step("load", load, request)
    summary.figures_extracted = step("extract", extract, request)
    built = step("build", build, request)
    summary.dbt, summary.build_skipped = built["counts"], built["skipped"]
    summary.totals = raw.table_counts(paths.build_db)
    if built["skipped"]:
        summary.published = paths.published
        raw.record_run(paths.build_db, request.run_id, summary.started_at, "unchanged",
                       summary.counts())  # fmt: skip
        return summary
    summary.validation = step("validate", validate_run, request)
    status = "validated" if summary.validation.passed else "blocked"
    raw.record_run(paths.build_db, request.run_id, summary.started_at, status, summary.counts())
    if not summary.validation.passed:
        raise ChecksBlocked(
            "blocking checks failed, nothing published:",
            *summary.validation.describe_failures().splitlines(),
            f"validation report: {summary.validation.docs_index}",
        )
    summary.published = Path(
        step("publish", publish_run, request, summary.counts(), built["inputs_digest"])
    )
    summary.validation.docs_index = paths.validation / "index.html"  # now in the publication
    return summary


@contextlib.contextmanager
def registered_sources(request: RunRequest) -> Iterator[list[Source]]:
    """The chosen sources: the bundled mirror (served on loopback for the run) or a registry."""
    from scrapers.mirror.server import serve_mirror

    if request.use_mirror:
        with serve_mirror(port=mirror_port(request.paths.state)) as base_url:
            yield select_sources(load_registry(MIRROR_REGISTRY, base_url=base_url),
                                 request.sources)  # fmt: skip
    else:
        registry = Path(request.registry) if request.registry else None
        yield select_sources(load_registry(registry), request.sources)


def mirror_port(state: Path) -> int:
    """A free loopback port for the mirror, kept for this home's later runs: page identity
    is the URL, port included, so the same port keeps a re-run incremental."""
    from chitieu.net import free_port, port_is_free

    record_file = state / "mirror_port"
    if record_file.exists():
        port = int(record_file.read_text())
        if port_is_free(port):
            return port
    port = free_port()
    record_file.write_text(str(port))
    return port


def run_local(request: RunRequest) -> RunSummary:
    """The plain run, without Prefect: what the benchmark calls."""
    with prepared(request) as request:
        with registered_sources(request) as sources:
            summary = run_crawl(request, sources)
        return finish(request, summary)
