"""Where chitieu keeps its state and publishes its warehouse.

Everything the pipeline writes lives under two folders: the state folder
(`.chitieu/` by default: Prefect's home, the raw page archive, the working
warehouse that the loader and dbt write) and the warehouse folder
(`warehouse/`: the published DuckDB file, the validation report, Parquet
exports). Both can be moved with environment
variables so that tests and benchmarks run in temporary folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
WAREHOUSE_FILE = "chitieu.duckdb"
# DuckDB's memory cap for the pipeline's connections (and dbt's: profiles.yml reads the same
# variable): its default is 80% of RAM, which a 10,000-page build would happily take.
DUCKDB_MEMORY = os.environ.get("CHITIEU_DUCKDB_MEMORY", "512MB")


def duckdb_config() -> dict[str, str | bool | int | float | list[str]]:
    """The configuration of every pipeline connection (the same for all: DuckDB refuses a
    second connection to a file with another configuration)."""
    return {"memory_limit": DUCKDB_MEMORY}


@dataclass(frozen=True)
class Paths:
    state: Path
    warehouse: Path

    @classmethod
    def from_env(cls, home: Path | str | None = None) -> Paths:
        """`home` (or CHITIEU_HOME) holds both folders; without it, the project's own."""
        home = home or os.environ.get("CHITIEU_HOME")
        if home:
            base = Path(home).resolve()
            return cls(state=base / ".chitieu", warehouse=base / "warehouse")
        state = Path(os.environ.get("CHITIEU_STATE_DIR", PROJECT_ROOT / ".chitieu"))
        warehouse = Path(os.environ.get("CHITIEU_WAREHOUSE_DIR", PROJECT_ROOT / "warehouse"))
        return cls(state=state.resolve(), warehouse=warehouse.resolve())

    @property
    def archive(self) -> Path:
        return self.state / "archive"

    @property
    def build_db(self) -> Path:
        """The pipeline's own working warehouse: raw layer plus dbt models.

        Only the pipeline opens it; readers get validated copies (`published`)."""
        return self.state / "build" / WAREHOUSE_FILE

    @property
    def build(self) -> Path:
        return self.state / "build"

    @property
    def landing(self) -> Path:
        """This home's landing store: the crawl's Parquet batches, until published."""
        return self.state / "landing"

    @property
    def trials(self) -> Path:
        """Scratch stores of trial crawls (`chitieu crawl`): never part of the warehouse."""
        return self.state / "trials"

    def run_dir(self, run_id: str) -> Path:
        """A run's own files until it is published (e.g. its validation report)."""
        return self.state / "runs" / run_id

    @property
    def logs(self) -> Path:
        return self.state / "logs"

    @property
    def dbt_target(self) -> Path:
        return self.state / "dbt" / "target"

    @property
    def published(self) -> Path:
        return self.warehouse / WAREHOUSE_FILE

    @property
    def validation(self) -> Path:
        return self.warehouse / "validation"

    @property
    def gx(self) -> Path:
        return self.state / "gx"

    def ensure(self) -> Paths:
        for folder in (self.state, self.archive, self.build, self.warehouse):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def configure_prefect(state: Path) -> None:
    """Keep Prefect's home inside our state folder and its telemetry off.

    Must run before `prefect` is imported anywhere in the process: Prefect reads
    its settings at import time.
    """
    (state / "prefect").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(state / "prefect"))
    # the embedded API server can take a while to start on a busy 2-core machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
