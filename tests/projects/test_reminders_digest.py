"""PMO's daily digest: overdue projects, findings awaiting an answer past due, action items past due; once a day."""

import datetime

import pytest
from django.core import mail

from projects.models import Finding, PmoDigest
from tests.governance.factories import ActionItemFactory, DecisionFactory
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.test_reminders import DUE, ESCALATED, OVERDUE, sweep_at


def digests():
    return [m for m in mail.outbox if "PMO日次ダイジェスト" in m.subject]


@pytest.fixture
def late_things(alice, mallory, petra, division, other_division):
    """Two late projects, one finding and one action item past due; and what is not late."""
    ProjectFactory(code="RPA-2022", name="RPA導入", division=division, **OVERDUE)
    ProjectFactory(code="GIGA-2022", name="GIGAスクール", division=division, **ESCALATED)
    ProjectFactory(code="KINTONE-2022", division=division, **DUE)  # due, not yet overdue
    on_time = ProjectFactory(code="WATER-2022", division=other_division, last_reported_on=datetime.date(2022, 9, 30))
    FindingFactory(
        project=on_time, written_by=petra, title="移行リハーサルの判定基準", response_due_on=datetime.date(2022, 9, 30)
    )
    FindingFactory(
        project=on_time,
        written_by=petra,
        title="回答済みの指摘",
        response_due_on=datetime.date(2022, 9, 1),
        status=Finding.Status.ANSWERED,
    )
    FindingFactory(project=on_time, written_by=petra, title="まだ期限前の指摘", response_due_on=datetime.date(2022, 10, 4))
    decision = DecisionFactory(reference="3-1", title="電子申請の原則化")
    ActionItemFactory(
        decision=decision, owner_division=other_division, title="電子申請の手続一覧を作成する", due_on=datetime.date(2022, 9, 30)
    )
    ActionItemFactory(
        decision=decision, owner_division=other_division, title="完了した対応事項", due_on=datetime.date(2022, 9, 1), done=True
    )
    ActionItemFactory(
        decision=decision, owner_division=other_division, title="来月期限の対応事項", due_on=datetime.date(2022, 11, 30)
    )


@pytest.mark.usefixtures("late_things")
def test_pmo_gets_a_digest_of_everything_late():
    sweep_at(2022, 10, 4)

    [digest] = digests()
    assert digest.to == ["petra@pref.example.lg.jp"]
    assert "報告遅延 2件・回答期限超過の指摘 1件・期限超過の対応事項 1件" in digest.subject
    body = digest.body
    assert "RPA-2022 RPA導入" in body and "GIGA-2022 GIGAスクール" in body
    assert "移行リハーサルの判定基準" in body
    assert "電子申請の手続一覧を作成する" in body and "3-1 電子申請の原則化" in body
    for not_late in ("KINTONE-2022", "回答済みの指摘", "まだ期限前の指摘", "完了した対応事項", "来月期限の対応事項"):
        assert not_late not in body
    [(html, _)] = digest.alternatives
    assert "<caption>進捗報告が遅れている案件（2件）</caption>" in html
    assert "-- English --" in body and "As of 2022-10-04: 2 project(s)" in body


@pytest.mark.usefixtures("late_things")
def test_the_digest_goes_out_once_per_business_day():
    sweep_at(2022, 10, 4)
    sweep_at(2022, 10, 4, hour=15)
    sweep_at(2022, 10, 8)  # Saturday
    sweep_at(2022, 10, 11)

    assert len(digests()) == 2
    assert list(PmoDigest.objects.order_by("sent_on").values_list("sent_on", flat=True)) == [
        datetime.date(2022, 10, 4),
        datetime.date(2022, 10, 11),
    ]


def test_there_is_no_digest_when_nothing_is_late(petra, alice, division):
    ProjectFactory(division=division, **DUE)

    sweep = sweep_at(2022, 10, 4)

    assert sweep.digest is None and digests() == []
    assert not PmoDigest.objects.exists()


def test_an_action_item_past_due_alone_is_worth_a_digest(petra, division):
    ActionItemFactory(owner_division=division, title="調達仕様書の標準化", due_on=datetime.date(2022, 10, 3))

    sweep_at(2022, 10, 4)

    [digest] = digests()
    assert "調達仕様書の標準化" in digest.body
