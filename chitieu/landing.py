"""The landing store: crawl workers write Parquet batches, the single DuckDB writer loads them.

Workers on any machine crawl a shard of the sources and write one *batch* per run::

    <landing>/batches/<batch_id>/pages.parquet      raw.pages rows
                                 articles.parquet   raw.articles rows (district codes as JSON)
                                 figures.parquet    raw.figures rows, extracted on the worker
                                 _manifest.json     written last: the batch's done-marker

`landing` is a local or shared path, a `file://` URL, or any fsspec URL (`s3://...` with the
matching fsspec driver installed): files are written locally and then put to the store, so a
reader never sees a batch whose manifest is missing, and the manifest's sha256 per file
catches a torn copy. The loader records every file it loaded in `raw.landing_files`, inside
the same transaction as the rows, so each file is loaded exactly once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import fsspec  # type: ignore[import-untyped]
import pandas as pd

from chitieu import raw

log = logging.getLogger(__name__)
MANIFEST = "_manifest.json"

# Parquet schema per file: the raw columns the loader needs, typed explicitly so that an
# empty or all-null column still has a type.
SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "pages": [
        ("page_id", "varchar"), ("source_name", "varchar"), ("url", "varchar"),
        ("final_url", "varchar"), ("status_code", "integer"), ("content_type", "varchar"),
        ("content_hash", "varchar"), ("etag", "varchar"), ("last_modified", "varchar"),
        ("fetched_at", "timestamptz"), ("is_changed", "boolean"), ("error_reason", "varchar"),
        ("error_detail", "varchar"),
    ],
    "articles": [
        ("article_id", "varchar"), ("page_id", "varchar"), ("source_name", "varchar"),
        ("url", "varchar"), ("content_hash", "varchar"), ("title", "varchar"),
        ("published_at", "timestamptz"), ("published_tz", "varchar"), ("author", "varchar"),
        ("body_text", "varchar"), ("district_codes_json", "varchar"), ("term_label", "varchar"),
        ("parser", "varchar"),
    ],
    "figures": [
        ("figure_id", "varchar"), ("article_id", "varchar"), ("content_hash", "varchar"),
        ("figure_index", "integer"), ("surface", "varchar"), ("unit", "varchar"),
        ("value", "double"), ("value_max", "double"), ("denominator", "double"),
        ("noun", "varchar"), ("kind", "varchar"), ("measure", "varchar"),
        ("qualifier", "varchar"), ("indicator", "varchar"), ("indicator_code", "varchar"),
        ("sentence", "varchar"), ("char_start", "integer"), ("char_end", "integer"),
        ("extractor_version", "varchar"),
    ],
}  # fmt: skip

LANDING_DDL = """
create table if not exists raw.landing_files (
    file varchar primary key,
    batch_id varchar not null,
    kind varchar not null,
    sha256 varchar not null,
    row_count integer not null,
    shard integer,
    shards integer,
    worker varchar,
    run_id varchar,
    loaded_at timestamptz not null
);
"""


def _fs(landing: str) -> tuple[Any, str]:
    """The filesystem and root path of a landing URL or plain path."""
    fs, root = fsspec.core.url_to_fs(str(landing))
    return fs, root.rstrip("/")


def worker_identity() -> dict[str, Any]:
    """Which machine and process wrote a batch (shown in manifests and raw.landing_files)."""
    return {
        "hostname": socket.gethostname(),
        "pid": os.getpid(),
        # a process worker starts each flow run as its child: the parent is the worker
        "parent_pid": os.getppid(),
        "worker": os.environ.get("CHITIEU_WORKER_NAME"),
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _frames(
    pages: Sequence[dict], articles: Sequence[dict], figures: Sequence[dict]
) -> dict[str, pd.DataFrame]:
    rows = [raw.article_row(a) for a in articles]
    for row in rows:
        row["district_codes_json"] = json.dumps(row["district_codes"], ensure_ascii=False)
    data = {"pages": list(pages), "articles": rows, "figures": list(figures)}
    frames = {}
    for kind, schema in SCHEMAS.items():
        frame = pd.DataFrame(
            [{c: r.get(c) for c, _ in schema} for r in data[kind]], columns=[c for c, _ in schema]
        )
        # one row per key, the last one seen wins: the raw tables' primary keys
        frames[kind] = frame.drop_duplicates(subset=[schema[0][0]], keep="last")
    return frames


def _write_parquet(frame: pd.DataFrame, kind: str, path: Path) -> None:
    select = ", ".join(f"cast({c} as {t}) as {c}" for c, t in SCHEMAS[kind])
    con = duckdb.connect()
    try:
        con.register("frame", frame)
        con.execute(f"copy (select {select} from frame) to '{path}' (format parquet)")
    finally:
        con.close()


def write_batch(
    landing: str,
    pages: Sequence[dict],
    articles: Sequence[dict],
    figures: Sequence[dict],
    *,
    extractor_version: str,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Write one batch (three Parquet files, then its manifest); returns the manifest."""
    created = datetime.now(UTC)
    batch_id = f"{created:%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}"
    fs, root = _fs(landing)
    target = f"{root}/batches/{batch_id}"
    manifest: dict[str, Any] = {
        "batch_id": batch_id,
        "created_at": created.isoformat(),
        "extractor_version": extractor_version,
        "worker": worker_identity(),
        **(meta or {}),
        "files": {},
    }
    # an article the extractor failed on is left for the loader to extract again
    failed = sorted({r["article_id"] for r in figures if "extraction_error" in r})
    figures = [r for r in figures if "extraction_error" not in r]
    manifest["extraction_failed"] = failed
    with tempfile.TemporaryDirectory(prefix="chitieu-landing-") as tmp:
        for kind, frame in _frames(pages, articles, figures).items():
            local = Path(tmp) / f"{kind}.parquet"
            _write_parquet(frame, kind, local)
            manifest["files"][kind] = {
                "path": f"{kind}.parquet", "rows": len(frame), "sha256": _sha256(local)
            }  # fmt: skip
            fs.makedirs(target, exist_ok=True)
            fs.put_file(str(local), f"{target}/{kind}.parquet")
        marker = Path(tmp) / MANIFEST
        marker.write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
        # the manifest goes last: a batch without it is still being written (or was abandoned)
        fs.put_file(str(marker), f"{target}/{MANIFEST}")
    log.info("landing batch %s: %s", batch_id, {k: v["rows"] for k, v in manifest["files"].items()})
    return manifest


