"""Scale-out: the same stages, more shards on more workers, one writer.

    chitieu-scaleout (warehouse machine)
      ├─ chitieu-crawl-shard  shard 0 of N ─► any worker ─► <landing>/batches/<id>/*.parquet
      ├─ chitieu-crawl-shard  shard 1 of N ─► any worker ─► ...
      └─ chitieu-load-landing (subflow) ─► raw.* of the working warehouse ─► dbt ─► GX ─► publish

A shard run is the crawl stage of a local run, on a share of the sources, writing to a shared
landing store; workers never open the warehouse. `load_landing` is the rest of a local run:
the one loader loads each batch exactly once (`raw.landing_files`).
"""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.deployments import run_deployment
from prefect.flow_runs import wait_for_flow_run
from prefect.utilities.asyncutils import run_coro_as_sync

from chitieu.settings import PROJECT_ROOT, Paths
from chitieu.summary import RunSummary
from flows import stages
from flows.pipeline import task_step
from flows.runtime import CrawlProgress, host_limits, warehouse_writer
from scrapers.crawl import summarise
from scrapers.registry import DEFAULT_REGISTRY, MIRROR_REGISTRY, Source, load_registry

SHARD_DEPLOYMENT = "chitieu-crawl-shard/crawl-shard"
LANDING_ENV = "CHITIEU_LANDING"


def landing_location(landing: str | None, home: str | None) -> str:
    """The landing store: the parameter, else $CHITIEU_LANDING, else `<state>/landing`."""
    return landing or os.environ.get(LANDING_ENV) or str(Paths.from_env(home).landing)


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


@flow(name="chitieu-crawl-shard", log_prints=False)
def crawl_shard(
    shard: int = 0,
    shards: int = 1,
    landing: str | None = None,
    registry: str | None = None,
    base_url: str | None = None,
    sources: list[str] | None = None,
    home: str | None = None,
) -> dict[str, Any]:
    """Crawl one shard of the registry into the landing store (pages, articles, figures).
    The archive (for conditional GETs) is this machine's state folder."""
    from prefect.runtime import flow_run

    request = stages.RunRequest(
        home=home, registry=registry, use_mirror=False, landing=landing_location(landing, home)
    )
    chosen = shard_of(
        stages.select_sources(registry_sources(registry, base_url), tuple(sources or ())),
        shard, shards,
    )  # fmt: skip
    get_run_logger().info("shard %d/%d: %s", shard, shards, [s.name for s in chosen])
    request.paths.ensure()
    meta = {"shard": shard, "shards": shards, "flow_run_id": str(flow_run.id)}
    with host_limits(chosen), CrawlProgress():
        outcome = task_step(request)("crawl", stages.crawl, chosen, request, meta)
    return {"batches": outcome.batches, "crawl": outcome.counts}


@flow(name="chitieu-load-landing", log_prints=False)
def load_landing(
    landing: str | None = None, home: str | None = None, build: bool = True
) -> dict[str, Any]:
    """Load every new landing batch, then build, validate and publish (skipped when the
    inputs are those of the published warehouse)."""
    request = stages.RunRequest(
        home=home, use_mirror=False, landing=landing_location(landing, home)
    )
    with stages.prepared(request) as request:
        step = task_step(request)
        summary = RunSummary(request.run_id, datetime.now(UTC), request.paths.ensure())
        with warehouse_writer():
            if not build:
                summary.loaded = step("load", stages.load, request)
            else:
                stages.finish(request, summary, step)
        if summary.loaded.get("crawl"):
            summary.crawl = summarise(summary.loaded["crawl"])
    built = build and not summary.build_skipped
    published = str(summary.published) if summary.published else None
    return {"run_id": request.run_id, "loaded": summary.loaded, "built": built,
            "published": published}  # fmt: skip


@flow(name="chitieu-scaleout", log_prints=False)
def scaleout(
    shards: int = 2,
    landing: str | None = None,
    registry: str | None = None,
    base_url: str | None = None,
    sources: list[str] | None = None,
    home: str | None = None,
    shard_deployment: str = SHARD_DEPLOYMENT,
    timeout_seconds: int = 6 * 3600,
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

    async def wait_all() -> list[Any]:
        return await asyncio.gather(
            *(wait_for_flow_run(r.id, timeout=timeout_seconds) for r in submitted)  # type: ignore[union-attr]
        )

    runs: list[Any] = run_coro_as_sync(wait_all()) or []
    failed = [r.name for r in runs if not (r.state and r.state.is_completed())]
    if failed:
        # the finished shards' batches stay in the landing store: the next load picks them up
        logger.warning("shard runs not completed: %s", failed)
    result = load_landing(landing=location, home=home)
    if failed:
        raise RuntimeError(f"{len(failed)} of {shards} shard runs failed: {failed}")
    return result
