"""GET /api/v1/agenda-proposals/: the agenda backlog and what became of each proposal, for governance:read; the
proposals of the projects the caller may see, as on the pages; filters by state, meeting and project; and each
committee agenda item names the proposal it came from."""

import datetime

import pytest
from rest_framework.test import APIClient

from governance.models import AgendaProposal
from tests.governance.factories import AgendaItemFactory, AgendaProposalFactory, CommitteeMeetingFactory
from tests.governance.helpers import token_client
from tests.projects.factories import FindingFactory, ProjectFactory, ProjectIssueFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/agenda-proposals/"


def scheduled(project, meeting) -> AgendaProposal:
    item = AgendaItemFactory(meeting=meeting, title="要員の不足")
    return AgendaProposalFactory(
        finding=None, issue=ProjectIssueFactory(project=project, title="要員の不足"), state=AgendaProposal.State.SCHEDULED,
        meeting=meeting, agenda_item=item,
    )


def codes(response) -> list[str]:
    return sorted(row["project"] for row in response.json()["results"])


def test_a_proposal_reads_with_its_source_meeting_and_agenda_item(division, fiona):
    project = ProjectFactory(division=division, code="E-CONTRACT")
    proposal = scheduled(project, CommitteeMeetingFactory(number=7))
    row = token_client(fiona).get(f"{URL}{proposal.pk}/").json()
    assert row["project"] == "E-CONTRACT" and row["source"] == "issue" and row["issue"] == proposal.issue_id
    assert row["title"] == "要員の不足" and row["reason"] == "全庁的な判断が必要なため"
    assert (row["state"], row["meeting"], row["agenda_item"]) == ("scheduled", 7, proposal.agenda_item_id)
    assert row["proposed_at"].startswith("2022-10-03")


def test_filters_by_state_meeting_and_project(division, fiona):
    first = AgendaProposalFactory(finding=FindingFactory(project=ProjectFactory(division=division, code="A-ONE")))
    scheduled(ProjectFactory(division=division, code="B-TWO"), CommitteeMeetingFactory(number=7))
    client = token_client(fiona)
    assert codes(client.get(URL)) == ["A-ONE", "B-TWO"]
    assert codes(client.get(URL, {"state": "proposed"})) == ["A-ONE"]
    assert codes(client.get(URL, {"meeting": 7})) == ["B-TWO"]
    assert codes(client.get(URL, {"project": "A-ONE"})) == ["A-ONE"]
    assert client.get(URL, {"state": "maybe"}).status_code == 400
    later = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC).isoformat()
    assert codes(client.get(URL, {"updated_since": later})) == []
    assert first.pk in [row["id"] for row in client.get(URL, {"updated_since": "2000-01-01"}).json()["results"]]


def test_another_divisions_proposal_is_not_found_for_staff(division, other_division, charlie, alice):
    mine = AgendaProposalFactory(finding=FindingFactory(project=ProjectFactory(division=division)))
    client = APIClient()
    client.force_login(charlie)
    assert client.get(f"{URL}{mine.pk}/").status_code == 404
    assert client.get(URL).json()["results"] == []
    client.force_login(alice)
    assert client.get(f"{URL}{mine.pk}/").status_code == 200


def test_a_committee_agenda_item_names_its_proposal(division, fiona):
    meeting = CommitteeMeetingFactory(number=7)
    proposal = scheduled(ProjectFactory(division=division), meeting)
    AgendaItemFactory(meeting=meeting, title="報告")
    items = token_client(fiona).get("/api/v1/committee-meetings/7/").json()["agenda_items"]
    assert sorted((item["proposal"] for item in items), key=str) == sorted([proposal.pk, None], key=str)


def _proposals(division, size: int) -> None:
    meeting = CommitteeMeetingFactory(number=7)
    for _ in range(size):
        project = ProjectFactory(division=division)
        AgendaProposalFactory(finding=FindingFactory(project=project))
        scheduled(project, meeting)


# The count, and the page of proposals with their sources, projects and meetings in one join (the token's lookup,
# with its user and roles, cached by the first request).
@pytest.mark.parametrize("size", [1, 5])
def test_the_list_costs_the_same_for_one_row_and_for_five(division, fiona, size, django_assert_num_queries):
    _proposals(division, size)
    client = token_client(fiona)
    client.get(URL)  # the token's first use is recorded once
    with django_assert_num_queries(2):
        assert len(client.get(URL).json()["results"]) == 2 * size


@pytest.mark.parametrize("size", [1, 5])
def test_the_meetings_list_costs_the_same_with_proposals_on_their_agendas(division, fiona, size, django_assert_num_queries):
    _proposals(division, size)
    client = token_client(fiona)
    client.get("/api/v1/committee-meetings/")
    # The proposal comes with its agenda item (select_related): no query of its own; the page's attachments are one.
    with django_assert_num_queries(6):
        assert client.get("/api/v1/committee-meetings/").status_code == 200
