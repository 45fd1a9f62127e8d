import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from projects.models import Health
from projects.services import status_report_submit
from tests.projects.factories import ProjectFactory

REPORT = dict(
    health=Health.YELLOW,
    schedule_health=Health.YELLOW,
    cost_health=Health.GREEN,
    scope_health=Health.GREEN,
    quality_health=Health.GREEN,
    planned_progress=50,
    actual_progress=42,
    summary="設計レビューで指摘が多く、1週間遅れている。",
)

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(datetime.datetime(2022, 10, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_it_makes_the_report_the_projects_current_health(alice, division):
    project = ProjectFactory(division=division)
    report = status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    project.refresh_from_db()
    assert project.latest_report == report
    assert project.health == Health.YELLOW
    assert project.last_reported_on == datetime.date(2022, 9, 30)
    # September's report: the next, October's, is due on the 5th business day after 10-31 (11-3 is a holiday).
    assert project.report_due_on == datetime.date(2022, 11, 8)


def test_it_refuses_a_report_older_than_the_latest(alice, division):
    project = ProjectFactory(division=division)
    latest = status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    with pytest.raises(ValidationError) as older:
        status_report_submit(
            project=project, actor=alice, as_of=datetime.date(2022, 8, 31), **{**REPORT, "health": Health.RED}
        )
    assert "令和4年9月30日" in older.value.message_dict["as_of"][0]
    project.refresh_from_db()
    assert project.latest_report == latest
    assert project.health == Health.YELLOW


def test_it_refuses_a_report_dated_before_the_project_started(alice, division):
    project = ProjectFactory(division=division, planned_start=datetime.date(2022, 4, 1))
    with pytest.raises(ValidationError) as early:
        status_report_submit(project=project, actor=alice, as_of=datetime.date(2019, 5, 31), **REPORT)
    assert "開始予定日（令和4年4月1日）" in early.value.message_dict["as_of"][0]
    assert not project.status_reports.exists()


def test_it_rejects_a_report_from_another_division(charlie, division):
    project = ProjectFactory(division=division)
    with pytest.raises(PermissionDenied):
        status_report_submit(project=project, actor=charlie, as_of=datetime.date(2022, 9, 30), **REPORT)
    assert not project.status_reports.exists()


def test_it_rejects_a_second_report_for_the_same_day(alice, division):
    project = ProjectFactory(division=division)
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    with pytest.raises(ValidationError):
        status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    assert project.status_reports.count() == 1


def test_it_rejects_a_future_date_and_progress_over_100(alice, division):
    project = ProjectFactory(division=division)
    with pytest.raises(ValidationError) as future:
        status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 10, 5), **REPORT)
    assert "as_of" in future.value.message_dict
    with pytest.raises(ValidationError) as progress:
        status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **{**REPORT, "actual_progress": 101})
    assert "actual_progress" in progress.value.message_dict
    assert not project.status_reports.exists()


def test_history_records_who_filed_it(alice, division):
    project = ProjectFactory(division=division)
    report = status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    assert report.history.get().history_user == alice


def test_a_second_report_for_a_day_is_refused_at_the_as_of_field(alice, division):
    project = ProjectFactory(division=division)
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    with pytest.raises(ValidationError) as error:
        status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    assert error.value.message_dict["as_of"] == ["この基準日の進捗報告は既に登録されています。別の基準日を入力してください。"]


def test_the_projects_health_change_is_recorded_with_who_filed_it(alice, division):
    project = ProjectFactory(division=division)
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    latest = project.history.latest()
    assert (latest.health, latest.history_user) == (Health.YELLOW, alice)


@pytest.mark.parametrize("person", ["mallory", "petra"])
def test_the_manager_and_pmo_may_file_too(request, person, division):
    project = ProjectFactory(division=division)
    status_report_submit(project=project, actor=request.getfixturevalue(person), as_of=datetime.date(2022, 9, 30), **REPORT)
    assert project.status_reports.count() == 1


@pytest.mark.parametrize("person", ["dana", "carl", "audrey", "fiona", "nobody"])
def test_readers_may_not_file(request, person, division):
    project = ProjectFactory(division=division)
    with pytest.raises(PermissionDenied):
        status_report_submit(project=project, actor=request.getfixturevalue(person), as_of=datetime.date(2022, 9, 30), **REPORT)
    assert not project.status_reports.exists()
