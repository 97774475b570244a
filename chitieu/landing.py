"""The landing store: every crawl writes Parquet batches; the loader (`chitieu.raw`) reads them.

A crawl streams its rows into a `BatchWriter`, which writes one *batch* per few hundred
articles::

    <landing>/batches/<batch_id>/pages.parquet      raw.pages rows
                                 articles.parquet   raw.articles rows
                                 figures.parquet    raw.figures rows, extracted with the article
                                 _manifest.json     written last: the batch's done-marker

The Parquet columns and types are those of `chitieu.schema`. `landing` is a local path, a
`file://` URL or any fsspec URL (`s3://...` with its driver installed): files are written
locally and then put to the store, so a reader never sees a batch whose manifest is missing,
and the manifest's sha256 per file catches a torn copy. A local run is one shard written
to `<state>/landing`; a scale-out run is several shards on several machines writing to a
shared store; either way one loader loads each batch exactly once.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import tempfile
import threading
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import fsspec  # type: ignore[import-untyped]
import pandas as pd

from chitieu import schema
from chitieu.digest import file_sha256
from chitieu.settings import duckdb_config

log = logging.getLogger(__name__)
MANIFEST = "_manifest.json"
BATCH_ARTICLES = 500  # articles per batch: bounds the memory a crawl holds


def filesystem(landing: str) -> tuple[Any, str]:
    """The filesystem and root path of a landing URL or plain path."""
    fs, root = fsspec.core.url_to_fs(str(landing))
    return fs, root.rstrip("/")


def worker_identity() -> dict[str, Any]:
    """Which machine and process wrote a batch (shown in manifests and raw.landing_files)."""
    return {
        "hostname": socket.gethostname(),
        "pid": os.getpid(),
        "parent_pid": os.getppid(),  # a process worker starts each flow run as its child
        "worker": os.environ.get("CHITIEU_WORKER_NAME"),
    }


def _write_parquet(rows: Sequence[dict], table: schema.Table, path: Path) -> int:
    names = table.column_names
    frame = pd.DataFrame([{c: row.get(c) for c in names} for row in rows], columns=names)
    # one row per key, the last one seen wins: the raw tables' primary keys
    frame = frame.drop_duplicates(subset=[table.key], keep="last")
    for column in table.columns:
        if column.type.endswith("[]"):  # lists travel as JSON text into DuckDB's cast
            frame[column.name] = frame[column.name].map(lambda v: json.dumps(list(v or [])))
    con = duckdb.connect(config=duckdb_config())
    try:
        con.register("frame", frame)
        con.execute(f"copy ({table.select_typed('frame')}) to '{path}' (format parquet)")
    finally:
        con.close()
    return len(frame)


def write_batch(
    landing: str,
    pages: Sequence[dict],
    articles: Sequence[dict],
    figures: Sequence[dict],
    *,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Write one batch (three Parquet files, then its manifest); returns the manifest."""
    created = datetime.now(UTC)
    batch_id = f"{created:%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}"
    fs, root = filesystem(landing)
    target = f"{root}/batches/{batch_id}"
    manifest: dict[str, Any] = {
        "batch_id": batch_id,
        "created_at": created.isoformat(),
        "worker": worker_identity(),
        **(meta or {}),
        "files": {},
    }
    rows = {"pages": pages, "articles": articles, "figures": figures}
    with tempfile.TemporaryDirectory(prefix="chitieu-landing-") as tmp:
        fs.makedirs(target, exist_ok=True)
        for table in schema.landed_tables():
            local = Path(tmp) / f"{table.name}.parquet"
            count = _write_parquet(rows[table.name], table, local)
            manifest["files"][table.name] = {
                "path": local.name, "rows": count, "sha256": file_sha256(local)
            }  # fmt: skip
            fs.put_file(str(local), f"{target}/{local.name}")
        marker = Path(tmp) / MANIFEST
        marker.write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
        # the manifest goes last: a batch without it is still being written (or was abandoned)
        fs.put_file(str(marker), f"{target}/{MANIFEST}")
    log.info("landing batch %s: %s", batch_id, {k: v["rows"] for k, v in manifest["files"].items()})
    return manifest


