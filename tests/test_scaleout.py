"""Scale-out on a real server: two process workers crawl one shard each into the landing
store; the single writer loads every landing file exactly once and publishes."""

from __future__ import annotations

from chitieu import landing
from chitieu.settings import Paths
from scrapers.mirror.server import serve_mirror
from tests.conftest import query
from tests.prefect_server import WORKERS, cluster


def test_two_workers_crawl_shards_and_one_writer_loads_them_once(tmp_path):
    prefect = cluster()
    store = tmp_path / "landing"
    warehouse_home = tmp_path / "warehouse-machine"
    with serve_mirror() as base_url:
        shard_params = {"shards": 2, "landing": str(store), "registry": "mirror",
                        "base_url": base_url}  # fmt: skip
        runs = [prefect.run_deployment("crawl-shard", {**shard_params, "shard": k}) for k in (0, 1)]
        finished = prefect.wait(runs, timeout=240)
    assert [r["state_type"] for r in finished] == ["COMPLETED"] * 2, [prefect.logs(r) for r in runs]

    manifests = landing.list_batches(str(store))
    assert sorted(m["shard"] for m in manifests) == [0, 1]
    # each shard ran under a different worker: the worker is the flow run's parent process
    worker_pids = {name: prefect.workers[name].pid for name in WORKERS}
    assert {m["worker"]["parent_pid"] for m in manifests} == set(worker_pids.values())
    assert {m["worker"]["worker"] for m in manifests} == set(WORKERS)
    assert {m["flow_run_id"] for m in manifests} == set(runs)
    # every source in exactly one shard, every article page in exactly one batch
    sources = [s for m in manifests for s in m["sources"]]
    assert sorted(sources) == ["mirror_city", "mirror_district", "mirror_news"]
    assert sum(m["files"]["articles"]["rows"] for m in manifests) == 5
    assert all(m["files"]["figures"]["rows"] > 0 for m in manifests)

    load = prefect.run_deployment(
        "load-landing", {"landing": str(store), "home": str(warehouse_home)}
    )
    (loaded,) = prefect.wait([load], timeout=300)
    assert loaded["state_type"] == "COMPLETED", prefect.logs(load)

    paths = Paths.from_env(warehouse_home)
    files = query(paths.build_db, "select file, batch_id, kind from raw.landing_files")
    assert len(files) == 6 and {f[1] for f in files} == {m["batch_id"] for m in manifests}
    # loading again loads nothing: every file is recorded as loaded
    again = landing.load_batches(paths.build_db, str(store), "second-load")
    assert (again.batches, again.files, again.skipped_files) == (0, 0, 6)
    assert query(paths.build_db, "select count(*) from raw.landing_files") == [(6,)]

    assert query(paths.build_db, "select count(*), count(distinct url) from raw.articles") == [
        (5, 5)
    ]
    published = query(
        paths.published, "select count(*), count(distinct article_id) from main_marts.dim_article"
    )
    assert published == [(5, 5)]
    figures = query(
        paths.published, "select count(*), count(distinct figure_id) from main_marts.fct_figure"
    )
    assert figures[0][0] == figures[0][1] == sum(m["files"]["figures"]["rows"] for m in manifests)
