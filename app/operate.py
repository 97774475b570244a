"""What an operator does between runs: list and remove sources, restore, roll back.

Each takes the home's run lock, so none of them can meet a running pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chitieu import publish, raw, recovery
from chitieu.errors import ConfigError
from chitieu.lock import run_lock
from chitieu.settings import Paths


@dataclass
class SourceRow:
    name: str
    registered: str  # which registry lists it, or "-"
    pages: int
    articles: int
    figures: int
    pending_removal: bool


def registered_names() -> dict[str, str]:
    """Source name -> the registry that lists it (the real one, or the bundled mirror's)."""
    from scrapers.registry import DEFAULT_REGISTRY, MIRROR_REGISTRY, load_registry

    names = {s.name: "mirror" for s in load_registry(MIRROR_REGISTRY, base_url="http://x")}
    names.update({s.name: DEFAULT_REGISTRY.name for s in load_registry(DEFAULT_REGISTRY)})
    return names


def list_sources(paths: Paths, registry: Path | None = None) -> list[SourceRow]:
    """Every source that has data in the working warehouse or is registered."""
    from scrapers.registry import load_registry

    known = registered_names()
    if registry is not None:
        known.update({s.name: registry.name for s in load_registry(registry)})
    counts = raw.source_counts(paths.build_db) if paths.build_db.exists() else {}
    pending = _pending_removals(paths.build_db)
    empty = {"pages": 0, "articles": 0, "figures": 0}
    return [
        SourceRow(
            name, known.get(name, "-"), **counts.get(name, empty), pending_removal=name in pending
        )  # fmt: skip
        for name in sorted(set(known) | set(counts))
    ]


def _pending_removals(db: Path) -> set[str]:
    if not db.exists():
        return set()
    with raw.connect(db, read_only=True) as con:
        rows = con.execute(
            "select source_name from raw.source_removals where removed_run_id is null"
        ).fetchall()
    return {r[0] for r in rows}


def remove_source(paths: Paths, name: str, registry: Path | None = None) -> SourceRow:
    """Record that `name` leaves the warehouse: the next run's load deletes its pages,
    articles and figures, and the run records it. A registered source would come back with
    the next crawl: it must leave its registry first."""
    with run_lock(paths.state, f"chitieu sources remove {name}"):
        row = next((r for r in list_sources(paths, registry) if r.name == name), None)
        if row is None or (row.pages == 0 and row.registered == "-"):
            known = ", ".join(r.name for r in list_sources(paths, registry) if r.pages) or "none"
            raise ConfigError(f"no source named {name!r} in the warehouse", f"with data: {known}")
        if row.registered != "-":
            raise ConfigError(
                f"{name} is still registered in {row.registered}: the next crawl would bring "
                "it back", "remove it from the registry first, then run this again",
            )  # fmt: skip
        raw.request_source_removal(paths.build_db, name)
        _forget_landed(paths, name)
    return row


def _forget_landed(paths: Paths, name: str) -> None:
    """Should the source come back one day, its pages must land again."""
    from scrapers.archive import Archive

    if (paths.archive / "manifest.jsonl").exists():
        Archive(paths.archive).forget_source(name)


def restore(paths: Paths) -> recovery.Restored:
    """The working warehouse rebuilt from the live publication (the current file kept
    aside); the next run loads the landing batches written since."""
    with run_lock(paths.state, "chitieu restore"):
        return recovery.restore(paths, force=True)


def rollback(paths: Paths, version: str | None = None) -> Path:
    """Republish a kept version (default: the one before the live one), atomically."""
    with run_lock(paths.state, "chitieu rollback"):
        return publish.rollback(paths.warehouse, version)


def versions(paths: Paths) -> list[tuple[str, bool, dict]]:
    """(name, is live, manifest) of every kept publication, oldest first."""
    live = publish.current(paths.warehouse)
    return [(v.name, v == live, publish.manifest(v)) for v in publish.versions(paths.warehouse)]
