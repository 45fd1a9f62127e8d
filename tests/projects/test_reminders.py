"""The stale-status sweep: who is reminded at each level, once, on business days, until a report is filed."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import DivisionMembership
from projects.models import Health, Project, Reminder
from projects.reminders import reminder_sweep
from projects.services import status_report_submit
from tests.governance.factories import DivisionFactory, DivisionMembershipFactory, UserFactory
from tests.projects.factories import ProjectFactory

TOKYO = ZoneInfo("Asia/Tokyo")
# Monthly reports with 7 days' grace. On Tuesday 4 October 2022:
DUE = datetime.date(2022, 8, 31)  # last report -> due 30 Sep, overdue from 7 Oct
OVERDUE = datetime.date(2022, 8, 20)  # -> due 20 Sep, overdue since 27 Sep, escalated from 27 Oct
ESCALATED = datetime.date(2022, 7, 15)  # -> due 15 Aug, overdue since 22 Aug, escalated since 22 Sep


def sweep_at(year, month, day, hour=8, minute=30):
    with time_machine.travel(datetime.datetime(year, month, day, hour, minute, tzinfo=TOKYO), tick=False):
        return reminder_sweep()


def addressees(message) -> set[str]:
    return set(message.to)


def only_message_to(address):
    [message] = [m for m in mail.outbox if address in m.to]
    return message


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_BASE_URL = "https://dx.pref.example.lg.jp"


@pytest.fixture
def people(alice, bob, mallory, charlie, petra):
    """The owning division's staff and manager, someone from another division, and PMO."""


@pytest.mark.usefixtures("people")
def test_it_reminds_the_divisions_staff_when_a_report_falls_due(division):
    project = ProjectFactory(code="KINTONE-2022", name="電子申請システム再構築", division=division, last_reported_on=DUE)

    sweep_at(2022, 10, 4)

    [message] = mail.outbox
    assert addressees(message) == {"alice@pref.example.lg.jp", "bob@pref.example.lg.jp"}
    assert "進捗報告の期限です" in message.subject and "KINTONE-2022" in message.subject
    assert "Status report due" in message.subject
    assert "令和4年9月30日" in message.body and "2022-09-30" in message.body
    assert "https://dx.pref.example.lg.jp/projects/KINTONE-2022/reports/new/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert 'href="https://dx.pref.example.lg.jp/projects/KINTONE-2022/reports/new/"' in html
    assert '<div lang="en">' in html
    reminder = Reminder.objects.get(project=project)
    assert (reminder.level, reminder.due_on) == (Reminder.Level.DUE, datetime.date(2022, 9, 30))
    assert reminder.recipients.splitlines() == ["alice@pref.example.lg.jp", "bob@pref.example.lg.jp"]
    assert reminder.sent_at == datetime.datetime(2022, 10, 4, 8, 30, tzinfo=TOKYO)


@pytest.mark.usefixtures("people")
def test_it_reminds_staff_and_the_manager_when_the_report_is_overdue(division):
    ProjectFactory(code="RPA-2022", division=division, last_reported_on=OVERDUE)

    sweep_at(2022, 10, 4)

    message = only_message_to("mallory@pref.example.lg.jp")
    assert addressees(message) == {"alice@pref.example.lg.jp", "bob@pref.example.lg.jp", "mallory@pref.example.lg.jp"}
    assert "進捗報告が遅れています" in message.subject and "RPA-2022" in message.subject
    assert not any("charlie@pref.example.lg.jp" in m.to for m in mail.outbox)


@pytest.mark.usefixtures("people")
def test_it_escalates_to_pmo_when_the_report_stays_overdue_for_another_cadence(division):
    ProjectFactory(code="GIGA-2022", division=division, last_reported_on=ESCALATED)

    sweep_at(2022, 10, 4)

    escalation = next(m for m in mail.outbox if "エスカレーション" in m.subject)
    assert addressees(escalation) == {"petra@pref.example.lg.jp"}
    assert "GIGA-2022" in escalation.subject
    # The division, never told it was overdue, is told now; PMO also gets its digest.
    assert only_message_to("mallory@pref.example.lg.jp").subject.count("進捗報告が遅れています") == 1
    assert sorted(Reminder.objects.values_list("level", flat=True)) == ["escalated", "overdue"]
    assert len(mail.outbox) == 3


