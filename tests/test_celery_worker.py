"""End to end: a real Celery worker takes the reminder sweep from Redis, and the e-mail arrives.

The worker is a separate process (`celery -A dx_portal worker`) with its own settings, given through its
environment before Django loads them: the test database, the broker, and the file e-mail backend writing
to a temporary directory. It consumes a queue of its own, so a test run never takes another's tasks.
"""

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from dx_portal.celery import app
from projects.models import Reminder
from projects.tasks import send_reminders
from tests.faults.harness import delivered
from tests.projects.factories import ProjectFactory
from tests.projects.test_reminders import DUE

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL.startswith("redis://"), reason="needs Redis: set CELERY_BROKER_URL=redis://..."
    ),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker is another process and cannot open pytest's in-memory SQLite database: run on PostgreSQL",
    ),
]

WAIT = 60  # seconds: a cold worker starts in about 3


@dataclass
class Worker:
    queue: str
    mail_dir: Path
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'])}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db, tmp_path):
    worker = Worker(queue=f"dx-test-{uuid.uuid4().hex}", mail_dir=tmp_path / "mail", log=tmp_path / "worker.log")
    env = {
        **os.environ,
        # The local settings read everything below from the environment (test.py pins locmem e-mail).
        "DJANGO_SETTINGS_MODULE": "dx_portal.settings.local",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(worker.mail_dir),
    }
    command = [sys.executable, "-m", "celery", "-A", "dx_portal", "worker", "--pool=solo", "--queues", worker.queue]
    command += ["--hostname", f"{worker.queue}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO"]
    with worker.log.open("wb") as log:
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    # Send through the broker, not in this process as the test settings otherwise do.
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    try:
        yield worker
    finally:
        app.conf.task_always_eager = eager
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        # Kombu keeps the queue's (empty) list and its bindings in Redis: remove them.
        with app.connection_for_write() as broker:
            redis = broker.default_channel.client
            redis.delete(*redis.scan_iter(f"*{worker.queue}*"), worker.queue)


def wait_for(condition, worker: Worker):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"nothing after {WAIT} s; the worker said:\n{worker.output()}")


def test_a_worker_takes_the_sweep_from_redis_and_the_reminder_arrives(worker, alice, division):
    ProjectFactory(code="KINTONE-2022", name="電子申請システム再構築", division=division, **DUE)

    send_reminders.apply_async(args=["2022-10-04T08:30:00+09:00"], queue=worker.queue)

    [message] = wait_for(lambda: delivered(worker.mail_dir), worker)
    assert message["To"] == "alice@pref.example.lg.jp, dx-office@pref.example.lg.jp"
    assert "進捗報告の期限です: KINTONE-2022 電子申請システム再構築" in message["Subject"]
    assert "/projects/KINTONE-2022/reports/new/" in message.get_body(("plain",)).get_content()
    reminder = wait_for(lambda: Reminder.objects.filter(sent_at__isnull=False).first(), worker)
    assert (reminder.project.code, reminder.level) == ("KINTONE-2022", Reminder.Level.DUE)
