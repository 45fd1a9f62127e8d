"""decision_record and decision_update: the decision log, numbered per meeting, kept with its history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from governance.models import Decision
from governance.services import decision_record, decision_update
from tests.governance.factories import CommitteeMeetingFactory, DecisionFactory
from tests.organisation.factories import BureauFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

DECISION = dict(
    title="電子契約の導入",
    kind="decision",
    status="agreed",
    context="実証実験で効果を確認した。",
    options="A 一斉導入\nB 段階的に導入",
    decision_text="事業者に十分な説明を行った上で導入する。",
    rationale="権限の整理が課題として明らかになったため。",
    consequences="契約課が説明資料を作成する。",
)


def test_it_numbers_decisions_within_their_meeting(petra):
    meeting = CommitteeMeetingFactory(number=4)
    first = decision_record(meeting=meeting, actor=petra, **DECISION)
    second = decision_record(meeting=meeting, actor=petra, **{**DECISION, "title": "電子決裁率100%"})
    assert (first.reference, second.reference) == ("4-1", "4-2")


def test_it_keeps_who_agreed_the_bureaus_and_the_projects_concerned(petra, carl, dana):
    project, bureau = ProjectFactory(code="E-CONTRACT"), BureauFactory(code="general-affairs", name="総務局")
    decision = decision_record(
        meeting=CommitteeMeetingFactory(), actor=petra, agreed_by=[carl, dana], bureaus=[bureau],
        related_projects=[project], **DECISION,
    )
    assert set(decision.agreed_by.all()) == {carl, dana}
    assert list(decision.bureaus.all()) == [bureau]
    assert list(decision.related_projects.all()) == [project]
    assert decision.history.get().history_user == petra


def test_only_committee_members_agree(petra, alice):
    with pytest.raises(ValidationError) as error:
        decision_record(meeting=CommitteeMeetingFactory(), actor=petra, agreed_by=[alice], **DECISION)
    assert "agreed_by" in error.value.message_dict
    assert not Decision.objects.exists()


@pytest.mark.parametrize("person", ["alice", "mallory", "charlie", "dana", "audrey", "fiona", "nobody"])
def test_only_pmo_and_the_cio_record_decisions(request, person):
    with pytest.raises(PermissionDenied):
        decision_record(meeting=CommitteeMeetingFactory(), actor=request.getfixturevalue(person), **DECISION)
    assert not Decision.objects.exists()


def test_a_decision_is_not_recorded_as_superseded_directly(petra):
    with pytest.raises(ValidationError) as error:
        decision_record(meeting=CommitteeMeetingFactory(), actor=petra, **{**DECISION, "status": "superseded"})
    assert "status" in error.value.message_dict


def test_the_decision_text_is_required(petra):
    with pytest.raises(ValidationError) as error:
        decision_record(meeting=CommitteeMeetingFactory(), actor=petra, **{**DECISION, "decision_text": ""})
    assert "decision_text" in error.value.message_dict


def test_an_update_moves_a_proposal_to_agreed_and_keeps_both_versions(carl):
    decision = DecisionFactory(status=Decision.Status.PROPOSED)
    decision_update(decision=decision, actor=carl, expected_version=1, **{**DECISION, "status": "agreed"})
    decision.refresh_from_db()
    assert (decision.status, decision.version) == ("agreed", 2)
    assert list(decision.history.values_list("status", flat=True)) == ["agreed", "proposed"]
    assert decision.history.first().history_user == carl


def test_an_update_cannot_mark_a_decision_superseded_or_revive_one(petra):
    live, old = DecisionFactory(), DecisionFactory(status=Decision.Status.SUPERSEDED)
    with pytest.raises(ValidationError):
        decision_update(decision=live, actor=petra, expected_version=1, **{**DECISION, "status": "superseded"})
    with pytest.raises(ValidationError):
        decision_update(decision=old, actor=petra, expected_version=1, **{**DECISION, "status": "agreed"})


def test_an_update_from_a_stale_version_is_refused(petra, carl):
    decision = DecisionFactory()
    decision_update(decision=decision, actor=carl, expected_version=1, **{**DECISION, "title": "CIOの修正"})
    with pytest.raises(StaleVersionError):
        decision_update(decision=decision, actor=petra, expected_version=1, **{**DECISION, "title": "PMOの修正"})
    decision.refresh_from_db()
    assert decision.title == "CIOの修正"


def test_the_decision_update_is_refused_to_division_staff(alice):
    with pytest.raises(PermissionDenied):
        decision_update(decision=DecisionFactory(), actor=alice, expected_version=1, **DECISION)
