"""/projects/<code>/: the project's current health, reports, open issues and findings, milestones."""

import datetime

import pytest

from governance.services import agenda_proposal_create, agenda_proposal_schedule
from projects.models import Finding, Health, ProjectIssue
from projects.services import (
    finding_answer,
    finding_write,
    gate_review_record,
    issue_raise,
    milestone_create,
    status_report_review,
    status_report_submit,
)
from tests.governance.factories import CommitteeMeetingFactory
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import EVERYONE, FROZEN, REPORT, SEES, text

pytestmark = FROZEN


@pytest.fixture
def project(division, petra):
    return ProjectFactory(code="EAPP", name="e-kanagawa 電子申請システム", division=division, pmo_contact=petra)


def file(project, actor, day, **changes):
    return status_report_submit(project=project, actor=actor, as_of=day, **{**REPORT, **changes})


@pytest.mark.parametrize("person", EVERYONE)
def test_who_may_see_the_page(request, client, project, person):
    client.force_login(request.getfixturevalue(person))
    response = client.get("/projects/EAPP/")
    if person in SEES:
        assert response.status_code == 200
        assert "e-kanagawa 電子申請システム" in text(response)
    else:
        assert response.status_code == 404
        assert "e-kanagawa" not in text(response)
        assert "e-kanagawa" not in response.content.decode()


def test_an_unknown_code_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get("/projects/NO-SUCH/").status_code == 404


def test_a_visitor_is_sent_to_log_in(client, project):
    assert client.get("/projects/EAPP/")["Location"].startswith("/accounts/login/")


def test_it_shows_the_current_health_with_its_four_parts_and_the_next_due_date(client, alice, project):
    file(project, alice, datetime.date(2022, 9, 30), health=Health.YELLOW, schedule_health=Health.RED)
    client.force_login(alice)
    page = text(client.get("/projects/EAPP/"))
    assert "健全度 注意" in page
    assert "健全度の内訳（令和4年9月30日時点） 全体 スケジュール コスト スコープ 品質 注意 遅延 順調 順調 順調" in page
    assert "報告状況 最新 次回期限 令和4年11月8日" in page
    assert "進捗率（実績／計画） 42% / 50%" in page


def test_an_overdue_report_says_so(client, alice, project):
    file(project, alice, datetime.date(2022, 7, 29))
    client.force_login(alice)
    assert "報告状況 報告遅延 次回期限 令和4年9月7日" in text(client.get("/projects/EAPP/"))


def test_the_timeline_shows_both_ratings_and_flags_where_they_differ(client, alice, petra, project):
    august = file(project, alice, datetime.date(2022, 8, 31), health=Health.YELLOW)
    september = file(project, alice, datetime.date(2022, 9, 30), health=Health.GREEN)
    status_report_review(report=august, actor=petra, expected_version=1, pmo_health=Health.GREEN)
    status_report_review(report=september, actor=petra, expected_version=1, pmo_health=Health.RED,
                         pmo_comment="遅れが計画に反映されていない。")
    client.force_login(alice)
    response = client.get("/projects/EAPP/")
    page = text(response)
    timeline = page[page.index("報告履歴"):]
    assert timeline.index("令和4年9月30日") < timeline.index("令和4年8月31日")
    assert "所管所属の評価 順調 PMO評価 遅延" in timeline
    assert "▲ PMOは所管所属の評価より高いリスクがあると評価しています。" in timeline
    assert "所管所属の評価 注意 PMO評価 順調" in timeline
    assert "△ PMOの評価が所管所属の評価と異なります。" in timeline
    assert "PMOコメント: 遅れが計画に反映されていない。" in timeline
    # The project's health is PMO's rating of the latest report.
    assert "健全度 遅延 PMO評価を採用" in page
    assert 'class="timeline__item timeline__item--warning"' in response.content.decode()


