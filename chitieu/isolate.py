"""Running a heavy stage in a fresh process.

dbt and Great Expectations import hundreds of megabytes of libraries and keep buffers and
global state for the life of the process. Run in a spawned child, a stage gives all of it
back when it returns, so the pipeline's memory peaks at its largest stage, not at the sum of
them, and no two dbt invocations ever share a process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def in_child(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` in a spawned child process; its exceptions are raised here. When no child
    can be started (a script without a `__main__` guard), `fn` runs in this process."""
    try:
        with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
            future = pool.submit(fn, *args)
            return future.result()
    except BrokenProcessPool:
        log.warning("%s could not run in a child process; running it here", fn.__name__)
        return fn(*args)