@pytest.mark.usefixtures("people")
def test_each_level_goes_out_once_as_a_report_goes_stale(division):
    project = ProjectFactory(division=division, last_reported_on=DUE)

    day = datetime.date(2022, 9, 26)
    while day <= datetime.date(2022, 11, 30):
        sweep_at(day.year, day.month, day.day)
        day += datetime.timedelta(days=1)

    sent = Reminder.objects.filter(project=project).order_by("sent_at")
    assert [(r.level, r.sent_at.astimezone(TOKYO).date()) for r in sent] == [
        ("due", datetime.date(2022, 9, 30)),
        ("overdue", datetime.date(2022, 10, 7)),
        # Due 7 Nov (a Monday): escalated that morning.
        ("escalated", datetime.date(2022, 11, 7)),
    ]
    assert len([m for m in mail.outbox if "PMO日次ダイジェスト" not in m.subject]) == 3


@pytest.mark.usefixtures("people")
def test_a_second_sweep_sends_nothing(division):
    for code, last in [("A", DUE), ("B", OVERDUE), ("C", ESCALATED)]:
        ProjectFactory(code=code, division=division, last_reported_on=last)
    first = sweep_at(2022, 10, 4)
    sent = len(mail.outbox)

    second = sweep_at(2022, 10, 4)
    later = sweep_at(2022, 10, 4, hour=15)

    assert (len(first.reminders), first.digest is not None) == (4, True)
    assert second.reminders == later.reminders == [] and second.digest is later.digest is None
    assert len(mail.outbox) == sent == 5
    assert Reminder.objects.count() == 4


@pytest.mark.usefixtures("people")
def test_it_sends_nothing_on_a_saturday_or_a_holiday_and_catches_up_on_the_next_business_day(division):
    # Due Saturday 8 October; Monday 10 October is スポーツの日.
    ProjectFactory(division=division, last_reported_on=datetime.date(2022, 9, 8))

    saturday, holiday = sweep_at(2022, 10, 8), sweep_at(2022, 10, 10)
    assert not saturday.business_day and not holiday.business_day
    assert mail.outbox == []

    sweep_at(2022, 10, 11)
    [message] = mail.outbox
    assert "進捗報告の期限です" in message.subject


@pytest.mark.usefixtures("people")
def test_it_sends_nothing_in_the_year_end_break(division):
    # Due 29 December, overdue from 5 January; another project long overdue.
    ProjectFactory(code="NEWYEAR", division=division, last_reported_on=datetime.date(2022, 11, 29))
    ProjectFactory(code="STALE", division=division, last_reported_on=OVERDUE)

    for day in (29, 30, 31):
        sweep_at(2022, 12, day)
    for day in (1, 2, 3):
        sweep_at(2023, 1, day)
    assert mail.outbox == []
    assert not Reminder.objects.exists()

    sweep_at(2023, 1, 4)
    assert Reminder.objects.get(project__code="NEWYEAR").level == Reminder.Level.DUE
    assert any("PMO日次ダイジェスト" in m.subject for m in mail.outbox)


@pytest.mark.usefixtures("people")
def test_a_report_that_went_overdue_during_the_break_gets_one_overdue_reminder(division):
    # Due 29 December and, with two days' grace, overdue from 31 December: the division hears once.
    ProjectFactory(division=division, grace_days=2, last_reported_on=datetime.date(2022, 11, 29))

    sweep_at(2023, 1, 4)

    message = only_message_to("alice@pref.example.lg.jp")
    assert "進捗報告が遅れています" in message.subject
    assert "mallory@pref.example.lg.jp" in message.to
    assert list(Reminder.objects.values_list("level", flat=True)) == ["overdue"]


