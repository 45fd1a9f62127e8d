"""/api/v1/projects/<code>/status-reports/ (list, file) and .../<id>/review/ (PMO)."""

import datetime

import pytest

from projects.models import Health, Project
from projects.services import status_report_submit
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import CHANGES, EVERYONE, FROZEN, PMO, REPORT, refusal, token_client

pytestmark = FROZEN
URL = "/api/v1/projects/EAPP/status-reports/"


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


def writer(user):
    return token_client(user, "projects:read", "projects:write")


def test_a_filed_report_becomes_the_projects_current_health(alice, project):
    client = writer(alice)
    response = client.post(URL, {**REPORT, "health": "red", "as_of": "2022-10-03"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["as_of"], body["health"], body["submitted_by"], body["version"]) == ("2022-10-03", "red", "alice", 1)
    detail = client.get("/api/v1/projects/EAPP/").json()
    assert (detail["health"], detail["last_reported_on"], detail["latest_report"]["id"]) == ("red", "2022-10-03", body["id"])


def test_as_of_defaults_to_today(alice, project):
    response = writer(alice).post(URL, REPORT, format="json")
    assert response.json()["as_of"] == "2022-10-04"


@pytest.mark.parametrize("person", EVERYONE)
def test_filing_is_for_the_division_and_pmo(request, project, person):
    response = writer(request.getfixturevalue(person)).post(URL, REPORT, format="json")
    if person in CHANGES:
        assert response.status_code == 201
    else:
        assert response.status_code == refusal(person)
        assert not project.status_reports.exists()


def test_a_cio_with_a_write_token_gets_403_even_for_bad_input(carl, project):
    response = writer(carl).post(URL, {"health": "purple"}, format="json")
    assert response.status_code == 403


@pytest.mark.parametrize(("payload", "field"), [
    ({"actual_progress": 101}, "actual_progress"),
    ({"planned_progress": -1}, "planned_progress"),
    ({"health": "purple"}, "health"),
    ({"summary": ""}, "summary"),
    ({"as_of": "2022-10-05"}, "as_of"),
    ({"as_of": "yesterday"}, "as_of"),
])
def test_bad_values_are_400_at_their_field(alice, project, payload, field):
    response = writer(alice).post(URL, {**REPORT, **payload}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not project.status_reports.exists()


def test_a_second_report_for_a_day_is_400_at_as_of(alice, project):
    status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 10, 4), **REPORT)
    response = writer(alice).post(URL, REPORT, format="json")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["as_of"]


def test_the_list_is_newest_first_and_filterable(alice, project):
    for day, health in [(datetime.date(2022, 8, 31), Health.RED), (datetime.date(2022, 9, 30), Health.GREEN)]:
        status_report_submit(project=project, actor=alice, as_of=day, **{**REPORT, "health": health})
    client = token_client(alice, "projects:read")
    assert [r["as_of"] for r in client.get(URL).json()["results"]] == ["2022-09-30", "2022-08-31"]
    assert [r["as_of"] for r in client.get(URL, {"health": "red"}).json()["results"]] == ["2022-08-31"]
    assert client.get(URL, {"as_of_min": "not-a-date"}).status_code == 400


def test_another_divisions_reports_are_not_there(charlie, project):
    assert token_client(charlie, "projects:read").get(URL).status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_runs_a_fixed_number_of_queries(alice, project, django_assert_num_queries, size):
    for n in range(size):
        status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 1) + datetime.timedelta(days=n), **REPORT)
    client = token_client(alice, "projects:read")
    client.get(URL)
    # the project; count; page; the page's attachments, one query for them all (the token's lookup with its user's
    # roles cached by the first request, no audit row for a read)
    with django_assert_num_queries(4):
        assert client.get(URL).json()["count"] == size


class TestReview:
    @pytest.fixture
    def report(self, project, alice):
        return status_report_submit(project=project, actor=alice, as_of=datetime.date(2022, 9, 30),
                                    **{**REPORT, "health": "green"})

    def url(self, report):
        return f"{URL}{report.pk}/review/"

    def test_pmos_rating_becomes_the_projects_health(self, petra, project, report):
        response = writer(petra).post(self.url(report), {"pmo_health": "red", "pmo_comment": "遅延と判断。", "version": 1},
                                      format="json")
        assert response.status_code == 200
        body = response.json()
        assert (body["health"], body["pmo_health"], body["effective_health"]) == ("green", "red", "red")
        assert (body["ratings_differ"], body["pmo_sees_more_risk"], body["reviewed_by"]) == (True, True, "petra")
        assert Project.objects.get(pk=project.pk).health == Health.RED

    @pytest.mark.parametrize("person", EVERYONE)
    def test_only_pmo_reviews(self, request, project, report, person):
        response = writer(request.getfixturevalue(person)).post(self.url(report), {"pmo_health": "red", "version": 1},
                                                                 format="json")
        if person in PMO:
            assert response.status_code == 200
        else:
            assert response.status_code == refusal(person)

    def test_a_stale_review_is_409(self, petra, report):
        client = writer(petra)
        client.post(self.url(report), {"pmo_health": "yellow", "version": 1}, format="json")
        response = client.post(self.url(report), {"pmo_health": "red", "version": 1}, format="json")
        assert response.status_code == 409 and response.json()["current"] == {"version": 2}

    @pytest.mark.parametrize("payload", [{"version": 1}, {"pmo_health": "", "version": 1}, {"pmo_health": "red"}])
    def test_a_rating_and_a_version_are_required(self, petra, report, payload):
        response = writer(petra).post(self.url(report), payload, format="json")
        assert response.status_code == 400

    def test_an_unknown_report_is_404(self, petra, project):
        assert writer(petra).post(f"{URL}999999/review/", {"pmo_health": "red", "version": 1}, format="json").status_code == 404
