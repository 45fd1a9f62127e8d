"""The Celery task `projects.tasks.send_reminders`, run eagerly (tests/test_celery_worker.py runs a real worker)."""

import datetime
import smtplib

import pytest
import time_machine
from celery.exceptions import Retry
from django.core import mail

from dx_portal.celery import app
from projects.models import Reminder
from projects.tasks import send_reminders
from tests.projects.factories import ProjectFactory
from tests.projects.test_reminders import DUE, TOKYO
from tests.projects.test_reminders_exactly_once import ScriptedBackend, script_mail

TUESDAY_MORNING = "2022-10-04T08:30:00+09:00"


def test_it_sweeps_at_the_moment_it_is_given(alice, division):
    ProjectFactory(division=division, **DUE)

    result = send_reminders.delay(TUESDAY_MORNING)

    assert result.get() == {"reminders": 1, "digests": 0}
    assert [m.to for m in mail.outbox] == [["alice@pref.example.lg.jp", "dx-office@pref.example.lg.jp"]]


def test_an_email_error_is_retried_with_backoff_and_the_retry_sends_what_was_left(settings, alice, division):
    ProjectFactory(division=division, **DUE)
    script_mail(settings, smtplib.SMTPServerDisconnected("Connection unexpectedly closed"))

    with pytest.raises(Retry) as retry:
        send_reminders.delay(TUESDAY_MORNING)
    assert 0 <= retry.value.when <= 60  # the first backoff: up to a minute
    assert mail.outbox == []

    send_reminders.apply(args=[TUESDAY_MORNING], retries=1)
    assert [m.to for m in mail.outbox] == [["alice@pref.example.lg.jp", "dx-office@pref.example.lg.jp"]]
    assert Reminder.objects.get().sent_at is not None


def test_after_five_retries_it_fails_with_the_error_and_leaves_nothing_claimed(settings, alice, division):
    ProjectFactory(division=division, **DUE)
    script_mail(settings, ConnectionRefusedError(111, "Connection refused"))

    with pytest.raises(ConnectionRefusedError):
        send_reminders.apply(args=[TUESDAY_MORNING], retries=5)

    # Nothing is held back: the next sweep, tomorrow morning's or a person's, sends it.
    assert ScriptedBackend.script == [] and mail.outbox == []
    assert not Reminder.objects.exists()


@pytest.mark.parametrize(
    "last_run, next_run",
    [
        (datetime.datetime(2022, 10, 4, 8, 30, tzinfo=TOKYO), datetime.datetime(2022, 10, 5, 8, 30, tzinfo=TOKYO)),
        # Friday, then Monday (スポーツの日 that week: the sweep itself sends nothing on it).
        (datetime.datetime(2022, 10, 7, 8, 30, tzinfo=TOKYO), datetime.datetime(2022, 10, 10, 8, 30, tzinfo=TOKYO)),
    ],
)
def test_beat_runs_it_at_half_past_eight_tokyo_time_on_weekdays(last_run, next_run):
    entry = app.conf.beat_schedule["send-reminders"]
    assert entry["task"] == send_reminders.name

    now = last_run + datetime.timedelta(minutes=30)
    with time_machine.travel(now, tick=False):
        assert now + entry["schedule"].remaining_estimate(last_run) == next_run
