"""The project keeps its next milestone and the day one of its milestones is late (services.projects_refresh_milestones):
what the portfolio's next-milestone columns and its マイルストーン遅延 exception read, as milestones are saved and days
pass."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from projects.models import Milestone
from projects.selectors import ExceptionReason, portfolio_exceptions
from projects.services import milestone_create, milestone_update
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, TODAY, TOKYO, while_uncommitted


def reasons(person, today=TODAY) -> dict[str, list[str]]:
    return {row.project.code: list(row.reasons) for row in portfolio_exceptions(person, today)}


def next_milestone(project) -> tuple:
    project.refresh_from_db()
    return project.next_milestone_name, project.next_milestone_planned_on, project.next_milestone_forecast_on


@pytest.fixture
def project(division):
    return ProjectFactory(code="DX-1", division=division, last_reported_on=datetime.date(2022, 9, 30))


@FROZEN
def test_the_next_milestone_follows_what_is_reached(project, alice):
    design = milestone_create(project=project, actor=alice, name="設計完了", planned_on=datetime.date(2022, 11, 1))
    milestone_create(project=project, actor=alice, name="本番稼働", planned_on=datetime.date(2023, 1, 4))
    assert next_milestone(project) == ("設計完了", datetime.date(2022, 11, 1), None)

    design = milestone_update(milestone=design, actor=alice, expected_version=1, name="基本設計完了",
                              forecast_on=datetime.date(2022, 11, 8))
    assert next_milestone(project) == ("基本設計完了", datetime.date(2022, 11, 1), datetime.date(2022, 11, 8))

    milestone_update(milestone=design, actor=alice, expected_version=2, actual_on=datetime.date(2022, 10, 3))
    assert next_milestone(project) == ("本番稼働", datetime.date(2023, 1, 4), None)


@FROZEN
def test_a_forecast_past_its_plan_is_an_exception_at_once_and_no_longer_once_moved_back(project, alice, petra):
    milestone = milestone_create(project=project, actor=alice, name="設計完了", planned_on=datetime.date(2022, 11, 1))
    assert reasons(petra) == {}

    milestone = milestone_update(milestone=milestone, actor=alice, expected_version=1,
                                 forecast_on=datetime.date(2022, 11, 15))
    assert reasons(petra) == {"DX-1": [ExceptionReason.LATE_MILESTONE]}

    milestone_update(milestone=milestone, actor=alice, expected_version=2, forecast_on=datetime.date(2022, 11, 1))
    assert reasons(petra) == {}


@FROZEN
def test_a_milestone_becomes_late_the_day_after_its_plan_with_no_one_saving_anything(project, alice, petra):
    milestone_create(project=project, actor=alice, name="設計完了", planned_on=datetime.date(2022, 10, 5))

    assert reasons(petra, today=datetime.date(2022, 10, 5)) == {}
    with time_machine.travel(datetime.datetime(2022, 10, 6, 9, 0, tzinfo=TOKYO), tick=False):
        assert reasons(petra, today=datetime.date(2022, 10, 6)) == {"DX-1": [ExceptionReason.LATE_MILESTONE]}


@FROZEN
def test_reaching_the_late_milestone_clears_the_exception(project, alice, petra):
    late = milestone_create(project=project, actor=alice, name="設計完了", planned_on=datetime.date(2022, 9, 1))
    assert reasons(petra) == {"DX-1": [ExceptionReason.LATE_MILESTONE]}

    milestone_update(milestone=late, actor=alice, expected_version=1, actual_on=datetime.date(2022, 9, 20))
    assert reasons(petra) == {}
    assert next_milestone(project) == ("", None, None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to test")
@pytest.mark.django_db(transaction=True)
def test_two_people_saving_milestones_of_one_project_at_once_both_count(alice, bob, division):
    project = ProjectFactory(division=division)
    first = milestone_create(project=project, actor=alice, name="設計完了", planned_on=datetime.date(2099, 1, 1))
    second = milestone_create(project=project, actor=alice, name="本番稼働", planned_on=datetime.date(2099, 6, 1))
    # Alice reaches the first, not yet committed, when Bob slips the second.
    bobs_save = while_uncommitted(
        lambda: milestone_update(milestone=first, actor=alice, expected_version=1, actual_on=datetime.date(2022, 10, 3)),
        lambda: milestone_update(milestone=Milestone.objects.select_related("project").get(pk=second.pk), actor=bob,
                                 expected_version=1, forecast_on=datetime.date(2099, 9, 1)),
    )
    assert isinstance(bobs_save, Milestone)
    project.refresh_from_db()
    # Alice's reached milestone is no longer next, and Bob's slip makes the project late from today.
    assert (project.next_milestone_name, project.next_milestone_forecast_on, project.milestone_late_on) == (
        "本番稼働", datetime.date(2099, 9, 1), timezone.localdate()
    )
