"""A token's user comes from the cached lookup with the roles of the day: a request whose lookup is cached reads
nothing of the organisation from the database, and a change to the person's memberships or groups applies from
their next request, as does a membership that begins on a date."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from dx_portal.tokens import api_token_issue
from organisation.models import DivisionMembership
from organisation.services import membership_remove
from organisation.transfers import transfer_create, transfers_apply
from tests.organisation.factories import DivisionMembershipFactory, UserFactory
from tests.projects.factories import ProjectFactory

TODAY = timezone.localdate
ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def erin(division):
    """Staff of the owning division for a month."""
    return DivisionMembershipFactory(user=UserFactory(username="erin"), division=division, start_on=TODAY() - 30 * ONE_DAY).user


@pytest.fixture
def projects(division, other_division):
    """Erin's division's project and another division's."""
    return ProjectFactory(code="OURS", division=division), ProjectFactory(code="THEIRS", division=other_division)


def client_of(user) -> APIClient:
    _, key = api_token_issue(user=user, scopes=["projects:read"])
    return APIClient(HTTP_AUTHORIZATION=f"Token {key}")


def sees(client, project) -> bool:
    status = client.get(f"/api/v1/projects/{project.code}/").status_code
    assert status in (200, 404)
    return status == 200


def test_a_request_whose_lookup_is_cached_reads_no_membership_or_group(erin, projects):
    client = client_of(erin)
    client.get("/api/v1/projects/")  # the token looked up, with Erin's roles
    with CaptureQueriesContext(connection) as queries:
        assert [row["code"] for row in client.get("/api/v1/projects/?ordering=code").json()["results"]] == ["OURS"]
    read = " ".join(query["sql"] for query in queries)
    assert DivisionMembership._meta.db_table not in read
    assert "auth_user_groups" not in read


def test_a_membership_ended_applies_from_the_next_request(erin, petra, projects):
    ours, _theirs = projects
    client = client_of(erin)
    assert sees(client, ours)
    membership_remove(actor=petra, membership=erin.division_memberships.get())
    assert not sees(client, ours)


def test_a_transfer_applied_moves_what_the_token_sees_at_once(erin, petra, division, other_division, projects):
    ours, theirs = projects
    client = client_of(erin)
    assert sees(client, ours) and not sees(client, theirs)
    transfer_create(actor=petra, user=erin, from_division=division, to_division=other_division,
                    role=DivisionMembership.Role.STAFF, effective_on=TODAY())
    transfers_apply()
    assert sees(client, theirs) and not sees(client, ours)


def list_codes(client) -> list[str]:
    return [row["code"] for row in client.get("/api/v1/projects/?ordering=code").json()["results"]]


def test_a_list_answer_read_with_the_lookup_follows_a_change_of_roles(erin, projects):
    # The answer is read with the token's lookup under the visibility of its last answer: hers until she joins the PMO.
    client = client_of(erin)
    assert list_codes(client) == ["OURS"]
    assert list_codes(client) == ["OURS"]
    erin.groups.add(Group.objects.get_or_create(name="pmo")[0])
    assert list_codes(client) == ["OURS", "THEIRS"]
    assert list_codes(client) == ["OURS", "THEIRS"]


def test_when_the_answer_read_with_the_lookup_is_not_hers_the_cached_one_is_read_not_computed_again(erin, paul, projects):
    pmo_client, client = client_of(paul), client_of(erin)
    assert list_codes(pmo_client) == ["OURS", "THEIRS"]  # the PMO's answer, cached
    assert list_codes(client) == ["OURS"]
    erin.groups.add(Group.objects.get_or_create(name="pmo")[0])
    with CaptureQueriesContext(connection) as queries:
        assert list_codes(client) == ["OURS", "THEIRS"]
    assert not [query for query in queries if "projects_project" in query["sql"]]


def test_joining_or_leaving_a_group_applies_at_once_from_either_side(erin, projects):
    _ours, theirs = projects
    client = client_of(erin)
    pmo = Group.objects.get_or_create(name="pmo")[0]
    assert not sees(client, theirs)
    erin.groups.add(pmo)
    assert sees(client, theirs)
    pmo.user_set.remove(erin)
    assert not sees(client, theirs)
    pmo.user_set.add(erin)
    assert sees(client, theirs)
    pmo.user_set.clear()
    assert not sees(client, theirs)


def test_a_membership_that_begins_tomorrow_applies_from_midnight_with_the_lookup_still_cached(
    erin, other_division, projects
):
    _ours, theirs = projects
    tomorrow = TODAY() + ONE_DAY
    DivisionMembershipFactory(user=erin, division=other_division, start_on=tomorrow)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    client = client_of(erin)
    with time_machine.travel(midnight - datetime.timedelta(seconds=20), tick=False):
        assert not sees(client, theirs)
    with time_machine.travel(midnight + datetime.timedelta(seconds=20), tick=False):
        assert sees(client, theirs)
