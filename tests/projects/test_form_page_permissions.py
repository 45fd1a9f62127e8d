"""Who may open each form page of a project: those who may see the project but not use the form get the 403
page, those who may not see it the 404 page (never the data), a visitor the login."""

import pytest

from tests.projects.factories import FindingFactory, MilestoneFactory, ProjectFactory, ProjectIssueFactory, StatusReportFactory
from tests.projects.helpers import CHANGES, EVERYONE, FROZEN, PMO, READS_HISTORY, SEES, text

pytestmark = FROZEN

PAGES = {
    "report-create": ("/projects/EAPP/reports/new/", CHANGES),
    "report-review": ("/projects/EAPP/reports/{report}/review/", PMO),
    "issue-create": ("/projects/EAPP/issues/new/", CHANGES),
    "issue-update": ("/projects/EAPP/issues/{issue}/edit/", CHANGES),
    "finding-create": ("/projects/EAPP/findings/new/", PMO),
    "finding-answer": ("/projects/EAPP/findings/{finding}/answer/", CHANGES),
    "milestone-create": ("/projects/EAPP/milestones/new/", CHANGES),
    "milestone-update": ("/projects/EAPP/milestones/{milestone}/edit/", CHANGES),
    "project-update": ("/projects/EAPP/edit/", CHANGES),
    "history": ("/projects/EAPP/history/", READS_HISTORY),
}


@pytest.fixture
def urls(division):
    project = ProjectFactory(code="EAPP", name="e-kanagawa 電子申請システム", division=division)
    ids = {
        "report": StatusReportFactory(project=project).pk,
        "issue": ProjectIssueFactory(project=project).pk,
        "finding": FindingFactory(project=project).pk,
        "milestone": MilestoneFactory(project=project).pk,
    }
    return {name: url.format(**ids) for name, (url, _) in PAGES.items()}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("person", EVERYONE)
def test_only_those_who_may_open_the_page(request, client, urls, name, person):
    client.force_login(request.getfixturevalue(person))
    response = client.get(urls[name])
    if person in PAGES[name][1]:
        assert response.status_code == 200
    elif person in SEES:
        assert response.status_code == 403
        assert "e-kanagawa" not in response.content.decode()
        assert "アクセスできません" in text(response)
    else:
        assert response.status_code == 404
        assert "e-kanagawa" not in response.content.decode()


@pytest.mark.parametrize("name", [p for p in PAGES if p != "history"])
def test_a_refused_post_changes_nothing(client, carl, urls, name):
    client.force_login(carl)
    before = text(client.get("/projects/EAPP/"))
    assert client.post(urls[name], {"title": "書き換え", "summary": "書き換え", "version": 1}).status_code == 403
    assert text(client.get("/projects/EAPP/")) == before


@pytest.mark.parametrize("name", PAGES)
def test_a_visitor_is_sent_to_log_in(client, urls, name):
    response = client.get(urls[name])
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", ["/projects/NOPE/reports/new/", "/projects/EAPP/issues/999999/edit/",
                                 "/projects/EAPP/reports/999999/review/", "/projects/EAPP/findings/999999/answer/",
                                 "/projects/EAPP/milestones/99999999999999999999/edit/"])
def test_unknown_records_are_not_found(client, petra, urls, url):
    client.force_login(petra)
    assert client.get(url).status_code == 404
