"""Scale-out: crawl shards on many workers, load their landing files with one writer.

    chitieu-scaleout (warehouse machine)
      ├─ chitieu-crawl-shard  shard 0 of N ─► any worker ─► <landing>/batches/<id>/*.parquet
      ├─ chitieu-crawl-shard  shard 1 of N ─► any worker ─► ...
      └─ chitieu-load-landing (subflow) ─► raw.* of the build warehouse ─► dbt ─► GX ─► publish

Workers never open the warehouse: they crawl, parse and extract figures, and write Parquet
batches to the landing store. `load_landing` is the only DuckDB writer; it records every
file it loaded in `raw.landing_files`, so a batch is loaded exactly once however often it runs.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.deployments import run_deployment

from chitieu import extraction, raw
from chitieu import landing as landing_files
from chitieu.settings import PROJECT_ROOT, Paths
from chitieu.summary import RunSummary
from flows import tasks
from flows.pipeline import _extract, finish_run
from flows.runtime import Checkpoints, build_inputs_digest, warehouse_writer
from scrapers.registry import DEFAULT_REGISTRY, MIRROR_REGISTRY, Source, load_registry

SHARD_DEPLOYMENT = "chitieu-crawl-shard/crawl-shard"
LANDING_ENV = "CHITIEU_LANDING"


def landing_location(landing: str | None, home: str | None) -> str:
    """The landing store: the parameter, else $CHITIEU_LANDING, else `<state>/landing`."""
    return landing or os.environ.get(LANDING_ENV) or str(Paths.from_env(home).state / "landing")


def registry_sources(registry: str | None, base_url: str | None) -> list[Source]:
    """Sources of a registry file; `mirror` names the bundled mirror's registry."""
    if registry == "mirror":
        path = MIRROR_REGISTRY
    else:
        path = Path(registry) if registry else DEFAULT_REGISTRY
        path = path if path.is_absolute() else PROJECT_ROOT / path
    return load_registry(path, base_url=base_url)


def shard_of(sources: list[Source], shard: int, shards: int) -> list[Source]:
    """Source i belongs to shard i % shards (registry order: stable across runs)."""
    if not 0 <= shard < shards:
        raise ValueError(f"shard {shard} is not in 0..{shards - 1}")
    return [s for i, s in enumerate(sources) if i % shards == shard]


@task(name="extract-articles")
def extract_articles(articles: list[dict]) -> list[dict]:
    """Figures of freshly parsed articles (scraper rows), as raw.figures rows."""
    rows = [raw.article_row(a) for a in articles]
    return extraction.extract_batch(
        [{"article_id": r["article_id"], "content_hash": r["content_hash"], "text": r["body_text"]}
         for r in rows]
    )  # fmt: skip


@task(name="write-landing", retries=2, retry_delay_seconds=10)
def write_landing(
    location: str, crawled: Any, figures: list[dict], meta: dict[str, Any]
) -> dict[str, Any]:
    return landing_files.write_batch(
        location, crawled.pages, crawled.articles, figures,
        extractor_version=extraction.extractor_version(), meta=meta,
    )  # fmt: skip


@flow(name="chitieu-crawl-shard", log_prints=False)
def crawl_shard(
    shard: int = 0,
    shards: int = 1,
    landing: str | None = None,
    registry: str | None = None,
    base_url: str | None = None,
    sources: list[str] | None = None,
    home: str | None = None,
    batch_size: int = 250,
) -> dict[str, Any]:
    """Crawl one shard of the registry and write its pages, articles and figures as a
    landing batch. The archive (for conditional GETs) is this machine's state folder."""
    logger = get_run_logger()
    paths = Paths.from_env(home).ensure()
    location = landing_location(landing, home)
    chosen = [
        s for s in shard_of(registry_sources(registry, base_url), shard, shards)
        if not sources or s.name in sources
    ]  # fmt: skip
    logger.info("shard %d/%d: %s", shard, shards, [s.name for s in chosen])
    crawled = tasks.crawl(chosen, paths.archive, False)
    articles = crawled.articles
    batches = [articles[i : i + batch_size] for i in range(0, len(articles), batch_size)]
    figures = [f for future in extract_articles.map(batches) for f in future.result()]
    from prefect.runtime import flow_run

    meta = {
        "shard": shard, "shards": shards, "sources": [s.name for s in chosen],
        "flow_run_id": str(flow_run.id), "crawl": crawled.counts(),
    }  # fmt: skip
    manifest = write_landing(location, crawled, figures, meta)
    logger.info("landing batch %s in %s", manifest["batch_id"], location)
    return manifest


