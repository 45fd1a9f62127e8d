"""project_update and project_create."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from projects.models import Project
from projects.services import project_create, project_update
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN

pytestmark = FROZEN


@pytest.fixture
def project(division):
    return ProjectFactory(division=division, cadence=Project.Cadence.MONTHLY, planned_start=datetime.date(2022, 4, 1))


def test_staff_move_the_phase_and_costs(project, alice):
    updated = project_update(project=project, actor=alice, expected_version=1, phase=Project.Phase.TESTING,
                             actual_cost_yen=45_000_000)
    assert (updated.phase, updated.actual_cost_yen, updated.version) == (Project.Phase.TESTING, 45_000_000, 2)
    assert updated.history.latest().history_user == alice


def test_a_new_cadence_moves_the_next_due_date(project, petra):
    updated = project_update(project=project, actor=petra, expected_version=1, cadence=Project.Cadence.QUARTERLY)
    # The first quarter (April to June) ends 6-30: the 5th business day after it is Thursday 7-7.
    assert updated.report_due_on == datetime.date(2022, 7, 7)


def test_an_end_before_the_start_is_refused_at_the_field(project, alice):
    with pytest.raises(ValidationError) as error:
        project_update(project=project, actor=alice, expected_version=1, planned_end=datetime.date(2022, 3, 1))
    assert list(error.value.message_dict) == ["planned_end"]


def test_a_stale_edit_is_refused(project, alice, petra):
    project_update(project=project, actor=petra, expected_version=1, name="名称変更")
    with pytest.raises(StaleVersionError):
        project_update(project=project, actor=alice, expected_version=1, name="別の名称")


@pytest.mark.parametrize("person", ["charlie", "dana", "carl", "audrey", "fiona", "nobody"])
def test_others_may_not_change_it(request, project, person):
    with pytest.raises(PermissionDenied):
        project_update(project=project, actor=request.getfixturevalue(person), expected_version=1, name="変更")


def test_pmo_registers_projects_and_staff_do_not(division, petra, alice):
    fields = dict(code="NEW-1", name="新規案件", division=division, planned_start=datetime.date(2022, 4, 1),
                  planned_end=datetime.date(2023, 3, 31))
    with pytest.raises(PermissionDenied):
        project_create(actor=alice, **fields)
    project = project_create(actor=petra, **fields)
    assert project.history.get().history_user == petra
    # April's report: the 5th business day after 4-30, past Golden Week's holidays.
    assert project.report_due_on == datetime.date(2022, 5, 11)
