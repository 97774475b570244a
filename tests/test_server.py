"""A real Prefect server: the deployments of prefect.yaml with their schedules, and a run
triggered through the API that a process worker picks up and completes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped]

from chitieu import landing
from scrapers.mirror.server import serve_mirror
from tests.prefect_server import cluster

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]


def _schedules(specs: list[dict]) -> list[tuple[str, str]]:
    return sorted((s["cron"], s["timezone"]) for s in specs)


def test_deployments_carry_the_schedules_of_prefect_yaml():
    prefect = cluster()
    declared = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))["deployments"]
    expected = {d["name"]: _schedules(d.get("schedules") or []) for d in declared}
    deployed = prefect.deployments()
    actual = {
        name: _schedules([s["schedule"] for s in row["schedules"]])
        for name, row in deployed.items()
    }
    assert actual == expected
    assert expected["incremental"] == [("0 6,12,18 * * *", "Asia/Ho_Chi_Minh")]
    assert expected["weekly-full-reparse"] == [("30 2 * * 0", "Asia/Ho_Chi_Minh")]
    assert deployed["weekly-full-reparse"]["parameters"]["full_reparse"] is True
    assert {row["work_pool_name"] for row in deployed.values()} == {"chitieu-process"}
    assert deployed["crawl-shard"]["work_queue_name"] == "crawl"
    assert deployed["load-landing"]["work_queue_name"] == "warehouse"


def test_a_triggered_run_completes_on_a_process_worker(tmp_path):
    prefect = cluster()
    store = tmp_path / "landing"
    with serve_mirror() as base_url:
        run = prefect.run_deployment(
            "crawl-shard",
            {"shard": 0, "shards": 1, "landing": str(store), "registry": "mirror",
             "base_url": base_url, "sources": ["mirror_news"]},
        )  # fmt: skip
        (finished,) = prefect.wait([run], timeout=240)
    assert finished["state_type"] == "COMPLETED", prefect.logs(run)
    assert finished["work_queue_name"] == "crawl"
    (manifest,) = landing.list_batches(str(store))
    assert manifest["flow_run_id"] == run and manifest["sources"] == ["mirror_news"]
    assert manifest["files"]["articles"]["rows"] > 0
    # the crawl reported its progress as a Prefect progress artifact, finished at 100 %
    progress = [a for a in prefect.artifacts(run) if a["type"] == "progress"]
    assert [a["data"] for a in progress] == [100.0]
    print("cluster timings (s):", {k: round(v, 1) for k, v in prefect.timings.items()})
