"""load_demo's governance bodies: the council as the source dates it, a committee history, a mixed matrix."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from governance.models import (
    ActionItem,
    CommitteeMeeting,
    CouncilMeeting,
    Decision,
    MunicipalDxStatus,
    Municipality,
    validate_local_government_code,
)
from governance.selectors import action_items_past_due
from tests.governance.helpers import load_governance_demo
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
SOURCE_DATE = datetime.date(2022, 10, 4)


@pytest.fixture
def demo(db):
    load_governance_demo()


def test_the_members_are_the_prefecture_and_33_municipalities_with_valid_codes(demo):
    assert Municipality.objects.municipal().count() == 33
    assert Municipality.objects.get(code="140007").name == "神奈川県"
    assert Municipality.objects.get(code="141003").name == "横浜市"
    for code in Municipality.objects.values_list("code", flat=True):
        validate_local_government_code(code)


def test_the_council_met_as_the_source_dates_it(demo):
    plenaries = list(CouncilMeeting.objects.filter(kind="plenary").order_by("held_on").values_list("held_on", flat=True))
    working = list(CouncilMeeting.objects.filter(kind="working").values_list("held_on", flat=True))
    assert len(plenaries) == 2 and (plenaries[0].year, plenaries[0].month) == (2021, 11)
    assert plenaries[1] < SOURCE_DATE
    assert [(d.year, d.month) for d in working] == [(2022, 2)]
    assert CouncilMeeting.objects.get(kind="plenary", number=1).attendees.count() == 34


def test_the_committee_history_runs_from_fy2021_to_september_2022_with_superseded_decisions(demo):
    held = list(CommitteeMeeting.objects.order_by("number").values_list("held_on", flat=True))
    assert held[0] >= datetime.date(2021, 4, 1) and held[-1] <= datetime.date(2022, 9, 30)
    titles = " ".join(Decision.objects.values_list("title", flat=True))
    for initiative in ("キャッシュレス", "収入証紙", "電子契約", "次期KSC", "AI-OCR", "電子決裁率100%"):
        assert initiative in titles
    superseded = Decision.objects.filter(status=Decision.Status.SUPERSEDED)
    assert superseded.count() >= 3
    assert all(old.superseded_by.exists() for old in superseded)


def test_action_items_are_done_open_and_overdue_as_of_the_source_date(demo):
    statuses = set(ActionItem.objects.values_list("status", flat=True))
    assert statuses == {"open", "in_progress", "done"}
    overdue = action_items_past_due(today=SOURCE_DATE)
    assert overdue.filter(owner_division__code="dx-office").exists()
    assert overdue.count() < ActionItem.objects.exclude(status="done").count()


def test_the_demo_staff_member_sees_their_divisions_items(demo, client):
    client.force_login(get_user_model().objects.get(username="staff"))
    text = client.get("/governance/action-items/", {"mine": "true"}).text
    assert "AI-OCRの対象帳票の各局照会" in text and "ウェアラブルカメラ" not in text


def test_the_matrix_is_full_mixed_and_the_same_on_every_run(demo):
    cells = dict(MunicipalDxStatus.objects.values_list("pk", "status"))
    assert len(cells) == 33 * 6
    assert set(cells.values()) == set(MunicipalDxStatus.Status.values)
    load_governance_demo()
    assert dict(MunicipalDxStatus.objects.values_list("pk", "status")) == cells


def test_decisions_concern_the_demo_projects_that_exist_and_skip_the_others(db):
    ProjectFactory(code="E-CONTRACT", name="電子契約の導入")
    load_governance_demo()
    assert [p.code for p in Decision.objects.get(reference="4-1").related_projects.all()] == ["E-CONTRACT"]
    assert not Decision.objects.get(reference="2-3").related_projects.exists()
