"""milestone_create."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.services import milestone_create
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN

pytestmark = FROZEN


@pytest.fixture
def project(division):
    return ProjectFactory(division=division)


def test_staff_add_a_milestone(project, alice):
    milestone = milestone_create(project=project, actor=alice, name="本番稼働", planned_on=datetime.date(2023, 4, 1))
    assert milestone.slippage_days == 0
    assert milestone.history.get().history_user == alice


def test_an_actual_date_in_the_future_is_refused(project, alice):
    with pytest.raises(ValidationError) as error:
        milestone_create(project=project, actor=alice, name="本番稼働", planned_on=datetime.date(2023, 4, 1),
                         actual_on=datetime.date(2023, 4, 1))
    assert list(error.value.message_dict) == ["actual_on"]


@pytest.mark.parametrize("person", ["charlie", "dana", "carl", "audrey", "fiona", "nobody"])
def test_others_may_not_add_one(request, project, person):
    with pytest.raises(PermissionDenied):
        milestone_create(project=project, actor=request.getfixturevalue(person), name="本番稼働",
                         planned_on=datetime.date(2023, 4, 1))
