"""`python -m flows.deployments [prefect deploy options]`: `prefect deploy` for this project;
`python -m flows.deployments ls`: the deployments with their schedules.

It is Prefect's own `prefect deploy` (reading prefect.yaml) with one fix: with the pinned
server stack (prefect 3.8.8, fastapi 0.153) the deploy command's "is a worker online?"
query sends `limit: null`, which the server rejects with 422 after the first deployment was
created, so `prefect deploy --all` stops there. The fix gives that query explicit paging.
Run it from the project folder with PREFECT_API_URL set (`chitieu server` does).

`prefect deployment ls` fails the same way (422, `limit: null`) on this stack; `ls` here
reads the same list straight from the REST API.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

POOL = "chitieu-process"  # as in prefect.yaml


def _patch_worker_query() -> None:
    from prefect.client.orchestration._work_pools import client as work_pools

    original = work_pools.WorkPoolAsyncClient.read_workers_for_work_pool

    async def read_workers_for_work_pool(
        self: Any,
        work_pool_name: str,
        worker_filter: Any = None,
        offset: int | None = None,
        limit: int | None = None,
    ) -> Any:
        return await original(self, work_pool_name, worker_filter, offset or 0, limit or 200)

    work_pools.WorkPoolAsyncClient.read_workers_for_work_pool = read_workers_for_work_pool  # type: ignore[method-assign]


def list_deployments(api_url: str) -> list[str]:
    """One line per deployment: name, work queue, schedules, paused or not."""
    import httpx

    response = httpx.post(
        f"{api_url.rstrip('/')}/deployments/filter", json={"limit": 200, "offset": 0}, timeout=30
    )
    response.raise_for_status()
    lines = []
    for row in sorted(response.json(), key=lambda r: r["name"]):
        crons = [f"{s['schedule']['cron']} ({s['schedule']['timezone']})" for s in row["schedules"]]
        state = "paused" if row.get("paused") else "active"
        lines.append(
            f"{row['name']:<22} {row['work_pool_name']}/{row['work_queue_name']:<10} "
            f"{state:<7} {', '.join(crons) or 'no schedule'}"
        )
    return lines


def ensure_pool(name: str = POOL) -> None:
    """The process work pool the deployments use, with Prefect's default job template."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.workers.process import ProcessWorker

    template = ProcessWorker.get_default_base_job_template()
    with get_client(sync_client=True) as client, contextlib.suppress(ObjectAlreadyExists):
        client.create_work_pool(
            WorkPoolCreate(name=name, type="process", base_job_template=template)
        )


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    if args[:1] == ["ls"]:
        import os

        print(
            "\n".join(
                list_deployments(os.environ.get("PREFECT_API_URL", "http://127.0.0.1:4200/api"))
            )
        )
        return
    ensure_pool()
    _patch_worker_query()
    from prefect.cli import app

    sys.argv = ["prefect", "--no-prompt", "deploy", *(args or ["--all"])]
    app()


if __name__ == "__main__":
    main()
