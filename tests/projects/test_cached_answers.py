"""The portfolio page, the projects API and the summary API keep their answers in the cache
(PROJECT_DATA): a change shows on the very next request, and nobody is ever shown another's answer."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Health
from projects.services import issue_raise, issue_update
from tests.organisation.factories import BureauFactory, BureauMembershipFactory, DivisionFactory, UserFactory
from tests.projects.factories import ProjectFactory, ProjectIssueFactory
from tests.projects.helpers import FROZEN, TOKYO, session_client, token_client
from tests.projects.test_portfolio_page import codes, report, rows

pytestmark = FROZEN
API = "/api/v1/projects/"
SUMMARY = "/api/v1/portfolio/summary/"


@pytest.fixture
def ours(division):
    return ProjectFactory(code="DX-1", division=division)


@pytest.fixture
def theirs(other_division):
    return ProjectFactory(code="WA-1", division=other_division)


def health_of(response, code: str) -> str:
    return next(row["健全度"] for row in rows(response) if row["案件コード"] == code)


def test_a_report_filed_after_a_look_at_the_portfolio_shows_on_the_next_look(client, carl, alice, ours):
    client.force_login(carl)
    assert health_of(client.get("/portfolio/"), "DX-1") != Health.RED.label
    report(ours, datetime.date(2022, 9, 30), Health.RED, actor=alice)
    assert health_of(client.get("/portfolio/"), "DX-1") == Health.RED.label


def test_a_renamed_division_shows_on_the_next_look(client, carl, ours):
    client.force_login(carl)
    client.get("/portfolio/?cols=all")
    ours.division.name = "デジタル推進課"
    ours.division.save()
    assert rows(client.get("/portfolio/?cols=all"))[0]["所属"] == "デジタル推進課"


def test_people_who_may_see_different_projects_never_share_an_answer(client, carl, dana, ours, theirs):
    elsewhere = UserFactory(username="erin")
    BureauMembershipFactory(user=elsewhere, bureau=theirs.division.bureau)
    client.force_login(carl)
    assert codes(client.get("/portfolio/")) == ["DX-1", "WA-1"]
    client.force_login(dana)
    assert codes(client.get("/portfolio/")) == ["DX-1"]
    client.force_login(elsewhere)
    assert codes(client.get("/portfolio/")) == ["WA-1"]


def test_a_director_given_a_second_bureau_sees_its_projects_at_once(client, dana, ours):
    other = DivisionFactory(bureau=BureauFactory(code="health", name="健康医療局"), code="medical")
    ProjectFactory(code="MED-1", division=other)
    client.force_login(dana)
    assert codes(client.get("/portfolio/")) == ["DX-1"]
    BureauMembershipFactory(user=dana, bureau=other.bureau)
    client.force_login(dana)  # a fresh request: roles are read once per request
    assert codes(client.get("/portfolio/")) == ["DX-1", "MED-1"]


def test_the_portfolio_in_english_is_not_the_japanese_one_from_the_cache(client, carl, ours):
    client.force_login(carl)
    assert "未報告" in client.get("/portfolio/").content.decode()
    english = client.get("/portfolio/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Not reported" in english and "未報告" not in english


def test_the_api_shows_a_new_report_on_the_next_request(fiona, alice, ours):
    client = token_client(fiona, "projects:read")
    assert client.get(API).json()["results"][0]["health"] == ""
    report(ours, datetime.date(2022, 9, 30), Health.YELLOW, actor=alice)
    assert client.get(API).json()["results"][0]["health"] == Health.YELLOW


def test_the_api_counts_an_issue_resolved_or_raised_after_the_first_request(fiona, alice, ours):
    resolved, *_ = [ProjectIssueFactory(project=ours) for _ in range(3)]
    client = token_client(fiona, "projects:read")
    assert client.get(API).json()["results"][0]["open_issue_count"] == 3
    issue_update(issue=resolved, actor=alice, expected_version=resolved.version, status="resolved",
                 resolved_on=datetime.date(2022, 10, 3))
    assert client.get(API).json()["results"][0]["open_issue_count"] == 2
    issue_raise(project=ours, actor=alice, title="ベンダーの体制変更")
    assert client.get(API).json()["results"][0]["open_issue_count"] == 3


def test_division_staff_never_get_the_answer_cached_for_a_rest_client(fiona, alice, ours, theirs):
    assert [row["code"] for row in token_client(fiona, "projects:read").get(API).json()["results"]] == ["DX-1", "WA-1"]
    assert [row["code"] for row in session_client(alice).get(API).json()["results"]] == ["DX-1"]


def test_report_states_move_on_at_midnight_though_nothing_changed(fiona, alice, ours):
    report(ours, datetime.date(2022, 9, 30), Health.GREEN, actor=alice)
    client = token_client(fiona, "projects:read")
    today = client.get(API).json()["results"][0]
    due = datetime.date.fromisoformat(today["report_due_on"])
    with time_machine.travel(datetime.datetime.combine(due, datetime.time(0, 1), tzinfo=TOKYO), tick=False):
        later = client.get(API).json()["results"][0]
    assert (today["report_state"], later["report_state"]) == ("fresh", "due")


def test_the_summary_api_counts_a_project_created_after_the_first_request(carl, division, ours):
    client = session_client(carl)
    assert client.get(SUMMARY).json()["total"] == 1
    ProjectFactory(code="DX-2", division=division)
    assert client.get(SUMMARY).json()["total"] == 2


def test_a_refused_filter_is_refused_every_time_and_caches_nothing(fiona, ours):
    client = token_client(fiona, "projects:read")
    assert [client.get(API, {"health": "purple"}).status_code for _ in range(2)] == [400, 400]
    assert client.get(API).status_code == 200


@pytest.mark.parametrize("url", [API, SUMMARY])
def test_two_divisions_asking_the_same_url_each_see_only_their_own_whoever_asks_first(alice, charlie, ours, theirs, url):
    first, second = session_client(charlie).get(url).json(), session_client(alice).get(url).json()
    again = session_client(charlie).get(url).json()
    if url == API:
        assert [row["code"] for row in first["results"]] == [row["code"] for row in again["results"]] == ["WA-1"]
        assert [row["code"] for row in second["results"]] == ["DX-1"]
    else:
        assert first == again and first["total"] == second["total"] == 1
        assert first["by_bureau"] != second["by_bureau"]


def test_unknown_parameters_and_other_spellings_are_answered_from_the_same_entry(fiona, ours):
    client = token_client(fiona, "projects:read")
    client.get(API)
    with CaptureQueriesContext(connection) as warm:
        client.get(API)
    with CaptureQueriesContext(connection) as junk:
        response = client.get(API, {"junk": "x" * 100, "page": "01", "health": "", "page_size": "50"})
    assert response.status_code == 200 and len(junk) == len(warm)
    with CaptureQueriesContext(connection) as other:
        client.get(API, {"health": "red"})
    assert len(other) > len(warm)


def test_an_incremental_pull_after_a_full_one_gets_only_what_changed_since(fiona, ours):
    client = token_client(fiona, "projects:read")
    assert [row["code"] for row in client.get(API).json()["results"]] == ["DX-1"]
    assert client.get(API, {"updated_since": "2030-01-01"}).json()["results"] == []
    assert client.get(API, {"updated_since": "not a date"}).status_code == 400
