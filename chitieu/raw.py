"""The raw layer's one loader: landing batches into the `raw` schema of the working warehouse.

Only the pipeline opens the working warehouse (`.chitieu/build/chitieu.duckdb`); readers get
validated copies. Every load is an upsert on stable keys inside one transaction per batch,
and every loaded file is recorded in `raw.landing_files` in that transaction, so a batch is
loaded exactly once however often the loader runs. The tables are those of `chitieu.schema`.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from chitieu import landing, schema
from chitieu.digest import text_digest
from chitieu.figures import normalize_text
from chitieu.settings import duckdb_config

log = logging.getLogger(__name__)
DIGEST_TABLES = ("pages", "articles", "figures", "source_removals")


@contextmanager
def connect(path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that is always closed: DuckDB allows one writer per file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only, config=duckdb_config())
    try:
        if not read_only:
            con.execute(schema.ddl())
            _add_missing_columns(con)
        yield con
    finally:
        con.close()


def _add_missing_columns(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse from an older version gets the columns added since (all nullable)."""
    existing = set(con.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'raw' and table_catalog = current_database()"
    ).fetchall())  # fmt: skip
    for statement in schema.missing_columns(existing):
        con.execute(statement)


def article_text(title: str | None, body: str) -> str:
    """The article's plain text as published: its title line, then the body.

    Normalised exactly as the extractor sees it, so that figure offsets index straight into
    the stored text. Titles carry figures too ("hoàn thành 24 chỉ tiêu năm 2023")."""
    return normalize_text(f"{title}\n\n{body}" if title else body)


@dataclass
class LoadReport:
    batches: int = 0
    files: int = 0
    pages: int = 0
    articles: int = 0
    figures: int = 0
    skipped_files: int = 0  # already loaded earlier
    crawl: dict[str, Any] = field(default_factory=dict)  # shards' crawl counts, per source

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in self.__dict__.items() if k != "crawl"}


def load_batches(db: Path, location: str, run_id: str) -> LoadReport:
    """Load every complete batch of the landing store not loaded before."""
    report = LoadReport()
    with connect(db) as con:
        done = {r[0] for r in con.execute("select file from raw.landing_files").fetchall()}
        for manifest in landing.list_batches(location):
            keys = [landing.file_key(manifest, kind) for kind in manifest["files"]]
            if all(k in done for k in keys):
                report.skipped_files += len(keys)
                continue
            with tempfile.TemporaryDirectory(prefix="chitieu-load-") as tmp:
                files = landing.fetch_batch(location, manifest, Path(tmp))
                counts = _load_batch(con, manifest, files, run_id)
            report.batches += 1
            report.files += len(keys)
            report.crawl.update((manifest.get("crawl") or {}).get("sources") or {})
            for kind, n in counts.items():
                setattr(report, kind, getattr(report, kind) + n)
    log.info("landing load: %s", report.counts())
    return report


def _load_batch(
    con: duckdb.DuckDBPyConnection, manifest: dict, files: dict[str, Path], run_id: str
) -> dict[str, int]:
    """Upsert a batch's pages, articles and figures and record its files, atomically."""
    worker = manifest.get("worker") or {}
    who = f"{worker.get('hostname')}:{worker.get('pid')}"
    con.execute("begin")
    try:
        counts = {
            "pages": _upsert(con, schema.PAGES, files["pages"], run_id),
            "articles": _upsert(con, schema.ARTICLES, files["articles"], run_id),
            "figures": _replace_figures(con, files, run_id),
        }
        _record_errors(con, manifest.get("extraction_failed") or [], run_id)
        for kind, info in manifest["files"].items():
            con.execute(
                "insert into raw.landing_files values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
                [landing.file_key(manifest, kind), manifest["batch_id"], kind, info["sha256"],
                 info["rows"], manifest.get("shard"), manifest.get("shards"), who, run_id],
            )  # fmt: skip
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return counts


def _upsert(con: duckdb.DuckDBPyConnection, table: schema.Table, path: Path, run_id: str) -> int:
    src = f"read_parquet('{path}')"
    cols = ", ".join(table.column_names)
    con.execute(
        f"delete from raw.{table.name} where {table.key} in (select {table.key} from {src})"
    )
    con.execute(
        f"insert into raw.{table.name} ({cols}, run_id, loaded_at) "
        f"select {cols}, ?, now() from {src}",
        [run_id],
    )
    return con.execute(f"select count(*) from {src}").fetchall()[0][0]


def _replace_figures(con: duckdb.DuckDBPyConnection, files: dict[str, Path], run_id: str) -> int:
    """The batch's articles get exactly the figures extracted with them; an article the
    extractor failed on (no figures_version) keeps its earlier figures until it is retried."""
    ids = (
        f"(select article_id from read_parquet('{files['articles']}') "
        "where figures_version is not null)"
    )
    con.execute(f"delete from raw.figures where article_id in {ids}")
    table = schema.figures_table()
    src = f"read_parquet('{files['figures']}')"
    cols = ", ".join(table.column_names)
    con.execute(
        f"insert into raw.figures ({cols}, run_id, loaded_at) select {cols}, ?, now() from {src}",
        [run_id],
    )
    return con.execute(f"select count(*) from {src}").fetchall()[0][0]


def _record_errors(con: duckdb.DuckDBPyConnection, failed: list[dict], run_id: str) -> None:
    for row in failed:
        con.execute(
            "insert into raw.extraction_errors values (?, ?, ?, ?)",
            [row["article_id"], row["error"], run_id, datetime.now(UTC)],
        )


