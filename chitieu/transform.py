"""dbt, run in-process on the pipeline's working warehouse."""

from __future__ import annotations

import hashlib
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


def project_digest() -> str:
    """A digest of the dbt project's models, macros, seeds and settings."""
    digest = hashlib.sha256()
    folders = ("models", "macros", "seeds", "tests")
    files = [p for f in folders for p in (DBT_PROJECT_DIR / f).rglob("*") if p.is_file()]
    for path in sorted(files) + [DBT_PROJECT_DIR / "dbt_project.yml"]:
        digest.update(str(path.relative_to(DBT_PROJECT_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build(paths: Paths, db: Path) -> DbtOutcome:
    """`dbt build`; a full refresh when the project changed since the last good
    build, so incremental models never mix rows built by two versions of a model."""
    record = paths.state / "dbt" / "project_digest"
    current = project_digest()
    changed = not record.exists() or record.read_text() != current
    outcome = run_dbt(paths, db, "build", *(["--full-refresh"] if changed else []))
    if not outcome.success:
        raise DbtBuildError("dbt build failed:\n  " + "\n  ".join(outcome.failures))
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(current)
    return outcome
