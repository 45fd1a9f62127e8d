"""A reminder sweep killed with SIGKILL mid-run, then run again: every reminder goes out once, except at
most the one in flight when it died (issue 16, "a killed reminder sweep re-sends everything").

The sweep is a real `manage.py send_reminders` process on this test's database (SQLite through a file
copy, or PostgreSQL), sending through the file e-mail back end slowed to DX_TEST_MAIL_DELAY per message.
"""

import signal
from collections import Counter

import pytest

from organisation.models import DivisionMembership
from projects.models import PmoDigest, Reminder
from tests.faults.harness import SharedDatabase, delivered, manage, portal_env, stop, wait_for
from tests.organisation.factories import DivisionFactory, DivisionMembershipFactory, UserFactory
from tests.projects.factories import ProjectFactory
from tests.projects.test_reminders import DUE, ESCALATED, OVERDUE

pytestmark = pytest.mark.faults

DIVISIONS = 15
EXPECTED = DIVISIONS * (1 + 1 + 2) + 1  # due, overdue, overdue + escalated in each division; PMO's digest
KILL_AFTER = 10  # e-mails
SWEEP = "2022-10-04T08:30+09:00"


@pytest.fixture
def stale_portfolio(transactional_db):
    UserFactory(username="petra", groups=["pmo"])
    for _ in range(DIVISIONS):
        division = DivisionFactory()
        DivisionMembershipFactory(division=division)
        DivisionMembershipFactory(division=division, role=DivisionMembership.Role.MANAGER)
        for last in (DUE, OVERDUE, ESCALATED):
            ProjectFactory(division=division, **last)


@pytest.mark.usefixtures("stale_portfolio")
def test_a_sweep_killed_mid_run_and_run_again_sends_each_reminder_once(tmp_path):
    database = SharedDatabase(tmp_path)
    database.publish()
    mail_dir, log = tmp_path / "mail", tmp_path / "sweep.log"

    def sweep(now: str, delay: str):
        env = portal_env(
            database.url,
            EMAIL_BACKEND="tests.faults.slow_mail.SlowFileBackend",
            EMAIL_FILE_PATH=str(mail_dir),
            DX_TEST_MAIL_DELAY=delay,
        )
        return manage("send_reminders", "--now", now, env=env, log=log)

    first = sweep(SWEEP, delay="0.1")
    try:
        wait_for(lambda: len(delivered(mail_dir)) >= KILL_AFTER, "the sweep's first e-mails", log)
        first.send_signal(signal.SIGKILL)
        first.wait()
    finally:
        stop(first)
    sent_before_the_kill = len(delivered(mail_dir))
    assert KILL_AFTER <= sent_before_the_kill < EXPECTED, "killed too late: nothing was left to send"

    # At once, the dead sweep's claims still look like a live sweep's: nothing is sent twice meanwhile.
    assert sweep("2022-10-04T08:35+09:00", delay="0").wait(timeout=120) == 0
    assert len(delivered(mail_dir)) == sent_before_the_kill

    # Once the claims time out, the next sweep sends what the dead one had not.
    assert sweep("2022-10-04T08:45+09:00", delay="0").wait(timeout=120) == 0, log.read_text(errors="replace")

    copies = Counter((message["To"], message["Subject"]) for message in delivered(mail_dir))
    assert len(copies) == EXPECTED
    repeated = [message for message, count in copies.items() if count > 1]
    assert len(repeated) <= 1 and max(copies.values()) <= 2, repeated
    database.reload()
    assert Reminder.objects.count() == EXPECTED - 1
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()
    assert PmoDigest.objects.get().sent_at is not None
