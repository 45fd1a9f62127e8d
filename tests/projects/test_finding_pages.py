"""Finding pages: PMO writes (/findings/new/), the division answers (/findings/<id>/answer/), PMO closes."""

import pytest

from projects.models import Finding
from projects.services import finding_answer
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.helpers import FROZEN, SEES, field_error, text

pytestmark = FROZEN
NEW = "/projects/EAPP/findings/new/"


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


@pytest.fixture
def finding(project, petra):
    return FindingFactory(project=project, written_by=petra, title="移行計画の具体化")


def test_pmo_writes_a_finding_due_in_two_weeks_by_default(client, petra, project):
    client.force_login(petra)
    assert 'name="response_due_on" value="2022-10-18"' in client.get(NEW).content.decode()
    response = client.post(NEW, {"category": "security", "title": "脆弱性診断の実施時期", "severity": "high",
                                 "body": "本番稼働前に第三者の脆弱性診断を受けること。", "response_due_on": "2022-10-18"})
    assert response["Location"] == "/projects/EAPP/#findings"
    page = text(client.get(response["Location"]))
    assert "助言・指摘を記載しました。" in page and "脆弱性診断の実施時期" in page and "回答待ち" in page


def test_a_finding_without_a_body_keeps_the_title(client, petra, project):
    client.force_login(petra)
    response = client.post(NEW, {"category": "security", "title": "脆弱性診断の実施時期", "severity": "high", "body": "",
                                 "response_due_on": "2022-10-18"})
    assert field_error(response, "body") == "この項目は必須です。"
    assert 'value="脆弱性診断の実施時期"' in response.content.decode()
    assert not Finding.objects.exists()


def test_the_division_answers_and_the_finding_waits_for_pmo(client, alice, finding):
    client.force_login(alice)
    url = f"/projects/EAPP/findings/{finding.pk}/answer/"
    assert "移行計画の具体化" in text(client.get(url))
    response = client.post(url, {"response": "判定基準を移行計画書第3版に追記しました。", "version": 1})
    assert response["Location"] == "/projects/EAPP/#findings"
    finding.refresh_from_db()
    assert (finding.status, finding.answered_by) == (Finding.Status.ANSWERED, alice)
    assert "判定基準を移行計画書第3版に追記しました。" in text(client.get("/projects/EAPP/"))


def test_an_empty_answer_is_refused_at_the_field(client, alice, finding):
    client.force_login(alice)
    response = client.post(f"/projects/EAPP/findings/{finding.pk}/answer/", {"response": "", "version": 1})
    assert field_error(response, "response") == "この項目は必須です。"
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN


def test_pmo_closes_an_answered_finding(client, alice, petra, finding):
    finding_answer(finding=finding, actor=alice, expected_version=1, response="対応しました。")
    client.force_login(petra)
    response = client.post(f"/projects/EAPP/findings/{finding.pk}/close/", {"version": 2})
    assert response["Location"] == "/projects/EAPP/#findings"
    page = text(client.get(response["Location"]))
    assert "助言・指摘を完了にしました。" in page and "移行計画の具体化" not in page


def test_closing_from_a_stale_page_says_so_and_changes_nothing(client, alice, petra, finding):
    finding_answer(finding=finding, actor=alice, expected_version=1, response="対応しました。")
    client.force_login(petra)
    response = client.post(f"/projects/EAPP/findings/{finding.pk}/close/", {"version": 1}, follow=True)
    assert "他の利用者がこの記録を更新しました（版 1 → 2）。" in text(response)
    finding.refresh_from_db()
    assert finding.status == Finding.Status.ANSWERED


def test_closing_without_a_version_asks_to_reload(client, petra, finding):
    client.force_login(petra)
    response = client.post(f"/projects/EAPP/findings/{finding.pk}/close/", {"version": "x"}, follow=True)
    assert "画面を再読み込みしてから、もう一度操作してください。" in text(response)
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN


@pytest.mark.parametrize("person", ["alice", "carl", "charlie"])
def test_only_pmo_closes(request, client, finding, person):
    client.force_login(request.getfixturevalue(person))
    assert client.post(f"/projects/EAPP/findings/{finding.pk}/close/", {"version": 1}).status_code == (
        403 if person in SEES else 404
    )
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN
