"""What a run did, for the terminal, the Prefect artifact and the raw.runs table."""

from __future__ import annotations

import contextlib
import shlex
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from chitieu.settings import Paths

EXAMPLE_QUERY = (
    "select district_code, indicator_code, baseline_value, baseline_year, target_value, "
    "target_value_max, result_value, result_year, status "
    "from main_marts.mart_scorecard order by district_code, indicator_code"
)


def chitieu_command(paths: Paths | None = None) -> str:
    """How to call this chitieu from the current folder, pasteable as is: the executable
    that runs now (or the one next to this Python), relative when under the cwd; with
    `--home` when the run used another home than the default."""
    argv0 = Path(sys.argv[0])
    exe = argv0 if argv0.name == "chitieu" and argv0.is_file() else None
    exe = exe or Path(sys.executable).parent / "chitieu"
    if not exe.is_file():
        return "chitieu"
    exe = exe.absolute()
    with contextlib.suppress(ValueError):
        exe = exe.relative_to(Path.cwd())
    command = shlex.quote(str(exe))
    home = paths.warehouse.parent if paths else None
    if paths and paths != Paths.from_env() and paths.state.parent == home:
        command += f" --home {shlex.quote(str(home))}"
    return command


@dataclass
class RunSummary:
    run_id: str
    started_at: datetime
    paths: Paths
    crawl: dict[str, Any] = field(default_factory=dict)
    loaded: dict[str, Any] = field(default_factory=dict)
    figures_extracted: int = 0
    dbt: dict[str, int] = field(default_factory=dict)
    validation: Any = None  # expectations.run.ValidationReport
    totals: dict[str, int] = field(default_factory=dict)
    published: Path | None = None
    build_skipped: bool = False  # nothing changed since the published build

    def counts(self) -> dict[str, Any]:
        return {
            "crawl": self.crawl,
            "loaded": self.loaded,
            "figures_extracted": self.figures_extracted,
            "dbt": self.dbt,
            "validation": self.validation.counts() if self.validation else {},
            "totals": self.totals,
            "build_skipped": self.build_skipped,
        }

    def _dbt_line(self) -> str:
        passed = {k: v for k, v in self.dbt.items() if k.endswith(("_success", "_pass"))}
        failed = {k: v for k, v in self.dbt.items() if k.endswith(("_error", "_fail"))}
        models = self.dbt.get("model_success", 0)
        tests = self.dbt.get("test_pass", 0) + self.dbt.get("unit_test_pass", 0)
        return (
            f"{models} models built, {tests} tests passed, "
            f"{sum(failed.values())} failed ({sum(passed.values())} nodes ok)"
        )

    def source_lines(self) -> list[tuple[str, str]]:
        """One line per source: fetched / unchanged / failed by reason."""
        out = []
        for name, stats in sorted((self.crawl.get("sources") or {}).items()):
            failed = ", ".join(f"{k} {v}" for k, v in sorted(stats["failed"].items())) or "none"
            out.append((f"  {name}", f"{stats['fetched']} fetched, {stats['unchanged']} "
                                     f"unchanged, failed: {failed}"))  # fmt: skip
        return out

    def lines(self) -> list[tuple[str, str]]:
        crawl = self.crawl or {}
        failed = crawl.get("failed", {}) or {}
        failed_text = ", ".join(f"{k} {v}" for k, v in sorted(failed.items())) or "none"
        v = self.validation.counts() if self.validation else {}
        docs = self.validation.docs_index if self.validation else None
        folder = self.published.parent if self.published else None
        removed = (self.loaded or {}).get("removed_sources") or []
        lines = [
            ("pages", f"{crawl.get('fetched', 0)} fetched, {crawl.get('unchanged', 0)} unchanged, "
                      f"failed: {failed_text}"),
            *self.source_lines(),
            ("articles", f"{self.totals.get('articles', 0)} in the warehouse "
                         f"({crawl.get('articles', 0)} new or changed this run)"),
            ("figures", f"{self.totals.get('figures', 0)} in the warehouse "
                        f"({self.figures_extracted} re-extracted this run)"),
        ]  # fmt: skip
        lines += [("removed", f"source {r['source']}: {r['pages']} pages, {r['articles']} "
                              f"articles, {r['figures']} figures") for r in removed]  # fmt: skip
        if self.build_skipped:
            return [*lines, ("build", "nothing changed since the published warehouse: "
                                      "dbt, validation and publish skipped"),
                    ("warehouse", str(self.published)), ("try", self.try_line())]  # fmt: skip
        return [
            *lines,
            ("dbt", self._dbt_line()),
            ("expectations", f"{v.get('passed', 0)}/{v.get('expectations', 0)} passed, "
                             f"{v.get('blocking_failed', 0)} blocking failed, "
                             f"{v.get('findings', 0)} findings on {v.get('finding_rows', 0)} rows"),
            ("warehouse", str(self.published or "not published")),
            ("validation report", str(folder / "validation" / "index.html") if folder
                                  else str(docs or "not written")),
            ("scorecard report", str(folder / "report" / "index.html") if folder
                                 else "not written"),
            ("parquet", str(folder / "parquet") if folder else "-"),
            ("analyst docs", self._docs_page()),
            ("try", self.try_line()),
        ]  # fmt: skip

    def try_line(self) -> str:
        return f'{chitieu_command(self.paths)} sql "{EXAMPLE_QUERY}"'

    def _docs_page(self) -> str:
        """The dbt docs of the published warehouse: models, columns, tests, lineage (offline)."""
        page = self.published.parent / "docs" / "index.html" if self.published else None
        return str(page) if page and page.exists() else "not written"

    def markdown(self) -> str:
        rows = "\n".join(f"| {k} | {v} |" for k, v in self.lines())
        return f"# chitieu run `{self.run_id[:8]}`\n\n| stage | result |\n|---|---|\n{rows}\n"
