"""/api/v1/projects/<code>/findings/: PMO writes, the division answers (.../answer/), PMO closes (.../close/)."""

import datetime

import pytest

from projects.models import Finding
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.helpers import CHANGES, EVERYONE, FROZEN, PMO, refusal, token_client

pytestmark = FROZEN
URL = "/api/v1/projects/EAPP/findings/"
FINDING = {"category": "security", "title": "脆弱性診断の実施時期", "body": "本番稼働前に第三者の脆弱性診断を受けること。",
           "severity": "high", "response_due_on": "2022-10-18"}


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division)


@pytest.fixture
def finding(project, petra):
    return FindingFactory(project=project, written_by=petra)


def writer(user):
    return token_client(user, "projects:read", "projects:write")


@pytest.mark.parametrize("person", EVERYONE)
def test_only_pmo_writes_findings(request, project, person):
    response = writer(request.getfixturevalue(person)).post(URL, FINDING, format="json")
    if person in PMO:
        assert response.status_code == 201
        assert (response.json()["status"], response.json()["written_by"]) == ("open", "petra")
    else:
        assert response.status_code == refusal(person)
        assert not Finding.objects.exists()


def test_a_finding_without_a_due_date_is_400(petra, project):
    response = writer(petra).post(URL, {**FINDING, "response_due_on": None}, format="json")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["response_due_on"]


@pytest.mark.parametrize("person", EVERYONE)
def test_the_owning_division_answers(request, finding, person):
    response = writer(request.getfixturevalue(person)).post(
        f"{URL}{finding.pk}/answer/", {"response": "判定基準を追記しました。", "version": 1}, format="json"
    )
    if person in CHANGES:
        assert response.status_code == 200
        assert (response.json()["status"], response.json()["response"]) == ("answered", "判定基準を追記しました。")
    else:
        assert response.status_code == refusal(person)


def test_an_empty_answer_is_400_and_a_stale_one_409(alice, bob, finding):
    assert writer(alice).post(f"{URL}{finding.pk}/answer/", {"response": "", "version": 1}, format="json").status_code == 400
    writer(alice).post(f"{URL}{finding.pk}/answer/", {"response": "回答1", "version": 1}, format="json")
    response = writer(bob).post(f"{URL}{finding.pk}/answer/", {"response": "回答2", "version": 1}, format="json")
    assert response.status_code == 409
    finding.refresh_from_db()
    assert finding.response == "回答1"


def test_pmo_closes_and_a_closed_finding_takes_no_answer(alice, petra, finding):
    response = writer(petra).post(f"{URL}{finding.pk}/close/", {"version": 1}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    late = writer(alice).post(f"{URL}{finding.pk}/answer/", {"response": "遅れて回答", "version": 2}, format="json")
    assert late.status_code == 400 and "non_field_errors" in late.json()["errors"]
    assert writer(alice).post(f"{URL}{finding.pk}/close/", {"version": 2}, format="json").status_code == 403


def test_the_list_filters_overdue_findings(alice, project, petra):
    FindingFactory(project=project, title="期限切れ", response_due_on=datetime.date(2022, 9, 30))
    FindingFactory(project=project, title="期限内", response_due_on=datetime.date(2022, 10, 31))
    client = token_client(alice, "projects:read")
    assert [f["title"] for f in client.get(URL, {"overdue": "true"}).json()["results"]] == ["期限切れ"]
    assert [f["title"] for f in client.get(URL).json()["results"]] == ["期限切れ", "期限内"]
    assert client.get(f"{URL}{Finding.objects.get(title='期限内').pk}/").json()["response_due_on"] == "2022-10-31"


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_runs_a_fixed_number_of_queries(alice, project, petra, django_assert_num_queries, size):
    FindingFactory.create_batch(size, project=project, written_by=petra)
    client = token_client(alice, "projects:read")
    client.get(URL)  # the token's lookup, cached from then on; a read writes no audit row
    # the project; count; page; the page's attachments, one query for them all
    with django_assert_num_queries(4):
        assert client.get(URL).json()["count"] == size