@pytest.mark.usefixtures("people")
def test_it_stops_once_a_report_is_filed(alice, division):
    project = ProjectFactory(division=division, last_reported_on=DUE)
    sweep_at(2022, 10, 4)
    assert len(mail.outbox) == 1

    with time_machine.travel(datetime.datetime(2022, 10, 5, 14, 0, tzinfo=TOKYO), tick=False):
        status_report_submit(
            project=project,
            actor=alice,
            as_of=datetime.date(2022, 10, 5),
            health=Health.GREEN,
            schedule_health=Health.GREEN,
            cost_health=Health.GREEN,
            scope_health=Health.GREEN,
            quality_health=Health.GREEN,
            planned_progress=50,
            actual_progress=50,
            summary="計画どおり。",
        )
    # 7 October would have been overdue, 27 October escalated; the next report is due 5 November.
    for day in (7, 12, 27, 28):
        sweep_at(2022, 10, day)

    assert len(mail.outbox) == 1
    assert list(Reminder.objects.values_list("due_on", flat=True)) == [datetime.date(2022, 9, 30)]


@pytest.mark.usefixtures("people")
def test_closed_projects_are_never_reminded(division):
    project = ProjectFactory(division=division, last_reported_on=ESCALATED)
    project.phase = Project.Phase.CLOSED
    project.save()

    sweep = sweep_at(2022, 10, 4)

    assert mail.outbox == [] and sweep.digest is None
    assert not Reminder.objects.exists()


def test_users_without_an_email_address_are_skipped(alice, division):
    DivisionMembershipFactory(user=UserFactory(username="bob", email=""), division=division)
    ProjectFactory(division=division, last_reported_on=DUE)

    sweep_at(2022, 10, 4)

    [message] = mail.outbox
    assert message.to == ["alice@pref.example.lg.jp"]
    assert Reminder.objects.get().recipients == "alice@pref.example.lg.jp"


def test_a_division_with_nobody_to_tell_is_reminded_once_someone_joins(division):
    ProjectFactory(code="NOBODY", division=division, last_reported_on=DUE)

    sweep = sweep_at(2022, 10, 4)
    assert mail.outbox == [] and not Reminder.objects.exists()
    assert [(m.project.code, m.level) for m in sweep.unaddressed] == [("NOBODY", "due")]

    DivisionMembershipFactory(user=UserFactory(username="alice"), division=division)
    sweep_at(2022, 10, 5)
    assert [m.to for m in mail.outbox] == [["alice@pref.example.lg.jp"]]


def test_a_sweep_with_nothing_to_send_does_not_connect_to_the_mail_server(settings, tmp_path, alice, division):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    ProjectFactory(division=division, last_reported_on=DUE)
    sweep_at(2022, 10, 4)
    assert len(list(tmp_path.iterdir())) == 1

    sweep_at(2022, 10, 5)

    assert len(list(tmp_path.iterdir())) == 1


def _stale_portfolio(size: int) -> None:
    """``size`` projects in each of the three levels, spread over divisions with staff and a manager."""
    for _ in range(size):
        division = DivisionFactory()
        DivisionMembershipFactory(division=division)
        DivisionMembershipFactory(division=division, role=DivisionMembership.Role.MANAGER)
        for last in (DUE, OVERDUE, ESCALATED):
            ProjectFactory(division=division, last_reported_on=last)


@pytest.mark.usefixtures("petra")
def test_its_query_count_grows_only_by_the_mark_of_each_message_sent():
    _stale_portfolio(2)
    with CaptureQueriesContext(connection) as small:
        sweep_at(2022, 10, 4)
    assert len(mail.outbox) == 2 * 4 + 1

    Reminder.objects.all().delete()
    mail.outbox.clear()
    _stale_portfolio(18)
    with CaptureQueriesContext(connection) as large:
        sweep_at(2022, 10, 5)
    assert len(mail.outbox) == 20 * 4 + 1

    # Planning and claiming take the same queries whatever the number of projects; each message sent is
    # then marked in a commit of its own, so that a killed sweep does not send it again.
    assert len(large) - (20 * 4 + 1) == len(small) - (2 * 4 + 1) <= 15
