"""`chitieu sql`: read-only queries on the published warehouse, and a small SQL shell.

Read-only means more than DuckDB's `read_only`, which protects only the tables: COPY,
EXPORT, ATTACH and INSTALL would still write files anywhere. The connection is opened with
external access off (no file or network I/O but the database file itself), extension
autoload/autoinstall and community extensions off, and the configuration locked, so no
statement can turn any of it back on.

The shell is ours (stdlib readline: line editing, history in `<state>/sql_history`) rather
than the DuckDB CLI, whose PyPI package lags the library and would need the same settings
passed by hand on every start (docs/bi.md); `.tables`, `\\d [table]`, every statement's
result, Ctrl-C cancels the running query (`con.interrupt()`), Ctrl-D quits.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.table import Table

from chitieu.errors import ChitieuError

READ_ONLY_CONFIG: dict[str, Any] = {
    "access_mode": "READ_ONLY",
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,  # last: nothing above can be SET back
}
ROW_LIMIT = 200
HISTORY_LENGTH = 1000
PROMPT, MORE = "chitieu> ", "   ...> "

console = Console()
if not console.is_terminal:  # piped output: don't squeeze columns into 80 characters
    console = Console(width=240)


def error(text: str) -> None:
    print(text, file=sys.stderr, flush=True)  # never wrapped: one line stays one line


def connect(published: Path) -> duckdb.DuckDBPyConnection:
    """The published warehouse, read-only in every sense above; ChitieuError if unusable."""
    if not published.exists():
        raise ChitieuError(f"no published warehouse at {published}: run `chitieu run` first")
    try:
        return duckdb.connect(str(published), read_only=True, config=READ_ONLY_CONFIG)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        raise ChitieuError(
            f"cannot open {published} as a DuckDB warehouse: {first}",
            "publish it again with `chitieu run` (or restore a kept version)",
        ) from None


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]
    more: bool  # rows beyond ROW_LIMIT were not fetched


def execute(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[Result]:
    """Each statement of `sql` in turn, with its rows (raises duckdb.Error)."""
    for statement in con.extract_statements(sql):
        cursor = con.execute(statement)
        if not cursor.description:  # a statement without rows
            continue
        rows = cursor.fetchmany(ROW_LIMIT + 1)
        yield Result([c[0] for c in cursor.description], rows[:ROW_LIMIT], len(rows) > ROW_LIMIT)


def show(result: Result) -> None:
    table = Table(*result.columns, show_lines=False)
    for row in result.rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)
    if result.more:
        console.print(f"(first {ROW_LIMIT} rows shown)")


def describe_error(exc: duckdb.Error) -> str:
    """One line for a refused statement; DuckDB's own few lines for the others."""
    text = str(exc).strip()
    if isinstance(exc, duckdb.PermissionException) or "read-only mode" in text:
        return f"refused (read-only warehouse): {text.splitlines()[0]}"
    if "configuration has been locked" in text:
        return f"refused (settings are locked): {text.splitlines()[0]}"
    return text


def run_sql(published: Path, query: str | None, history: Path | None = None) -> int:
    con = connect(published)
    try:
        if query:
            try:
                for result in execute(con, query):
                    show(result)
            except duckdb.Error as exc:
                error(describe_error(exc))
                return 1
            return 0
        return Shell(con, history).loop()
    finally:
        con.close()


class Shell:
    """An interactive loop: statements end with ';', dot and backslash commands don't."""

    def __init__(self, con: duckdb.DuckDBPyConnection, history: Path | None) -> None:
        self.con, self.history = con, history
        self.interactive = sys.stdin.isatty()

    def loop(self) -> int:
        if self.interactive:
            # Ctrl-C on the terminal cancels, even when the shell was started with SIGINT
            # ignored (`nohup`, a background job), where Python installs no handler of its own
            signal.signal(signal.SIGINT, signal.default_int_handler)
            console.print("chitieu sql (read-only). End statements with ';'. "
                          ".tables, \\d [table], .help; Ctrl-C cancels, Ctrl-D quits.")  # fmt: skip
        with self._readline():
            buffer = ""
            while True:
                try:
                    line = self._read(MORE if buffer else PROMPT)
                except EOFError:
                    return 0
                except KeyboardInterrupt:  # at the prompt: drop the statement being typed
                    console.print("^C")
                    buffer = ""
                    continue
                if not buffer and line.strip().startswith((".", "\\")):
                    if self.command(line.strip()) == "quit":
                        return 0
                    continue
                buffer += line + "\n"
                if buffer.strip().endswith(";"):
                    self.run(buffer)
                    buffer = ""

    def _read(self, prompt: str) -> str:
        if self.interactive:
            return input(prompt)
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    @contextlib.contextmanager
    def _readline(self) -> Iterator[None]:
        if not self.interactive:
            yield
            return
        import readline  # line editing and history for input()

        readline.set_history_length(HISTORY_LENGTH)
        if self.history and self.history.exists():
            with contextlib.suppress(OSError):
                readline.read_history_file(self.history)
        try:
            yield
        finally:
            if self.history:
                with contextlib.suppress(OSError):
                    self.history.parent.mkdir(parents=True, exist_ok=True)
                    readline.write_history_file(self.history)

    def run(self, sql: str) -> None:
        """Run `sql` in a worker thread so that Ctrl-C here can interrupt the query."""
        outcome: list[Result | BaseException] = []
        done = threading.Event()

        def work() -> None:
            try:
                for result in execute(self.con, sql):
                    outcome.append(result)
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread
                outcome.append(exc)
            finally:
                done.set()

        threading.Thread(target=work, daemon=True, name="chitieu-sql").start()
        cancelled = False
        while not done.is_set():
            try:
                done.wait(0.2)
            except KeyboardInterrupt:
                cancelled = True
            if cancelled:
                # (again until the query ends: a Ctrl-C before the worker has started the
                # query would otherwise be lost, and the query run to its end)
                self.con.interrupt()
        for item in outcome:
            if isinstance(item, duckdb.InterruptException):
                error("query cancelled")
            elif isinstance(item, duckdb.Error):
                error(describe_error(item))
            elif isinstance(item, BaseException):
                raise item
            else:
                show(item)

    def command(self, line: str) -> str | None:
        name, _, arg = line.partition(" ")
        if name in (".quit", ".exit", "\\q"):
            return "quit"
        if name in (".tables", "\\d", "\\dt") and not arg.strip():
            self.run(TABLES_SQL)
        elif name in ("\\d", ".schema", ".describe") and arg.strip():
            self.describe(arg.strip().rstrip(";"))
        elif name in (".help", "\\?"):
            console.print(HELP, markup=False, highlight=False)
        else:
            error(f"unknown command {name}: .help lists them")
        return None

    def describe(self, table: str) -> None:
        try:
            relation = self.con.sql(f"select * from {table} limit 0")
        except duckdb.Error as exc:
            error(describe_error(exc))
            return
        show(Result(["column", "type"], list(zip(relation.columns, map(str, relation.types),
                                                   strict=True)), False))  # fmt: skip


TABLES_SQL = """
select schema_name as schema, table_name as name, 'table' as kind, estimated_size as rows
from duckdb_tables() where not internal and database_name = current_database()
union all
select schema_name, view_name, 'view', null
from duckdb_views() where not internal and database_name = current_database()
order by 1, 2;
"""
HELP = """statements end with ';' (several per line are fine); every result is shown
.tables or \\d          list tables and views
\\d SCHEMA.TABLE        columns and types of a table or view
.quit, \\q, Ctrl-D      leave; Ctrl-C cancels the running query"""
