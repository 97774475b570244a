"""Errors that end a command with a few clear lines and a documented exit code.

Raise one of these anywhere below the CLI: `app.cli.main` prints its lines to stderr,
writes the traceback to the log file and exits with its `exit_code` (see `chitieu.vocab`).
"""

from __future__ import annotations

from chitieu.vocab import ExitCode


class ChitieuError(Exception):
    """A failure the user can act on; `lines` say what happened and what to do."""

    exit_code: ExitCode = ExitCode.FAILED

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines: tuple[str, ...] = lines


class ConfigError(ChitieuError, ValueError):
    """Bad configuration or usage: a registry, a folder, an argument."""

    exit_code = ExitCode.CONFIG


class ChecksBlocked(ChitieuError):
    """Blocking checks failed; nothing was published."""

    exit_code = ExitCode.BLOCKED


class RunActive(ChitieuError):
    """Another run holds this home's lock."""

    exit_code = ExitCode.RUN_ACTIVE
