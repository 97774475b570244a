"""A real Prefect server for chitieu: start it, create the pool and limits, deploy the flows.

`chitieu server` starts `prefect server start` on 127.0.0.1 with its home (SQLite database)
in `<state>/prefect-server`, then `setup()`s it, starts local workers and waits. With
PREFECT_API_URL already set it only sets up that server (an existing one) and starts workers.

No open door: it listens on loopback unless `--host` says otherwise, and beyond loopback only
with basic auth (`PREFECT_SERVER_API_AUTH_STRING=user:password`, which the workers and every
client then send as `PREFECT_API_AUTH_STRING`). SIGTERM stops the workers, then the server.

Everything talks to Prefect through its CLI in child processes: the parent never imports
Prefect, so one process can drive several servers (the tests do).
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from chitieu.errors import ConfigError
from chitieu.net import free_port
from chitieu.settings import PROJECT_ROOT
from flows.runtime import (
    CLIENT_AUTH,
    SERVER_AUTH,
    WAREHOUSE_LIMIT,
    api_auth,
    host_limit_name,
    source_hosts,
)
from scrapers.registry import load_registry

log = logging.getLogger(__name__)

POOL = "chitieu-process"
QUEUES = ("warehouse", "crawl")
PREFECT = [sys.executable, "-m", "prefect"]
LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_exposure(host: str) -> str | None:
    """The auth string to use; ConfigError when `host` is beyond loopback without one."""
    auth = os.environ.get(SERVER_AUTH)
    if auth is not None and ":" not in auth:
        raise ConfigError(f"{SERVER_AUTH} should be user:password")
    if not is_loopback(host) and not auth:
        raise ConfigError(
            f"refusing to listen on {host} without authentication",
            f"set {SERVER_AUTH}=user:password (workers and clients: {CLIENT_AUTH}), "
            "or keep the default --host 127.0.0.1",
        )
    return auth


def prefect_env(home: Path, api_url: str | None = None, **extra: str) -> dict[str, str]:
    """Environment of a Prefect child process: its home, no telemetry, the API to use."""
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_HOME")}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_LOGGING_LEVEL=os.environ.get("PREFECT_LOGGING_LEVEL", "INFO"),
        PYTHONPATH=str(PROJECT_ROOT),
    )
    if api_url:
        env["PREFECT_API_URL"] = api_url
    env.update(extra)
    return env


@dataclass
class Server:
    process: subprocess.Popen
    api_url: str
    home: Path

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen, grace: float = 20.0) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds: its whole process group."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_healthy(api_url: str, timeout: float, process: subprocess.Popen | None = None) -> float:
    """Seconds until `<api>/health` answers; raises when the server died or took too long."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"Prefect server exited with {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):  # /health answers without auth
            if httpx.get(f"{api_url}/health", timeout=5).status_code == 200:
                return time.monotonic() - start
        time.sleep(0.5)
    raise TimeoutError(f"Prefect server at {api_url} not healthy after {timeout:.0f} s")


def start_server(
    home: Path,
    port: int | None = None,
    *,
    log_file: Path | None = None,
    timeout: float = 180,
    host: str = LOOPBACK,
    **env: str,
) -> Server:
    """`prefect server start` on `host` (loopback by default); `env`: extra PREFECT_*
    settings of the server (e.g. PREFECT_SERVER_API_AUTH_STRING)."""
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    reach = LOOPBACK if host in ("0.0.0.0", "::") else host  # where this machine reaches it
    api_url = f"http://{reach if ':' not in reach else f'[{reach}]'}:{port}/api"
    out = open(log_file or home / "server.log", "ab")  # noqa: SIM115 - lives as long as the server
    process = subprocess.Popen(
        [*PREFECT, "server", "start", "--host", host, "--port", str(port)],
        env=prefect_env(home, **env),
        stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=PROJECT_ROOT,
    )  # fmt: skip
    try:
        took = wait_healthy(api_url, timeout, process)
    except BaseException:
        stop_process(process)
        raise
    log.info("Prefect server at %s healthy after %.1f s (home %s)", api_url, took, home)
    return Server(process, api_url, home)


