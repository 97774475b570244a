"""Validation results stored in the warehouse, so analysts can query quality over time."""

from __future__ import annotations

import pandas as pd

from chitieu.raw import connect
from expectations.run import ValidationReport

DDL = """
create schema if not exists quality;
create table if not exists quality.validation_results (
    run_id varchar not null,
    validated_at timestamptz not null,
    suite_name varchar not null,
    expectation_type varchar not null,
    column_name varchar,
    check_description varchar,
    severity varchar not null,
    is_success boolean not null,
    element_count bigint,
    unexpected_count bigint
);
create table if not exists quality.figure_findings (
    run_id varchar not null,
    figure_id varchar not null,
    suite_name varchar not null,
    check_description varchar,
    check_id varchar
);
"""


def record(db, report: ValidationReport) -> None:
    """Append this run's results; replace the per-figure findings with this run's."""
    results = pd.DataFrame(
        [
            {
                "run_id": report.run_id,
                "validated_at": report.validated_at,
                "suite_name": r.suite_name,
                "expectation_type": r.expectation_type,
                "column_name": r.column,
                "check_description": r.description,
                "severity": r.severity,
                "is_success": r.success,
                "element_count": r.element_count,
                "unexpected_count": r.unexpected_count,
            }
            for r in report.results
        ]
    )
    findings = pd.DataFrame(
        [
            {
                "run_id": report.run_id,
                "figure_id": ids["figure_id"],
                "suite_name": r.suite_name,
                "check_description": r.description,
                "check_id": ids.get("check_id"),
            }
            for r in report.findings
            for ids in r.unexpected_ids
            if ids.get("figure_id")
        ],
        columns=["run_id", "figure_id", "suite_name", "check_description", "check_id"],
    )
    with connect(db) as con:
        con.execute(DDL)
        con.execute("begin")
        con.execute("delete from quality.validation_results where run_id = ?", [report.run_id])
        con.register("incoming", results)
        con.execute("insert into quality.validation_results select * from incoming")
        con.unregister("incoming")
        con.execute("delete from quality.figure_findings")
        con.register("incoming", findings)
        con.execute("insert into quality.figure_findings select * from incoming")
        con.unregister("incoming")
        con.execute("commit")
