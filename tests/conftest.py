"""Shared fixtures: Prefect's real engine on a temporary API, fresh homes per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Prefect reads its settings at import: set them before anything imports it.
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory):
    """Prefect's own test harness: a real engine and a temporary API database."""
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fresh chitieu home: state and warehouse folders inside tmp_path."""
    return tmp_path / "home"


@pytest.fixture(scope="session")
def published_run(prefect_harness, tmp_path_factory):
    """One real run of the main job into a temporary home, shared read-only by tests."""
    from flows.pipeline import chitieu_pipeline

    home = tmp_path_factory.mktemp("published-run")
    summary = chitieu_pipeline(home=str(home))
    return home, summary


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a read-only query; the connection is closed before returning."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def screenshot(page: Path, out: Path) -> Path:
    """Open a local HTML page in headless Chromium (Debian's package) and save a PNG."""
    import shutil
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "chromium is missing: `make test` installs it (apt-get install chromium)"
    subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={out.parent / 'chromium-profile'}",
            "--window-size=1280,1600", f"--screenshot={out}", page.resolve().as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return out
