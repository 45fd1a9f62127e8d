"""/projects/<code>/reports/<id>/review/: PMO's own rating beside the division's."""

import datetime

import pytest

from projects.models import Health
from projects.services import status_report_review, status_report_submit
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, REPORT, field_error, text

pytestmark = FROZEN


@pytest.fixture
def report(division, alice):
    project = ProjectFactory(code="EAPP", division=division)
    return status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **{**REPORT, "health": "green"})


def url(report):
    return f"/projects/EAPP/reports/{report.pk}/review/"


def test_the_page_shows_the_report_being_rated(client, petra, report):
    client.force_login(petra)
    page = text(client.get(url(report)))
    assert "令和4年9月30日の進捗報告" in page and "所管所属の評価 順調" in page


def test_pmo_rating_becomes_the_projects_health_and_is_flagged(client, petra, report):
    client.force_login(petra)
    data = {"pmo_health": "red", "pmo_comment": "テスト遅延が報告に反映されていない。", "version": 1}
    response = client.post(url(report), data)
    assert response["Location"] == "/projects/EAPP/#reports"
    page = text(client.get(response["Location"]))
    assert "PMO評価を登録しました。" in page
    assert "健全度 遅延 PMO評価を採用" in page
    assert "PMOは所管所属の評価より高いリスクがあると評価しています。" in page


def test_a_rating_is_required(client, petra, report):
    client.force_login(petra)
    response = client.post(url(report), {"pmo_health": "", "pmo_comment": "コメントだけ", "version": 1})
    assert field_error(response, "pmo_health") == "この項目は必須です。"
    assert "コメントだけ</textarea>" in response.content.decode()
    report.refresh_from_db()
    assert report.pmo_health == ""


def test_a_review_over_another_pmo_review_shows_the_conflict(client, petra, report):
    status_report_review(report=report, actor=petra, expected_version=1, pmo_health=Health.YELLOW, pmo_comment="要注意。")
    client.force_login(petra)
    response = client.post(url(report), {"pmo_health": "red", "pmo_comment": "遅延と判断。", "version": 1})
    page = text(response)
    assert "他の利用者がこの記録を更新しました（版 1 → 2）。" in page
    assert "PMO評価 — 注意" in page
    report.refresh_from_db()
    assert report.pmo_health == Health.YELLOW
