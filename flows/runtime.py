"""Operating concerns shared by the flows: concurrency limits and crawl progress.

Concurrency limits are Prefect *global concurrency limits*, looked up by name on the API
the run talks to. A limit that does not exist is not enforced (Prefect's `strict=False`),
so the flows run unchanged on the embedded API of a local run; `chitieu server` creates
the limits on a real server.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from chitieu import events
from scrapers.registry import Source

log = logging.getLogger(__name__)

SERVER_AUTH = "PREFECT_SERVER_API_AUTH_STRING"  # the server's expected `user:password`
CLIENT_AUTH = "PREFECT_API_AUTH_STRING"  # what workers and clients send
WAREHOUSE_LIMIT = "chitieu-warehouse-writer"  # one writer of the build warehouse at a time
HOST_LIMIT_PREFIX = "chitieu-host-"  # one crawl per host across all workers


def api_auth() -> tuple[str, str] | None:
    """Basic auth for our own REST calls, from the client's (or the server's) setting."""
    value = os.environ.get(CLIENT_AUTH) or os.environ.get(SERVER_AUTH)
    if not value:
        return None
    user, _, password = value.partition(":")
    return user, password


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


class CrawlProgress:
    """A Prefect progress artifact for a crawl, updated at most once a second (a listener of
    the crawl's `chitieu.events`)."""

    def __init__(self, key: str = "chitieu-crawl-progress", every: float = 1.0) -> None:
        self.key, self.every = key, every
        self._artifact_id: Any = None
        self._last = 0.0
        self._listening = events.listening(self)

    def __enter__(self) -> CrawlProgress:
        self._listening.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._listening.__exit__(None, None, None)

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != "crawl" or (done < total and now - self._last < self.every):
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
