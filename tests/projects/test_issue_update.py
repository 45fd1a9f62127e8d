"""issue_update: versioned edits of an issue or risk; resolving dates it, reopening clears the date."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from projects.models import ProjectIssue
from projects.services import issue_update
from tests.projects.factories import ProjectFactory, ProjectIssueFactory
from tests.projects.helpers import FROZEN, TODAY

pytestmark = FROZEN


@pytest.fixture
def issue(division):
    return ProjectIssueFactory(project=ProjectFactory(division=division), raised_on=datetime.date(2022, 9, 1))


def test_resolving_an_issue_dates_the_resolution_today(issue, alice):
    updated = issue_update(issue=issue, actor=alice, expected_version=1, status=ProjectIssue.Status.RESOLVED)
    assert (updated.status, updated.resolved_on, updated.version) == (ProjectIssue.Status.RESOLVED, TODAY, 2)
    assert updated.history.latest().history_user == alice


def test_reopening_clears_the_resolution_date(issue, alice):
    issue_update(issue=issue, actor=alice, expected_version=1, status=ProjectIssue.Status.RESOLVED)
    reopened = issue_update(issue=issue, actor=alice, expected_version=2, status=ProjectIssue.Status.IN_PROGRESS)
    assert reopened.resolved_on is None


def test_a_resolution_before_the_raise_is_refused_and_nothing_changes(issue, alice):
    with pytest.raises(ValidationError) as error:
        issue_update(issue=issue, actor=alice, expected_version=1, status=ProjectIssue.Status.RESOLVED,
                     resolved_on=datetime.date(2022, 8, 1))
    assert list(error.value.message_dict) == ["resolved_on"]
    issue.refresh_from_db()
    assert (issue.status, issue.version) == (ProjectIssue.Status.OPEN, 1)


def test_the_second_of_two_edits_from_the_same_version_is_refused(issue, alice, bob):
    issue_update(issue=issue, actor=alice, expected_version=1, owner="情報システム担当 横浜")
    with pytest.raises(StaleVersionError) as conflict:
        issue_update(issue=issue, actor=bob, expected_version=1, owner="情報システム担当 鎌倉")
    assert (conflict.value.expected_version, conflict.value.current_version) == (1, 2)
    assert conflict.value.instance.owner == "情報システム担当 横浜"
    issue.refresh_from_db()
    assert issue.owner == "情報システム担当 横浜"


@pytest.mark.parametrize("person", ["charlie", "dana", "carl", "audrey", "fiona", "nobody"])
def test_others_may_not_change_it(request, issue, person):
    with pytest.raises(PermissionDenied):
        issue_update(issue=issue, actor=request.getfixturevalue(person), expected_version=1, title="書き換え")
    issue.refresh_from_db()
    assert issue.version == 1


def test_it_refuses_fields_that_are_not_editable(issue, alice):
    with pytest.raises(TypeError):
        issue_update(issue=issue, actor=alice, expected_version=1, project=ProjectFactory())
