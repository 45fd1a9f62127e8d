"""Two web processes and two Celery workers on one PostgreSQL and one Redis, as a deployment runs them: a
report filed through one web process shows at once on the other (their cached answers are versioned in
the shared Redis), and a sweep enqueued twice runs on both workers and sends each reminder once.

Web processes: gunicorn, production settings, the cache in Redis. Workers: `celery worker`, local
settings, the broker of the test settings (CELERY_BROKER_URL), e-mails to files.
"""

import datetime
import re
import subprocess
import sys
import uuid
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from dx_portal.celery import app
from dx_portal.tokens import api_token_issue
from projects.models import Reminder
from projects.tasks import send_reminders
from tests.faults.harness import SharedDatabase, delivered, gunicorn, http, portal_env, production_env, stop, wait_for
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import REPORT
from tests.projects.test_reminders import DUE

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL.startswith("redis://"), reason="needs Redis: set CELERY_BROKER_URL=redis://..."
    ),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="one PostgreSQL shared by four processes: run on PostgreSQL"),
]


@pytest.fixture
def database(transactional_db, tmp_path):
    return SharedDatabase(tmp_path)


@pytest.fixture
def redis():
    """The broker's Redis, which the web processes share as their cache too (Django's keys start with ':')."""
    with app.connection_for_write() as broker:
        client = broker.default_channel.client
        # Cached answers of an earlier run, under a version of the counter this run would reuse.
        if stale := list(client.scan_iter(":*")):
            client.delete(*stale)
        yield client


@pytest.fixture
def webs(database, redis, tmp_path):
    env = production_env(database.url, settings.CELERY_BROKER_URL)
    started = []
    try:
        for name in ("web-1", "web-2"):
            started.append(gunicorn(env, tmp_path / f"{name}.log"))
        yield [base for _, base in started]
    finally:
        for process, _ in started:
            stop(process)


def test_a_report_filed_through_one_web_process_shows_at_once_on_the_other(webs, alice, division):
    ProjectFactory(code="EAPP", division=division, last_reported_on=datetime.date(2022, 8, 31))
    _, key = api_token_issue(user=alice, scopes=["projects:read", "projects:write"])
    token = {"Authorization": f"Token {key}"}
    one, other = webs
    # The other process answers (and caches) both reads before the report.
    assert http(f"{other}/api/v1/projects/EAPP/", headers=token)[1]["last_reported_on"] == "2022-08-31"
    assert [p["last_reported_on"] for p in http(f"{other}/api/v1/projects/", headers=token)[1]["results"]] == ["2022-08-31"]

    today = timezone.localdate().isoformat()
    report = {**REPORT, "health": "red", "as_of": today}
    status, filed = http(f"{one}/api/v1/projects/EAPP/status-reports/", method="POST", headers=token, body=report)
    assert status == 201, filed

    status, detail = http(f"{other}/api/v1/projects/EAPP/", headers=token)
    assert status == 200
    assert (detail["last_reported_on"], detail["health"], detail["latest_report"]["id"]) == (today, "red", filed["id"])
    [listed] = http(f"{other}/api/v1/projects/", headers=token)[1]["results"]
    assert (listed["last_reported_on"], listed["health"]) == (today, "red")


@pytest.fixture
def workers(database, redis, tmp_path):
    """Two workers on one queue of the test's own, each taking one task at a time; yields (mail dir, logs)."""
    queue, mail_dir = f"dx-faults-{uuid.uuid4().hex}", tmp_path / "mail"
    env = portal_env(
        database.url,
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        EMAIL_BACKEND="tests.faults.slow_mail.SlowFileBackend",
        EMAIL_FILE_PATH=str(mail_dir),
        DX_TEST_MAIL_DELAY="0.3",
    )
    logs, processes = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"], []
    command = [sys.executable, "-m", "celery", "-A", "dx_portal", "worker", "--pool=solo", "--queues", queue]
    command += ["--prefetch-multiplier", "1", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO"]
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    try:
        for n, log in enumerate(logs, 1):
            with log.open("wb") as out:
                hostname = ["--hostname", f"{queue}-{n}@%h"]
                processes.append(
                    subprocess.Popen([*command, *hostname], cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
                )
        for log in logs:
            wait_for(lambda log=log: " ready." in log.read_text(errors="replace"), "a worker ready", log)
        yield queue, mail_dir, logs
    finally:
        app.conf.task_always_eager = eager
        for process in processes:
            stop(process)
        redis.delete(*redis.scan_iter(f"*{queue}*"), queue)


def test_a_sweep_enqueued_twice_runs_on_both_workers_and_sends_each_reminder_once(workers, alice, division):
    queue, mail_dir, logs = workers
    for n in range(8):
        ProjectFactory(code=f"P{n}", division=division, **DUE)

    for _ in range(2):
        send_reminders.apply_async(args=["2022-10-04T08:30:00+09:00"], queue=queue)

    for log in logs:
        wait_for(lambda log=log: "succeeded in" in log.read_text(errors="replace"), "a sweep done on each worker", log)
    copies = Counter((message["To"], message["Subject"]) for message in delivered(mail_dir))
    assert len(copies) == 8 and set(copies.values()) == {1}
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 8
    # Each worker ran one sweep: the first sent everything, the second found it all claimed.
    outcomes = sorted(re.search(r"succeeded in [\d.]+s: (.*)", log.read_text())[1] for log in logs)
    assert outcomes == ["{'reminders': 0, 'digests': 0}", "{'reminders': 8, 'digests': 0}"]