# -- re-extraction of stored articles (a new extractor) -----------------------------------
def stale_article_ids(db: Path, version: str) -> list[str]:
    """Articles whose figures are missing or came from another extractor version."""
    with connect(db) as con:
        rows = con.execute(
            "select article_id from raw.articles where figures_version is distinct from ? "
            "order by article_id",
            [version],
        ).fetchall()
    return [r[0] for r in rows]


def articles_for_extraction(db: Path, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    with connect(db) as con:
        con.register("wanted", pd.DataFrame({"article_id": list(article_ids)}))
        rows = con.execute(
            "select article_id, content_hash, body_text, published_at from raw.articles "
            "where article_id in (select article_id from wanted) order by article_id"
        ).fetchall()
    return [
        {"article_id": a, "content_hash": h, "text": t, "published_at": p} for a, h, t, p in rows
    ]


def replace_figures(
    db: Path, article_ids: Iterable[str], rows: Sequence[dict], version: str, run_id: str
) -> int:
    """Replace the figures of these articles and mark them extracted with `version`.

    Rows flagged `extraction_error` are recorded in raw.extraction_errors; their articles
    keep their earlier figures and are tried again on the next run."""
    failed = [r for r in rows if "extraction_error" in r]
    failed_ids = {r["article_id"] for r in failed}
    table = schema.figures_table()
    frame = pd.DataFrame(
        [{c: r.get(c) for c in table.column_names} for r in rows if "extraction_error" not in r],
        columns=table.column_names,
    )
    ids = pd.DataFrame({"article_id": [a for a in article_ids if a not in failed_ids]})
    with connect(db) as con:
        con.execute("begin")
        _record_errors(con, [{"article_id": r["article_id"], "error": r["extraction_error"]}
                             for r in failed], run_id)  # fmt: skip
        con.register("done_articles", ids)
        con.execute("delete from raw.figures where article_id in (select * from done_articles)")
        if not frame.empty:
            con.register("incoming", frame)
            cols = ", ".join(table.column_names)
            con.execute(
                f"insert into raw.figures ({cols}, run_id, loaded_at) "
                f"select {table.casts()}, ?, now() from incoming",
                [run_id],
            )
        con.execute(
            "update raw.articles set figures_version = ? "
            "where article_id in (select * from done_articles)",
            [version],
        )
        con.execute("commit")
    return len(frame)


# -- runs, sources, digests ---------------------------------------------------------------
def record_run(db: Path, run_id: str, started_at: datetime, status: str, counts: dict) -> None:
    with connect(db) as con:
        con.execute("delete from raw.runs where run_id = ?", [run_id])
        con.execute(
            "insert into raw.runs values (?, ?, ?, ?, ?)",
            [run_id, started_at, datetime.now(UTC), status, json.dumps(counts, default=str)],
        )


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Any:
    row = con.execute(sql, params or []).fetchone()
    return row[0] if row else None


def table_counts(db: Path, tables: Iterable[str] = ("pages", "articles", "figures")) -> dict:
    with connect(db, read_only=True) as con:
        return {t: _scalar(con, f"select count(*) from raw.{t}") for t in tables}


def raw_digest(db: Path) -> str:
    """What the marts are built from: row counts and last load of each raw table."""
    with connect(db) as con:
        parts = [
            f"{t}:{con.execute(f'select count(*), max({c}) from raw.{t}').fetchone()}"
            for t, c in zip(
                DIGEST_TABLES, ("loaded_at", "loaded_at", "loaded_at", "removed_at"), strict=True
            )
        ]
    return text_digest(*parts)


def request_source_removal(db: Path, source_name: str) -> None:
    """Record that a source is to leave the warehouse; the next run's load takes it out."""
    with connect(db) as con:
        con.execute(
            "insert into raw.source_removals (source_name, requested_at) values (?, ?)",
            [source_name, datetime.now(UTC)],
        )


def apply_source_removals(db: Path, run_id: str) -> list[dict[str, Any]]:
    """Delete the pages, articles and figures of every source whose removal is pending."""
    done = []
    with connect(db) as con:
        pending = con.execute(
            "select distinct source_name from raw.source_removals where removed_run_id is null"
        ).fetchall()
        for (name,) in pending:
            con.execute("begin")
            figures = _scalar(
                con,
                "delete from raw.figures where article_id in "
                "(select article_id from raw.articles where source_name = ?)",
                [name],
            )
            articles = _scalar(con, "delete from raw.articles where source_name = ?", [name])
            pages = _scalar(con, "delete from raw.pages where source_name = ?", [name])
            con.execute(
                "update raw.source_removals set removed_run_id = ?, removed_at = ?, pages = ?, "
                "articles = ?, figures = ? where source_name = ? and removed_run_id is null",
                [run_id, datetime.now(UTC), pages, articles, figures, name],
            )
            con.execute("commit")
            done.append({"source": name, "pages": pages, "articles": articles, "figures": figures})
    return done


def source_counts(db: Path) -> dict[str, dict[str, int]]:
    """Pages, articles and figures per source in the raw layer."""
    with connect(db, read_only=True) as con:
        rows = con.execute(
            "select p.source_name, count(distinct p.page_id), count(distinct a.article_id), "
            "count(f.figure_id) from raw.pages p left join raw.articles a using (page_id) "
            "left join raw.figures f using (article_id) group by 1 order by 1"
        ).fetchall()
    return {n: {"pages": p, "articles": a, "figures": f} for n, p, a, f in rows}
