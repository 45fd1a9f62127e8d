"""/projects/<code>/history/: who changed what and when, for PMO, the CIO and auditors."""

import datetime

import pytest

from dx_portal.formatting import person_name
from projects.models import Finding, Health
from projects.services import finding_write, issue_raise, issue_update, milestone_create, status_report_submit
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, REPORT, text

pytestmark = FROZEN
URL = "/projects/EAPP/history/"


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


@pytest.mark.parametrize("person", ["petra", "carl", "audrey"])
def test_pmo_cio_and_auditors_read_who_changed_what(request, client, time_machine, alice, bob, petra, project, person):
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    time_machine.shift(datetime.timedelta(hours=1))
    issue = issue_raise(project=project, actor=alice, title="帳票の確定遅れ", owner="担当 横浜")
    time_machine.shift(datetime.timedelta(hours=1))
    issue_update(issue=issue, actor=bob, expected_version=1, owner="担当 鎌倉", status="in_progress")
    client.force_login(request.getfixturevalue(person))
    page = text(client.get(URL))
    assert "日時 変更者 対象 操作 変更内容" in page
    newest = page.index(f"令和4年10月4日 11:30 {person_name(bob)} 課題・リスク 帳票の確定遅れ 変更")
    assert "状態 : 未対応 → 対応中" in page[newest:] and "担当 : 担当 横浜 → 担当 鎌倉" in page[newest:]
    created = page.index(f"令和4年10月4日 09:30 {person_name(alice)} 進捗報告 令和4年9月30日 作成")
    assert newest < created
    assert f"{person_name(alice)} 案件 " in page and "健全度 : — → 注意" in page


@pytest.mark.parametrize("person", ["alice", "mallory", "dana", "fiona"])
def test_others_who_see_the_project_may_not_read_its_history(request, client, project, person):
    client.force_login(request.getfixturevalue(person))
    response = client.get(URL)
    assert response.status_code == 403


def test_staff_of_another_division_get_404_as_for_an_unknown_code(client, charlie, audrey, project):
    client.force_login(charlie)
    assert client.get(URL).status_code == 404
    client.force_login(audrey)
    assert client.get("/projects/NOPE/history/").status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_it_runs_a_fixed_number_of_queries(client, alice, petra, audrey, project, django_assert_num_queries, size):
    for n in range(size):
        status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 1) + datetime.timedelta(days=n),
                             **{**REPORT, "health": Health.GREEN if n % 2 else Health.RED})
        issue_raise(project=project, actor=alice, title=f"課題{n}")
        finding_write(project=project, actor=petra, category=Finding.Category.OTHER, title=f"指摘{n}", body="本文",
                      response_due_on=datetime.date(2022, 10, 31))
        milestone_create(project=project, actor=alice, name=f"マイルストーン{n}", planned_on=datetime.date(2022, 12, 1))
    client.force_login(audrey)
    client.get(URL)
    # session, user, roles, the header's counts, the project, then one query per history table (gate reviews too, and
    # the attachments of the reports and findings)
    with django_assert_num_queries(12):
        client.get(URL)
