"""PostgreSQL restarted under a running portal: the next requests succeed without restarting the server
(persistent connections are checked before reuse, CONN_HEALTH_CHECKS); while it is down, a request that needs it
fails with an error answer, not a hang, one answered from the cache is still answered, and the server serves again
once it is back.

The portal runs under gunicorn (local settings) against a PostgreSQL instance of the test's own, made
with initdb in a temporary directory on a free port, so that stopping it disturbs nobody.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from tests.faults.harness import free_port, get, gunicorn, portal_env, postgres_binaries, stop
from tests.missing_dependencies import POSTGRESQL_SERVER

pytestmark = pytest.mark.faults

BIN = postgres_binaries()
if BIN is None:
    pytest.skip(POSTGRESQL_SERVER.reason, allow_module_level=True)
if os.geteuid() != 0:
    pytest.skip("initdb runs as the postgres user through runuser: run as root", allow_module_level=True)


@dataclass
class Postgres:
    directory: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/dx_faults"

    def ctl(self, *args: str) -> None:
        data, log = self.directory / "data", self.directory / "server.log"
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory}"
        command = ["runuser", "-u", "postgres", "--", str(BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options]
        subprocess.run([*command, "-w", "-t", "60", *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def postgres():
    directory = Path(tempfile.mkdtemp(prefix="dx-faults-pg-"))
    shutil.chown(directory, "postgres", "postgres")
    server = Postgres(directory, free_port())
    as_postgres = ["runuser", "-u", "postgres", "--"]
    initdb = [*as_postgres, str(BIN / "initdb"), "-D", str(directory / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8"]
    subprocess.run([*initdb, "--no-sync"], check=True, capture_output=True)
    server.ctl("start")
    try:
        createdb = [*as_postgres, str(BIN / "createdb"), "-h", str(directory), "-p", str(server.port), "dx_faults"]
        subprocess.run(createdb, check=True, capture_output=True)
        yield server
    finally:
        server.ctl("stop", "-m", "immediate")
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def portal(postgres, tmp_path_factory):
    """gunicorn on the instance, migrated, with a token of a PMO user; yields (base URL, headers, log)."""
    log = tmp_path_factory.mktemp("portal") / "gunicorn.log"
    env = portal_env(postgres.url, DEBUG="false")

    def manage(*args: str) -> str:
        command = [sys.executable, "manage.py", *args]
        done = subprocess.run(command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    manage("migrate", "-v0")
    manage("shell", "-c", "from tests.organisation.factories import UserFactory; UserFactory(username='petra', groups=['pmo'])")
    key = manage("issue_token", "petra", "--scope", "projects:read").strip()
    server, base = gunicorn(env, log)
    try:
        yield base, {"Authorization": f"Token {key}"}, log
    finally:
        stop(server)


def test_requests_succeed_after_postgresql_restarts_without_restarting_the_server(postgres, portal):
    base, headers, log = portal
    assert get(f"{base}/api/v1/projects/", headers) == 200

    postgres.ctl("restart", "-m", "fast")

    statuses = [get(f"{base}/api/v1/projects/", headers) for _ in range(5)]
    assert statuses == [200] * 5, log.read_text(errors="replace")


def test_while_postgresql_is_down_what_needs_it_fails_fast_what_is_cached_is_answered_and_both_recover(postgres, portal):
    base, headers, log = portal
    assert get(f"{base}/api/v1/projects/", headers) == 200  # cached: the answer, the token's lookup and its roles

    postgres.ctl("stop", "-m", "fast")
    try:
        uncached = get(f"{base}/api/v1/projects/?page_size=3", headers, timeout=30)
        cached = get(f"{base}/api/v1/projects/", headers, timeout=30)
    finally:
        postgres.ctl("start")
    assert uncached >= 500
    assert cached == 200

    statuses = [get(f"{base}/api/v1/projects/?page_size={size}", headers) for size in range(3, 8)]
    assert statuses == [200] * 5, log.read_text(errors="replace")
