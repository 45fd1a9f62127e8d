"""load_demo lives in the present: the source's story replayed on the day it is loaded, the source's own
snapshot with --as-of 2022-10-04, idempotent on the day it was built for, moved by --rebuild, never ahead of
today."""

import datetime
import io
import zoneinfo
from collections import Counter

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from dx_portal.business_days import is_business_day
from dx_portal.demo import SOURCE_DATE, Story, loaded_as_of
from governance.demo_bodies import ACTION_ITEMS
from governance.models import ActionItem, CommitteeMeeting, CouncilMeeting, Decision, MunicipalDxStatus
from governance.selectors import action_items_past_due
from organisation.models import Division, DivisionMembership
from projects.demo import MONTHS, PROJECTS
from projects.models import Finding, Health, Milestone, Project, ProjectIssue, ReportState, StatusReport
from projects.portfolio.selectors import portfolio_health_history, portfolio_summary

pytestmark = pytest.mark.django_db
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
# The source's morning under period-anchored due dates: WATER-ONLINE's August report makes its next due on
# 10-07, so that morning nothing was merely due yet (the source's dates are kept as they were).
SOURCE_STATES = {ReportState.FRESH: 13, ReportState.OVERDUE: 2, ReportState.ESCALATED: 1}
DATED = [Project, StatusReport, ProjectIssue, Finding, Milestone, CommitteeMeeting, Decision, ActionItem, CouncilMeeting,
         MunicipalDxStatus]


def on(day: datetime.date):
    """The clock at 9:00 in Tokyo on ``day``."""
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9), tzinfo=TOKYO), tick=False)


def load_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def states(today: datetime.date) -> Counter:
    return Counter(project.report_state(today) for project in Project.objects.all())


def assert_a_mix(today: datetime.date) -> None:
    """Most current, a few due, one or two overdue, one escalated."""
    counts = states(today)
    assert counts[ReportState.FRESH] >= 11 and counts[ReportState.DUE] >= 1
    assert 1 <= counts[ReportState.OVERDUE] <= 2 and counts[ReportState.ESCALATED] == 1


def rows() -> dict:
    """Row and history counts of every dated model, and the latest report dates."""
    return {
        **{model.__name__: (model.objects.count(), model.history.count()) for model in DATED},
        "reported": dict(Project.objects.values_list("code", "last_reported_on")),
    }


def sweep(now: str) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", "--now", now, stdout=out)
    return out.getvalue()


# Early, middle and late in a month, after the year-end closure and Golden Week, a leap day.
@pytest.mark.parametrize("today", [datetime.date(2026, 12, 7), datetime.date(2027, 1, 4), datetime.date(2027, 5, 10),
                                   datetime.date(2027, 6, 22), datetime.date(2027, 8, 31), datetime.date(2028, 2, 29)],
                         ids=str)
def test_on_the_load_day_most_projects_are_current_a_few_are_due_or_overdue_and_one_is_escalated(today):
    with on(today):
        assert f"Demo data loaded as of {today.isoformat()}." in load_demo()

    assert_a_mix(today)
    newest = max(Project.objects.values_list("last_reported_on", flat=True))
    assert 0 < (today - newest).days <= 14
    assert not StatusReport.objects.filter(as_of__gt=today).exists()

    # Findings and action items, some still open in time and some past due.
    open_findings = Finding.objects.filter(status=Finding.Status.OPEN)
    assert open_findings.filter(response_due_on__lt=today).exists() and open_findings.filter(response_due_on__gt=today).exists()
    not_done = ActionItem.objects.exclude(status=ActionItem.Status.DONE)
    assert 0 < action_items_past_due(today=today).count() < not_done.count()

    # Meetings and due dates fall on days the offices are open, none after today for what has happened.
    for day in [*CommitteeMeeting.objects.values_list("held_on", flat=True), *not_done.values_list("due_on", flat=True),
                *Finding.objects.values_list("response_due_on", flat=True)]:
        assert is_business_day(day)
    assert max(CommitteeMeeting.objects.values_list("held_on", flat=True)) <= today

    # Twelve months of health that move: every month has projects, and the months differ.
    now = portfolio_summary(Project.objects.all(), today=today).by_health
    history = portfolio_health_history(Project.objects.all(), today=today, now=now)
    assert len(history) == 12 and all(sum(month.by_health.values()) for month in history)
    assert len({tuple(month.by_health.values()) for month in history}) >= 6

    # The morning sweep reminds the few, not everyone.
    reminders = sweep(f"{today.isoformat()}T09:00+09:00")
    for code in ("WATER-ONLINE", "COMMON-PC", "E-CONTRACT"):
        assert code in reminders
    assert "KSC-NEXT" not in reminders