def list_batches(landing: str) -> list[dict[str, Any]]:
    """Manifests of the complete batches, oldest first (later versions of a page win)."""
    fs, root = _fs(landing)
    if not fs.exists(f"{root}/batches"):
        return []
    manifests = []
    for path in fs.glob(f"{root}/batches/*/{MANIFEST}"):
        with fs.open(path, "r", encoding="utf-8") as fh:
            manifests.append(json.load(fh))
    return sorted(manifests, key=lambda m: (m["created_at"], m["batch_id"]))


@dataclass
class LoadReport:
    batches: int = 0
    files: int = 0
    pages: int = 0
    articles: int = 0
    figures: int = 0
    skipped_files: int = 0  # already loaded earlier
    crawl: dict[str, Any] = field(default_factory=dict)  # the loaded batches' crawl counts

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in self.__dict__.items() if k != "crawl"}

    def add_crawl(self, counts: dict[str, Any]) -> None:
        """Sum the crawl counts of the shards (numbers, and failures by reason)."""
        for key, value in counts.items():
            if isinstance(value, dict):
                merged = self.crawl.setdefault(key, {})
                for reason, n in value.items():
                    merged[reason] = merged.get(reason, 0) + n
            elif isinstance(value, int):
                self.crawl[key] = self.crawl.get(key, 0) + value


def _file_key(manifest: dict, kind: str) -> str:
    return f"batches/{manifest['batch_id']}/{manifest['files'][kind]['path']}"


def _loaded(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("select file from raw.landing_files").fetchall()}


def load_batches(db: Path, landing: str, run_id: str) -> LoadReport:
    """Load every complete batch not loaded before; one transaction per batch."""
    report = LoadReport()
    fs, root = _fs(landing)
    with raw.connect(db) as con:
        con.execute(LANDING_DDL)
        done = _loaded(con)
        for manifest in list_batches(landing):
            keys = [_file_key(manifest, kind) for kind in SCHEMAS]
            if all(k in done for k in keys):
                report.skipped_files += len(keys)
                continue
            with tempfile.TemporaryDirectory(prefix="chitieu-load-") as tmp:
                local = _fetch_batch(fs, root, manifest, Path(tmp))
                counts = _load_batch(con, manifest, local, run_id)
            report.batches += 1
            report.add_crawl(manifest.get("crawl") or {})
            report.files += len(keys)
            for kind, n in counts.items():
                setattr(report, kind, getattr(report, kind) + n)
    log.info("landing load: %s", report.counts())
    return report


