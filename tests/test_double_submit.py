"""A create form submitted twice (a double click, a resend, two tabs) makes one record: the second submit is sent to
the first one's result with a message, never a 500 and never a second record (issue 16)."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client

from governance.models import ActionItem, CommitteeMeeting, CouncilMeeting, Decision, MunicipalDxStatus
from kpis.models import Observation
from projects.models import Finding, Milestone, ProjectIssue, StatusReport
from tests.governance.factories import CommitteeMeetingFactory, DecisionFactory, MunicipalityFactory
from tests.kpis.factories import IndicatorFactory
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, REPORT, text

pytestmark = FROZEN

AGENDA = {"agenda-TOTAL_FORMS": "1", "agenda-INITIAL_FORMS": "0", "agenda-MIN_NUM_FORMS": "0",
          "agenda-MAX_NUM_FORMS": "30", "agenda-0-title": "電子契約の導入", "agenda-0-kind": "decision",
          "agenda-0-presenter": ""}

# name: (path, posted fields, model of the record it makes); {placeholders} come from the ``world`` fixture.
FORMS = {
    "status report": ("/projects/EAPP/reports/new/", {"as_of": "2022-10-04", **REPORT}, StatusReport),
    "issue or risk": ("/projects/EAPP/issues/new/", {"kind": "issue", "title": "移行データの不整合", "severity": "high",
                      "status": "open", "raised_on": "2022-10-04"}, ProjectIssue),
    "finding": ("/projects/EAPP/findings/new/", {"category": "security", "title": "脆弱性診断の実施時期",
                "severity": "high", "body": "本番稼働前に実施してください。", "response_due_on": "2022-10-18"}, Finding),
    "milestone": ("/projects/EAPP/milestones/new/", {"name": "総合テスト完了", "planned_on": "2022-12-01"}, Milestone),
    "committee meeting": ("/governance/committee/new/", {"number": "9", "held_on": "2022-10-04",
                          "title": "令和4年度第3回ステアリング・コミッティ", "minutes": "", **AGENDA}, CommitteeMeeting),
    "decision": ("/governance/decisions/new/", {"meeting": "5", "supersedes": "", "title": "電子契約の導入",
                 "kind": "decision", "status": "agreed", "decision_text": "導入する。"}, Decision),
    "action item": ("/governance/decisions/{decision}/action-items/new/", {"title": "更新計画の作成",
                    "owner_division": "{division}", "due_on": "2022-12-28"}, ActionItem),
    "council meeting": ("/governance/council/new/", {"kind": "working", "number": "2", "held_on": "2022-08-18",
                        "title": "担当者会議（第2回）", "agenda": "標準化の移行計画"}, CouncilMeeting),
    "municipal DX status": ("/governance/dx-status/{municipality}/ai_rpa/", {"status": "planning", "note": "",
                            "as_of": "2022-09-30"}, MunicipalDxStatus),
    "KPI observation": ("/kpis/e-approval-rate/observations/new/", {"fiscal_year": "2022", "month": "",
                        "value": "92.7", "as_of": "2022-08-31"}, Observation),
}


@pytest.fixture
def world(division):
    ProjectFactory(code="EAPP", division=division)
    IndicatorFactory(code="e-approval-rate", division=division, percentage=True)
    return {
        "decision": DecisionFactory(meeting=CommitteeMeetingFactory(number=5)).reference,
        "division": division.pk,
        "municipality": MunicipalityFactory().code,
    }


def filled(name: str, world: dict) -> tuple[str, dict]:
    path, fields, _model = FORMS[name]
    return path.format_map(world), {key: str(value).format_map(world) for key, value in fields.items()}


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode())[1]


@pytest.mark.parametrize("name", FORMS)
def test_a_second_submit_of_a_create_form_makes_no_second_record(client, petra, world, name):
    model = FORMS[name][2]
    path, fields = filled(name, world)
    client.force_login(petra)
    before = model.objects.count()
    posted = {**fields, "token": token_of(client.get(path))}
    first = client.post(path, posted)
    assert first.status_code == 302, text(first)
    again = client.post(path, posted)
    assert (again.status_code, again["Location"]) == (302, first["Location"])
    assert model.objects.count() == before + 1
    assert "この内容は既に送信済みです。" in text(client.get(again["Location"]))


def test_a_refused_submit_keeps_the_token_for_the_corrected_one(client, alice, world):
    path, fields = filled("milestone", world)
    client.force_login(alice)
    token = token_of(client.get(path))
    refused = client.post(path, {**fields, "name": "", "token": token})
    assert refused.status_code == 200 and token_of(refused) == token
    assert client.post(path, {**fields, "token": token}).status_code == 302
    assert Milestone.objects.count() == 1


def test_another_persons_token_is_refused_with_a_message(client, alice, bob, world):
    path, fields = filled("milestone", world)
    client.force_login(alice)
    posted = {**fields, "token": token_of(client.get(path))}
    client.post(path, posted)
    client.force_login(bob)
    response = client.post(path, posted)
    assert response.status_code == 200
    assert "このフォームは既に送信されています。" in text(response)
    assert Milestone.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to test")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ["status report", "issue or risk", "decision", "KPI observation"])
def test_two_submits_at_once_make_one_record(petra, world, name):
    model = FORMS[name][2]
    path, fields = filled(name, world)
    before = model.objects.count()
    browser = Client()
    browser.force_login(petra)
    posted = {**fields, "token": token_of(browser.get(path))}
    answers = []
    start = threading.Barrier(2)

    def submit():
        try:
            start.wait()
            answers.append(browser.post(path, posted))
        finally:
            connection.close()

    clicks = [threading.Thread(target=submit) for _ in range(2)]
    for click in clicks:
        click.start()
    for click in clicks:
        click.join(timeout=30)
    assert [answer.status_code for answer in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert model.objects.count() == before + 1
