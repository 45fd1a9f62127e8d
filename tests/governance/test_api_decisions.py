"""GET /api/v1/decisions/: the decision log for REST clients, filtered by status, dates, bureau, project, text."""

import datetime

import pytest

from governance.models import Decision
from tests.governance.factories import CommitteeMeetingFactory, DecisionFactory
from tests.governance.helpers import token_client
from tests.organisation.factories import BureauFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(carl):
    first = DecisionFactory(
        title="電子契約の実証実験", meeting=CommitteeMeetingFactory(number=2, held_on=datetime.date(2021, 11, 16))
    )
    second = DecisionFactory(
        title="電子契約の導入", meeting=CommitteeMeetingFactory(number=4, held_on=datetime.date(2022, 9, 13)),
        supersedes=first,
    )
    Decision.objects.filter(pk=first.pk).update(status=Decision.Status.SUPERSEDED)
    second.bureaus.add(BureauFactory(code="general-affairs", name="総務局"))
    second.related_projects.add(ProjectFactory(code="E-CONTRACT"))
    second.agreed_by.add(carl)
    return first, second


def test_a_decision_reads_with_iso_dates_and_natural_keys(fiona, log):
    first, second = log
    body = token_client(fiona).get(f"/api/v1/decisions/{second.reference}/").json()
    assert body["reference"] == second.reference
    assert (body["meeting"], body["held_on"]) == (4, "2022-09-13")
    assert (body["bureaus"], body["related_projects"], body["agreed_by"]) == (["general-affairs"], ["E-CONTRACT"], ["carl"])
    assert (body["supersedes"], body["status"]) == (first.reference, "agreed")
    old = token_client(fiona).get(f"/api/v1/decisions/{first.reference}/").json()
    assert (old["status"], old["superseded_by"]) == ("superseded", [second.reference])


@pytest.mark.parametrize("query, expected", [
    ({"status": "superseded"}, ["電子契約の実証実験"]),
    ({"held_from": "2022-01-01"}, ["電子契約の導入"]),
    ({"held_to": "2021-12-31"}, ["電子契約の実証実験"]),
    ({"bureau": "general-affairs"}, ["電子契約の導入"]),
    ({"project": "E-CONTRACT"}, ["電子契約の導入"]),
    ({"search": "実証"}, ["電子契約の実証実験"]),
])
def test_the_filters(fiona, log, query, expected):
    body = token_client(fiona).get("/api/v1/decisions/", query).json()
    assert [d["title"] for d in body["results"]] == expected


@pytest.mark.parametrize("query, field", [
    ({"status": "maybe"}, "status"), ({"held_from": "2022-13-01"}, "held_from"), ({"bureau": "nowhere"}, "bureau"),
    ({"project": "NO-SUCH"}, "project"),
])
def test_a_bad_filter_is_a_400_with_the_field_named(fiona, query, field):
    response = token_client(fiona).get("/api/v1/decisions/", query)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and field in response.json()["errors"]


def test_an_unknown_reference_is_a_404_and_a_session_user_reads_too(client, alice, log):
    client.force_login(alice)
    assert client.get("/api/v1/decisions/99-9/").status_code == 404
    assert client.get("/api/v1/decisions/").json()["count"] == 2


@pytest.mark.parametrize("size", [1, 8])
def test_the_list_runs_a_fixed_number_of_queries(fiona, carl, size, django_assert_num_queries):
    client = token_client(fiona)
    for _ in range(size):
        decision = DecisionFactory(supersedes=DecisionFactory())
        decision.agreed_by.add(carl)
        decision.related_projects.add(ProjectFactory())
    # A read writes no audit row nor the token's last use; one query lists the page's attachments.
    with django_assert_num_queries(9):
        assert client.get("/api/v1/decisions/").json()["count"] == size * 2
