"""Clients generated from the schema: a Python one (openapi-python-client) that has English identifiers
only and passes the contract script against a live server, and a TypeScript one (openapi-typescript)
generated without a warning. CI installs both generators (requirements-ci.txt, npm)."""

import ast
import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.api import client_contract
from tests.kpis.factories import IndicatorFactory, ObservationFactory
from tests.missing_dependencies import Dependency
from tests.projects.factories import ProjectFactory

OPENAPI_PYTHON_CLIENT = Dependency(
    "openapi-python-client (Python client generator)", ".venv/bin/pip install -r requirements-ci.txt"
)
NPM = Dependency("npm (TypeScript client generator)", "apt-get install npm")
# Pinned: a new major may word or name things differently.
OPENAPI_TYPESCRIPT = "openapi-typescript@7.13.0"
BIN = Path(sys.executable).parent


def generator() -> str | None:
    return shutil.which("openapi-python-client", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.fixture
def schema_file(tmp_path, db):
    path = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return path


def identifiers(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name
        elif isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.arg):
            yield node.arg
        elif isinstance(node, ast.alias):
            yield node.asname or node.name


@pytest.fixture
def python_client(schema_file, tmp_path, monkeypatch):
    command = generator()
    if command is None:
        pytest.skip(OPENAPI_PYTHON_CLIENT.reason)
    output = tmp_path / "dx_portal_client"
    # The generator formats its output with ruff, which it looks for on PATH.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [command, "generate", "--path", str(schema_file), "--output-path", str(output), "--meta", "none"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode == 0 and "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    monkeypatch.syspath_prepend(str(tmp_path))
    yield importlib.import_module(output.name)
    for name in [name for name in sys.modules if name.split(".")[0] == output.name]:
        del sys.modules[name]


def test_the_python_client_has_english_identifiers_only(python_client):
    root = Path(python_client.__file__).parent
    foreign = {
        f"{path.relative_to(root)}: {name}"
        for path in root.rglob("*.py")
        for name in [path.stem, *identifiers(ast.parse(path.read_text()))]
        if not name.isascii()
    }
    assert not foreign, sorted(foreign)


@pytest.mark.django_db(transaction=True)
def test_the_python_client_passes_the_contract_script_against_a_live_server(
    python_client, live_server, alice, division, token_for
):
    ObservationFactory(indicator=IndicatorFactory(code="e-approval-rate", percentage=True))
    ProjectFactory(code="EAPP", division=division)
    token = token_for(alice, "projects:read", "projects:write")
    client_contract.run(python_client, base_url=live_server.url, token=token, project="EAPP", indicator="e-approval-rate")


def test_the_typescript_client_generates_without_a_warning(schema_file, tmp_path):
    npx = shutil.which("npx")
    if npx is None:
        pytest.skip(NPM.reason)
    output = tmp_path / "schema.d.ts"
    result = subprocess.run(
        [npx, "--yes", OPENAPI_TYPESCRIPT, str(schema_file), "--output", str(output)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    messages = result.stdout + result.stderr
    assert result.returncode == 0, messages
    assert "warn" not in messages.lower() and "⚠" not in messages, messages
    assert "list_project_issues" in output.read_text()
