"""What the fault tests share: the test database opened by another process, e-mails written to files,
and real server and worker processes started on free ports."""

import email
import email.policy
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

WAIT = 60  # seconds: a cold process starts in about 3 on an idle machine, much more on a busy one


class SharedDatabase:
    """This test's database as another process opens it (``url``).

    PostgreSQL's test database is that already (the test commits: ``transactional_db``). pytest's SQLite
    database lives in this process's memory, so ``publish()`` copies it to a file for the others and
    ``reload()`` copies their changes back, for the ORM to read.
    """

    def __init__(self, directory: Path):
        self.file = directory / "shared.sqlite3"
        if connection.vendor == "postgresql":
            db = connection.settings_dict
            host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
            self.url = f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'])}@{host}:{port}/{db['NAME']}"
        else:
            self.url = f"sqlite:///{self.file}"

    def publish(self) -> None:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)

    def reload(self) -> None:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(self.file) as source:
                source.backup(connection.connection)


def portal_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a portal process on that database: the local settings, which read these."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "dx_portal.settings.local", "DATABASE_URL": database_url, **extra}


def production_env(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    """The environment of a portal process as deployed (production settings, the cache in ``redis_url``),
    over plain HTTP on 127.0.0.1."""
    return portal_env(
        database_url,
        DJANGO_SETTINGS_MODULE="dx_portal.settings.production",
        SECRET_KEY="faults-test-only-" + "x" * 48,
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1",
        REDIS_CACHE_URL=redis_url,
        **extra,
    )


def manage(*args: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start ``manage.py <args>`` in the background, its output appended to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def gunicorn(env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    """Start the portal under gunicorn (one worker) on a free port; its base URL once it listens."""
    port = free_port()
    # No control socket: its default path is one per user, shared by every gunicorn on the machine. No limit on
    # the request line: its 414 is the server's (a proxy's in production), not an answer of the portal's.
    command = [sys.executable, "-m", "gunicorn", "dx_portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
               "--limit-request-line", "0"]
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*command, "--no-control-socket"], cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: _answers(f"{base}/healthz"), "gunicorn's first answer", log)
    return process, base


def _answers(url: str) -> int | None:
    try:
        return get(url, timeout=10)
    except OSError:
        return None


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(condition, what: str, log: Path | None = None, timeout: float = WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    said = f"; the process said:\n{log.read_text(errors='replace')}" if log and log.exists() else ""
    pytest.fail(f"{what}: nothing after {timeout} s{said}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def delivered(mail_dir: Path) -> list[email.message.EmailMessage]:
    """The messages the file back end wrote, each file holding messages separated by a line of dashes.

    A message cut short by a killed process still counts when its headers arrived: it may have gone out.
    """
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=email.policy.default))
    return [message for message in messages if message["Subject"]]


def http(url: str, *, method: str = "GET", headers: dict | None = None, body: dict | None = None, timeout: float = 30):
    """(status, decoded JSON or None) of one request, whatever the status; a refused or dropped connection
    raises OSError."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {**(headers or {}), **({"Content-Type": "application/json"} if data else {})}
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, content, kind = response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        status, content, kind = error.code, error.read(), error.headers.get_content_type()
    return status, json.loads(content) if kind == "application/json" and content else None


def get(url: str, headers: dict | None = None, timeout: float = 30) -> int:
    """The status of a GET."""
    return http(url, headers=headers, timeout=timeout)[0]


def postgres_binaries() -> Path | None:
    """The directory of the newest installed PostgreSQL's initdb and pg_ctl, if any."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class RedisServer:
    """A redis-server of the test's own on a free port (the shared one is never stopped). Its data is saved
    on ``stop()`` and loaded on ``start()``, as a production Redis with persistence keeps it across a restart."""

    BINARY = shutil.which("redis-server") or "/usr/bin/redis-server"
    CLI = shutil.which("redis-cli") or "/usr/bin/redis-cli"

    def __init__(self, directory: Path):
        self.directory, self.port, self.process = directory, free_port(), None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _cli(self, *args: str) -> str:
        return subprocess.run([self.CLI, "-p", str(self.port), *args], capture_output=True, text=True).stdout.strip()

    def start(self) -> None:
        options = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        files = ["--dir", str(self.directory), "--dbfilename", "dump.rdb", "--logfile", str(self.directory / "redis.log")]
        self.process = subprocess.Popen([self.BINARY, *options, *files], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: self._cli("ping") == "PONG", "redis-server's first PONG", self.directory / "redis.log", timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self._cli("shutdown", "save")
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
