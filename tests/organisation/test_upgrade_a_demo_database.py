"""CI's check of the move: a database that `load_demo` filled at the revision before the organisation left
governance migrates with today's code, every row kept. The old revision is the parent of the commit that
added organisation's first migration, taken from git; without git history the test is skipped."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from io import BytesIO

import pytest
from django.conf import settings

TABLES = [
    "governance_bureau", "governance_division", "governance_divisionmembership", "governance_bureaumembership",
    "governance_apitoken", "projects_project", "kpis_indicator", "governance_actionitem", "governance_decision_bureaus",
]


def git(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=settings.BASE_DIR, capture_output=True, check=True).stdout


def revision_before_the_move() -> str | None:
    if not shutil.which("git"):
        return None
    try:
        added = git("log", "--diff-filter=A", "--format=%H", "--", "organisation/migrations/0001_initial.py").split()
        return git("rev-parse", f"{added[-1].decode()}^").decode().strip() if added else None
    except subprocess.CalledProcessError:
        return None


def counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}  # noqa: S608


def run(cwd, *args, database):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "dx_portal.settings.test",
           "PYTHONPATH": str(cwd)}
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_a_demo_database_from_before_the_move_migrates_with_every_row(tmp_path):
    old = revision_before_the_move()
    if old is None:
        pytest.skip("no git history to find the revision before the move")
    source = tmp_path / "old"
    source.mkdir()
    tarfile.open(fileobj=BytesIO(git("archive", "--format=tar", old))).extractall(source, filter="data")
    database = tmp_path / "demo.sqlite3"
    run(source, "migrate", "-v0", database=database)
    run(source, "load_demo", database=database)
    before = counts(database)

    run(settings.BASE_DIR, "migrate", "-v0", database=database)

    assert counts(database) == before and before["projects_project"] > 0
    run(settings.BASE_DIR, "makemigrations", "--check", "--dry-run", database=database)
