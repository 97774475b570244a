"""Operating concerns shared by the flows: concurrency limits, progress, checkpoints.

Concurrency limits are Prefect *global concurrency limits*, looked up by name on the API
the run talks to. A limit that does not exist is not enforced (Prefect's `strict=False`),
so the flows run unchanged on the embedded API of a local run; `chitieu server` creates
the limits on a real server.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapers.registry import Source

log = logging.getLogger(__name__)

WAREHOUSE_LIMIT = "chitieu-warehouse-writer"  # one writer of the build warehouse at a time
HOST_LIMIT_PREFIX = "chitieu-host-"  # one crawl per host across all workers
CRASH_ENV = "CHITIEU_CRASH_AFTER"  # test hook: exit hard right after this stage is recorded

# Local listeners (the CLI's progress bar): called with (stage, done, total).
PROGRESS_LISTENERS: list[Callable[[str, int, int], None]] = []


def host_limit_name(host: str) -> str:
    return HOST_LIMIT_PREFIX + host.replace(":", "-")


def source_hosts(sources: list[Source]) -> list[str]:
    return sorted({urlsplit(s.base_url).hostname or s.name for s in sources})


@contextlib.contextmanager
def limited(names: list[str], timeout_seconds: float | None = None) -> Iterator[None]:
    """Hold one slot of each named limit; a limit that does not exist is not enforced."""
    from prefect.concurrency.sync import concurrency
    from prefect.settings import get_current_settings

    # a local run on the embedded API has no limits to honour: skip the lookups (and warnings)
    if not names or not get_current_settings().api.url:
        yield
        return

    with concurrency(names, occupy=1, timeout_seconds=timeout_seconds, strict=False):
        yield


def host_limits(sources: list[Source]) -> contextlib.AbstractContextManager[None]:
    """No two crawls of the same host at once, across every worker of the server."""
    return limited([host_limit_name(h) for h in source_hosts(sources)])


def warehouse_writer() -> contextlib.AbstractContextManager[None]:
    """The single-writer rule for the build warehouse, across deployments and machines."""
    return limited([WAREHOUSE_LIMIT])


def build_inputs_digest(db: Path) -> str:
    """What a build reads: the raw tables (row counts, last load), the dbt project, the
    checks and the extractor. Equal digests mean a rebuild would publish the same thing."""
    from chitieu import raw
    from chitieu.extraction import extractor_version
    from chitieu.settings import DBT_PROJECT_DIR, PROJECT_ROOT

    digest = hashlib.sha256(extractor_version().encode())
    with raw.connect(db, read_only=True) as con:
        for table in ("pages", "articles", "figures"):
            row = con.execute(f"select count(*), max(loaded_at) from raw.{table}").fetchone()
            digest.update(f"{table}:{row}".encode())
    code = [DBT_PROJECT_DIR / d for d in ("models", "seeds", "macros", "tests")]
    files = [f for d in code if d.exists() for f in d.rglob("*") if f.is_file()]
    files += [DBT_PROJECT_DIR / "dbt_project.yml", *(PROJECT_ROOT / "expectations").glob("*.py")]
    for path in sorted(f for f in files if f.exists()):
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class CrawlProgress:
    """A Prefect progress artifact for a crawl, updated at most once a second."""

    def __init__(self, key: str = "chitieu-crawl-progress", every: float = 1.0) -> None:
        self.key, self.every = key, every
        self._artifact_id: Any = None
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        for listener in PROGRESS_LISTENERS:
            listener("crawl", done, total)
        now = time.monotonic()
        if done < total and now - self._last < self.every:
            return
        self._last = now
        percent = 100.0 * done / total if total else 100.0
        with contextlib.suppress(Exception):  # progress is a courtesy, never a failure
            self._report(percent, f"{done}/{total} article pages")

    def _report(self, percent: float, description: str) -> None:
        from prefect.artifacts import create_progress_artifact, update_progress_artifact

        if self._artifact_id is None:
            self._artifact_id = create_progress_artifact(
                progress=percent, key=self.key, description=description
            )
        else:
            update_progress_artifact(self._artifact_id, progress=percent, description=description)


def notify(stage: str, done: int, total: int) -> None:
    for listener in PROGRESS_LISTENERS:
        listener(stage, done, total)


class Checkpoints:
    """Finished stages of one run, so that a crashed run resumes where it stopped.

    `<state>/runs/<run_id>/<stage>.pkl` holds the stage's output; written atomically,
    after the stage's effects are durable (the raw layer commits first)."""

    def __init__(self, state: Path, run_id: str) -> None:
        self.folder = state / "runs" / run_id

    def done(self, stage: str) -> bool:
        return (self.folder / f"{stage}.pkl").exists()

    def load(self, stage: str) -> Any:
        return pickle.loads((self.folder / f"{stage}.pkl").read_bytes())

    def save(self, stage: str, value: Any) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{stage}.pkl.tmp"
        tmp.write_bytes(pickle.dumps(value))
        os.replace(tmp, self.folder / f"{stage}.pkl")
        if os.environ.get(CRASH_ENV) == stage:
            log.warning("%s=%s: exiting hard after recording the stage", CRASH_ENV, stage)
            os._exit(70)

    def prune(self, keep: int = 10) -> None:
        """Forget all but the newest `keep` runs: only a crashed run needs its stages."""
        runs = sorted(self.folder.parent.iterdir(), key=lambda p: p.stat().st_mtime)
        for old in runs[:-keep]:
            shutil.rmtree(old, ignore_errors=True)

    def run(self, stage: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """The stage's recorded output when it already finished in this run, else run it."""
        if self.done(stage):
            log.info("resume: stage %s already done, skipped", stage)
            return self.load(stage)
        value = fn(*args, **kwargs)
        self.save(stage, value)
        return value
