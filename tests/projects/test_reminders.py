"""The stale-status sweep: who is reminded at each level, once, on business days, until a report is filed."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from dx_portal import emails
from organisation.models import DivisionMembership
from projects.models import Health, Project, Reminder
from projects.reminders import DigestMessage, reminder_sweep
from projects.services import status_report_submit
from tests.organisation.factories import DivisionFactory, DivisionMembershipFactory, UserFactory
from tests.projects.factories import ProjectFactory

TOKYO = ZoneInfo("Asia/Tokyo")
# Monthly reports, due on the n-th business day after the month ends, with 7 days' grace; escalated when the
# next month's report falls due too. On Tuesday 4 October 2022:
# September's report due on the 1st business day, Monday 3 Oct; overdue from 11 Oct (10 Oct is a holiday).
DUE = dict(last_reported_on=datetime.date(2022, 8, 31), report_business_days=1)
# August's due on the 5th business day, 7 Sep; overdue since 14 Sep, escalated from 7 Oct.
OVERDUE = dict(last_reported_on=datetime.date(2022, 7, 31))
# July's due 5 Aug; overdue since 12 Aug, escalated since 7 Sep.
ESCALATED = dict(last_reported_on=datetime.date(2022, 6, 30))


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
    project = ProjectFactory(code="KINTONE-2022", name="電子申請システム再構築", division=division, **DUE)

    sweep_at(2022, 10, 4)

    [message] = mail.outbox
    # The staff, and the division's mailbox beside them.
    assert addressees(message) == {"alice@pref.example.lg.jp", "bob@pref.example.lg.jp", "dx-office@pref.example.lg.jp"}
    assert "進捗報告の期限です" in message.subject and "KINTONE-2022" in message.subject
    assert "Status report due" in message.subject
    assert "令和4年10月3日" in message.body and "2022-10-03" in message.body
    # Still ahead, so named: overdue from 11 October.
    assert "令和4年10月11日までに提出がない場合" in message.body
    assert "https://dx.pref.example.lg.jp/projects/KINTONE-2022/reports/new/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert 'href="https://dx.pref.example.lg.jp/projects/KINTONE-2022/reports/new/"' in html
    assert '<div lang="en">' in html
    reminder = Reminder.objects.get(project=project)
    assert (reminder.level, reminder.due_on) == (Reminder.Level.DUE, datetime.date(2022, 10, 3))
    assert reminder.recipients.splitlines() == [
        "alice@pref.example.lg.jp", "bob@pref.example.lg.jp", "dx-office@pref.example.lg.jp"
    ]
    assert reminder.sent_at == datetime.datetime(2022, 10, 4, 8, 30, tzinfo=TOKYO)


@pytest.mark.usefixtures("people")
def test_it_reminds_staff_and_the_manager_when_the_report_is_overdue(division):
    ProjectFactory(code="RPA-2022", division=division, **OVERDUE)

    sweep_at(2022, 10, 4)

    message = only_message_to("mallory@pref.example.lg.jp")
    assert addressees(message) == {
        "alice@pref.example.lg.jp", "bob@pref.example.lg.jp", "mallory@pref.example.lg.jp", "dx-office@pref.example.lg.jp"
    }
    assert "進捗報告が遅れています" in message.subject and "RPA-2022" in message.subject
    assert not any("charlie@pref.example.lg.jp" in m.to for m in mail.outbox)


@pytest.mark.usefixtures("people")
def test_it_escalates_to_pmo_when_the_report_stays_overdue_for_another_cadence(division):
    ProjectFactory(code="GIGA-2022", division=division, **ESCALATED)

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
    project = ProjectFactory(division=division, **DUE)

    day = datetime.date(2022, 9, 26)
    while day <= datetime.date(2022, 11, 30):
        sweep_at(day.year, day.month, day.day)
        day += datetime.timedelta(days=1)

    sent = Reminder.objects.filter(project=project).order_by("sent_at")
    assert [(r.level, r.sent_at.astimezone(TOKYO).date()) for r in sent] == [
        ("due", datetime.date(2022, 10, 3)),
        ("overdue", datetime.date(2022, 10, 11)),
        # October's report falls due on 1 Nov (the 1st business day): escalated that morning.
        ("escalated", datetime.date(2022, 11, 1)),
    ]
    assert len([m for m in mail.outbox if "PMO日次ダイジェスト" not in m.subject]) == 3


@pytest.mark.usefixtures("people")
def test_a_second_sweep_sends_nothing(division):
    for code, last in [("A", DUE), ("B", OVERDUE), ("C", ESCALATED)]:
        ProjectFactory(code=code, division=division, **last)
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
    # Due Friday 7 October, when no sweep ran; Saturday 8 and Monday 10 October (スポーツの日) are not business days.
    ProjectFactory(division=division, last_reported_on=datetime.date(2022, 8, 31))

    saturday, holiday = sweep_at(2022, 10, 8), sweep_at(2022, 10, 10)
    assert not saturday.business_day and not holiday.business_day
    assert mail.outbox == []

    sweep_at(2022, 10, 11)
    [message] = mail.outbox
    assert "進捗報告の期限です" in message.subject


@pytest.mark.usefixtures("people")
def test_it_sends_nothing_in_the_year_end_break(division):
    # November's report due on the 20th business day, 28 December, when no sweep ran; overdue from 11 January.
    ProjectFactory(code="NEWYEAR", division=division, last_reported_on=datetime.date(2022, 10, 31), report_business_days=20,
                   grace_days=14)
    ProjectFactory(code="STALE", division=division, **OVERDUE)

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
    # Due 28 December and, with two days' grace, overdue from the first business day after the break.
    ProjectFactory(division=division, grace_days=2, last_reported_on=datetime.date(2022, 10, 31), report_business_days=20)

    sweep_at(2023, 1, 4)

    message = only_message_to("alice@pref.example.lg.jp")
    assert "進捗報告が遅れています" in message.subject
    assert "mallory@pref.example.lg.jp" in message.to
    assert list(Reminder.objects.values_list("level", flat=True)) == ["overdue"]


@pytest.mark.usefixtures("people")
def test_it_stops_once_a_report_is_filed(alice, division):
    project = ProjectFactory(division=division, **DUE)
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
    # 11 October would have been overdue, 1 November escalated; October's report is due 1 December.
    for month, day in ((10, 11), (10, 12), (11, 1), (11, 2)):
        sweep_at(2022, month, day)

    assert len(mail.outbox) == 1
    assert list(Reminder.objects.values_list("due_on", flat=True)) == [datetime.date(2022, 10, 3)]


@pytest.mark.usefixtures("people")
def test_closed_projects_are_never_reminded(division):
    project = ProjectFactory(division=division, **ESCALATED)
    project.phase = Project.Phase.CLOSED
    project.save()

    sweep = sweep_at(2022, 10, 4)

    assert mail.outbox == [] and sweep.digest is None
    assert not Reminder.objects.exists()


def test_users_without_an_email_address_are_skipped(alice, division):
    DivisionMembershipFactory(user=UserFactory(username="bob", email=""), division=division)
    ProjectFactory(division=division, **DUE)

    sweep_at(2022, 10, 4)

    [message] = mail.outbox
    assert message.to == ["alice@pref.example.lg.jp", "dx-office@pref.example.lg.jp"]
    assert Reminder.objects.get().recipients == "alice@pref.example.lg.jp\ndx-office@pref.example.lg.jp"


def test_the_division_mailbox_gets_the_reminder_beside_its_members(alice, division):
    division.email = "contracts@pref.example.lg.jp"
    division.save()
    ProjectFactory(division=division, **DUE)

    sweep_at(2022, 10, 4)

    [message] = mail.outbox
    assert message.to == ["alice@pref.example.lg.jp", "contracts@pref.example.lg.jp"]


def test_a_division_with_no_member_address_is_reached_by_its_mailbox_alone(division):
    DivisionMembershipFactory(user=UserFactory(username="bob", email=""), division=division)
    division.email = "contracts@pref.example.lg.jp"
    division.save()
    ProjectFactory(division=division, **OVERDUE)

    sweep = sweep_at(2022, 10, 4)

    assert [m.to for m in mail.outbox] == [["contracts@pref.example.lg.jp"]]
    assert [m for m in sweep.unaddressed if not isinstance(m, DigestMessage)] == []


def test_a_reminder_that_reaches_nobody_is_listed_in_pmos_digest_as_no_contact(petra, division):
    division.email = ""
    division.save()
    ProjectFactory(code="NOBODY", name="連絡先のない案件", division=division, **DUE)

    sweep_at(2022, 10, 4)

    [digest] = mail.outbox
    assert digest.to == ["petra@pref.example.lg.jp"]
    assert "督促の送信先がない案件（連絡先なし、1件）" in digest.body
    assert "NOBODY 連絡先のない案件" in digest.body
    assert "NOBODY" in digest.alternatives[0][0]
    assert "1 project(s) whose reminder reached nobody" in digest.alternatives[0][0]


def test_an_email_never_names_a_date_already_past(division, alice):
    # Seen first on 4 October, when September's report, due 7 September, is overdue: no "by 14 Sep".
    ProjectFactory(division=division, **OVERDUE)
    sweep_at(2022, 10, 4)
    [message] = mail.outbox
    assert "2022-10-07" in message.body and "令和4年10月7日までに提出がない場合" in message.body
    mail.outbox.clear()
    # A due reminder sent late, after its overdue date: the passed date is not promised.
    late = ProjectFactory(division=division, report_business_days=1, grace_days=0, last_reported_on=datetime.date(2022, 8, 31))
    assert late.report_overdue_on == datetime.date(2022, 10, 3)
    message = emails.report_reminder(project=late, level="due", today=datetime.date(2022, 10, 4), to=["a@x"])
    assert "までに提出がない場合" not in message.body and "If it is not filed by" not in message.body


def test_a_sweeps_reminders_escape_each_projects_own_text_in_html_only(division):
    # A sweep renders each template once and fills each message in: markup, and even a fill-in mark, in a name
    # come out escaped in the HTML part and as typed in the text and subject, for every level and message.
    letters = emails.Letters()
    marked = ProjectFactory(code="X-1", name='<b>"A&B"</b> __dx_code__', division=division, **DUE)
    plain = ProjectFactory(code="X-2", name="電子申請", division=division, **DUE)
    for project in (marked, plain, marked):
        for level in Reminder.Level.values:
            message = emails.report_reminder(project=project, level=level, to=["a@x"], letters=letters)
            [(html, _)] = message.alternatives
            assert f"{project.code} {project.name} / " in message.subject
            assert f"案件: {project.code} {project.name}\n" in message.body
            assert f">{project.code} {escape(project.name)}</a>" in html
    assert escape(marked.name) == "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; __dx_code__"


def commits_wait_for() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit" if connection.vendor == "postgresql" else "PRAGMA synchronous")
        return str(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)  # as a worker sweeps: outside a transaction, each mark its own commit
@pytest.mark.usefixtures("people")
def test_after_the_send_the_connections_commits_wait_for_the_disk_again(division):
    ProjectFactory(division=division, **DUE)
    before = commits_wait_for()
    sweep_at(2022, 10, 4)
    assert mail.outbox
    assert commits_wait_for() == before == ("on" if connection.vendor == "postgresql" else "2")


def test_a_division_with_nobody_to_tell_is_reminded_once_someone_joins(division):
    division.email = ""
    division.save()
    ProjectFactory(code="NOBODY", division=division, **DUE)

    sweep = sweep_at(2022, 10, 4)
    assert mail.outbox == [] and not Reminder.objects.exists()
    assert [(m.project.code, m.level) for m in sweep.unaddressed if not isinstance(m, DigestMessage)] == [("NOBODY", "due")]

    DivisionMembershipFactory(user=UserFactory(username="alice"), division=division)
    sweep_at(2022, 10, 5)
    assert [m.to for m in mail.outbox] == [["alice@pref.example.lg.jp"]]


def test_a_sweep_with_nothing_to_send_does_not_connect_to_the_mail_server(settings, tmp_path, alice, division):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    ProjectFactory(division=division, **DUE)
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
            ProjectFactory(division=division, **last)


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
