"""A status report after it is filed: amended until PMO reviews it, withdrawn with a reason, and approved or
returned by the division manager where the division requires it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.models import Health, StatusReport
from projects.services import (
    status_report_amend,
    status_report_approve,
    status_report_return,
    status_report_review,
    status_report_withdraw,
)
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN
from tests.projects.helpers import file_report as file

pytestmark = FROZEN


@pytest.fixture
def project(division):
    return ProjectFactory(division=division)


def test_an_amended_report_keeps_its_earlier_version_and_the_reason_in_history(project, alice):
    report = file(project, alice, datetime.date(2022, 9, 30), actual_progress=42)

    amended = status_report_amend(report=report, actor=alice, expected_version=1, reason="実績進捗率の誤記", actual_progress=24)

    assert (amended.actual_progress, amended.change_reason, amended.version) == (24, "実績進捗率の誤記", 2)
    versions = list(amended.history.order_by("history_date").values_list("version", "actual_progress", "change_reason"))
    assert versions == [(1, 42, ""), (2, 24, "実績進捗率の誤記")]


def test_a_year_typo_is_corrected_by_amending_the_date(project, alice):
    file(project, alice, datetime.date(2022, 8, 31))
    typo = file(project, alice, datetime.date(2022, 9, 30))
    # The typo is in the latest report: moving its date back is allowed for an amendment, not for a new report.
    amended = status_report_amend(report=typo, actor=alice, expected_version=1, reason="基準日の誤り",
                                  as_of=datetime.date(2022, 9, 15))
    project.refresh_from_db()
    assert (amended.as_of, project.last_reported_on) == (datetime.date(2022, 9, 15), datetime.date(2022, 9, 15))


def test_an_amendment_needs_a_reason_and_stays_within_the_projects_dates(project, alice):
    report = file(project, alice, datetime.date(2022, 9, 30))
    with pytest.raises(ValidationError) as no_reason:
        status_report_amend(report=report, actor=alice, expected_version=1, reason=" ", summary="訂正")
    assert list(no_reason.value.message_dict) == ["reason"]
    with pytest.raises(ValidationError) as early:
        status_report_amend(report=report, actor=alice, expected_version=1, reason="日付", as_of=datetime.date(2019, 5, 31))
    assert list(early.value.message_dict) == ["as_of"]


def test_a_report_pmo_has_reviewed_can_no_longer_be_amended(project, alice, petra):
    report = file(project, alice, datetime.date(2022, 9, 30))
    status_report_review(report=report, actor=petra, expected_version=1, pmo_health=Health.RED)
    with pytest.raises(ValidationError):
        status_report_amend(report=report, actor=alice, expected_version=2, reason="訂正", summary="訂正")


def test_a_withdrawn_report_is_kept_but_stops_counting(project, alice):
    earlier = file(project, alice, datetime.date(2022, 8, 31), health=Health.GREEN)
    mistaken = file(project, alice, datetime.date(2022, 9, 30), health=Health.RED)

    withdrawn = status_report_withdraw(report=mistaken, actor=alice, expected_version=1, reason="別案件の報告を誤登録")

    project.refresh_from_db()
    assert withdrawn.status == StatusReport.Status.WITHDRAWN and withdrawn.change_reason == "別案件の報告を誤登録"
    assert (project.latest_report, project.health, project.last_reported_on) == (earlier, Health.GREEN, earlier.as_of)
    assert StatusReport.objects.filter(pk=mistaken.pk).exists()
    # Its date is free again for the report that replaces it.
    file(project, alice, datetime.date(2022, 9, 30))


def test_others_may_neither_amend_nor_withdraw(project, alice, charlie):
    report = file(project, alice, datetime.date(2022, 9, 30))
    with pytest.raises(PermissionDenied):
        status_report_amend(report=report, actor=charlie, expected_version=1, reason="x", summary="x")
    with pytest.raises(PermissionDenied):
        status_report_withdraw(report=report, actor=charlie, expected_version=1, reason="x")


@pytest.fixture
def approving(division):
    division.requires_report_approval = True
    division.save()
    return ProjectFactory(division=division)


def test_where_the_division_requires_it_a_report_waits_for_its_managers_approval(approving, alice, mallory):
    report = file(approving, alice, datetime.date(2022, 9, 30))
    approving.refresh_from_db()
    assert report.status == StatusReport.Status.AWAITING_APPROVAL
    assert (approving.latest_report, approving.last_reported_on) == (None, None)

    approved = status_report_approve(report=report, actor=mallory, expected_version=1)

    approving.refresh_from_db()
    assert (approved.status, approved.approved_by) == (StatusReport.Status.SUBMITTED, mallory)
    assert approving.latest_report == approved and approving.health == Health.YELLOW


def test_a_returned_report_comes_back_with_a_comment_and_goes_to_the_manager_again_once_corrected(approving, alice, mallory):
    report = file(approving, alice, datetime.date(2022, 9, 30))
    returned = status_report_return(report=report, actor=mallory, expected_version=1, comment="実績進捗率を確認のこと")
    assert (returned.status, returned.approval_comment) == (StatusReport.Status.RETURNED, "実績進捗率を確認のこと")

    corrected = status_report_amend(report=returned, actor=alice, expected_version=2, reason="指摘を反映", actual_progress=30)

    assert corrected.status == StatusReport.Status.AWAITING_APPROVAL


def test_only_the_divisions_manager_approves_and_a_return_needs_a_comment(approving, alice, bob, petra, mallory):
    report = file(approving, alice, datetime.date(2022, 9, 30))
    for person in (alice, bob, petra):
        with pytest.raises(PermissionDenied):
            status_report_approve(report=report, actor=person, expected_version=1)
    with pytest.raises(ValidationError) as no_comment:
        status_report_return(report=report, actor=mallory, expected_version=1, comment="")
    assert list(no_comment.value.message_dict) == ["comment"]


def test_pmo_reviews_only_submitted_reports(approving, alice, petra):
    report = file(approving, alice, datetime.date(2022, 9, 30))
    with pytest.raises(ValidationError):
        status_report_review(report=report, actor=petra, expected_version=1, pmo_health=Health.RED)
