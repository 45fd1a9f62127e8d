"""A record's history lists its attachments: added or removed, by whom and when, with the file's name and
classification; read once (dx_portal.history) for every record that takes them, in one more query whatever
their number."""

import datetime

import pytest
from django.utils import translation

from dx_portal.history import record_history
from projects.selectors import project_history
from tests.attachments import PDF, attach
from tests.governance.factories import AgendaItemFactory, CouncilMeetingFactory, DecisionFactory
from tests.governance.inquiry_factories import InquiryFactory
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.helpers import FROZEN, file_report, text

pytestmark = FROZEN


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture(autouse=True)
def japanese():
    """The entries are read outside a request here: in the default language, whatever a test before left active."""
    with translation.override("ja"):
        yield


def _attach(record, actor, name="資料.pdf", disclosure="withheld"):
    return attach(record, actor, name, disclosure=disclosure,
                  withholding_ground="deliberation" if disclosure == "withheld" else "")


def test_a_decisions_history_lists_the_attachment_added_by_whom_with_its_classification(client, petra, alice):
    decision = DecisionFactory()
    _attach(decision, petra, "議事録案.pdf")
    _attach(DecisionFactory(), petra, "別の決定の資料.pdf")
    [added] = [entry for entry in record_history(decision) if entry.record]
    assert (added.action, added.record, added.who) == ("添付資料の追加", "議事録案.pdf", f"{petra.last_name} {petra.first_name}")
    changes = {change.label: change.after for change in added.changes}
    assert changes == {"ファイル名": "議事録案.pdf", "サイズ（バイト）": str(len(PDF)), "公開区分": "非公開",
                       "非公開の理由": "審議・検討等情報（意思決定過程）"}
    client.force_login(alice)
    page = text(client.get(f"/governance/decisions/{decision.reference}/"))
    assert "添付資料の追加 議事録案.pdf" in page and "別の決定の資料.pdf" not in page


def test_a_removed_attachment_stays_in_the_history(petra):
    inquiry = InquiryFactory()
    _attach(inquiry, petra, "照会文.pdf").delete()
    actions = [(entry.action, entry.record) for entry in record_history(inquiry) if entry.record]
    assert actions == [("添付資料の削除", "照会文.pdf"), ("添付資料の追加", "照会文.pdf")]


@pytest.mark.parametrize("size", [1, 6])
def test_a_records_history_with_its_attachments_is_two_queries(petra, django_assert_num_queries, size):
    decision = DecisionFactory()
    for n in range(size):
        _attach(decision, petra, f"資料{n}.pdf")
    with django_assert_num_queries(2):  # the decision's versions, the attachments' (each with its history user)
        entries = record_history(decision)
    assert len([entry for entry in entries if entry.record]) == size


def test_the_meeting_pages_list_the_attachments_of_the_meeting_and_of_its_agenda_items(client, petra, alice):
    item = AgendaItemFactory(title="電子契約の導入")
    _attach(item.meeting, petra, "次第.pdf")
    _attach(item, petra, "議題資料.pdf", disclosure="public")
    council = CouncilMeetingFactory()
    _attach(council, petra, "推進会議資料.pdf")
    client.force_login(alice)
    committee_page = text(client.get(f"/governance/committee/{item.meeting.number}/"))
    assert "添付資料の追加 次第.pdf" in committee_page and "添付資料の追加 議題資料.pdf" in committee_page
    assert "推進会議資料.pdf" not in committee_page
    assert "添付資料の追加 推進会議資料.pdf" in text(client.get(f"/governance/council/{council.pk}/"))


def test_the_project_history_lists_the_attachments_of_its_reports_and_findings(client, alice, petra, audrey, division):
    project = ProjectFactory(division=division)
    _attach(file_report(project, alice, datetime.date(2022, 9, 30)), alice, "進捗資料.pdf")
    _attach(FindingFactory(project=project, written_by=petra), alice, "回答資料.pdf")
    _attach(FindingFactory(written_by=petra), petra, "他案件の資料.pdf")
    named = {entry.record for entry in project_history(project=project) if entry.record_type == "添付資料"}
    assert named == {"進捗資料.pdf", "回答資料.pdf"}
    client.force_login(audrey)
    page = text(client.get(f"/projects/{project.code}/history/"))
    assert "添付資料 回答資料.pdf" in page and "添付資料の追加" in page and "他案件の資料.pdf" not in page
