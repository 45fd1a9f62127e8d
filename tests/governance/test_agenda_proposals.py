"""To the agenda: PMO or the CIO sends a project's issue or finding to the committee's backlog; PMO puts it on a
meeting's agenda; the item links back, and the decision taken on it shows on the project page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import AgendaItem, AgendaProposal
from governance.services import agenda_proposal_create, agenda_proposal_schedule, committee_meeting_update
from tests.governance.factories import AgendaProposalFactory, CommitteeMeetingFactory
from tests.projects.factories import FindingFactory, ProjectFactory, ProjectIssueFactory
from tests.projects.helpers import FROZEN, field_error, text

pytestmark = FROZEN


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", name="電子申請システム再構築", division=division)


@pytest.fixture
def finding(project):
    return FindingFactory(project=project, title="移行判定基準が未定")


@pytest.fixture
def meeting(db):
    return CommitteeMeetingFactory(number=5, held_on=datetime.date(2022, 10, 18), title="令和4年度第2回ステアリング・コミッティ")


def test_a_finding_sent_to_the_agenda_appears_on_the_next_meeting_and_links_back(client, petra, carl, finding, meeting):
    # PMO proposes it from the project page.
    client.force_login(petra)
    assert "委員会の議題に提案" in text(client.get("/projects/EAPP/"))
    response = client.post(f"/governance/agenda/propose/finding/{finding.pk}/", {"reason": "全庁の移行方針に関わるため"})
    assert response["Location"] == "/projects/EAPP/#findings"
    proposal = AgendaProposal.objects.get()
    assert (proposal.finding, proposal.project.code, proposal.proposed_by, proposal.state) == (
        finding, "EAPP", petra, AgendaProposal.State.PROPOSED
    )
    assert "議題候補" in text(client.get("/projects/EAPP/"))
    # The meeting's page draws from the backlog.
    page = text(client.get("/governance/committee/5/"))
    assert "EAPP 助言・指摘: 移行判定基準が未定 全庁の移行方針に関わるため" in page
    response = client.post(f"/governance/committee/5/agenda/proposals/{proposal.pk}/add/", {"kind": "decision", "version": 1})
    assert response["Location"] == "/governance/committee/5/#agenda"
    item = AgendaItem.objects.get(meeting=meeting)
    assert (item.order, item.title, item.kind) == (1, "EAPP 移行判定基準が未定", "decision")
    assert item.presenter == finding.project.division
    # On the agenda, linking back to the project; off the backlog.
    meeting_page = client.get("/governance/committee/5/").content.decode()
    assert 'href="/projects/EAPP/#findings">助言・指摘: EAPP 移行判定基準が未定</a>' in meeting_page
    assert "議題候補はありません。" in meeting_page
    # The CIO records the decision on that agenda item; the project page shows it beside the finding.
    client.force_login(carl)
    response = client.post("/governance/decisions/new/", {
        "meeting": "5", "title": "移行判定基準の策定", "kind": "decision", "status": "agreed",
        "decision_text": "PMOと所管課で判定基準を定める。", "agenda_item": item.pk, "then": "meeting",
    })
    assert response.status_code == 302, field_error(response, "agenda_item")
    project_page = text(client.get("/projects/EAPP/"))
    assert "議題に追加済 第5回 5-1 移行判定基準の策定 合意" in project_page


def test_the_cio_proposes_an_issue(carl, project):
    issue = ProjectIssueFactory(project=project)
    proposal = agenda_proposal_create(actor=carl, issue=issue, reason="予算の判断が必要")
    assert (proposal.issue, proposal.project, proposal.history.get().history_user) == (issue, project, carl)


@pytest.mark.parametrize("person", ["alice", "mallory", "dana", "audrey"])
def test_others_may_not_propose(request, finding, person):
    with pytest.raises(PermissionDenied):
        agenda_proposal_create(actor=request.getfixturevalue(person), finding=finding, reason="理由")


@pytest.mark.parametrize(("person", "status"), [
    ("alice", 403), ("mallory", 403), ("dana", 403), ("audrey", 403), ("charlie", 404), ("petra", 200), ("carl", 200),
])
def test_who_may_open_the_proposal_form(client, request, finding, person, status):
    client.force_login(request.getfixturevalue(person))
    assert client.get(f"/governance/agenda/propose/finding/{finding.pk}/").status_code == status


def test_an_unknown_source_or_record_is_404(client, petra, finding):
    client.force_login(petra)
    assert client.get(f"/governance/agenda/propose/milestone/{finding.pk}/").status_code == 404
    assert client.get("/governance/agenda/propose/issue/999999/").status_code == 404


def test_staff_see_no_proposal_link(client, alice, finding):
    client.force_login(alice)
    assert "委員会の議題に提案" not in text(client.get("/projects/EAPP/"))


def test_a_reason_is_required_at_the_field(client, petra, finding):
    client.force_login(petra)
    response = client.post(f"/governance/agenda/propose/finding/{finding.pk}/", {"reason": " "})
    assert field_error(response, "reason")
    assert not AgendaProposal.objects.exists()


def test_the_same_finding_is_not_in_the_backlog_twice(petra, finding):
    agenda_proposal_create(actor=petra, finding=finding, reason="一度目")
    with pytest.raises(ValidationError):
        agenda_proposal_create(actor=petra, finding=finding, reason="二度目")


def test_only_recorders_schedule_and_only_once(alice, petra, finding, meeting):
    proposal = AgendaProposalFactory(finding=finding)
    with pytest.raises(PermissionDenied):
        agenda_proposal_schedule(proposal=proposal, meeting=meeting, actor=alice, expected_version=1)
    agenda_proposal_schedule(proposal=proposal, meeting=meeting, actor=petra, expected_version=1)
    with pytest.raises(ValidationError):
        agenda_proposal_schedule(proposal=proposal, meeting=meeting, actor=petra, expected_version=2)


def test_a_meeting_held_before_the_proposal_cannot_take_it(petra, finding):
    past = CommitteeMeetingFactory(number=3, held_on=datetime.date(2022, 9, 1))
    proposal = AgendaProposalFactory(finding=finding)
    with pytest.raises(ValidationError) as error:
        agenda_proposal_schedule(proposal=proposal, meeting=past, actor=petra, expected_version=1)
    assert list(error.value.message_dict) == ["meeting"]


@pytest.mark.parametrize(("person", "status"), [("alice", 403), ("carl", 302), ("petra", 302)])
def test_who_may_press_the_schedule_button(client, request, finding, meeting, person, status):
    proposal = AgendaProposalFactory(finding=finding)
    client.force_login(request.getfixturevalue(person))
    response = client.post(f"/governance/committee/5/agenda/proposals/{proposal.pk}/add/", {"kind": "report", "version": 1})
    assert response.status_code == status


def test_editing_the_meeting_keeps_the_link_and_dropping_the_item_returns_it_to_the_backlog(petra, finding, meeting):
    proposal = agenda_proposal_schedule(
        proposal=AgendaProposalFactory(finding=finding), meeting=meeting, actor=petra, expected_version=1
    )
    item = proposal.agenda_item
    kept = {"title": "冒頭挨拶", "kind": "report", "presenter": None}
    linked = {"title": item.title, "kind": "consultation", "presenter": item.presenter, "pk": item.pk}
    meeting = committee_meeting_update(meeting=meeting, actor=petra, expected_version=1, number=5,
                                       held_on=meeting.held_on, title=meeting.title, agenda_items=[kept, linked])
    proposal.refresh_from_db()
    assert (proposal.agenda_item.pk, proposal.agenda_item.order, proposal.agenda_item.kind) == (item.pk, 2, "consultation")
    committee_meeting_update(meeting=meeting, actor=petra, expected_version=2, number=5, held_on=meeting.held_on,
                             title=meeting.title, agenda_items=[kept])
    proposal.refresh_from_db()
    assert (proposal.state, proposal.meeting, proposal.agenda_item) == (AgendaProposal.State.PROPOSED, None, None)


def test_the_meeting_page_runs_a_fixed_number_of_queries(client, petra, division, meeting, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            project = ProjectFactory(division=division)
            scheduled = AgendaProposalFactory(finding=FindingFactory(project=project))
            agenda_proposal_schedule(proposal=scheduled, meeting=meeting, actor=petra, expected_version=1)
            AgendaProposalFactory(issue=ProjectIssueFactory(project=project), finding=None)

    add(2)
    client.force_login(petra)
    client.get("/governance/committee/5/")
    # session, user, roles, the header's counts, the meeting, its agenda (with each item's proposal and project),
    # attendees, decisions, the backlog (with projects and proposers), the issued packs, the agenda items' forwarded
    # items and the meeting's attachments, and the history section (the meeting's rows, its attachments' rows)
    with django_assert_num_queries(14) as first:
        client.get("/governance/committee/5/")
    add(6)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/governance/committee/5/")


def test_pressing_the_button_twice_puts_it_on_the_agenda_once(client, petra, finding, meeting):
    proposal = AgendaProposalFactory(finding=finding)
    client.force_login(petra)
    url = f"/governance/committee/5/agenda/proposals/{proposal.pk}/add/"
    client.post(url, {"kind": "report", "version": 1})
    # The page's version is now stale: the second press is refused with the conflict message, not a 404.
    response = client.post(url, {"kind": "report", "version": 1}, follow=True)
    assert "他の利用者がこの記録を更新しました（版 1 → 2）" in text(response)
    # With the current version, the service says why.
    response = client.post(url, {"kind": "report", "version": 2}, follow=True)
    assert "この提案は既に会議の議題に追加されています。" in text(response)
    assert AgendaItem.objects.count() == 1
