"""`python -m flows.deployments [prefect deploy options]`: `prefect deploy` for this project.

It is Prefect's own `prefect deploy` (reading prefect.yaml) with one fix: with the pinned
server stack (prefect 3.8.8, fastapi 0.153) the deploy command's "is a worker online?"
query sends `limit: null`, which the server rejects with 422 after the first deployment was
created, so `prefect deploy --all` stops there. The fix gives that query explicit paging.
Run it from the project folder with PREFECT_API_URL set (`chitieu server` does).
"""

from __future__ import annotations

import sys
from typing import Any


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


def main(argv: list[str] | None = None) -> None:
    _patch_worker_query()
    from prefect.cli import app

    args = argv if argv is not None else sys.argv[1:]
    sys.argv = ["prefect", "--no-prompt", "deploy", *(args or ["--all"])]
    app()


if __name__ == "__main__":
    main()
