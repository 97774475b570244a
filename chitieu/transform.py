"""dbt, run in-process on the pipeline's working warehouse."""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from chitieu.digest import tree_digest
from chitieu.isolate import in_child
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


def project_files() -> list[Path]:
    """The dbt project's models, macros, seeds, tests and settings."""
    folders = ("models", "macros", "seeds", "tests")
    files = [p for f in folders for p in (DBT_PROJECT_DIR / f).rglob("*") if p.is_file()]
    return [*files, DBT_PROJECT_DIR / "dbt_project.yml"]


def project_digest() -> str:
    return tree_digest(project_files(), DBT_PROJECT_DIR)[:16]


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


def write_docs(paths: Paths, db: Path, out_dir: Path) -> Path:
    """The analysts' documentation of the warehouse `db` (every model, column, test and the
    lineage) as one offline HTML file, `out_dir/index.html`: `dbt docs generate --static`
    embeds the manifest and the catalog in the page, which needs no server and no network.
    Raises DbtBuildError when dbt fails; the file is replaced atomically."""
    outcome = run_dbt(paths, db, "docs", "generate", "--static")
    page = paths.dbt_target / "static_index.html"
    if not outcome.success or not page.exists():
        raise DbtBuildError("dbt docs generate failed:\n  " + "\n  ".join(outcome.failures))
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / ".index.html.tmp"
    shutil.copyfile(page, tmp)
    os.replace(tmp, out_dir / "index.html")
    return out_dir / "index.html"


def publication_parts(paths: Paths) -> dict[str, Callable[[Path, Path], Path]]:
    """Parts of a publication that dbt writes (name -> writer(db, folder))."""
    return {"docs": lambda _db, folder: in_child(cached_docs, paths, folder)}


def cached_docs(paths: Paths, out_dir: Path) -> Path:
    """The static docs of the working warehouse, generated again only when the dbt project
    changed (the page shows models, columns, tests and lineage: no data)."""
    cached = paths.state / "dbt" / f"docs-{project_digest()}.html"
    if not cached.exists():
        for old in cached.parent.glob("docs-*.html"):
            old.unlink()
        write_docs(paths, paths.build_db, cached.parent / "docs-tmp")
        os.replace(cached.parent / "docs-tmp" / "index.html", cached)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, out_dir / "index.html")
    return out_dir / "index.html"