def test_as_of_the_source_date_it_is_the_sources_snapshot_whatever_the_clock_says():
    load_demo("--as-of", SOURCE_DATE.isoformat())

    assert loaded_as_of() == SOURCE_DATE
    assert states(SOURCE_DATE) == SOURCE_STATES
    for spec in PROJECTS:
        project = Project.objects.get(code=spec.code)
        assert (project.planned_start, project.planned_end) == (spec.planned_start, spec.planned_end)
        assert project.last_reported_on == MONTHS[spec.last_submitted]
        assert sorted(project.findings.values_list("title", "response_due_on")) == sorted(
            (item["title"], item["response_due_on"]) for item in spec.findings
        )
        assert sorted(project.issues.values_list("title", "raised_on", "due_on")) == sorted(
            (item["title"], item["raised_on"], item["due_on"]) for item in spec.issues
        )
        assert sorted(project.milestones.values_list("name", "planned_on", "forecast_on", "actual_on")) == sorted(spec.milestones)
    assert sorted(ActionItem.objects.values_list("title", "due_on", "completed_on")) == sorted(
        (title, due_on, completed_on) for _, title, _, due_on, _, completed_on, _ in ACTION_ITEMS
    )
    assert list(CommitteeMeeting.objects.order_by("number").values_list("title", flat=True)) == [
        "令和3年度第1回ステアリング・コミッティ", "令和3年度第2回ステアリング・コミッティ",
        "令和3年度第3回ステアリング・コミッティ", "令和4年度第1回ステアリング・コミッティ",
    ]
    # The README's example: the reminders as they would have gone out that morning.
    reminders = sweep("2022-10-04T09:00+09:00")
    assert "COMMON-PC  overdue" in reminders and "E-CONTRACT  escalated" in reminders


def test_a_day_in_the_future_is_refused():
    today = datetime.date(2026, 12, 7)
    with on(today), pytest.raises(CommandError, match="2026-12-08 is in the future"):
        load_demo("--as-of", "2026-12-08")
    assert not Project.objects.exists()


def test_loading_again_on_another_day_keeps_the_demo_and_rebuild_replays_it_on_that_day():
    built, later = datetime.date(2026, 12, 7), datetime.date(2027, 3, 3)
    with on(built):
        load_demo()
    first = rows()

    with on(later):
        out = load_demo()
        assert "stays as of 2026-12-07" in out and "load_demo --rebuild" in out
        assert rows() == first
        with pytest.raises(CommandError, match="Add --rebuild"):
            load_demo("--as-of", later.isoformat())

        load_demo("--rebuild")
        rebuilt = rows()
        load_demo("--rebuild")
    assert loaded_as_of() == later
    assert_a_mix(later)
    # Nothing of the first replay is left, not even in the history: rebuilding again gives the same rows.
    assert rows() == rebuilt
    assert all(rebuilt["reported"][code] > day for code, day in first["reported"].items())


def test_the_demo_shows_each_case_of_a_portfolio_the_cio_can_trust(client):
    today = datetime.date(2026, 12, 7)
    with on(today):
        load_demo()
        client.force_login(get_user_model().objects.get(username="pmo"))
        pmo_page = client.get("/projects/DATA-PLATFORM/").content.decode()
        reminders = sweep(f"{today.isoformat()}T09:00+09:00")

    # A milestone whose day came and went with no actual or forecast date is late by the days since.
    ksc = Project.objects.get(code="KSC-NEXT")
    settled = ksc.milestones.get(name="参加団体の移行日程確定")
    assert (settled.forecast_on, settled.actual_on) == (None, None) and settled.planned_on < today
    assert settled.slippage_on(today) == (today - settled.planned_on).days
    contract = Project.objects.get(code="COMPUTER-CENTER").milestones.get(name="更新機器の調達契約")
    assert contract.planned_on == Story(today).on(datetime.date(2022, 12, 20))

    # PMO rated DATA-PLATFORM red; the newer amber self-assessment awaits review and does not hide it.
    platform = Project.objects.get(code="DATA-PLATFORM")
    assert (platform.latest_report.health, platform.pmo_health, platform.health_unreviewed) == (
        Health.YELLOW, Health.RED, True)
    assert "未確認" in pmo_page

    # デジタル戦略本部室's 所属長 approves its reports: one awaits him, one he returned with a comment.
    dx_office = Division.objects.get(code="dx-office")
    assert dx_office.requires_report_approval
    assert dx_office.memberships.filter(user__username="manager", role=DivisionMembership.Role.MANAGER).exists()
    awaiting = StatusReport.objects.get(status=StatusReport.Status.AWAITING_APPROVAL)
    assert (awaiting.project.code, awaiting.submitted_by.username) == ("EKANAGAWA-EAPP", "staff")
    assert awaiting.as_of > awaiting.project.last_reported_on
    returned = StatusReport.objects.get(status=StatusReport.Status.RETURNED)
    assert returned.project.code == "COMMON-PC" and "追記" in returned.approval_comment
    assert Project.objects.get(code="COMMON-PC").report_state(today) in (ReportState.OVERDUE, ReportState.DUE)

    # An amended report keeps both versions, with the reason; a withdrawn one is kept and stops counting.
    amended = ksc.latest_report
    versions = list(amended.history.order_by("history_date", "history_id").values_list("actual_progress", flat=True))
    assert versions[0] != amended.actual_progress == versions[-1] and "修正" in amended.change_reason
    withdrawn = StatusReport.objects.get(status=StatusReport.Status.WITHDRAWN)
    assert withdrawn.project.code == "WATER-ONLINE" and "誤登録" in withdrawn.change_reason
    assert withdrawn.project.last_reported_on < withdrawn.as_of
    assert withdrawn.project.report_state(today) == ReportState.DUE

    # 契約課 has no members: its mailbox gets the reminders. Every division is reached by someone: the digest
    # lists no project without a contact.
    contracts = Division.objects.get(code="contracts")
    assert contracts.email and not contracts.memberships.exists()
    assert "E-CONTRACT  escalated" in reminders and "to contracts@pref.example.lg.jp" in reminders
    assert "0 project(s) with no contact" in reminders
