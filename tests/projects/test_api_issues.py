"""/api/v1/projects/<code>/issues/ and .../issues/<id>/: raise, read, PATCH with a version (409 when stale)."""

import datetime

import pytest

from projects.models import ProjectIssue
from tests.projects.factories import ProjectFactory, ProjectIssueFactory
from tests.projects.helpers import CHANGES, EVERYONE, FROZEN, refusal, token_client

pytestmark = FROZEN
URL = "/api/v1/projects/EAPP/issues/"
RISK = {"kind": "risk", "title": "移行データの品質", "severity": "high", "likelihood": 4, "impact": 5}


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


@pytest.fixture
def issue(project):
    return ProjectIssueFactory(project=project, raised_on=datetime.date(2022, 9, 1), owner="担当 横浜")


def writer(user):
    return token_client(user, "projects:read", "projects:write")


def test_a_raised_risk_is_dated_today_and_scored(alice, project):
    response = writer(alice).post(URL, RISK, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["raised_on"], body["risk_score"], body["status"], body["version"]) == ("2022-10-04", 20, "open", 1)


@pytest.mark.parametrize("person", EVERYONE)
def test_raising_is_for_the_division_and_pmo(request, project, person):
    response = writer(request.getfixturevalue(person)).post(URL, RISK, format="json")
    assert response.status_code == (201 if person in CHANGES else refusal(person))


@pytest.mark.parametrize(("payload", "field"), [
    ({"likelihood": None}, "likelihood"),
    ({"impact": 6}, "impact"),
    ({"title": ""}, "title"),
    ({"raised_on": "2022-10-05"}, "raised_on"),
    ({"status": "resolved", "raised_on": "2022-09-01", "resolved_on": "2022-08-31"}, "resolved_on"),
])
def test_bad_values_are_400_at_their_field(alice, project, payload, field):
    response = writer(alice).post(URL, {**RISK, **payload}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not ProjectIssue.objects.exists()


def test_resolving_by_patch_dates_the_resolution(alice, issue):
    response = writer(alice).patch(f"{URL}{issue.pk}/", {"status": "resolved", "version": 1}, format="json")
    assert response.status_code == 200
    assert (response.json()["resolved_on"], response.json()["version"]) == ("2022-10-04", 2)


def test_two_concurrent_edits_the_second_is_409(alice, bob, issue):
    first = writer(alice).patch(f"{URL}{issue.pk}/", {"owner": "担当 大和", "version": 1}, format="json")
    second = writer(bob).patch(f"{URL}{issue.pk}/", {"owner": "担当 鎌倉", "version": 1}, format="json")
    assert first.status_code == 200 and second.status_code == 409
    body = second.json()
    assert body["code"] == "stale_version" and body["current"] == {"version": 2}
    assert "他の利用者がこの記録を更新しました" in body["message"]
    issue.refresh_from_db()
    assert (issue.owner, issue.version) == ("担当 大和", 2)


def test_a_patch_without_a_version_is_400(alice, issue):
    response = writer(alice).patch(f"{URL}{issue.pk}/", {"owner": "担当 大和"}, format="json")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["version"]


@pytest.mark.parametrize("person", ["charlie", "carl", "dana", "fiona"])
def test_patching_is_refused_to_others(request, issue, person):
    response = writer(request.getfixturevalue(person)).patch(f"{URL}{issue.pk}/", {"owner": "x", "version": 1}, format="json")
    assert response.status_code == refusal(person)


def test_an_issue_of_another_project_is_404_here(alice, division, issue):
    elsewhere = ProjectIssueFactory(project=ProjectFactory(code="OTHER", division=division))
    assert token_client(alice, "projects:read").get(f"{URL}{elsewhere.pk}/").status_code == 404


def test_a_staff_token_writes_only_its_own_divisions_projects(alice, charlie, project, other_division):
    ProjectFactory(code="WATER", division=other_division)
    client = writer(charlie)
    assert client.post("/api/v1/projects/WATER/issues/", RISK, format="json").status_code == 201
    assert client.post(URL, RISK, format="json").status_code == 404


def test_the_list_filters_open_issues(alice, project):
    ProjectIssueFactory(project=project, title="未対応の課題")
    ProjectIssueFactory(project=project, title="解決済の課題", status=ProjectIssue.Status.RESOLVED,
                        resolved_on=datetime.date(2022, 9, 2))
    client = token_client(alice, "projects:read")
    assert [i["title"] for i in client.get(URL, {"open": "true"}).json()["results"]] == ["未対応の課題"]
    assert client.get(URL, {"status": "lost"}).status_code == 400
    assert client.get(URL, {"ordering": "description"}).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_runs_a_fixed_number_of_queries(alice, project, django_assert_num_queries, size):
    ProjectIssueFactory.create_batch(size, project=project)
    client = token_client(alice, "projects:read")
    client.get(URL)  # the token's lookup with its user's roles, cached from then on; a read writes no audit row
    with django_assert_num_queries(3):
        assert client.get(URL).json()["count"] == size
