"""`dbt docs generate` works, and every model and column is described."""

from __future__ import annotations

import json

import pytest

from chitieu.settings import Paths
from chitieu.transform import run_dbt

pytestmark = pytest.mark.slow  # a real pipeline, server or browser: `make test-fast` skips it


def test_every_model_and_column_has_a_description(published_run, tmp_path):
    home, _ = published_run
    paths = Paths.from_env(home)
    outcome = run_dbt(paths, paths.build_db, "docs", "generate")
    assert outcome.success, outcome.failures
    target = paths.dbt_target
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    missing = []
    for unique_id, node in manifest["nodes"].items():
        if node["resource_type"] not in {"model", "seed"}:
            continue
        if not node.get("description"):
            missing.append(unique_id)
        documented = {name for name, col in node["columns"].items() if col.get("description")}
        built = catalog["nodes"].get(unique_id, {}).get("columns", {})
        missing += [f"{unique_id}.{c}" for c in built if c not in documented]
    assert missing == []
