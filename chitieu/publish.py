"""Write-audit-publish: a run's publication appears whole, or not at all.

    warehouse/
      versions/<stamp>-<run>/     one publication: chitieu.duckdb, parquet/, report/,
                                  validation/, docs/, publication.json
      current -> versions/...     the live one, switched by one atomic rename of a symlink
      chitieu.duckdb -> current/chitieu.duckdb     stable names for readers and BI tools
      parquet, report, validation, docs -> current/...

A run builds its publication in a staging folder under `versions/`; only when every part is
written is the folder renamed into place and `current` switched. Readers that opened the
previous file keep reading it; new readers get the new one. A failure at any step leaves the
previous publication exactly as it was. `rollback` switches `current` back to a kept version.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from chitieu.errors import ChitieuError, ConfigError
from chitieu.report import write_report
from chitieu.settings import duckdb_config

KEEP_VERSIONS = 3
WAREHOUSE_FILE = "chitieu.duckdb"
ENTRIES = (WAREHOUSE_FILE, "parquet", "report", "validation", "docs")
MANIFEST = "publication.json"
# BI drivers bundle older DuckDB releases (1.1-1.2 in Metabase's and DBeaver's drivers as of
# 2025): the published file is written in the storage format DuckDB 1.0 introduced, which
# every release since can open.
STORAGE_VERSION = "v1.0.0"

# Extra parts of a publication (name -> writer(db, folder)), e.g. the dbt docs.
Part = Callable[[Path, Path], Any]


class PublishError(ChitieuError):
    """Publishing failed; the previous publication is untouched."""


def publish(
    build_db: Path,
    warehouse: Path,
    run_id: str,
    counts: dict,
    *,
    validation: Path | None = None,
    inputs_digest: str | None = None,
    parts: dict[str, Part] | None = None,
) -> Path:
    """Publish the working warehouse as a new version; returns the stable file path."""
    versions = warehouse / "versions"
    staging = versions / f".staging-{run_id}"
    try:
        versions.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        _write_parts(build_db, staging, run_id, counts, validation, inputs_digest, parts or {})
        final = versions / f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{run_id[:8]}"
        os.rename(staging, final)
        try:
            switch(warehouse, final)
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)  # never a version that was not live
            raise
    except OSError as exc:
        raise PublishError(
            f"could not publish into {warehouse}: {exc.strerror or exc}",
            "the previous publication is unchanged",
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    prune(warehouse)
    return warehouse / WAREHOUSE_FILE


def _write_parts(
    build_db: Path,
    staging: Path,
    run_id: str,
    counts: dict,
    validation: Path | None,
    inputs_digest: str | None,
    parts: dict[str, Part],
) -> None:
    db = staging / WAREHOUSE_FILE
    stamp = {"run_id": run_id, "published_at": datetime.now(UTC).isoformat(),
             "inputs_digest": inputs_digest, "counts": counts}  # fmt: skip
    compatible_copy(build_db, db, stamp)
    export_parquet(db, staging / "parquet")
    write_report(db, staging / "report")
    if validation is not None and validation.exists():
        shutil.copytree(validation, staging / "validation")
    for name, part in parts.items():
        part(db, staging / name)
    (staging / MANIFEST).write_text(json.dumps(stamp, indent=2, default=str), encoding="utf-8")


def compatible_copy(source: Path, target: Path, stamp: dict[str, Any]) -> None:
    """Every schema copied into a new file in the compatible storage format, stamped with
    the run that built it (`meta.warehouse_build`)."""
    con = duckdb.connect(config=duckdb_config())
    try:
        con.execute(f"attach '{source}' as build (read_only)")
        con.execute(f"attach '{target}' as published (storage_version '{STORAGE_VERSION}')")
        con.execute("copy from database build to published")
        con.execute("create schema if not exists published.meta")
        con.execute(
            "create or replace table published.meta.warehouse_build as select ? as run_id, "
            "?::timestamptz as published_at, ? as inputs_digest, ? as counts_json",
            [stamp["run_id"], stamp["published_at"], stamp["inputs_digest"],
             json.dumps(stamp["counts"], default=str)],
        )  # fmt: skip
        con.execute("detach published")
    finally:
        con.close()


def export_parquet(db: Path, folder: Path) -> list[Path]:
    """Every mart as a Parquet file, plus `views.sql` that makes views over them."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True, config=duckdb_config())
    try:
        # a mart's row order is not part of its contract: unordered writes need less memory
        con.execute("set preserve_insertion_order = false")
        marts = [r[0] for r in con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'main_marts' order by table_name"
        ).fetchall()]  # fmt: skip
        for mart in marts:
            con.execute(f"copy main_marts.{mart} to '{folder / mart}.parquet' (format parquet)")
    finally:
        con.close()
    views = "".join(
        f"create or replace view {m} as select * from read_parquet('{m}.parquet');\n" for m in marts
    )
    (folder / "views.sql").write_text(
        "-- Views over the Parquet marts; run from this folder, e.g. duckdb -init views.sql\n"
        + views,
        encoding="utf-8",
    )
    return [folder / f"{m}.parquet" for m in marts]


