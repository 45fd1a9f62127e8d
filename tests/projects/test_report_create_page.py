"""/projects/<code>/reports/new/: filing a status report from the browser in a minute."""

import datetime

import pytest

from projects.models import Health, Project
from projects.services import status_report_submit
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, REPORT, field_error, text

pytestmark = FROZEN
URL = "/projects/EAPP/reports/new/"


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


def form_data(**changes):
    return {"as_of": "2022-10-04", **REPORT, **changes}


def test_the_form_starts_from_the_previous_report_dated_today(client, alice, project):
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    client.force_login(alice)
    response = client.get(URL)
    html = response.content.decode()
    assert 'name="as_of" value="2022-10-04"' in html
    assert 'name="actual_progress" value="42"' in html
    assert "設計レビューで指摘が多く、1週間遅れている。</textarea>" in html
    assert '<option value="yellow" selected>注意</option>' in html
    assert "前回（令和4年9月30日）の報告内容を入力済みです。" in text(response)


def test_a_first_report_starts_empty_but_dated_today(client, alice, project):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert 'name="as_of" value="2022-10-04"' in html
    assert 'name="actual_progress" value' not in html


def test_a_filed_report_becomes_the_projects_current_health(client, alice, project):
    client.force_login(alice)
    response = client.post(URL, form_data(health=Health.RED, schedule_health=Health.RED))
    assert response.status_code == 302
    assert response["Location"] == "/projects/EAPP/#reports"
    page = client.get(response["Location"])
    assert "進捗報告を登録しました。" in text(page)
    project.refresh_from_db()
    assert (project.health, project.last_reported_on) == (Health.RED, datetime.date(2022, 10, 4))
    assert project.latest_report.submitted_by == alice


def test_an_invalid_field_is_shown_next_to_it_keeps_what_was_typed_and_saves_nothing(client, alice, project):
    client.force_login(alice)
    response = client.post(URL, form_data(actual_progress="120", summary="", next_steps="来月は総合テスト"))
    assert response.status_code == 200
    assert field_error(response, "actual_progress") == "この値は 100 以下でなければなりません。"
    assert field_error(response, "summary") == "この項目は必須です。"
    html = response.content.decode()
    assert 'name="actual_progress" value="120"' in html and "来月は総合テスト</textarea>" in html
    assert 'aria-invalid="true"' in html
    assert not Project.objects.get(pk=project.pk).status_reports.exists()


def test_a_second_report_for_the_same_day_is_refused_at_the_date(client, alice, project):
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 10, 4), **REPORT)
    client.force_login(alice)
    response = client.post(URL, form_data(summary="同じ日の二重登録"))
    assert field_error(response, "as_of") == "この基準日の進捗報告は既に登録されています。別の基準日を入力してください。"
    assert "同じ日の二重登録</textarea>" in response.content.decode()
    assert project.status_reports.count() == 1


def test_a_future_date_is_refused_at_the_date(client, alice, project):
    client.force_login(alice)
    response = client.post(URL, form_data(as_of="2022-10-05"))
    assert field_error(response, "as_of") == "基準日に未来の日付は指定できません。"
    assert not project.status_reports.exists()


def test_a_malformed_date_is_refused_at_the_date(client, alice, project):
    client.force_login(alice)
    response = client.post(URL, form_data(as_of="令和4年13月1日"))
    assert field_error(response, "as_of") == "日付を正しく入力してください。"


def test_staff_of_another_division_cannot_file(client, charlie, project):
    client.force_login(charlie)
    assert client.post(URL, form_data()).status_code == 404
    assert not project.status_reports.exists()
