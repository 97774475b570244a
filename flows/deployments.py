"""`python -m flows.deployments [--all | NAME ...]`: the deployments of prefect.yaml, applied;
`python -m flows.deployments ls`: the deployments with their schedules.

prefect.yaml declares the deployments. They are applied with Prefect's public
`RunnerDeployment.from_entrypoint(...).apply()`, from this checkout (its folder becomes each
deployment's working directory, as `prefect deploy` records it), rather than with the
`prefect deploy` command: on the pinned stack (prefect 3.8.8, fastapi 0.153) that command's
"is a worker online?" query sends `limit: null`, which the server rejects with 422 after the
first deployment. `prefect deployment ls` fails the same way; `ls` here reads the same list
straight from the REST API. Run it with PREFECT_API_URL set (`chitieu server` does).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from chitieu.settings import PROJECT_ROOT

POOL = "chitieu-process"  # as in prefect.yaml
PREFECT_YAML = PROJECT_ROOT / "prefect.yaml"


def declared(path: Path = PREFECT_YAML) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["deployments"]


def apply(spec: dict[str, Any]) -> Any:
    """One deployment of prefect.yaml, created or updated on the API."""
    from prefect.deployments.runner import RunnerDeployment
    from prefect.schedules import Cron

    schedules = [Cron(s["cron"], timezone=s.get("timezone")) for s in spec.get("schedules") or []]
    pool = spec.get("work_pool") or {}
    deployment = RunnerDeployment.from_entrypoint(
        entrypoint=spec["entrypoint"],
        name=spec["name"],
        description=spec.get("description"),
        tags=spec.get("tags"),
        parameters=spec.get("parameters") or {},
        schedules=schedules,
        concurrency_limit=spec.get("concurrency_limit"),
        work_pool_name=pool.get("name", POOL),
        work_queue_name=pool.get("work_queue_name"),
    )
    return deployment.apply()


def deploy_all(names: list[str] | None = None) -> list[str]:
    """Apply the named deployments (default: all) from the project folder."""
    os.chdir(PROJECT_ROOT)  # entrypoints and the recorded working directory are relative
    done = []
    for spec in declared():
        if not names or spec["name"] in names:
            apply(spec)
            done.append(spec["name"])
    return done


def list_deployments(api_url: str) -> list[str]:
    """One line per deployment: name, work queue, schedules, paused or not."""
    import httpx

    from flows.runtime import api_auth

    response = httpx.post(
        f"{api_url.rstrip('/')}/deployments/filter", json={"limit": 200, "offset": 0},
        timeout=30, auth=api_auth(),
    )  # fmt: skip
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
        api_url = os.environ.get("PREFECT_API_URL", "http://127.0.0.1:4200/api")
        print("\n".join(list_deployments(api_url)))
        return
    ensure_pool()
    names = [a for a in args if a != "--all"]
    for name in deploy_all(names or None):
        print(f"deployment applied: {name}")


if __name__ == "__main__":
    main()
