"""finding_write: PMO's advice and findings to the owning division."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.models import Finding
from projects.services import finding_write
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN

pytestmark = FROZEN

FINDING = {
    "category": Finding.Category.SCHEDULE,
    "title": "移行リハーサルの判定基準",
    "body": "移行リハーサルの回数と合否の判定基準を明確にすること。",
    "response_due_on": datetime.date(2022, 10, 18),
}


@pytest.fixture
def project(division):
    return ProjectFactory(division=division)


def test_pmo_writes_a_finding_that_awaits_an_answer(project, petra):
    finding = finding_write(project=project, actor=petra, **FINDING)
    assert (finding.status, finding.written_by) == (Finding.Status.OPEN, petra)
    assert finding.history.get().history_user == petra


@pytest.mark.parametrize("person", ["alice", "mallory", "charlie", "dana", "carl", "audrey", "fiona", "nobody"])
def test_only_pmo_writes_findings(request, project, person):
    with pytest.raises(PermissionDenied):
        finding_write(project=project, actor=request.getfixturevalue(person), **FINDING)
    assert not project.findings.exists()


def test_a_finding_needs_a_body(project, petra):
    with pytest.raises(ValidationError) as error:
        finding_write(project=project, actor=petra, **{**FINDING, "body": ""})
    assert list(error.value.message_dict) == ["body"]
