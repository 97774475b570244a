"""A real Prefect server with two process workers, shared by the operations tests.

Started once per test session on its own loopback port with a temporary PREFECT_HOME,
set up like `chitieu server` does (work pool, concurrency limits, `prefect deploy --all` of
prefect.yaml) and stopped at exit. Two process workers ("machine-a", "machine-b"), each with
its own CHITIEU_HOME as if on its own machine, take one flow run at a time. The scheduler is
off: the deployments keep their schedules, but no scheduled run starts during the tests.

The test process talks to the server over its REST API only: it never imports Prefect, so
it cannot disturb the embedded API that the other tests use.
"""

from __future__ import annotations

import atexit
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from app import server as chitieu_server

WORKERS = ("machine-a", "machine-b")
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


@dataclass
class Cluster:
    root: Path
    server: chitieu_server.Server
    workers: dict[str, subprocess.Popen] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def api(self) -> str:
        return self.server.api_url

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for a flow run in a child process of the test, against this server."""
        return chitieu_server.prefect_env(self.server.home, self.api, **extra)

    def machine_home(self, worker: str) -> Path:
        return self.root / worker

    # -- REST helpers ---------------------------------------------------------------------
    def post(self, path: str, body: dict | None = None) -> Any:
        response = httpx.post(f"{self.api}{path}", json=body or {}, timeout=60)
        response.raise_for_status()
        return response.json()

    def get(self, path: str) -> Any:
        response = httpx.get(f"{self.api}{path}", timeout=60)
        response.raise_for_status()
        return response.json()

    def deployments(self) -> dict[str, dict]:
        rows = self.post("/deployments/filter", {"limit": 200, "offset": 0})
        return {row["name"]: row for row in rows}

    def run_deployment(self, name: str, parameters: dict) -> str:
        deployment = self.deployments()[name]
        run = self.post(
            f"/deployments/{deployment['id']}/create_flow_run", {"parameters": parameters}
        )
        return run["id"]

    def wait(self, run_ids: list[str], timeout: float = 300) -> list[dict]:
        deadline = time.monotonic() + timeout
        while True:
            runs = [self.get(f"/flow_runs/{run_id}") for run_id in run_ids]
            if all(r["state_type"] in FINAL for r in runs):
                return runs
            if time.monotonic() > deadline:
                states = {r["name"]: r["state_type"] for r in runs}
                raise TimeoutError(f"flow runs not finished after {timeout} s: {states}")
            time.sleep(1)

    def logs(self, run_id: str) -> str:
        rows = self.post(
            "/logs/filter",
            {"logs": {"flow_run_id": {"any_": [run_id]}}, "limit": 200, "offset": 0},
        )
        return "\n".join(r["message"] for r in rows)

    def artifacts(self, run_id: str) -> list[dict]:
        """Artifacts of a flow run and of its task runs."""
        return self.post(
            "/artifacts/filter",
            {"artifacts": {"flow_run_id": {"any_": [run_id]}}, "limit": 50, "offset": 0},
        )

    def online_workers(self) -> set[str]:
        rows = self.post(
            f"/work_pools/{chitieu_server.POOL}/workers/filter",
            {"workers": {"status": {"any_": ["ONLINE"]}}, "limit": 50, "offset": 0},
        )
        return {row["name"] for row in rows}

    def stop(self) -> None:
        for process in self.workers.values():
            chitieu_server.stop_process(process)
        self.server.stop()


_CLUSTER: Cluster | None = None


def cluster() -> Cluster:
    """The session's server (set up, deployed) with its two workers online."""
    global _CLUSTER
    if _CLUSTER is None:
        _CLUSTER = _start()
        atexit.register(_CLUSTER.stop)
    return _CLUSTER


def _start() -> Cluster:
    root = Path(tempfile.mkdtemp(prefix="chitieu-prefect-"))
    home = root / "prefect-home"
    started = time.monotonic()
    # schedules are stored and checked, but no scheduled run may start during the tests
    server = chitieu_server.start_server(
        home, timeout=240, PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED="false"
    )
    result = Cluster(root=root, server=server)
    result.timings["server_start"] = time.monotonic() - started
    try:
        started = time.monotonic()
        chitieu_server.setup(server.api_url, home)
        result.timings["setup_and_deploy"] = time.monotonic() - started
        started = time.monotonic()
        for name in WORKERS:
            result.workers[name] = chitieu_server.start_worker(
                server.api_url, home, name=name, limit=1,
                env={"CHITIEU_HOME": str(result.machine_home(name)), "CHITIEU_WORKER_NAME": name,
                     "PREFECT_WORKER_QUERY_SECONDS": "2"},
            )  # fmt: skip
        _wait_for_workers(result, timeout=180)
        result.timings["workers_online"] = time.monotonic() - started
    except BaseException:
        result.stop()
        raise
    return result


def _wait_for_workers(result: Cluster, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while result.online_workers() != set(WORKERS):
        for name, process in result.workers.items():
            if process.poll() is not None:
                log = (result.server.home / f"worker-{name}.log").read_text(errors="replace")
                raise RuntimeError(f"worker {name} exited:\n{log[-3000:]}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"workers not online after {timeout} s")
        time.sleep(1)
