"""Upgrade probes: a script run in its own process against an empty database (``empty_database_url``) migrates
to an earlier state, fills it through the models of then, migrates forward and prints what it sees as JSON.
``run_probe`` runs one from a test; ``migrate_forward_from`` is the probe's part."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def run_probe(probe: Path, database_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "dx_portal.settings.test",
           "PYTHONPATH": str(settings.BASE_DIR)}
    result = subprocess.run([sys.executable, str(probe)], env=env, capture_output=True, text=True, timeout=300,
                            cwd=settings.BASE_DIR)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def migrate_forward_from(before: list[tuple[str, str]], fill) -> None:
    """In a probe (after django.setup()): migrate to ``before``, ``fill(apps)`` with the models of then, then migrate
    to the latest migrations."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    fill(executor.loader.project_state(before).apps)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
