"""status_report_review: PMO's own rating beside the division's."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from projects.models import Health
from projects.services import status_report_review
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN
from tests.projects.helpers import file_report as file

pytestmark = FROZEN


@pytest.fixture
def project(division):
    return ProjectFactory(division=division)


def test_pmos_rating_of_the_latest_report_becomes_the_projects_health(project, alice, petra):
    report = file(project, alice, datetime.date(2022, 9, 30), health=Health.GREEN)
    reviewed = status_report_review(report=report, actor=petra, expected_version=report.version, pmo_health=Health.RED,
                                    pmo_comment="結合テストの遅れが計画に反映されていない。")
    project.refresh_from_db()
    assert project.health == Health.RED
    assert (reviewed.health, reviewed.pmo_health, reviewed.reviewed_by) == (Health.GREEN, Health.RED, petra)
    assert reviewed.pmo_sees_more_risk
    assert reviewed.reviewed_at is not None and reviewed.version == report.version + 1


@pytest.mark.parametrize(
    ("self_rating", "pmo_rating", "shown"),
    [
        # PMO's red on an older report outweighs a newer, unreviewed green.
        (Health.GREEN, Health.RED, Health.RED),
        # PMO's milder rating of an older report leaves a worse self-rating.
        (Health.RED, Health.GREEN, Health.RED),
    ],
)
def test_while_the_latest_report_is_unreviewed_the_worse_rating_shows(project, alice, petra, self_rating, pmo_rating, shown):
    older = file(project, alice, datetime.date(2022, 8, 31))
    file(project, alice, datetime.date(2022, 9, 30), health=self_rating)
    status_report_review(report=older, actor=petra, expected_version=older.version, pmo_health=pmo_rating)
    project.refresh_from_db()
    assert (project.health, project.pmo_health, project.health_unreviewed) == (shown, pmo_rating, True)


@pytest.mark.parametrize("person", ["alice", "mallory", "dana", "carl", "audrey", "fiona", "nobody", "charlie"])
def test_only_pmo_reviews(request, project, alice, person):
    report = file(project, alice, datetime.date(2022, 9, 30))
    with pytest.raises(PermissionDenied):
        status_report_review(report=report, actor=request.getfixturevalue(person), expected_version=1, pmo_health=Health.RED)
    report.refresh_from_db()
    assert report.pmo_health == ""


def test_a_rating_is_required(project, alice, petra):
    report = file(project, alice, datetime.date(2022, 9, 30))
    with pytest.raises(ValidationError) as error:
        status_report_review(report=report, actor=petra, expected_version=1, pmo_health="")
    assert "pmo_health" in error.value.message_dict


def test_a_review_of_a_version_someone_else_has_changed_is_refused(project, alice, petra):
    report = file(project, alice, datetime.date(2022, 9, 30))
    status_report_review(report=report, actor=petra, expected_version=1, pmo_health=Health.YELLOW)
    with pytest.raises(StaleVersionError) as conflict:
        status_report_review(report=report, actor=petra, expected_version=1, pmo_health=Health.RED)
    assert conflict.value.current_version == 2
    report.refresh_from_db()
    assert report.pmo_health == Health.YELLOW


def test_history_records_the_reviewer(project, alice, petra):
    report = file(project, alice, datetime.date(2022, 9, 30))
    status_report_review(report=report, actor=petra, expected_version=1, pmo_health=Health.RED)
    assert report.history.latest().history_user == petra
    assert project.history.latest().history_user == petra
