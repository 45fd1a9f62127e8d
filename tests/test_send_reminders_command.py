"""`manage.py send_reminders [--dry-run] [--now ISO-8601]`: the sweep for cron and for trying a moment."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from projects.models import PmoDigest, Reminder
from tests.projects.factories import ProjectFactory
from tests.projects.test_reminders import DUE, ESCALATED, OVERDUE


def send_reminders(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def stale_projects(alice, mallory, petra, division):
    ProjectFactory(code="KINTONE-2022", division=division, **DUE)
    ProjectFactory(code="RPA-2022", division=division, **OVERDUE)
    ProjectFactory(code="GIGA-2022", division=division, **ESCALATED)


@pytest.mark.usefixtures("stale_projects")
def test_a_dry_run_lists_what_would_be_sent_and_sends_nothing():
    out = send_reminders("--dry-run", "--now", "2022-10-04T09:00+09:00")

    lines = out.splitlines()
    assert lines[0] == "Sweep at 2022-10-04T09:00+09:00 (dry run: nothing is sent or recorded)"
    assert "KINTONE-2022  due        due date 2022-10-03" in out
    assert "RPA-2022  overdue    due date 2022-09-07" in out
    assert "GIGA-2022  overdue    due date 2022-08-05" in out
    assert "GIGA-2022  escalated  due date 2022-08-05" in out
    assert "    to alice@pref.example.lg.jp, dx-office@pref.example.lg.jp, mallory@pref.example.lg.jp" in lines
    assert "    to petra@pref.example.lg.jp" in lines
    assert "PMO digest 2022-10-04: 2 overdue project(s), 0 finding(s) awaiting an answer past due" in out
    assert lines[-1] == "Would send 4 reminders and the PMO digest."
    assert mail.outbox == []
    assert not Reminder.objects.exists() and not PmoDigest.objects.exists()


@pytest.mark.usefixtures("stale_projects")
def test_it_sends_and_a_second_run_sends_nothing():
    first = send_reminders("--now", "2022-10-04T09:00+09:00")
    second = send_reminders("--now", "2022-10-04T09:05+09:00")

    assert first.splitlines()[-1] == "Sent 4 reminders and the PMO digest."
    assert len(mail.outbox) == 5
    assert second.splitlines()[-1] == "Nothing to send."
    assert "KINTONE-2022" not in second


@pytest.mark.usefixtures("stale_projects")
@pytest.mark.parametrize(
    "now, closed, following",
    [
        ("2022-10-08T09:00+09:00", "2022-10-08 (Sat)", "2022-10-11 (Tue)"),
        ("2022-12-30T09:00+09:00", "2022-12-30 (Fri)", "2023-01-04 (Wed)"),
    ],
)
def test_it_sends_nothing_on_a_saturday_or_in_the_year_end_break(now, closed, following):
    out = send_reminders("--now", now)

    assert f"{closed} is not a business day: nothing is sent. Next business day: {following}." in out
    assert mail.outbox == []
    assert not Reminder.objects.exists()


@pytest.mark.usefixtures("stale_projects")
def test_a_moment_without_an_offset_is_tokyo_time():
    # 23:30 on スポーツの日 in Tokyo; read as UTC it would be 08:30 on the Tuesday after.
    assert "2022-10-10 (Mon) is not a business day" in send_reminders("--dry-run", "--now", "2022-10-10T23:30")
    assert "Would send" in send_reminders("--dry-run", "--now", "2022-10-10T23:30+00:00")


@pytest.mark.parametrize("value", ["yesterday", "2022-13-01T09:00", "04/10/2022"])
def test_an_invalid_moment_is_refused_with_an_example(value, db):
    with pytest.raises(CommandError, match=r"is not an ISO 8601 date-time; write e\.g\. 2022-10-04T09:00\+09:00"):
        send_reminders("--now", value)


def test_it_warns_about_a_reminder_nobody_can_receive(division):
    division.email = ""
    division.save()
    ProjectFactory(code="NOBODY", division=division, **DUE)

    out = send_reminders("--now", "2022-10-04T09:00+09:00")

    assert "Nobody with an e-mail address to send NOBODY due to: not sent." in out
    assert out.splitlines()[-1] == "Nothing to send."


def test_without_now_it_sweeps_at_the_present(time_machine, alice, division):
    time_machine.move_to(datetime.datetime(2022, 10, 4, 8, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=9))), tick=False)
    ProjectFactory(division=division, **DUE)

    out = send_reminders()

    assert out.startswith("Sweep at 2022-10-04T08:30+09:00\n")
    assert len(mail.outbox) == 1
