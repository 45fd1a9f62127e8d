"""Dependencies point one way: dx_portal (the ground) <- organisation <- projects, kpis, governance <- workbench,
inquiries and search (which read across the feature apps).

Read from the source with ast, so an import inside a function counts as much as one at the top."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = {"organisation", "projects", "kpis", "governance", "workbench", "inquiries", "search"}
FEATURES_ABOVE = {"workbench", "inquiries", "search"}
MAY_NOT_IMPORT = {
    "dx_portal": APPS,
    "organisation": APPS - {"organisation"},
    **{app: FEATURES_ABOVE for app in ("projects", "kpis", "governance")},
}


def imported_apps(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return [(line, module) for line, module in found if module.split(".")[0] in APPS]


def modules_of(app: str) -> list[Path]:
    # Migrations are history: they name the apps whose tables they took over, as strings, never by import.
    return [p for p in sorted((ROOT / app).rglob("*.py")) if "migrations" not in p.parts]


@pytest.mark.parametrize("app", MAY_NOT_IMPORT)
def test_it_imports_nothing_from_the_floors_above(app):
    broken = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in modules_of(app)
        for line, module in imported_apps(path)
        if module.split(".")[0] in MAY_NOT_IMPORT[app]
    ]
    assert broken == []


def test_it_notices_an_import_from_above(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from governance.models import Decision\n")
    assert imported_apps(module) == [(2, "governance.models")]
