"""The main job as a Prefect flow: the plain stages of `flows.stages`, each run as a task.

The flow only orchestrates. Tasks get paths and small values; rows travel as landing
batches and tables. Retries only where there is I/O that can fail for passing reasons (the
crawl). A run's tasks are cached by its run id with their (small) results persisted, so a
crashed run resumed with `resume_run_id` skips what it finished; validation always runs.
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from chitieu.summary import RunSummary
from flows import stages
from flows.runtime import CrawlProgress, host_limits, warehouse_writer

TASKS: dict[str, dict[str, Any]] = {
    "crawl": {"retries": 1, "retry_delay_seconds": 10, "timeout_seconds": 6 * 3600},
    "load": {},
    "extract": {},
    "build": {"timeout_seconds": 1800},
    "validate": {"timeout_seconds": 1800, "cache_policy": NO_CACHE},
    "publish": {},
}


def task_step(request: stages.RunRequest) -> stages.Step:
    """A `step` for `stages.run`: each stage a task run, cached for this run id only."""
    results = request.paths.state / "results"

    def step(name: str, fn: Any, *args: Any) -> Any:
        options = dict(TASKS[name])
        if "cache_policy" not in options:
            options.update(
                cache_key_fn=lambda *_: f"chitieu-{request.run_id}-{name}",
                persist_result=True,
                result_storage=results,
            )
        return task(fn, name=name, **options)(*args)

    return step


@flow(name="chitieu-pipeline", log_prints=False)
def chitieu_pipeline(
    home: str | None = None,
    registry: str | None = None,
    use_mirror: bool = True,
    sources: list[str] | None = None,
    full_reparse: bool = False,
    since: date | None = None,
    until: date | None = None,
    resume_run_id: str | None = None,
) -> RunSummary:
    """`since`/`until` (published dates, inclusive) limit which parsed articles are loaded;
    `resume_run_id` resumes a crashed run: its finished stages are not run again."""
    request = stages.RunRequest(
        home=home, registry=registry, use_mirror=use_mirror, sources=tuple(sources or ()),
        full_reparse=full_reparse, since=since, until=until,
        **({"run_id": resume_run_id} if resume_run_id else {}),
    )  # fmt: skip
    with stages.prepared(request) as request:
        step = task_step(request)
        # one crawl per host across all workers; progress shows as a Prefect artifact
        with stages.registered_sources(request) as chosen, host_limits(chosen), CrawlProgress():
            summary = stages.run_crawl(request, chosen, step)
        with warehouse_writer():
            try:
                stages.finish(request, summary, step)
            finally:
                _artifact(summary)
    get_run_logger().info("published %s", summary.published)
    return summary


def _artifact(summary: RunSummary) -> None:
    with contextlib.suppress(Exception):  # an artifact is a courtesy, never a failure
        create_markdown_artifact(
            key="chitieu-run-summary", markdown=summary.markdown(), description="chitieu run"
        )
