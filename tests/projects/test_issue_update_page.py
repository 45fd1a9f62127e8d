"""/projects/<code>/issues/<id>/edit/: updating an issue, and two people editing it at once."""

import datetime

import pytest

from projects.models import ProjectIssue
from projects.services import issue_update
from tests.projects.factories import ProjectFactory, ProjectIssueFactory
from tests.projects.helpers import FROZEN, field_error, text

pytestmark = FROZEN


@pytest.fixture
def issue(division):
    return ProjectIssueFactory(project=ProjectFactory(code="EAPP", division=division), title="帳票の確定遅れ",
                               raised_on=datetime.date(2022, 9, 1), owner="担当 横浜")


def url(issue):
    return f"/projects/EAPP/issues/{issue.pk}/edit/"


def form_data(issue, **changes):
    return {"kind": issue.kind, "title": issue.title, "description": issue.description, "severity": issue.severity,
            "status": issue.status, "owner": issue.owner, "raised_on": issue.raised_on.isoformat(), "version": issue.version,
            **changes}


def test_the_form_carries_the_version_it_started_from(client, alice, issue):
    client.force_login(alice)
    assert '<input type="hidden" name="version" value="1"' in client.get(url(issue)).content.decode()


def test_resolving_it_dates_the_resolution_and_takes_it_off_the_open_list(client, alice, issue):
    client.force_login(alice)
    response = client.post(url(issue), form_data(issue, status="resolved"))
    assert response["Location"] == "/projects/EAPP/#issues"
    issue.refresh_from_db()
    assert (issue.status, issue.resolved_on, issue.version) == (ProjectIssue.Status.RESOLVED, datetime.date(2022, 10, 4), 2)
    page = text(client.get("/projects/EAPP/"))
    assert "課題・リスクを更新しました。" in page and "帳票の確定遅れ" not in page


def test_an_invalid_field_is_shown_next_to_it_and_nothing_is_saved(client, alice, issue):
    client.force_login(alice)
    response = client.post(url(issue), form_data(issue, title="", owner="担当 鎌倉"))
    assert field_error(response, "title") == "この項目は必須です。"
    assert 'value="担当 鎌倉"' in response.content.decode()
    issue.refresh_from_db()
    assert (issue.owner, issue.version) == ("担当 横浜", 1)


def test_the_second_of_two_concurrent_edits_is_refused_with_what_changed(client, alice, bob, issue):
    # Bob opened the form at version 1; meanwhile Alice saved a new owner and severity.
    issue_update(issue=issue, actor=alice, expected_version=1, owner="担当 大和", severity="critical")
    client.force_login(bob)
    response = client.post(url(issue), form_data(issue, description="ベンダーと再調整する。"))
    assert response.status_code == 200
    page = text(response)
    assert "他の利用者がこの記録を更新しました（版 1 → 2）。" in page
    assert "他の利用者による変更 項目 編集開始時の値 現在の値 重要度 中 重大 担当 担当 横浜 担当 大和" in page
    html = response.content.decode()
    assert "ベンダーと再調整する。</textarea>" in html  # what Bob typed is kept
    assert '<input type="hidden" name="version" value="2"' in html  # saving again is a deliberate choice
    issue.refresh_from_db()
    assert (issue.owner, issue.description, issue.version) == ("担当 大和", "関係課との調整が長引いている。", 2)


def test_saving_again_after_seeing_the_conflict_goes_through(client, alice, bob, issue):
    issue_update(issue=issue, actor=alice, expected_version=1, owner="担当 大和")
    client.force_login(bob)
    client.post(url(issue), form_data(issue, description="ベンダーと再調整する。"))
    response = client.post(url(issue), form_data(issue, owner="担当 大和", description="ベンダーと再調整する。", version=2))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.description, issue.version) == ("ベンダーと再調整する。", 3)
