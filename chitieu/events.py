"""Progress events, neutral ground between the layers.

Code anywhere reports progress with `emit(stage, done, total)`; whoever shows it (the CLI's
progress bars, a Prefect progress artifact) subscribes with `listening(listener)`. Nobody
listening costs a loop over an empty list. In-process only: a worker's events stay there.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator

log = logging.getLogger(__name__)
Listener = Callable[[str, int, int], None]
_LISTENERS: list[Listener] = []


def emit(stage: str, done: int, total: int) -> None:
    for listener in list(_LISTENERS):
        try:
            listener(stage, done, total)
        except Exception:  # progress is a courtesy, never a failure
            log.debug("progress listener failed", exc_info=True)


@contextlib.contextmanager
def listening(listener: Listener) -> Iterator[None]:
    _LISTENERS.append(listener)
    try:
        yield
    finally:
        _LISTENERS.remove(listener)


Noticer = Callable[[tuple[str, ...]], None]
_NOTICERS: list[Noticer] = []


def notice(*lines: str) -> None:
    """Something the user should read now (e.g. "the working warehouse was restored")."""
    for noticer in list(_NOTICERS):
        with contextlib.suppress(Exception):
            noticer(lines)


@contextlib.contextmanager
def noticing(noticer: Noticer) -> Iterator[None]:
    _NOTICERS.append(noticer)
    try:
        yield
    finally:
        _NOTICERS.remove(noticer)
