"""/projects/: every project the user may see, searchable, filterable, sortable, paginated."""

import datetime

import pytest

from projects.models import Health, Project
from projects.services import status_report_submit
from tests.organisation.factories import BureauFactory
from tests.projects.factories import FindingFactory, ProjectFactory, ProjectIssueFactory
from tests.projects.helpers import FROZEN, REPORT, text

pytestmark = FROZEN
URL = "/projects/"


@pytest.fixture
def ours(division):
    return ProjectFactory(code="EAPP", name="e-kanagawa 電子申請システム", division=division)


@pytest.fixture
def theirs(other_division):
    return ProjectFactory(code="WATER-CLOUD", name="クラウド水質監視", division=other_division)


def names(response) -> list[str]:
    return [project.code for project in response.context["page_obj"]]


def test_a_visitor_is_sent_to_log_in(client, ours):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("person", "expected"),
    [("alice", ["EAPP"]), ("dana", ["EAPP"]), ("charlie", ["WATER-CLOUD"]), ("petra", ["EAPP", "WATER-CLOUD"]),
     ("carl", ["EAPP", "WATER-CLOUD"]), ("audrey", ["EAPP", "WATER-CLOUD"]), ("nobody", [])],
)
def test_each_role_sees_only_the_projects_it_may(request, client, ours, theirs, person, expected):
    client.force_login(request.getfixturevalue(person))
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == expected
    if not expected:
        assert "表示できる案件はありません。" in text(response)


def test_a_row_shows_health_in_words_the_report_state_and_yen(client, alice, ours):
    status_report_submit(project=ours, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    ProjectIssueFactory(project=ours)
    client.force_login(alice)
    page = text(client.get(URL))
    assert "e-kanagawa 電子申請システム" in page
    assert "注意" in page  # yellow says so in words, not only in colour
    assert "最新 次回期限 令和4年11月8日" in page
    assert "令和4年9月30日" in page
    assert "120,000,000円" in page


def test_search_and_filters_narrow_the_list(client, petra, ours, theirs, division):
    client.force_login(petra)
    assert names(client.get(URL, {"search": "水質"})) == ["WATER-CLOUD"]
    assert names(client.get(URL, {"division": "dx-office"})) == ["EAPP"]
    assert names(client.get(URL, {"bureau": "public-enterprise"})) == ["WATER-CLOUD"]
    Project.objects.filter(pk=ours.pk).update(health=Health.RED)
    assert names(client.get(URL, {"health": "red"})) == ["EAPP"]
    response = client.get(URL, {"search": "該当なし"})
    assert "条件に合う案件はありません。" in text(response)


def test_the_filters_name_each_bureau_in_the_language_of_each_request(client, petra, ours, bureau):
    client.force_login(petra)
    assert '<option value="policy">政策局</option>' in client.get(URL).content.decode()
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<option value="policy">{bureau.name_en}</option>' in english and "政策局" not in english


def test_a_bureau_added_later_is_offered_and_accepted_by_the_filters_at_once(client, petra, ours):
    client.force_login(petra)
    client.get(URL)
    BureauFactory(code="health", name="健康医療局")
    assert '<option value="health">健康医療局</option>' in client.get(URL).content.decode()
    response = client.get(URL, {"bureau": "health"})
    assert response.context["filterset"].is_valid() and names(response) == []


def test_a_stale_project_is_found_by_the_stale_filter(client, petra, alice, ours, theirs):
    status_report_submit(project=ours, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    client.force_login(petra)
    # WATER-CLOUD has never reported since its start in April: long overdue.
    assert names(client.get(URL, {"stale": "true"})) == ["WATER-CLOUD"]
    assert names(client.get(URL, {"stale": "false"})) == ["EAPP"]


def test_sorting_by_health_puts_red_first_and_unreported_last(client, petra, division):
    for code, health in [("A", Health.GREEN), ("B", Health.RED), ("C", ""), ("D", Health.YELLOW)]:
        ProjectFactory(code=code, division=division, health=health)
    client.force_login(petra)
    assert names(client.get(URL, {"ordering": "-health"})) == ["B", "D", "A", "C"]
    assert names(client.get(URL, {"ordering": "health"})) == ["A", "D", "B", "C"]


def test_a_bad_filter_value_is_shown_at_its_field_and_the_list_still_shows(client, petra, ours):
    client.force_login(petra)
    response = client.get(URL, {"health": "purple", "ordering": "password"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_health_error"' in html and 'id="id_ordering_error"' in html
    assert names(response) == ["EAPP"]


def test_it_paginates_25_a_page_keeping_the_filters(client, petra, division):
    for n in range(30):
        ProjectFactory(code=f"P{n:02d}", division=division)
    client.force_login(petra)
    first = client.get(URL, {"division": "dx-office"})
    assert len(first.context["page_obj"]) == 25
    assert 'href="?division=dx-office&amp;page=2"' in first.content.decode()
    assert len(client.get(URL, {"division": "dx-office", "page": 2}).context["page_obj"]) == 5


def test_the_page_is_accessible_markup(client, petra, ours):
    client.force_login(petra)
    html = client.get(URL).content.decode()
    assert '<div class="table-wrap">' in html and "<caption>" in html and '<th scope="col">' in html
    assert 'class="filters"' in html and '<label for="id_search">' in html
    assert "style=" not in html and "<script" not in html
    assert "css/projects.css" in html


@pytest.mark.parametrize("size", [2, 12])
def test_it_runs_a_fixed_number_of_queries(client, petra, alice, division, django_assert_num_queries, size):
    for n in range(size):
        project = ProjectFactory(code=f"Q{n:02d}", division=division, pmo_contact=petra)
        status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
        ProjectIssueFactory(project=project)
        FindingFactory(project=project)
    client.force_login(petra)
    client.get(URL)  # warm the session
    # session, user, the user's roles, the header's counts, the filter form's three choice lists (bureau, division,
    # plan pillar), count, page
    with django_assert_num_queries(9):
        response = client.get(URL, {"ordering": "-health"})
    assert len(response.context["page_obj"]) == size


def test_a_rating_pmo_has_not_reviewed_is_marked_unreviewed(client, alice, division):
    project = ProjectFactory(code="DATA-PLATFORM", division=division)
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30), **REPORT)
    client.force_login(alice)
    assert "注意 未確認" in text(client.get("/projects/"))
