"""Rebuilding the working warehouse without losing history.

The working file (`.chitieu/build/chitieu.duckdb`) is the only one the pipeline writes, and it
can be lost or corrupted. Every publication is a full copy of it (raw layer, history tables
`raw.runs`, `quality.validation_results`, page rows, marts), so the latest publication is the
starting point; the landing batches written since (which the loader has not loaded into that
copy) and the raw archive complete it on the next load.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from chitieu import publish
from chitieu.errors import ConfigError
from chitieu.settings import Paths, duckdb_config

log = logging.getLogger(__name__)


@dataclass
class Restored:
    """What `restore` did, for the user."""

    source: Path | None  # the publication copied, or None: started empty
    set_aside: Path | None  # the unreadable file, kept for inspection
    needs_reparse: bool  # no publication: the archive must be parsed again

    def lines(self) -> list[str]:
        out = []
        if self.set_aside:
            out.append(f"the previous working warehouse is kept aside as {self.set_aside}")
        if self.source:
            out.append(f"working warehouse restored from the publication {self.source.name}")
        else:
            out.append("no publication to restore from: the raw archive is parsed again")
        return out


def state_of(db: Path) -> str:
    """`ok`, `missing` or `unreadable` (not a DuckDB file, or a damaged one)."""
    if not db.exists():
        return "missing"
    try:
        con = duckdb.connect(str(db), read_only=True, config=duckdb_config())
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            return "ok"  # in use by a run: readable, just not now
        return "unreadable"
    except duckdb.Error:
        return "unreadable"
    try:
        con.execute("select count(*) from information_schema.tables").fetchone()
        return "ok"
    except duckdb.Error:
        return "unreadable"
    finally:
        con.close()


def needs_restore(paths: Paths) -> bool:
    """An unreadable working file, or a missing one where there was history to keep (a
    publication, or an archive of fetched pages); a new home just starts."""
    state = state_of(paths.build_db)
    if state == "missing":
        archived = (paths.archive / "manifest.jsonl").exists()
        return publish.current(paths.warehouse) is not None or archived
    return state == "unreadable"


def restore(paths: Paths, *, force: bool = False) -> Restored:
    """Replace the working warehouse with a copy of the live publication. The file it
    replaces (unreadable, or any with `force`) is set aside, never deleted."""
    db = paths.build_db
    set_aside = None
    state = state_of(db)
    if state == "ok" and not force:
        raise ConfigError(f"the working warehouse {db} is readable: nothing to restore")
    if state != "missing":
        label = "unreadable" if state == "unreadable" else "replaced"
        set_aside = db.with_name(f"{db.name}.{label}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
        os.replace(db, set_aside)
    db.with_name(db.name + ".wal").unlink(missing_ok=True)
    live = publish.current(paths.warehouse)
    if live is None or not (live / publish.WAREHOUSE_FILE).exists():
        return Restored(None, set_aside, needs_reparse=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.with_name(f".{db.name}.restoring")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(config=duckdb_config())
    try:
        con.execute(f"attach '{live / publish.WAREHOUSE_FILE}' as published (read_only)")
        con.execute(f"attach '{tmp}' as working")
        con.execute("copy from database published to working")
        con.execute("drop schema if exists working.meta cascade")
        con.execute("detach working")
    finally:
        con.close()
    os.replace(tmp, db)
    log.info("working warehouse restored from %s", live)
    return Restored(live, set_aside, needs_reparse=False)
