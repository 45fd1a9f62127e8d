"""finding_answer: the owning division answers PMO's finding."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from projects.models import Finding
from projects.services import finding_answer
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.helpers import FROZEN

pytestmark = FROZEN
ANSWER = "リハーサルを2回実施し、データ件数と照合結果の一致を合否基準とします。"


@pytest.fixture
def finding(division):
    return FindingFactory(project=ProjectFactory(division=division))


def test_the_owning_division_answers(finding, alice):
    answered = finding_answer(finding=finding, actor=alice, expected_version=1, response=ANSWER)
    assert (answered.status, answered.response, answered.answered_by) == (Finding.Status.ANSWERED, ANSWER, alice)
    assert answered.history.latest().history_user == alice


@pytest.mark.parametrize("person", ["charlie", "dana", "carl", "audrey", "fiona", "nobody"])
def test_others_may_not_answer(request, finding, person):
    with pytest.raises(PermissionDenied):
        finding_answer(finding=finding, actor=request.getfixturevalue(person), expected_version=1, response=ANSWER)
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN


def test_an_empty_answer_is_refused_at_the_field(finding, alice):
    with pytest.raises(ValidationError) as error:
        finding_answer(finding=finding, actor=alice, expected_version=1, response="   ")
    assert list(error.value.message_dict) == ["response"]


def test_a_closed_finding_takes_no_answer(finding, alice):
    Finding.objects.filter(pk=finding.pk).update(status=Finding.Status.CLOSED)
    with pytest.raises(ValidationError):
        finding_answer(finding=finding, actor=alice, expected_version=1, response=ANSWER)


def test_an_answer_to_a_changed_finding_is_refused(finding, alice, bob):
    finding_answer(finding=finding, actor=alice, expected_version=1, response=ANSWER)
    with pytest.raises(StaleVersionError):
        finding_answer(finding=finding, actor=bob, expected_version=1, response="別の回答")
    finding.refresh_from_db()
    assert finding.response == ANSWER
