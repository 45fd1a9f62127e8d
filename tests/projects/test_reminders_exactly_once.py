"""Exactly once: a failed send, a sweep that died between claim and send, and two sweeps at once."""

import datetime
import smtplib
import threading
from collections import Counter

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.db import connection

from projects.models import PmoDigest, Reminder
from projects.reminders import reminder_sweep
from tests.organisation.factories import DivisionMembershipFactory, UserFactory
from tests.projects.factories import ProjectFactory, ReminderFactory
from tests.projects.test_reminders import DUE, ESCALATED, OVERDUE, TOKYO

TUESDAY = datetime.datetime(2022, 10, 4, 8, 30, tzinfo=TOKYO)


class ScriptedBackend(locmem.EmailBackend):
    """Delivers to mail.outbox as locmem does, but first plays ``script``: None delivers, an exception is raised."""

    script: list = []

    def send_messages(self, messages):
        outcome = self.script.pop(0) if self.script else None
        if outcome is not None:
            raise outcome
        return super().send_messages(messages)


class WorkerKilled(BaseException):
    """The worker dies mid-sweep (the hard time limit, a deploy): none of the sweep's error handling runs."""

def script_mail(settings, *outcomes) -> None:
    """Send e-mail through ScriptedBackend, which first plays ``outcomes``."""
    settings.EMAIL_BACKEND = f"{__name__}.ScriptedBackend"
    ScriptedBackend.script[:] = outcomes


def sweep_at(moment):
    with time_machine.travel(moment, tick=False):
        return reminder_sweep()


def test_a_failed_send_is_released_and_the_next_sweep_sends_it(settings, alice, division):
    for code in ("A", "B", "C"):
        ProjectFactory(code=code, division=division, **DUE)
    script_mail(settings, None, smtplib.SMTPServerDisconnected("Connection unexpectedly closed"))

    with pytest.raises(smtplib.SMTPServerDisconnected):
        sweep_at(TUESDAY)
    assert len(mail.outbox) == 1
    assert list(Reminder.objects.values_list("project__code", flat=True)) == ["A"]
    assert Reminder.objects.get().sent_at is not None

    sweep_at(TUESDAY + datetime.timedelta(minutes=1))
    assert sorted(code for m in mail.outbox for code in "ABC" if f": {code} " in m.subject) == ["A", "B", "C"]
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 3


def test_a_claim_left_by_a_sweep_that_died_is_sent_once_the_claim_times_out(settings, alice, division):
    project = ProjectFactory(division=division, **DUE)
    script_mail(settings, WorkerKilled())

    with pytest.raises(WorkerKilled):
        sweep_at(TUESDAY)
    claim = Reminder.objects.get(project=project)
    assert claim.sent_at is None and mail.outbox == []

    # Another sweep may still be sending it: leave it alone until the claim is ten minutes old.
    sweep_at(TUESDAY + datetime.timedelta(minutes=9))
    assert mail.outbox == []

    sweep_at(TUESDAY + datetime.timedelta(minutes=11))
    sweep_at(TUESDAY + datetime.timedelta(minutes=30))
    [message] = mail.outbox
    assert message.to == ["alice@pref.example.lg.jp", "dx-office@pref.example.lg.jp"]
    claim.refresh_from_db()
    assert claim.sent_at == TUESDAY + datetime.timedelta(minutes=11)
    assert Reminder.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to test")
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_reminder_exactly_once(division):
    DivisionMembershipFactory(user=UserFactory(username="alice"), division=division)
    UserFactory(username="petra", groups=["pmo"])
    for n in range(30):
        ProjectFactory(code=f"P{n:02d}", division=division, **(DUE, OVERDUE, ESCALATED)[n % 3])
    # One reminder left unsent by a sweep that died half an hour ago: exactly one of the two takes it over.
    ReminderFactory(
        project=ProjectFactory(code="ABANDONED", division=division, **DUE),
        unsent=True,
        claimed_at=TUESDAY - datetime.timedelta(minutes=30),
    )
    start = threading.Barrier(2)
    sweeps, errors = [], []

    def sweep():
        try:
            start.wait()
            sweeps.append(reminder_sweep())
        except Exception as exc:  # noqa: BLE001 - the assertion below reports it
            errors.append(exc)
        finally:
            connection.close()

    with time_machine.travel(TUESDAY, tick=False):
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    expected = 10 * 1 + 10 * 1 + 10 * 2 + 1  # due, overdue, overdue + escalated, the abandoned one
    subjects = Counter((tuple(m.to), m.subject) for m in mail.outbox)
    assert set(subjects.values()) == {1}
    assert len(mail.outbox) == expected + 1  # and one digest
    assert sum(len(s.reminders) for s in sweeps) == expected
    assert [s.digest is not None for s in sweeps].count(True) == 1
    assert Reminder.objects.filter(sent_at__isnull=True).count() == 0
    assert PmoDigest.objects.get().sent_at is not None
