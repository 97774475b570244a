"""Scale-out on a real server: the `scaleout` flow (on the warehouse machine, here a child
process of the test) fans the crawl out as one run per shard; two process workers take one
shard each and write landing batches; the single writer loads every file exactly once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chitieu import landing, raw
from chitieu.settings import Paths
from scrapers.mirror.server import serve_mirror
from tests.conftest import query
from tests.prefect_server import WORKERS, cluster

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it

ROOT = Path(__file__).parents[1]


def _scaleout(env: dict[str, str], **params: object) -> subprocess.CompletedProcess:
    code = (
        "import json; from flows.scaleout import scaleout; "
        f"print('RESULT', json.dumps(scaleout(**{params!r})))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip


def test_two_workers_crawl_shards_and_one_writer_loads_them_once(tmp_path):
    prefect = cluster()
    store = tmp_path / "landing"
    home = tmp_path / "warehouse-machine"
    with serve_mirror() as base_url:
        done = _scaleout(
            prefect.env(), shards=2, landing=str(store), registry="mirror", base_url=base_url,
            home=str(home),
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    result = json.loads(done.stdout.split("RESULT", 1)[1])
    assert result["built"] is True

    manifests = landing.list_batches(str(store))
    assert sorted(m["shard"] for m in manifests) == [0, 1]
    shard_runs = [prefect.get(f"/flow_runs/{m['flow_run_id']}") for m in manifests]
    assert [r["state_type"] for r in shard_runs] == ["COMPLETED"] * 2
    # each shard ran under a different worker: a process worker is its flow run's parent
    assert {m["worker"]["parent_pid"] for m in manifests} == {
        prefect.workers[name].pid for name in WORKERS
    }
    assert {m["worker"]["worker"] for m in manifests} == set(WORKERS)
    # every source in exactly one shard, every article page in exactly one batch
    sources = [s for m in manifests for s in m["sources"]]
    assert sorted(sources) == ["mirror_city", "mirror_district", "mirror_news"]
    assert sum(m["files"]["articles"]["rows"] for m in manifests) == 5
    assert all(m["files"]["figures"]["rows"] > 0 for m in manifests)

    paths = Paths.from_env(home)
    files = query(paths.build_db, "select batch_id, kind from raw.landing_files")
    assert len(files) == 6 and {f[0] for f in files} == {m["batch_id"] for m in manifests}
    assert result["loaded"]["files"] == 6 and result["loaded"]["articles"] == 5
    # loading again loads nothing: every file is recorded as loaded
    again = raw.load_batches(paths.build_db, str(store), "second-load")
    assert (again.batches, again.files, again.skipped_files) == (0, 0, 6)
    assert query(paths.build_db, "select count(*) from raw.landing_files") == [(6,)]

    articles = query(paths.build_db, "select count(*), count(distinct url) from raw.articles")
    assert articles == [(5, 5)]
    published = query(
        paths.published, "select count(*), count(distinct article_id) from main_marts.dim_article"
    )
    assert published == [(5, 5)]
    figures = query(
        paths.published, "select count(*), count(distinct figure_id) from main_marts.fct_figure"
    )
    assert figures[0][0] == figures[0][1] == sum(m["files"]["figures"]["rows"] for m in manifests)
    assert query(paths.published, "select run_id from meta.warehouse_build") == [
        (result["run_id"],)
    ]
    # the shards' counts reach the loader with their batches: one line per source
    assert {m["crawl"]["articles"] for m in manifests} <= {1, 2, 3, 4, 5}
