"""What a run did, for the terminal, the Prefect artifact and the raw.runs table."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from chitieu.settings import Paths

EXAMPLE_QUERY = (
    "select district_code, indicator_code, target_value, target_value_max, result_value, status "
    "from main_marts.mart_scorecard order by district_code, indicator_code"
)


@dataclass
class RunSummary:
    run_id: str
    started_at: datetime
    paths: Paths
    crawl: dict[str, Any] = field(default_factory=dict)
    loaded: dict[str, int] = field(default_factory=dict)
    figures_extracted: int = 0
    dbt: dict[str, int] = field(default_factory=dict)
    validation: Any = None  # expectations.run.ValidationReport
    totals: dict[str, int] = field(default_factory=dict)
    published: Path | None = None

    def counts(self) -> dict[str, Any]:
        return {
            "crawl": self.crawl,
            "loaded": self.loaded,
            "figures_extracted": self.figures_extracted,
            "dbt": self.dbt,
            "validation": self.validation.counts() if self.validation else {},
            "totals": self.totals,
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

    def lines(self) -> list[tuple[str, str]]:
        crawl = self.crawl or {}
        failed = crawl.get("failed", {}) or {}
        failed_text = ", ".join(f"{k} {v}" for k, v in sorted(failed.items())) or "none"
        v = self.validation.counts() if self.validation else {}
        docs = self.validation.docs_index if self.validation else None
        return [
            ("pages", f"{crawl.get('fetched', 0)} fetched, {crawl.get('unchanged', 0)} unchanged, "
                      f"failed: {failed_text}"),
            ("articles", f"{self.totals.get('articles', 0)} in the warehouse "
                         f"({crawl.get('articles', 0)} new or changed this run)"),
            ("figures", f"{self.totals.get('figures', 0)} in the warehouse "
                        f"({self.figures_extracted} extracted this run)"),
            ("dbt", self._dbt_line()),
            ("expectations", f"{v.get('passed', 0)}/{v.get('expectations', 0)} passed, "
                             f"{v.get('blocking_failed', 0)} blocking failed, "
                             f"{v.get('findings', 0)} findings on {v.get('finding_rows', 0)} rows"),
            ("warehouse", str(self.published or "not published")),
            ("validation report", str(docs or "not written")),
            ("scorecard report", str(self.published.parent / "report" / "index.html")
                                 if self.published else "not written"),
            ("parquet", str(self.published.parent / "parquet") if self.published else "-"),
            ("try", f'chitieu sql "{EXAMPLE_QUERY}"'),
        ]  # fmt: skip

    def markdown(self) -> str:
        rows = "\n".join(f"| {k} | {v} |" for k, v in self.lines())
        return f"# chitieu run `{self.run_id[:8]}`\n\n| stage | result |\n|---|---|\n{rows}\n"
