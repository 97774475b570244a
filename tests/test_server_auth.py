"""No open door: `chitieu server` beyond loopback only with basic auth; with it, an
unauthenticated request gets 401 and an authenticated worker still runs a deployment;
SIGTERM stops the server and its workers cleanly."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from chitieu import landing
from chitieu.net import free_port
from scrapers.mirror.server import serve_mirror

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    return {**env, "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false", **extra}


def _server(home: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--home", str(home), "server", *args],
        cwd=ROOT, env=_env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except OSError:
        return False
    return state != "Z"


def test_beyond_loopback_without_auth_is_refused(tmp_path):
    process = _server(tmp_path, "--host", "0.0.0.0", "--port", str(free_port()))
    _, err = process.communicate(timeout=120)
    assert process.returncode == 3, err
    assert "refusing to listen on 0.0.0.0 without authentication" in err
    assert "PREFECT_SERVER_API_AUTH_STRING=user:password" in err and "Traceback" not in err


def _wait_run(api: str, auth: tuple[str, str], run_id: str, timeout: float = 300) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = httpx.get(f"{api}/flow_runs/{run_id}", auth=auth, timeout=60).json()
        if run["state_type"] in FINAL:
            return run
        time.sleep(1)
    raise TimeoutError(f"flow run {run_id} not finished after {timeout} s")


def test_auth_server_refuses_strangers_runs_deployments_and_stops_on_sigterm(tmp_path):
    password = secrets.token_hex(12)
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    server = _server(tmp_path / "home", "--port", str(port), "--workers", "1",
                     PREFECT_SERVER_API_AUTH_STRING=f"chitieu:{password}")  # fmt: skip
    try:
        assert server.stdout is not None
        for line in server.stdout:  # the last line of the banner: set up, workers started
            if line.startswith("workers:"):
                break
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        auth = ("chitieu", password)
        assert httpx.post(f"{api}/deployments/filter", json={}, timeout=60).status_code == 401
        wrong = httpx.post(f"{api}/deployments/filter", json={}, auth=("chitieu", "x"), timeout=60)
        assert wrong.status_code == 401
        deployments = httpx.post(f"{api}/deployments/filter", json={}, auth=auth, timeout=60)
        shard = next(d for d in deployments.json() if d["name"] == "crawl-shard")
        store = tmp_path / "landing"
        with serve_mirror() as base_url:
            run = httpx.post(
                f"{api}/deployments/{shard['id']}/create_flow_run", auth=auth, timeout=60,
                json={"parameters": {"shard": 0, "shards": 1, "landing": str(store),
                                     "registry": "mirror", "base_url": base_url,
                                     "sources": ["mirror_news"]}},
            ).json()  # fmt: skip
            finished = _wait_run(api, auth, run["id"])
        assert finished["state_type"] == "COMPLETED"  # the worker authenticated
        assert landing.list_batches(str(store))[0]["flow_run_id"] == run["id"]
        children = _children(server.pid)
        assert len(children) == 2  # the Prefect server and one worker
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=120) == 0
        assert not [pid for pid in children if _alive(pid)]
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
