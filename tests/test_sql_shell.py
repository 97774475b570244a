"""The `chitieu sql` shell on a real terminal (a pty): editing, listings, every result,
errors, Ctrl-C cancels the query and not the shell, Ctrl-D quits, history kept."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.test_sql_readonly import make_warehouse

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]
LONG_QUERY = "select count(*) from range(200000) a, range(200000) b where a.range + b.range = 7;"


class Terminal:
    def __init__(self, home: Path) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "--home", str(home), "sql"],
            stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, preexec_fn=_controlling_tty,
            env={**os.environ, "TERM": "dumb", "NO_COLOR": "1"},
        )  # fmt: skip
        os.close(slave)
        self.seen = ""

    def send(self, text: str) -> None:
        os.write(self.master, text.encode())

    def expect(self, pattern: str, timeout: float = 60) -> str:
        """Read until `pattern` (a regex) appears in the output since the last match."""
        deadline = time.monotonic() + timeout
        while not (found := re.search(pattern, self.seen, re.S)):
            left = deadline - time.monotonic()
            assert left > 0, f"no {pattern!r} in:\n{self.seen[-2000:]}"
            if select.select([self.master], [], [], left)[0]:
                try:
                    self.seen += os.read(self.master, 65536).decode(errors="replace")
                except OSError:  # the shell exited
                    assert re.search(pattern, self.seen, re.S), self.seen[-2000:]
        before, self.seen = self.seen[: found.end()], self.seen[found.end() :]
        return before

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)


def _controlling_tty() -> None:
    os.setsid()  # the pty becomes this process's controlling terminal: ^C is SIGINT
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    # started as from `nohup` or a background job, with SIGINT ignored: the shell must still
    # cancel on ^C (the test runner's own disposition would otherwise decide)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_the_shell_on_a_terminal(tmp_path):
    home = tmp_path / "home"
    make_warehouse(home)
    term = Terminal(home)
    try:
        term.expect(r"chitieu> ")
        term.send("select 1 as first_col; select 2 as second_col;\r")
        shown = term.expect(r"│ 2 .*chitieu> ")
        assert "first_col" in shown  # every statement's result, not only the last
        term.send(".tables\r")
        assert re.search(r"main_marts\s*│\s*fct_figure", term.expect(r"fct_figure.*chitieu> "))
        term.send("\\d main_marts.fct_figure\r")
        assert "BIGINT" in term.expect(r"unit.*chitieu> ")
        term.send("selec 1;\r")
        term.expect(r"Parser Error.*chitieu> ")
        term.send("elect 40 + 2 as answer;\x01s\r")  # Ctrl-A: to the line's start, then "s"
        assert "answer" in term.expect(r"│ 42 .*chitieu> ")
        term.send(LONG_QUERY + "\r")
        time.sleep(1.0)
        term.send("\x03")  # Ctrl-C while the query runs
        term.expect(r"query cancelled.*chitieu> ", timeout=30)
        term.send("select 'still here' as alive;\r")
        term.expect(r"│ still here .*chitieu> ")
        term.send("\x04")  # Ctrl-D
        assert term.process.wait(30) == 0
    finally:
        term.close()
    history = (home / ".chitieu" / "sql_history").read_text()
    assert "select 40 + 2 as answer;" in history and ".tables" in history


def test_the_shell_reads_statements_from_a_pipe(tmp_path):
    home = tmp_path / "home"
    make_warehouse(home)
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--home", str(home), "sql"],
        input="select 5 as five;\nselec;\nselect 6\n as six;\n.tables\n", capture_output=True,
        text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0
    for word in ("five", "six", "fct_figure"):
        assert word in result.stdout
    assert result.stderr.count("Parser Error") == 1 and "Traceback" not in result.stderr
