"""milestone_update: forecasts move, actual dates are recorded, versions guard against lost updates."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from dx_portal.errors import StaleVersionError
from projects.services import milestone_update
from tests.projects.factories import MilestoneFactory, ProjectFactory
from tests.projects.helpers import FROZEN

pytestmark = FROZEN


@pytest.fixture
def milestone(division):
    return MilestoneFactory(project=ProjectFactory(division=division), planned_on=datetime.date(2022, 12, 1))


def test_a_later_forecast_shows_as_slippage(milestone, alice):
    updated = milestone_update(milestone=milestone, actor=alice, expected_version=1, forecast_on=datetime.date(2022, 12, 22))
    assert (updated.slippage_days, updated.version) == (21, 2)
    assert updated.history.latest().history_user == alice


def test_a_stale_edit_is_refused(milestone, alice, petra):
    milestone_update(milestone=milestone, actor=petra, expected_version=1, forecast_on=datetime.date(2022, 12, 8))
    with pytest.raises(StaleVersionError):
        milestone_update(milestone=milestone, actor=alice, expected_version=1, forecast_on=datetime.date(2022, 12, 22))


@pytest.mark.parametrize("person", ["charlie", "dana", "carl", "audrey", "fiona", "nobody"])
def test_others_may_not_change_it(request, milestone, person):
    with pytest.raises(PermissionDenied):
        milestone_update(milestone=milestone, actor=request.getfixturevalue(person), expected_version=1, name="変更")
