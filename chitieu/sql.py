"""`chitieu sql`: read-only queries on the published warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

console = Console()
if not console.is_terminal:  # piped output: don't squeeze columns into 80 characters
    console = Console(width=240)


def _print(con: duckdb.DuckDBPyConnection, query: str, limit: int = 200) -> None:
    cursor = con.execute(query)
    if not cursor.description:  # a statement without rows
        return
    table = Table(*(column[0] for column in cursor.description), show_lines=False)
    rows = cursor.fetchmany(limit + 1)
    for row in rows[:limit]:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)
    if len(rows) > limit:
        console.print(f"(first {limit} rows shown)")


def run_sql(published: Path, query: str | None) -> int:
    if not published.exists():
        console.print(f"[red]no published warehouse at {published}: run `chitieu run` first[/red]")
        return 1
    con = duckdb.connect(str(published), read_only=True)
    try:
        if query:
            try:
                _print(con, query)
            except duckdb.Error as exc:
                console.print(f"[red]{exc}[/red]")
                return 1
            return 0
        return _shell(con)
    finally:
        con.close()


def _shell(con: duckdb.DuckDBPyConnection) -> int:
    console.print("chitieu sql (read-only). End statements with ';'. Ctrl-D to quit.")
    buffer = ""
    while True:
        try:
            line = input("chitieu> " if not buffer else "   ...> ")
        except EOFError:
            console.print()
            return 0
        buffer += line + "\n"
        if buffer.strip().endswith(";"):
            try:
                _print(con, buffer)
            except duckdb.Error as exc:
                console.print(f"[red]{exc}[/red]")
            buffer = ""