def test_it_lists_open_issues_findings_awaiting_an_answer_and_milestone_slippage(client, alice, petra, project):
    issue_raise(project=project, actor=alice, title="帳票の確定遅れ", due_on=datetime.date(2022, 9, 30),
                raised_on=datetime.date(2022, 9, 1))
    issue_raise(project=project, actor=alice, title="解決済みの課題", status=ProjectIssue.Status.RESOLVED,
                raised_on=datetime.date(2022, 9, 1))
    open_finding = finding_write(project=project, actor=petra, category=Finding.Category.SCHEDULE, title="移行計画の具体化",
                                 body="移行判定基準を定めること。", response_due_on=datetime.date(2022, 9, 30))
    answered = finding_write(project=project, actor=petra, category=Finding.Category.COST, title="保守費の見積根拠",
                             body="根拠を示すこと。", response_due_on=datetime.date(2022, 10, 31))
    finding_answer(finding=answered, actor=alice, expected_version=1, response="見積内訳を提出しました。")
    milestone_create(project=project, actor=alice, name="総合テスト完了", planned_on=datetime.date(2022, 12, 1),
                     forecast_on=datetime.date(2022, 12, 15))
    milestone_create(project=project, actor=alice, name="要件定義完了", planned_on=datetime.date(2022, 7, 1),
                     actual_on=datetime.date(2022, 6, 28))
    client.force_login(alice)
    page = text(client.get("/projects/EAPP/"))
    assert "帳票の確定遅れ" in page and "期限超過" in page
    assert "解決済みの課題" not in page
    assert "移行計画の具体化" in page and "回答期限超過 回答待ち" in page
    assert "保守費の見積根拠" in page and "見積内訳を提出しました。" in page
    assert "総合テスト完了 令和4年12月1日 令和4年12月15日 — 14日の遅れ" in page
    assert "要件定義完了 令和4年7月1日 — 令和4年6月28日 達成 3日の前倒し" in page
    assert open_finding.title in page


def test_the_actions_follow_the_role(client, alice, petra, carl, project):
    client.force_login(alice)
    staff_page = client.get("/projects/EAPP/").content.decode()
    assert "/projects/EAPP/reports/new/" in staff_page and "/projects/EAPP/findings/new/" not in staff_page
    assert "/projects/EAPP/history/" not in staff_page
    client.force_login(petra)
    pmo_page = client.get("/projects/EAPP/").content.decode()
    assert "/projects/EAPP/findings/new/" in pmo_page and "/projects/EAPP/history/" in pmo_page
    client.force_login(carl)
    cio_page = client.get("/projects/EAPP/").content.decode()
    assert "/projects/EAPP/reports/new/" not in cio_page and "/projects/EAPP/history/" in cio_page


def test_a_project_without_reports_says_so(client, alice, project):
    client.force_login(alice)
    page = text(client.get("/projects/EAPP/"))
    assert "健全度 未報告" in page
    assert "まだ進捗報告がありません。" in page
    assert "未解決の課題・リスクはありません。" in page
    assert "マイルストーンはまだ登録されていません。" in page


def test_the_page_is_accessible_markup(client, alice, project):
    file(project, alice, datetime.date(2022, 9, 30))
    client.force_login(alice)
    html = client.get("/projects/EAPP/").content.decode()
    assert "style=" not in html and "<script" not in html
    assert html.count("<h1>") == 1 and "<h3>" in html and "<h2" in html
    assert 'aria-label="パンくずリスト"' in html


@pytest.mark.parametrize("size", [2, 12])
def test_it_runs_a_fixed_number_of_queries(client, alice, petra, project, django_assert_num_queries, size):
    meeting = CommitteeMeetingFactory(number=9, held_on=datetime.date(2022, 10, 18))
    for n in range(size):
        file(project, alice, datetime.date(2022, 9, 1) + datetime.timedelta(days=n))
        issue_raise(project=project, actor=alice, title=f"課題{n}")
        finding = finding_write(project=project, actor=petra, category=Finding.Category.OTHER, title=f"指摘{n}",
                                body="本文", response_due_on=datetime.date(2022, 10, 31))
        milestone_create(project=project, actor=alice, name=f"マイルストーン{n}", planned_on=datetime.date(2022, 12, 1))
        gate_review_record(project=project, actor=petra, from_phase="testing", to_phase="migration",
                           outcome="conditional", reviewed_on=datetime.date(2022, 9, 1), summary="条件付き",
                           conditions=[finding])
        proposal = agenda_proposal_create(actor=petra, finding=finding, reason="委員会で協議")
        agenda_proposal_schedule(proposal=proposal, meeting=meeting, actor=petra, expected_version=1)
    client.force_login(alice)
    client.get("/projects/EAPP/")
    # session, user, the user's roles, the header's counts, the project, the proposals to the committee and the
    # decisions on their agenda items, reports, issues, findings, milestones, gate reviews and their conditions, the
    # decisions that concern it, the reminders sent about it and whether the user watches it
    with django_assert_num_queries(16):
        client.get("/projects/EAPP/")
