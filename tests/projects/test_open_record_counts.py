"""The project keeps its open issues by severity and its findings awaiting an answer (services.projects_refresh_open_counts):
what the portfolio's 未解決課題 and 回答待ちの指摘 columns and the projects API's counts read, as records are saved."""

import datetime

import pytest
from django.db import connection

from projects.models import ProjectIssue, Severity
from projects.services import finding_answer, finding_close, finding_write, issue_raise, issue_update
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, session_client, while_uncommitted


def counts(project) -> dict[str, int]:
    project.refresh_from_db()
    return {
        "critical": project.issues_critical, "high": project.issues_high, "medium": project.issues_medium,
        "low": project.issues_low, "findings": project.findings_awaiting,
    }


NONE = {"critical": 0, "high": 0, "medium": 0, "low": 0, "findings": 0}


@pytest.fixture
def project(division):
    return ProjectFactory(code="DX-1", division=division)


@FROZEN
def test_open_issues_are_counted_by_severity_until_resolved_and_again_when_reopened(project, alice):
    critical = issue_raise(project=project, actor=alice, title="本番データの移行不備", severity=Severity.CRITICAL)
    issue_raise(project=project, actor=alice, title="帳票の確認遅れ", severity=Severity.MEDIUM)
    risk = issue_raise(project=project, actor=alice, title="要員不足のおそれ", kind=ProjectIssue.Kind.RISK,
                       severity=Severity.MEDIUM, status=ProjectIssue.Status.IN_PROGRESS, likelihood=3, impact=4)
    assert counts(project) == NONE | {"critical": 1, "medium": 2}

    critical = issue_update(issue=critical, actor=alice, expected_version=1, status=ProjectIssue.Status.RESOLVED)
    issue_update(issue=risk, actor=alice, expected_version=1, severity=Severity.HIGH)
    assert counts(project) == NONE | {"high": 1, "medium": 1}

    issue_update(issue=critical, actor=alice, expected_version=2, status=ProjectIssue.Status.OPEN)
    assert counts(project) == NONE | {"critical": 1, "high": 1, "medium": 1}


@FROZEN
def test_an_issue_raised_already_resolved_is_not_counted(project, alice):
    issue_raise(project=project, actor=alice, title="解決済みの記録", severity=Severity.HIGH,
                status=ProjectIssue.Status.RESOLVED)
    assert counts(project) == NONE


@FROZEN
def test_a_finding_awaits_an_answer_until_the_division_answers_it(project, alice, petra):
    finding = finding_write(project=project, actor=petra, category="schedule", title="移行計画の具体化",
                            body="判定基準を明確にすること。", response_due_on=datetime.date(2022, 10, 31))
    closed = finding_write(project=project, actor=petra, category="cost", title="見積りの根拠",
                           body="根拠を示すこと。", response_due_on=datetime.date(2022, 10, 31))
    assert counts(project) == NONE | {"findings": 2}

    finding = finding_answer(finding=finding, actor=alice, expected_version=1, response="判定基準を追記しました。")
    finding_close(finding=closed, actor=petra, expected_version=1)
    assert counts(project) == NONE


@FROZEN
def test_the_counts_are_those_the_portfolio_and_the_api_show(project, alice, carl):
    issue_raise(project=project, actor=alice, title="本番データの移行不備", severity=Severity.CRITICAL)
    issue_raise(project=project, actor=alice, title="帳票の確認遅れ", severity=Severity.LOW)

    client = session_client(carl)
    row = client.get("/api/v1/projects/DX-1/").json()
    assert (row["open_issue_count"], row["open_finding_count"]) == (2, 0)
    html = client.get("/portfolio/?cols=code,name,issues_critical,issues_low").content.decode()
    cells = html.split('<td class="sticky-code">DX-1</td>', 1)[1].split("</tr>", 1)[0]
    assert cells.endswith('<td class="num">1</td><td class="num">1</td>')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to test")
@pytest.mark.django_db(transaction=True)
def test_two_people_raising_issues_of_one_project_at_once_both_count(alice, bob, division):
    project = ProjectFactory(division=division)
    # Alice's issue is not yet committed when Bob raises his.
    bobs_issue = while_uncommitted(
        lambda: issue_raise(project=project, actor=alice, title="要件の確定遅れ", severity=Severity.HIGH),
        lambda: issue_raise(project=project, actor=bob, title="ベンダーの体制変更", severity=Severity.HIGH),
    )
    assert isinstance(bobs_issue, ProjectIssue)
    assert counts(project) == NONE | {"high": 2}