def setup(api_url: str, home: Path, hosts: list[str] | None = None) -> None:
    """Create the work pool and the concurrency limits (if missing), deploy prefect.yaml.

    One crawl at a time per host of the registry (`hosts`, default: scrapers/sources.yaml),
    one writer of the warehouse at a time."""
    hosts = source_hosts(load_registry()) if hosts is None else hosts
    for name in (WAREHOUSE_LIMIT, *(host_limit_name(h) for h in hosts)):
        create_limit(api_url, name, 1)
    deploy(api_url, home)


def deploy(api_url: str, home: Path) -> str:
    """The work pool (if missing), then `prefect deploy --all` of prefect.yaml (through
    flows.deployments: see why there)."""
    result = subprocess.run(
        [sys.executable, "-m", "flows.deployments", "--all"], env=prefect_env(home, api_url),
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"prefect deploy failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def create_limit(api_url: str, name: str, limit: int) -> None:
    """A global concurrency limit; an existing one keeps its (possibly tuned) value."""
    response = httpx.post(
        f"{api_url}/v2/concurrency_limits/", json={"name": name, "limit": limit}, timeout=30,
        auth=api_auth(),
    )  # fmt: skip
    if response.status_code not in (200, 201, 409):
        response.raise_for_status()


def start_worker(
    api_url: str, home: Path, *, name: str, limit: int | None = None,
    queues: tuple[str, ...] = (), log_file: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.Popen:  # fmt: skip
    """A process worker on the chitieu pool; flow runs are child processes of it."""
    args = [*PREFECT, "worker", "start", "--pool", POOL, "--type", "process", "--name", name]
    for queue in queues:
        args += ["--work-queue", queue]
    if limit:
        args += ["--limit", str(limit)]
    out = open(log_file or home / f"worker-{name}.log", "ab")  # noqa: SIM115
    return subprocess.Popen(
        args, env=prefect_env(home, api_url, **(env or {})), cwd=PROJECT_ROOT,
        stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


@contextlib.contextmanager
def running(processes: list[subprocess.Popen]) -> Iterator[None]:
    """On the way out, the workers (started last) first, all at once; then the server."""
    try:
        yield
    finally:
        workers, server = processes[1:], processes[:1]
        for group in (workers, server) if processes else ():
            stop_all(group)


def stop_all(processes: list[subprocess.Popen], grace: float = 30.0) -> None:
    """SIGTERM to every process group at once; SIGKILL to those still there after `grace`."""
    live = [p for p in processes if p.poll() is None]
    for process in live:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for process in live:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log.warning("pid %d did not stop in %.0f s: killed", process.pid, grace)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _leave(*_: object) -> None:
    # a second SIGTERM must not cut the children's shutdown short
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sys.exit(0)


def serve(
    state: Path,
    port: int,
    workers: int,
    chitieu_home: str | None = None,
    setup_only: bool = False,
    host: str = LOOPBACK,
) -> int:
    """`chitieu server`: a server (unless PREFECT_API_URL is set), setup, local workers."""
    home = state / "prefect-server"
    existing = os.environ.get("PREFECT_API_URL")
    auth = None if existing else check_exposure(host)
    if auth:  # our own calls, `prefect deploy` and the workers authenticate with it
        os.environ[CLIENT_AUTH] = auth
    # systemd stops services with SIGTERM: leave through `running` so the children stop too
    signal.signal(signal.SIGTERM, _leave)
    children: list[subprocess.Popen] = []
    with running(children):
        api_url = existing
        if not existing:
            server = start_server(home, port, host=host)
            children.append(server.process)
            api_url = server.api_url
        assert api_url
        setup(api_url, home)
        if setup_only:
            print(f"work pool, limits and deployments set up on {api_url}")
            return 0
        for i in range(workers):
            # the workers' flow runs use the same state and warehouse folders as this command
            env = {"CHITIEU_HOME": chitieu_home} if chitieu_home else {}
            name = f"{socket.gethostname()}-{i}"
            children.append(start_worker(api_url, home, name=name, env=env))
        print(f"Prefect API: {api_url}" + (" (basic auth)" if auth else ""))
        print(f"UI:          {api_url.removesuffix('/api')}")
        print(f"deployments: PREFECT_API_URL={api_url} prefect deployment ls")
        print(f"workers:     {workers} on pool {POOL} (logs in {home}); Ctrl-C stops everything",
              flush=True)  # fmt: skip
        try:
            while all(p.poll() is None for p in children):
                time.sleep(1)
        except KeyboardInterrupt:
            return 0
    return 1