@task(name="load-landing-files")
def load_landing_files(db: Path, location: str, run_id: str) -> landing_files.LoadReport:
    return landing_files.load_batches(db, location, run_id)


@flow(name="chitieu-load-landing", log_prints=False)
def load_landing(
    landing: str | None = None,
    home: str | None = None,
    build: bool = True,
    batch_size: int = 250,
) -> dict[str, Any]:
    """Load every new landing batch, then build, validate and publish.

    The build is skipped when nothing new was loaded and its inputs (raw tables, dbt project,
    checks, extractor) are the ones of the published warehouse."""
    logger = get_run_logger()
    paths = Paths.from_env(home).ensure()
    location = landing_location(landing, home)
    run_id = uuid.uuid4().hex
    summary = RunSummary(run_id=run_id, started_at=datetime.now(UTC), paths=paths)
    stamp = paths.build / "published_inputs"
    with warehouse_writer():
        report = load_landing_files(paths.build_db, location, run_id)
        summary.loaded, summary.crawl = report.counts(), report.crawl
        logger.info("loaded from %s: %s", location, summary.loaded)
        result: dict[str, Any] = {"run_id": run_id, "loaded": summary.loaded, "built": False}
        if not build:
            return result
        digest = build_inputs_digest(paths.build_db)
        unchanged = stamp.exists() and stamp.read_text() == digest
        if unchanged and paths.published.exists():
            logger.info("nothing new since the published warehouse: build skipped")
            return {**result, "published": str(paths.published)}
        summary.figures_extracted = _extract(paths, run_id, batch_size)
        finish_run(paths, summary, Checkpoints(paths.state, run_id))
        stamp.write_text(build_inputs_digest(paths.build_db))
    return {**result, "built": True, "published": str(summary.published)}


def _wait(flow_run_ids: list[Any], timeout: float, poll: float = 5.0) -> list[Any]:
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while True:
            runs = [client.read_flow_run(i) for i in flow_run_ids]
            if all(r.state and r.state.is_final() for r in runs):
                return runs
            if time.monotonic() > deadline:
                raise TimeoutError(f"shard runs still running after {timeout:.0f} s")
            time.sleep(poll)


@flow(name="chitieu-scaleout", log_prints=False)
def scaleout(
    shards: int = 2,
    landing: str | None = None,
    registry: str | None = None,
    base_url: str | None = None,
    sources: list[str] | None = None,
    home: str | None = None,
    shard_deployment: str = SHARD_DEPLOYMENT,
    timeout_seconds: float = 6 * 3600,
) -> dict[str, Any]:
    """Fan the crawl out to the work pool, one run per shard, then load and publish here."""
    logger = get_run_logger()
    location = landing_location(landing, home)
    submitted = [
        run_deployment(
            shard_deployment, timeout=0,
            parameters={"shard": k, "shards": shards, "landing": location,
                        "registry": registry, "base_url": base_url, "sources": sources},
        )
        for k in range(shards)
    ]  # fmt: skip
    runs = _wait([r.id for r in submitted], timeout_seconds)  # type: ignore[union-attr]
    failed = [r.name for r in runs if not r.state.is_completed()]
    if failed:
        # the finished shards' batches stay in the landing store: the next load picks them up
        logger.warning("shard runs not completed: %s", failed)
    result = load_landing(landing=location, home=home)
    if failed:
        raise RuntimeError(f"{len(failed)} of {shards} shard runs failed: {failed}")
    return result
