"""GET and PATCH /api/v1/projects/<code>/: 404 for another division's project and an unknown code alike, 403 for a
project one may see but not change, 409 for a stale write."""

import pytest
from rest_framework.test import APIClient

from projects.models import Project
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import CHANGES, EVERYONE, FROZEN, SEES, refusal, session_client, token_client

pytestmark = FROZEN
URL = "/api/v1/projects/EAPP/"


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


@pytest.mark.parametrize("person", EVERYONE)
def test_reading_it_is_404_for_those_who_may_not_see_it(request, project, person):
    response = token_client(request.getfixturevalue(person), "projects:read").get(URL)
    if person in SEES:
        assert response.status_code == 200 and response.json()["code"] == "EAPP"
    else:
        assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize("person", EVERYONE)
def test_patching_it_is_for_its_division_and_pmo(request, project, person):
    response = token_client(request.getfixturevalue(person), "projects:read", "projects:write").patch(
        URL, {"phase": "testing", "version": 1}, format="json"
    )
    project.refresh_from_db()
    if person in CHANGES:
        assert response.status_code == 200
        assert (response.json()["phase"], response.json()["version"]) == ("testing", 2)
        assert project.phase == Project.Phase.TESTING
    else:
        assert response.status_code == refusal(person)
        assert project.version == 1


def test_a_patch_without_a_version_is_400(alice, project):
    response = token_client(alice, "projects:write").patch(URL, {"phase": "testing"}, format="json")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["version"]


def test_a_stale_patch_is_409_with_the_current_version(alice, bob, project):
    token_client(alice, "projects:write").patch(URL, {"actual_cost_yen": 40_000_000, "version": 1}, format="json")
    response = token_client(bob, "projects:write").patch(URL, {"actual_cost_yen": 50_000_000, "version": 1}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["current"]["version"]) == ("stale_version", 2)
    project.refresh_from_db()
    assert project.actual_cost_yen == 40_000_000


@pytest.mark.parametrize(("payload", "field"), [
    ({"budget_yen": -1}, "budget_yen"),
    ({"budget_yen": "a lot"}, "budget_yen"),
    ({"budget_yen": 10**20}, "budget_yen"),
    ({"planned_end": "2022-03-31"}, "planned_end"),
    ({"planned_end": "2022-02-30"}, "planned_end"),
    ({"phase": "done"}, "phase"),
    ({"name": "\x00"}, "name"),
    ({"version": 0}, "version"),
    ({"version": 10**12}, "version"),
])
def test_bad_values_are_400_at_their_field(alice, project, payload, field):
    response = token_client(alice, "projects:write").patch(URL, {"version": 1, **payload}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    project.refresh_from_db()
    assert project.version == 1


def test_read_only_fields_are_ignored(alice, project, other_division):
    response = token_client(alice, "projects:write").patch(URL, {"code": "HACK", "health": "green", "version": 1}, format="json")
    assert response.status_code == 200
    project.refresh_from_db()
    assert (project.code, project.health) == ("EAPP", "")


def test_malformed_json_is_400(alice, project):
    response = token_client(alice, "projects:write").patch(URL, "{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "parse_error"


def test_a_json_list_instead_of_an_object_is_400(alice, project):
    response = token_client(alice, "projects:write").patch(URL, [1, 2], format="json")
    assert response.status_code == 400


def test_put_and_delete_are_not_offered(petra, project):
    client = session_client(petra)
    assert client.put(URL, {"version": 1}, format="json").status_code == 405
    assert client.delete(URL).status_code == 405


def test_a_read_only_token_cannot_patch_even_for_pmo(petra, project):
    assert token_client(petra, "projects:read").patch(URL, {"phase": "testing", "version": 1}, format="json").status_code == 403


def test_no_credentials_are_401(project):
    assert APIClient().patch(URL, {"phase": "testing", "version": 1}, format="json").status_code == 401


def test_an_unknown_code_is_404(fiona):
    assert token_client(fiona, "projects:read").get("/api/v1/projects/NOPE/").status_code == 404
