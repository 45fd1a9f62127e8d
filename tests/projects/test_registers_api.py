"""/api/v1/registers/risks/ and /api/v1/registers/findings/: read-only, paged, the pages' filters, visibility."""

import datetime

import pytest
from rest_framework.test import APIClient

from projects.models import Finding, ProjectIssue
from tests.projects.factories import FindingFactory, ProjectFactory, ProjectIssueFactory
from tests.projects.helpers import FROZEN, token_client

pytestmark = FROZEN
RISKS = "/api/v1/registers/risks/"
FINDINGS = "/api/v1/registers/findings/"


@pytest.fixture
def registers(division, other_division, petra):
    ours = ProjectFactory(code="DX-1", division=division)
    theirs = ProjectFactory(code="WATER-1", division=other_division)
    ProjectIssueFactory(project=ours, risk=True, title="ベンダーの要員不足", likelihood=4, impact=5)
    ProjectIssueFactory(project=ours, title="要件の確定遅れ")
    ProjectIssueFactory(project=theirs, risk=True, title="浄水場の回線", likelihood=2, impact=2)
    FindingFactory(project=ours, title="移行計画の具体化", written_by=petra,
                   written_at=datetime.datetime(2022, 9, 1, 1, 0, tzinfo=datetime.UTC))
    FindingFactory(project=theirs, title="料金改定の影響", status=Finding.Status.CLOSED)


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return sorted(row["title"] for row in response.json()["results"])


def test_a_token_reads_the_risks_of_its_division_with_their_project(alice, registers):
    response = token_client(alice, "projects:read").get(RISKS)
    assert titles(response) == ["ベンダーの要員不足", "要件の確定遅れ"]
    risk = next(row for row in response.json()["results"] if row["kind"] == "risk")
    assert risk["project"] == {
        "code": "DX-1", "name": risk["project"]["name"],
        "division": {"code": "dx-office", "name": "デジタル戦略本部室"}, "bureau": {"code": "policy", "name": "政策局"},
    }
    assert (risk["likelihood"], risk["impact"], risk["risk_score"]) == (4, 5, 20)


def test_charlie_reads_nothing_of_alices_division(charlie, registers):
    client = token_client(charlie, "projects:read")
    assert titles(client.get(RISKS)) == ["浄水場の回線"]
    assert titles(client.get(FINDINGS)) == ["料金改定の影響"]
    assert titles(client.get(f"{RISKS}?project=DX-1")) == []


def test_filters_and_ordering_are_the_pages(petra, registers):
    client = token_client(petra, "projects:read")
    assert titles(client.get(f"{RISKS}?kind=risk&likelihood=4&impact=5")) == ["ベンダーの要員不足"]
    assert titles(client.get(f"{FINDINGS}?status=closed")) == ["料金改定の影響"]
    ordered = client.get(f"{RISKS}?kind=risk&ordering=-score").json()["results"]
    assert [row["title"] for row in ordered] == ["ベンダーの要員不足", "浄水場の回線"]


def test_a_finding_comes_with_its_age(petra, registers):
    rows = token_client(petra, "projects:read").get(f"{FINDINGS}?project=DX-1").json()["results"]
    assert [(row["title"], row["age_days"], row["status"]) for row in rows] == [("移行計画の具体化", 33, "open")]


def test_updated_since_keeps_what_changed_since(petra, registers):
    ProjectIssue.objects.filter(title="要件の確定遅れ").update(updated_at=datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC))
    response = token_client(petra, "projects:read").get(RISKS, {"updated_since": "2022-06-01"})
    assert "要件の確定遅れ" not in titles(response)


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (f"{RISKS}?likelihood=9", "likelihood"),
        (f"{RISKS}?state=maybe", "state"),
        (f"{RISKS}?due_before=someday", "due_before"),
        (f"{RISKS}?ordering=secret", "ordering"),
        (f"{RISKS}?bureau=nowhere", "bureau"),
        (f"{FINDINGS}?status=lost", "status"),
        (f"{FINDINGS}?overdue=perhaps", "overdue"),
        (f"{FINDINGS}?updated_since=yesterday", "updated_since"),
    ],
)
def test_a_bad_filter_is_a_400_at_its_field(petra, url, field):
    response = token_client(petra, "projects:read").get(url)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_the_registers_are_read_only(petra):
    client = token_client(petra, "projects:read", "projects:write")
    assert client.post(RISKS, {"title": "新しいリスク"}, format="json").status_code == 405


def test_anonymous_callers_get_401():
    assert APIClient().get(RISKS).status_code == 401
