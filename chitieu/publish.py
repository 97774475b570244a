"""Write-audit-publish: readers only ever see a validated, complete warehouse.

The pipeline writes its own working file; after dbt and the blocking checks
pass, a copy is stamped with the run that built it and moved over the
published file with `os.replace`, which is atomic on one filesystem: new
readers open the new version, readers already connected keep the old one.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb

KEEP_VERSIONS = 3


def publish(build_db: Path, published: Path, run_id: str, counts: dict) -> Path:
    published.parent.mkdir(parents=True, exist_ok=True)
    staging = published.with_name(f".{published.name}.{run_id}.tmp")
    shutil.copyfile(build_db, staging)
    try:
        _stamp(staging, run_id, counts)
        _keep_version(staging, published.parent / "versions", run_id)
        os.replace(staging, published)
    finally:
        staging.unlink(missing_ok=True)
    return published


def _stamp(db: Path, run_id: str, counts: dict) -> None:
    con = duckdb.connect(str(db))
    try:
        con.execute("create schema if not exists meta")
        con.execute(
            "create or replace table meta.warehouse_build as "
            "select ? as run_id, ?::timestamptz as published_at, ? as counts_json",
            [run_id, datetime.now(UTC), json.dumps(counts, default=str)],
        )
        con.execute("checkpoint")
    finally:
        con.close()


def _keep_version(db: Path, versions: Path, run_id: str) -> None:
    """Keep the last few published files, named by time and run, for rollback."""
    versions.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    shutil.copyfile(db, versions / f"chitieu-{stamp}-{run_id[:8]}.duckdb")
    for old in sorted(versions.glob("chitieu-*.duckdb"))[:-KEEP_VERSIONS]:
        old.unlink()


def published_counts(published: Path) -> dict[str, int]:
    """Row counts of the last good run, for the row-count guards."""
    if not published.exists():
        return {}
    con = duckdb.connect(str(published), read_only=True)
    try:
        return {
            "articles": con.execute("select count(*) from raw.articles").fetchone()[0],
            "figures": con.execute("select count(*) from main_marts.fct_figure").fetchone()[0],
        }
    except duckdb.Error:
        return {}
    finally:
        con.close()
