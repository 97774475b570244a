"""The layers point one way (docs/architecture.md): each package imports only those above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
ORDER = ["chitieu", "scrapers", "expectations", "flows", "app"]  # domain ... application
OURS = set(ORDER) | {"bench", "tests"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & OURS


@pytest.mark.parametrize("package", ORDER)
def test_a_package_imports_only_the_layers_below_it(package):
    allowed = set(ORDER[: ORDER.index(package) + 1])
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imports(p) - allowed)
        for p in (ROOT / package).rglob("*.py")
        if _imports(p) - allowed
    }
    assert offenders == {}


def test_prefect_is_imported_only_by_orchestration_and_the_application():
    def uses_prefect(path: Path) -> bool:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        return any(
            (isinstance(n, ast.Import) and any(a.name.startswith("prefect") for a in n.names))
            or (isinstance(n, ast.ImportFrom) and (n.module or "").startswith("prefect"))
            for n in ast.walk(tree)
        )

    users = {p.relative_to(ROOT).parts[0] for d in ORDER for p in (ROOT / d).rglob("*.py")
             if uses_prefect(p)}  # fmt: skip
    assert users <= {"flows", "app"}
    assert not uses_prefect(ROOT / "flows" / "stages.py")  # the plain pipeline
