"""/projects/<code>/issues/new/: raising an issue or a risk."""

import pytest

from projects.models import ProjectIssue
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, field_error, text

pytestmark = FROZEN
URL = "/projects/EAPP/issues/new/"
RISK = {"kind": "risk", "title": "移行データの品質", "description": "旧システムのデータに重複がある。", "severity": "high",
        "status": "open", "owner": "担当 横浜", "raised_on": "2022-10-03", "likelihood": "4", "impact": "5"}


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


def test_it_starts_raised_today(client, alice, project):
    client.force_login(alice)
    assert 'name="raised_on" value="2022-10-04"' in client.get(URL).content.decode()


def test_a_raised_risk_shows_on_the_project_page(client, alice, project):
    client.force_login(alice)
    response = client.post(URL, RISK)
    assert response["Location"] == "/projects/EAPP/#issues"
    page = text(client.get(response["Location"]))
    assert "課題・リスクを登録しました。" in page
    assert "リスク 移行データの品質" in page and "20" in page
    assert project.issues.get().history.get().history_user == alice


def test_a_risk_without_likelihood_keeps_the_typed_values(client, alice, project):
    client.force_login(alice)
    response = client.post(URL, {**RISK, "likelihood": ""})
    assert field_error(response, "likelihood") == "リスクでは発生可能性と影響度を1〜5で入力してください。"
    html = response.content.decode()
    assert 'value="移行データの品質"' in html and "旧システムのデータに重複がある。</textarea>" in html
    assert not ProjectIssue.objects.exists()


def test_a_resolution_before_the_raise_is_refused_at_the_field(client, alice, project):
    client.force_login(alice)
    response = client.post(URL, {**RISK, "status": "resolved", "resolved_on": "2022-10-01"})
    assert field_error(response, "resolved_on") == "解決日は発生日以降の日付を入力してください。"
    assert "issue_resolved_not_before_raised" not in response.content.decode()
    assert not ProjectIssue.objects.exists()


def test_an_out_of_range_impact_is_refused_at_the_field(client, alice, project):
    client.force_login(alice)
    response = client.post(URL, {**RISK, "impact": "9"})
    assert field_error(response, "impact") == "この値は 5 以下でなければなりません。"
    assert not ProjectIssue.objects.exists()
