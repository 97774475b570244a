"""Run the suites with Great Expectations over pandas frames read from DuckDB.

GX reads the tables as pandas DataFrames (its SQL datasource over duckdb-engine
failed on this stack), so GX never opens the warehouse file: the frames are
read through a read-only connection that is closed before validation starts.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from chitieu.settings import duckdb_config
from expectations.offline_docs import make_offline
from expectations.suites import BLOCKING, FINDING, MIN_ROW_SHARE, SUITES, Check, Suite, Where

log = logging.getLogger(__name__)
DOCS_SITE = "chitieu"


@dataclass
class CheckResult:
    suite_name: str
    expectation_type: str
    column: str | None
    description: str
    severity: str
    success: bool
    element_count: int | None
    unexpected_count: int | None
    unexpected_ids: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ValidationReport:
    run_id: str
    validated_at: datetime
    results: list[CheckResult]
    docs_index: Path | None

    @property
    def blocking_failures(self) -> list[CheckResult]:
        return [r for r in self.results if r.severity == BLOCKING and not r.success]

    @property
    def findings(self) -> list[CheckResult]:
        return [r for r in self.results if r.severity == FINDING and not r.success]

    @property
    def passed(self) -> bool:
        return not self.blocking_failures

    def counts(self) -> dict[str, int]:
        return {
            "expectations": len(self.results),
            "passed": sum(r.success for r in self.results),
            "blocking_failed": len(self.blocking_failures),
            "findings": len(self.findings),
            "finding_rows": sum(r.unexpected_count or 0 for r in self.findings),
        }

    def describe_failures(self) -> str:
        lines = []
        for r in self.blocking_failures:
            ids = ", ".join(str(i) for i in r.unexpected_ids[:5])
            lines.append(
                f"{r.suite_name}: {r.description or r.expectation_type} "
                f"({r.unexpected_count} rows{': ' + ids if ids else ''})"
            )
        return "\n".join(lines)


def read_frames(db: Path, suites: list[Suite]) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(db), read_only=True, config=duckdb_config())
    try:
        return {s.name: con.execute(s.query).df() for s in suites}
    finally:
        con.close()


def row_guard(suite: Suite, baseline: dict[str, int]) -> Check | None:
    last = baseline.get(suite.guard_table or "")
    if not last:
        return None
    low = math.ceil(last * MIN_ROW_SHARE)
    return Check(
        "ExpectTableRowCountToBeBetween",
        {"min_value": low},
        BLOCKING,
        f"row count at least {low} ({MIN_ROW_SHARE:.0%} of the last good run's {last})",
    )


def validate(
    db: Path, gx_root: Path, docs_dir: Path, run_id: str, baseline: dict[str, int] | None = None
) -> ValidationReport:
    """Validate every suite; build Data Docs into `docs_dir`."""
    frames = read_frames(db, SUITES)
    context = gx_context(gx_root, docs_dir)
    results: list[CheckResult] = []
    for suite in SUITES:
        checks = list(suite.checks)
        guard = row_guard(suite, baseline or {})
        if guard:
            checks.append(guard)
        results.extend(run_suite(context, suite, checks, frames[suite.name]))
    context.build_data_docs(site_names=[DOCS_SITE])
    make_offline(docs_dir)  # GX's pages load their scripts and styles from CDNs otherwise
    index = docs_dir / "index.html"
    return ValidationReport(run_id, datetime.now(UTC), results, index if index.exists() else None)


def gx_context(gx_root: Path, docs_dir: Path):
    """A file-backed GX context under `gx_root` whose Data Docs go to `docs_dir`."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    gx_root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(gx_root))
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    site: Any = {
        "class_name": "SiteBuilder",
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(docs_dir),
        },
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    sites = context.variables.data_docs_sites or {}
    if DOCS_SITE in sites:
        context.update_data_docs_site(site_name=DOCS_SITE, site_config=site)
    else:
        context.add_data_docs_site(site_name=DOCS_SITE, site_config=site)
    return context


def _condition(where: Where):
    from great_expectations.expectations.row_conditions import Column

    clauses = []
    for column, op, value in where:
        if op == "==":
            clauses.append(Column(column) == value)
        elif op == "not_null":
            clauses.append(Column(column).is_not_null())
        elif op == "is_null":
            clauses.append(Column(column).is_null())
        else:
            raise ValueError(f"unknown operator {op!r} in a row condition")
    condition = clauses[0]
    for clause in clauses[1:]:
        condition = condition & clause
    return condition


def _gx_suite(suite: Suite, checks: list[Check]):
    import great_expectations as gx

    gx_suite = gx.ExpectationSuite(name=suite.name)
    for check in checks:
        cls = getattr(gx.expectations, check.expectation)
        meta = {"severity": check.severity, "description": check.description}
        kwargs = dict(check.kwargs)
        if check.where:
            kwargs["row_condition"] = _condition(check.where)
        gx_suite.add_expectation(cls(**kwargs, meta=meta))
    return gx_suite


def run_suite(context, suite: Suite, checks: list[Check], frame: pd.DataFrame,
              *, docs: bool = True) -> list[CheckResult]:  # fmt: skip
    """Validate `frame` against `checks`, saved idempotently as suite `suite.name`."""
    import great_expectations as gx

    actions: list[Any] = [gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=[DOCS_SITE])]
    source = context.data_sources.add_or_update_pandas("warehouse")
    asset = source.add_dataframe_asset(suite.name)
    batch = asset.add_batch_definition_whole_dataframe("whole_table")
    gx_suite = context.suites.add_or_update(_gx_suite(suite, checks))
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
    )
    checkpoint = context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=f"chitieu_{suite.name}",
            validation_definitions=[definition],
            actions=actions if docs else [],
            result_format={
                "result_format": "COMPLETE",
                "unexpected_index_column_names": list(suite.id_columns),
            },
        )
    )
    outcome = checkpoint.run(batch_parameters={"dataframe": frame})
    return [_check_result(suite, r) for vr in outcome.run_results.values() for r in vr.results]


def _check_result(suite: Suite, result) -> CheckResult:
    config = result.expectation_config
    meta = config.meta or {}
    detail = result.result or {}
    ids = detail.get("unexpected_index_list") or []
    return CheckResult(
        suite_name=suite.name,
        expectation_type=config.type,
        column=config.kwargs.get("column") or config.kwargs.get("column_A"),
        description=meta.get("description", ""),
        severity=meta.get("severity", BLOCKING),
        success=bool(result.success),
        element_count=detail.get("element_count"),
        unexpected_count=detail.get("unexpected_count"),
        unexpected_ids=[{k: v for k, v in i.items() if k in suite.id_columns} for i in ids],
    )
