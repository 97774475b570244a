"""dbt, run in-process on the pipeline's working warehouse."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from chitieu.settings import DBT_PROJECT_DIR, Paths

log = logging.getLogger(__name__)

# dbt keeps global state: two invocations in one process must never overlap.
_DBT_LOCK = threading.Lock()


@dataclass
class DbtOutcome:
    success: bool
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


class DbtBuildError(RuntimeError):
    """dbt build failed: the working warehouse must not be published."""


def run_dbt(paths: Paths, db: Path, *args: str) -> DbtOutcome:
    """Invoke `dbt <args>` against `db`; the file is unlocked when this returns
    (profiles.yml sets keep_open: false)."""
    from dbt.cli.main import dbtRunner

    os.environ["CHITIEU_DBT_DB_PATH"] = str(db)
    cli_args = [
        *args,
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(paths.dbt_target),
        "--log-path", str(paths.state / "dbt" / "logs"),
        "--quiet",
    ]  # fmt: skip
    with _DBT_LOCK:
        result = dbtRunner().invoke(cli_args)
    return _outcome(result)


def _outcome(result) -> DbtOutcome:
    counts: dict[str, int] = {}
    failures: list[str] = []
    for node_result in getattr(result.result, "results", None) or []:
        status = str(node_result.status).lower().split(".")[-1]
        resource = node_result.node.resource_type
        key = f"{resource}_{status}"
        counts[key] = counts.get(key, 0) + 1
        if status in {"error", "fail"}:
            failures.append(f"{node_result.node.unique_id}: {node_result.message}")
    if result.exception is not None:
        failures.append(f"dbt raised: {result.exception}")
    return DbtOutcome(success=bool(result.success), counts=counts, failures=failures)


def build(paths: Paths, db: Path) -> DbtOutcome:
    outcome = run_dbt(paths, db, "build")
    if not outcome.success:
        raise DbtBuildError("dbt build failed:\n  " + "\n  ".join(outcome.failures))
    return outcome
