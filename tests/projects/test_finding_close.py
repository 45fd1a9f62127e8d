"""finding_close: PMO closes a finding."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from projects.models import Finding
from projects.services import finding_answer, finding_close
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.helpers import FROZEN

pytestmark = FROZEN


@pytest.fixture
def finding(division):
    return FindingFactory(project=ProjectFactory(division=division))


def test_pmo_closes_an_answered_finding(finding, alice, petra):
    finding_answer(finding=finding, actor=alice, expected_version=1, response="対応します。")
    closed = finding_close(finding=finding, actor=petra, expected_version=2)
    assert (closed.status, closed.version) == (Finding.Status.CLOSED, 3)
    assert closed.history.latest().history_user == petra


@pytest.mark.parametrize("person", ["alice", "mallory", "charlie", "dana", "carl", "audrey", "fiona", "nobody"])
def test_only_pmo_closes(request, finding, person):
    with pytest.raises(PermissionDenied):
        finding_close(finding=finding, actor=request.getfixturevalue(person), expected_version=1)


def test_closing_twice_is_refused(finding, petra):
    finding_close(finding=finding, actor=petra, expected_version=1)
    with pytest.raises(ValidationError):
        finding_close(finding=finding, actor=petra, expected_version=2)


def test_closing_a_finding_answered_meanwhile_is_refused(finding, alice, petra):
    finding_answer(finding=finding, actor=alice, expected_version=1, response="対応します。")
    with pytest.raises(StaleVersionError):
        finding_close(finding=finding, actor=petra, expected_version=1)
