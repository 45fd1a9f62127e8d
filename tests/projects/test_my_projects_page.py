"""/projects/mine/: the projects of the user's divisions, the next report due first."""

import datetime

import pytest

from projects.services import status_report_submit
from tests.projects.factories import ProjectFactory, ProjectIssueFactory
from tests.projects.helpers import FROZEN, REPORT, text

pytestmark = FROZEN
URL = "/projects/mine/"


def codes(response) -> list[str]:
    return [project.code for project in response.context["page_obj"]]


def test_staff_see_their_divisions_projects_due_first(client, alice, division, other_division):
    fresh = ProjectFactory(code="FRESH", division=division)
    status_report_submit(project=fresh, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    ProjectFactory(code="OVERDUE", division=division)  # never reported since April
    ProjectFactory(code="THEIRS", division=other_division)
    client.force_login(alice)
    response = client.get(URL)
    assert codes(response) == ["OVERDUE", "FRESH"]
    page = text(response)
    assert "担当案件" in page and "PMOへ報告" in page


def test_a_director_or_pmo_without_a_division_gets_a_clear_empty_page(client, dana, petra, division):
    ProjectFactory(division=division)
    for person in (dana, petra):
        client.force_login(person)
        response = client.get(URL)
        assert response.status_code == 200
        assert codes(response) == []
        assert "所属する課室の案件はありません。" in text(response)


@pytest.mark.parametrize("size", [2, 12])
def test_it_runs_a_fixed_number_of_queries(client, alice, division, django_assert_num_queries, size):
    for n in range(size):
        project = ProjectFactory(code=f"M{n:02d}", division=division)
        status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
        ProjectIssueFactory(project=project)
    client.force_login(alice)
    client.get(URL)
    # session, user, roles, the header's counts, the filter form's bureau, division and plan-pillar choices, count, page
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert len(response.context["page_obj"]) == size
