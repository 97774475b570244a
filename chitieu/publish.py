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

from chitieu.report import write_report

KEEP_VERSIONS = 3
# BI drivers bundle older DuckDB releases (1.1-1.2 in Metabase's and DBeaver's
# drivers as of 2025): the published file is written in the storage format
# DuckDB 1.0 introduced, which every release since can open.
STORAGE_VERSION = "v1.0.0"


def publish(build_db: Path, published: Path, run_id: str, counts: dict) -> Path:
    published.parent.mkdir(parents=True, exist_ok=True)
    staging = published.with_name(f".{published.name}.{run_id}.tmp")
    staging.unlink(missing_ok=True)
    try:
        _compatible_copy(build_db, staging, run_id, counts)
        export_parquet(staging, published.parent / "parquet")
        _keep_version(staging, published.parent / "versions", run_id)
        os.replace(staging, published)
    finally:
        staging.unlink(missing_ok=True)
    write_report(published, published.parent / "report")
    return published


def _compatible_copy(source: Path, target: Path, run_id: str, counts: dict) -> None:
    """Copy every schema into a new file in the compatible storage format,
    stamped with the run that built it."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{source}' as build (read_only)")
        con.execute(f"attach '{target}' as published (storage_version '{STORAGE_VERSION}')")
        con.execute("copy from database build to published")
        con.execute("create schema if not exists published.meta")
        con.execute(
            "create or replace table published.meta.warehouse_build as "
            "select ? as run_id, ?::timestamptz as published_at, ? as counts_json",
            [run_id, datetime.now(UTC), json.dumps(counts, default=str)],
        )
        con.execute("detach published")
    finally:
        con.close()


def export_parquet(db: Path, folder: Path) -> list[Path]:
    """Every mart as a Parquet file, plus `views.sql` that makes views over them."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        marts = [r[0] for r in con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'main_marts' order by table_name"
        ).fetchall()]  # fmt: skip
        written = []
        for mart in marts:
            tmp = folder / f".{mart}.parquet.tmp"
            con.execute(f"copy main_marts.{mart} to '{tmp}' (format parquet)")
            os.replace(tmp, folder / f"{mart}.parquet")
            written.append(folder / f"{mart}.parquet")
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
    return written


def _keep_version(db: Path, versions: Path, run_id: str) -> None:
    """Keep the last few published files, named by time and run, for rollback."""
    versions.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    shutil.copyfile(db, versions / f"chitieu-{stamp}-{run_id[:8]}.duckdb")
    for old in sorted(versions.glob("chitieu-*.duckdb"))[:-KEEP_VERSIONS]:
        old.unlink()


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"select count(*) from {table}").fetchone()
    return int(row[0]) if row else 0


def published_counts(published: Path) -> dict[str, int]:
    """Row counts of the last good run, for the row-count guards."""
    if not published.exists():
        return {}
    con = duckdb.connect(str(published), read_only=True)
    try:
        tables = {"articles": "raw.articles", "figures": "main_marts.fct_figure"}
        return {key: _count(con, table) for key, table in tables.items()}
    except duckdb.Error:
        return {}
    finally:
        con.close()