class BatchWriter:
    """Streams a crawl's rows into landing batches of at most `max_articles` articles.

    Thread-safe. `on_written(manifest, pages, articles)` is called after each batch is
    complete (the crawler records there what has landed)."""

    def __init__(
        self,
        landing: str,
        *,
        meta: dict[str, Any] | None = None,
        max_articles: int = BATCH_ARTICLES,
        on_written: Callable[[dict, list[dict], list[dict]], None] | None = None,
    ) -> None:
        self.landing, self.meta, self.max_articles = landing, meta or {}, max_articles
        self.on_written = on_written
        self.manifests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._pages: list[dict] = []
        self._articles: list[dict] = []
        self._figures: list[dict] = []
        self._failed: list[dict] = []

    def add(
        self,
        page: dict,
        article: dict | None = None,
        figures: Sequence[dict] = (),
        extraction_error: str | None = None,
    ) -> None:
        """A page row, with its article and figures when it has one: all land together."""
        with self._lock:
            self._pages.append(page)
            if article is not None:
                self._articles.append(article)
                self._figures.extend(figures)
            if extraction_error:
                self._failed.append({"article_id": page["page_id"], "error": extraction_error})
            full = len(self._articles) >= self.max_articles
        if full:
            self.flush()

    def flush(self, crawl: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """Write what is buffered as a batch. `crawl`: the crawl's final counts, written into
        this last batch's manifest (and a batch is written for them even when empty)."""
        with self._lock:
            pages, articles, figures = self._pages, self._articles, self._figures
            meta = {**self.meta, "extraction_failed": self._failed}
            if crawl is not None:
                meta["crawl"] = crawl
            self._pages, self._articles, self._figures, self._failed = [], [], [], []
            if not pages and not articles and crawl is None:
                return None
            manifest = write_batch(self.landing, pages, articles, figures, meta=meta)
            self.manifests.append(manifest)
        if self.on_written:
            self.on_written(manifest, pages, articles)
        return manifest

    @property
    def batch_ids(self) -> list[str]:
        return [m["batch_id"] for m in self.manifests]


def list_batches(landing: str) -> list[dict[str, Any]]:
    """Manifests of the complete batches, oldest first (later versions of a page win)."""
    fs, root = filesystem(landing)
    if not fs.exists(f"{root}/batches"):
        return []
    manifests = []
    for path in fs.glob(f"{root}/batches/*/{MANIFEST}"):
        with fs.open(path, "r", encoding="utf-8") as fh:
            manifests.append(json.load(fh))
    return sorted(manifests, key=lambda m: (m["created_at"], m["batch_id"]))


def file_key(manifest: dict, kind: str) -> str:
    return f"batches/{manifest['batch_id']}/{manifest['files'][kind]['path']}"


def fetch_batch(landing: str, manifest: dict, into: Path) -> dict[str, Path]:
    """Copy a batch's files to `into` and check them against the manifest."""
    fs, root = filesystem(landing)
    local = {}
    for kind, info in manifest["files"].items():
        path = into / info["path"]
        fs.get_file(f"{root}/batches/{manifest['batch_id']}/{info['path']}", str(path))
        if file_sha256(path) != info["sha256"]:
            raise ValueError(f"landing file {manifest['batch_id']}/{info['path']} is corrupt")
        local[kind] = path
    return local


def prune(landing: str, keep_ids: set[str], loaded_ids: set[str]) -> int:
    """Delete loaded batches that are not in `keep_ids`; returns how many went."""
    fs, root = filesystem(landing)
    gone = 0
    for manifest in list_batches(landing):
        batch_id = manifest["batch_id"]
        if batch_id in loaded_ids and batch_id not in keep_ids:
            fs.rm(f"{root}/batches/{batch_id}", recursive=True)
            gone += 1
    return gone
