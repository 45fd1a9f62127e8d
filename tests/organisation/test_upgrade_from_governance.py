"""A database from before the organisation left governance migrates forward without losing a row.

The probe runs in its own process on a database of its own (SQLite file, or a PostgreSQL database next to
the test database), because the suite itself runs without migrations."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

PROBE = Path(__file__).with_name("upgrade_probe.py")
pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_database_url(tmp_path, django_db_blocker):
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        return
    import psycopg

    name = f"upgrade_{uuid.uuid4().hex[:12]}"
    params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"], "password": db["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{db['USER']}:{db['PASSWORD']}@{params['host']}:{params['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_bureaus_divisions_memberships_projects_and_tokens_survive_the_move(empty_database_url):
    env = {**os.environ, "DATABASE_URL": empty_database_url, "DJANGO_SETTINGS_MODULE": "dx_portal.settings.test",
           "PYTHONPATH": str(settings.BASE_DIR)}
    result = subprocess.run([sys.executable, str(PROBE)], env=env, capture_output=True, text=True, timeout=300,
                            cwd=settings.BASE_DIR)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)

    assert seen["bureaus"] == ["policy", "public-enterprise"]
    assert sorted(seen["divisions"]) == [["dx-office", "policy"], ["water", "public-enterprise"]]
    assert seen["manager_of"] is True
    assert seen["director"] == [["dana", "policy"]]
    assert seen["project"] == ["dx-office", "policy", ["KSC-NEXT"]]
    assert seen["indicator"] == "dx-office"
    assert seen["token"] == ["abcdefgh", ["kpi:read", "projects:read"]]
    # Permissions and admin log entries hang on the content types, which followed their models.
    assert seen["content_types"] == [["dx_portal", "apitoken"], ["organisation", "bureau"], ["organisation", "division"]]
    assert seen["unapplied"] == []
