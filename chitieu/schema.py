"""The raw layer's schema, declared once.

The DDL of the `raw` schema, the typed Parquet files of a landing batch and the column lists
of the loader all come from `TABLES`. The figures table follows the figure record itself
(`chitieu.figures.Figure`): a field added to the record is a column of `raw.figures` and of
every landing batch without another edit.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from functools import cache

from chitieu.figures import Figure


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a DuckDB type
    not_null: bool = False


@dataclass(frozen=True)
class Table:
    """A raw table. `landed` tables travel in landing batches (Parquet, one file each);
    the loader adds `run_id` and `loaded_at` to their rows."""

    name: str
    key: str
    columns: tuple[Column, ...]
    landed: bool = True

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def ddl(self) -> str:
        cols = [f"{c.name} {c.type}{' not null' if c.not_null else ''}" for c in self.columns]
        if self.landed:
            cols += ["run_id varchar", "loaded_at timestamptz not null"]
        if self.key:
            cols.append(f"primary key ({self.key})")
        return f"create table if not exists raw.{self.name} (\n    " + ",\n    ".join(cols) + "\n);"

    def casts(self) -> str:
        """Every column cast to its type, from loosely typed rows (lists as JSON text)."""
        return ", ".join(
            f"cast({c.name}{'::json' if c.type.endswith('[]') else ''} as {c.type}) as {c.name}"
            for c in self.columns
        )

    def select_typed(self, relation: str) -> str:
        return f"select {self.casts()} from {relation}"


def _cols(*specs: str) -> tuple[Column, ...]:
    """`"name type"` or `"name type not null"` per column."""
    out = []
    for spec in specs:
        name, _, rest = spec.partition(" ")
        not_null = rest.endswith(" not null")
        out.append(Column(name, rest.removesuffix(" not null"), not_null))
    return tuple(out)


_PY_TYPES = {str: "varchar", float: "double", int: "integer", bool: "boolean"}


def _duckdb_type(hint: object) -> str:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _duckdb_type(inner)
    if hint in _PY_TYPES:
        return _PY_TYPES[hint]  # type: ignore[index]
    raise TypeError(f"no DuckDB type for figure field type {hint!r}")


@cache
def figure_columns() -> tuple[Column, ...]:
    """The figure record's fields, in order, as columns."""
    hints = typing.get_type_hints(Figure)
    return tuple(
        Column(f.name, _duckdb_type(hints[f.name]), f.name in ("surface", "unit"))
        for f in dataclasses.fields(Figure)
    )


PAGES = Table(
    "pages",
    "page_id",
    _cols(
        "page_id varchar not null", "source_name varchar", "url varchar not null",
        "final_url varchar", "status_code integer", "content_type varchar",
        "content_hash varchar", "etag varchar", "last_modified varchar",
        "fetched_at timestamptz", "is_changed boolean", "error_reason varchar",
        "error_detail varchar",
    ),
)  # fmt: skip

ARTICLES = Table(
    "articles",
    "article_id",
    _cols(
        "article_id varchar not null", "page_id varchar not null", "source_name varchar",
        "url varchar not null", "canonical_url varchar", "content_hash varchar not null",
        "title varchar", "published_at timestamptz", "published_tz varchar", "author varchar",
        "body_text varchar not null", "district_codes varchar[]", "term_label varchar",
        "parser varchar", "parser_fallback_from varchar", "figures_version varchar",
    ),
)  # fmt: skip


@cache
def figures_table() -> Table:
    head = _cols(
        "figure_id varchar not null", "article_id varchar not null",
        "content_hash varchar not null", "figure_index integer not null",
    )  # fmt: skip
    tail = _cols("extractor_version varchar not null")
    return Table("figures", "figure_id", head + figure_columns() + tail)


EXTRACTION_ERRORS = Table(
    "extraction_errors",
    "",
    _cols("article_id varchar not null", "error_detail varchar not null", "run_id varchar",
          "failed_at timestamptz not null"),
    landed=False,
)  # fmt: skip

RUNS = Table(
    "runs",
    "run_id",
    _cols("run_id varchar not null", "started_at timestamptz not null",
          "finished_at timestamptz", "status varchar", "counts_json varchar"),
    landed=False,
)  # fmt: skip

LANDING_FILES = Table(
    "landing_files",
    "file",
    _cols(
        "file varchar not null", "batch_id varchar not null", "kind varchar not null",
        "sha256 varchar not null", "row_count integer not null", "shard integer",
        "shards integer", "worker varchar", "run_id varchar", "loaded_at timestamptz not null",
    ),
    landed=False,
)  # fmt: skip

SOURCE_REMOVALS = Table(
    "source_removals",
    "",
    _cols("source_name varchar not null", "requested_at timestamptz not null",
          "removed_run_id varchar", "removed_at timestamptz", "pages integer",
          "articles integer", "figures integer"),
    landed=False,
)  # fmt: skip


def landed_tables() -> tuple[Table, ...]:
    """The tables of a landing batch, in load order."""
    return (PAGES, ARTICLES, figures_table())


def all_tables() -> tuple[Table, ...]:
    return (*landed_tables(), EXTRACTION_ERRORS, RUNS, LANDING_FILES, SOURCE_REMOVALS)


def missing_columns(existing: set[tuple[str, str]]) -> list[str]:
    """`alter table` statements for the columns a warehouse made by an older version lacks
    (`existing`: its (table, column) pairs of the raw schema)."""
    tables = {t for t, _ in existing}
    return [
        f"alter table raw.{t.name} add column {c.name} {c.type}"
        for t in all_tables() if t.name in tables
        for c in t.columns if (t.name, c.name) not in existing
    ]  # fmt: skip


@cache
def ddl() -> str:
    return "create schema if not exists raw;\n" + "\n".join(t.ddl() for t in all_tables())