def _fetch_batch(fs: Any, root: str, manifest: dict, tmp: Path) -> dict[str, Path]:
    """Copy a batch's files locally and check them against the manifest."""
    local = {}
    for kind, info in manifest["files"].items():
        path = tmp / info["path"]
        fs.get_file(f"{root}/batches/{manifest['batch_id']}/{info['path']}", str(path))
        if _sha256(path) != info["sha256"]:
            raise ValueError(f"landing file {manifest['batch_id']}/{info['path']} is corrupt")
        local[kind] = path
    return local


def _load_batch(
    con: duckdb.DuckDBPyConnection, manifest: dict, files: dict[str, Path], run_id: str
) -> dict[str, int]:
    """Upsert a batch's pages, articles and figures and record its files, atomically."""
    worker = manifest.get("worker") or {}
    who = f"{worker.get('hostname')}:{worker.get('pid')}"
    con.execute("begin")
    try:
        counts = {
            "pages": _upsert_pages(con, files["pages"], run_id),
            "articles": _upsert_articles(con, files["articles"], run_id),
            "figures": _replace_figures(con, files, manifest, run_id),
        }
        for kind, info in manifest["files"].items():
            con.execute(
                "insert into raw.landing_files values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
                [_file_key(manifest, kind), manifest["batch_id"], kind, info["sha256"],
                 info["rows"], manifest.get("shard"), manifest.get("shards"), who, run_id],
            )  # fmt: skip
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return counts


def _columns(kind: str, exclude: tuple[str, ...] = ()) -> list[str]:
    return [c for c, _ in SCHEMAS[kind] if c not in exclude]


def _upsert_pages(con: duckdb.DuckDBPyConnection, path: Path, run_id: str) -> int:
    src = f"read_parquet('{path}')"
    cols = ", ".join(_columns("pages"))
    con.execute(f"delete from raw.pages where page_id in (select page_id from {src})")
    con.execute(
        f"insert into raw.pages ({cols}, run_id, loaded_at) select {cols}, ?, now() from {src}",
        [run_id],
    )
    return con.execute(f"select count(*) from {src}").fetchall()[0][0]


def _upsert_articles(con: duckdb.DuckDBPyConnection, path: Path, run_id: str) -> int:
    src = f"read_parquet('{path}')"
    cols = ", ".join(_columns("articles", exclude=("district_codes_json",)))
    con.execute(f"delete from raw.articles where article_id in (select article_id from {src})")
    con.execute(
        f"insert into raw.articles ({cols}, district_codes, run_id, loaded_at) "
        f"select {cols}, cast(district_codes_json::json as varchar[]), ?, now() from {src}",
        [run_id],
    )
    return con.execute(f"select count(*) from {src}").fetchall()[0][0]


def _replace_figures(
    con: duckdb.DuckDBPyConnection, files: dict[str, Path], manifest: dict, run_id: str
) -> int:
    """The batch's articles get exactly the figures the worker extracted for them; those the
    extractor failed on stay unmarked, so the loader's own extraction retries them."""
    failed = json.dumps(manifest.get("extraction_failed") or [])
    ids = (
        f"(select article_id from read_parquet('{files['articles']}') "
        f"where not list_contains(cast('{failed}'::json as varchar[]), article_id))"
    )
    src = f"read_parquet('{files['figures']}')"
    cols = ", ".join(_columns("figures"))
    con.execute(f"delete from raw.figures where article_id in {ids}")
    con.execute(
        f"insert into raw.figures ({cols}, run_id, loaded_at) select {cols}, ?, now() from {src}",
        [run_id],
    )
    con.execute(
        f"update raw.articles set figures_version = ? where article_id in {ids}",
        [manifest["extractor_version"]],
    )
    return con.execute(f"select count(*) from {src}").fetchall()[0][0]