def _symlink(target: str, link: Path) -> None:
    """Point `link` at `target` atomically (a new link renamed over the old one)."""
    tmp = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def switch(warehouse: Path, version: Path) -> None:
    """Make `version` the live publication: one atomic rename of `current`."""
    _symlink(os.path.relpath(version, warehouse), warehouse / "current")
    for entry in ENTRIES:
        link = warehouse / entry
        if link.is_symlink():
            continue
        if link.exists():  # a publication from before versioned folders: keep it aside
            os.rename(link, warehouse / "versions" / f"legacy-{entry}")
        _symlink(f"current/{entry}", link)


def versions(warehouse: Path) -> list[Path]:
    """Kept publications, oldest first."""
    folder = warehouse / "versions"
    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir() if (p / MANIFEST).exists())


def current(warehouse: Path) -> Path | None:
    link = warehouse / "current"
    return link.resolve() if link.is_symlink() and link.resolve().exists() else None


def prune(warehouse: Path, keep: int = KEEP_VERSIONS) -> None:
    """Forget all but the newest `keep` publications (never the live one)."""
    live = current(warehouse)
    for old in versions(warehouse)[:-keep]:
        if old != live:
            shutil.rmtree(old, ignore_errors=True)


def rollback(warehouse: Path, version: str | None = None) -> Path:
    """Switch back to a kept publication: the one before the live one, or `version`."""
    kept = versions(warehouse)
    live = current(warehouse)
    if version:
        chosen = [v for v in kept if v.name == version or v.name.endswith(version)]
        if not chosen:
            names = ", ".join(v.name for v in kept) or "none"
            raise ConfigError(f"no kept publication {version!r}", f"kept: {names}")
        target = chosen[-1]
    else:
        older = [v for v in kept if live is None or v.name < live.name]
        if not older:
            raise ConfigError("no earlier publication to roll back to")
        target = older[-1]
    switch(warehouse, target)
    return target


def manifest(version: Path | None) -> dict[str, Any]:
    if version is None or not (version / MANIFEST).exists():
        return {}
    return json.loads((version / MANIFEST).read_text(encoding="utf-8"))


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"select count(*) from {table}").fetchone()
    return int(row[0]) if row else 0


def published_counts(published: Path) -> dict[str, int]:
    """Row counts of the last good run, for the row-count guards."""
    if not published.exists():
        return {}
    con = duckdb.connect(str(published), read_only=True, config=duckdb_config())
    try:
        tables = {"articles": "raw.articles", "figures": "main_marts.fct_figure"}
        return {key: _count(con, table) for key, table in tables.items()}
    except duckdb.Error:
        return {}
    finally:
        con.close()
