"""issue_raise: issues and risks of a project."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.models import ProjectIssue, Severity
from projects.services import issue_raise
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, TODAY

pytestmark = FROZEN


@pytest.fixture
def project(division):
    return ProjectFactory(division=division)


def test_it_records_an_issue_raised_today_by_default(project, alice):
    issue = issue_raise(project=project, actor=alice, title="帳票レイアウトの確定遅れ", severity=Severity.HIGH)
    assert (issue.raised_on, issue.status, issue.resolved_on) == (TODAY, ProjectIssue.Status.OPEN, None)
    assert issue.history.get().history_user == alice


def test_a_risk_carries_likelihood_and_impact(project, alice):
    risk = issue_raise(project=project, actor=alice, kind=ProjectIssue.Kind.RISK, title="移行データの品質",
                       likelihood=4, impact=5)
    assert risk.risk_score == 20


def test_a_risk_without_likelihood_is_refused_at_the_field(project, alice):
    with pytest.raises(ValidationError) as error:
        issue_raise(project=project, actor=alice, kind=ProjectIssue.Kind.RISK, title="移行データの品質", impact=5)
    assert list(error.value.message_dict) == ["likelihood"]
    assert not project.issues.exists()


def test_an_issue_raised_already_resolved_is_dated_today(project, alice):
    issue = issue_raise(project=project, actor=alice, title="軽微な表示崩れ", status=ProjectIssue.Status.RESOLVED,
                        raised_on=datetime.date(2022, 9, 1))
    assert issue.resolved_on == TODAY


def test_a_resolution_before_the_raise_is_refused(project, alice):
    with pytest.raises(ValidationError) as error:
        issue_raise(project=project, actor=alice, title="軽微な表示崩れ", status=ProjectIssue.Status.RESOLVED,
                    raised_on=datetime.date(2022, 9, 1), resolved_on=datetime.date(2022, 8, 31))
    assert list(error.value.message_dict) == ["resolved_on"]


def test_a_future_raise_date_is_refused(project, alice):
    with pytest.raises(ValidationError) as error:
        issue_raise(project=project, actor=alice, title="未来の課題", raised_on=datetime.date(2022, 10, 5))
    assert list(error.value.message_dict) == ["raised_on"]


@pytest.mark.parametrize("person", ["charlie", "dana", "carl", "audrey", "fiona", "nobody"])
def test_only_the_owning_division_and_pmo_raise_issues(request, project, person):
    with pytest.raises(PermissionDenied):
        issue_raise(project=project, actor=request.getfixturevalue(person), title="権限のない登録")
    assert not project.issues.exists()
