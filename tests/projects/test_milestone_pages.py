"""Milestone pages: add one, move its forecast, record its actual date."""

import datetime

import pytest

from projects.models import Milestone
from projects.services import milestone_update
from tests.projects.factories import MilestoneFactory, ProjectFactory
from tests.projects.helpers import FROZEN, field_error, text

pytestmark = FROZEN


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


def test_staff_add_a_milestone(client, alice, project):
    client.force_login(alice)
    response = client.post("/projects/EAPP/milestones/new/", {"name": "総合テスト完了", "planned_on": "2022-12-01",
                                                              "forecast_on": "2022-12-20"})
    assert response["Location"] == "/projects/EAPP/#milestones"
    assert "総合テスト完了 令和4年12月1日 令和4年12月20日 — 19日の遅れ" in text(client.get(response["Location"]))


def test_an_actual_date_in_the_future_is_refused_at_the_field(client, alice, project):
    client.force_login(alice)
    response = client.post("/projects/EAPP/milestones/new/", {"name": "総合テスト完了", "planned_on": "2022-12-01",
                                                              "actual_on": "2022-12-01"})
    assert field_error(response, "actual_on") == "実績日に未来の日付は指定できません。予定は見込日に入力してください。"
    assert 'value="総合テスト完了"' in response.content.decode()
    assert not Milestone.objects.exists()


def test_recording_the_actual_date(client, alice, project):
    milestone = MilestoneFactory(project=project, name="要件定義完了", planned_on=datetime.date(2022, 9, 30))
    client.force_login(alice)
    response = client.post(f"/projects/EAPP/milestones/{milestone.pk}/edit/",
                           {"name": "要件定義完了", "planned_on": "2022-09-30", "actual_on": "2022-10-03", "version": 1})
    assert response.status_code == 302
    assert "要件定義完了 令和4年9月30日 — 令和4年10月3日 達成 3日の遅れ" in text(client.get("/projects/EAPP/"))


def test_a_stale_edit_shows_what_changed(client, alice, petra, project):
    milestone = MilestoneFactory(project=project, name="本番稼働", planned_on=datetime.date(2023, 4, 1))
    milestone_update(milestone=milestone, actor=petra, expected_version=1, forecast_on=datetime.date(2023, 5, 1))
    client.force_login(alice)
    response = client.post(f"/projects/EAPP/milestones/{milestone.pk}/edit/",
                           {"name": "本番稼働（第1期）", "planned_on": "2023-04-01", "version": 1})
    page = text(response)
    assert "見込日 — 令和5年5月1日" in page
    assert 'value="本番稼働（第1期）"' in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.name == "本番稼働"
