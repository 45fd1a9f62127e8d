"""The admin writes only through the services (dx_portal.admin.ServiceAdmin): whatever a service refuses, the
admin refuses at the field, with the same message, and saves nothing; what the admin cannot express through
a service (decisions, meetings, observations, reports) it shows read-only."""

import pytest

from governance.models import ActionItem, CommitteeMeeting, CouncilMeeting, Decision, MunicipalDxStatus
from kpis.models import Indicator
from projects.models import Project
from tests.governance.factories import (
    ActionItemFactory,
    CommitteeMeetingFactory,
    CouncilMeetingFactory,
    DecisionFactory,
    MunicipalDxStatusFactory,
)
from tests.kpis.factories import IndicatorFactory
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, served_form, text

pytestmark = FROZEN


@pytest.mark.parametrize("status", ["superseded", "rejected"])
def test_a_decision_cannot_be_changed_there_not_even_marked_superseded(client, petra, status):
    decision = DecisionFactory(status=Decision.Status.PROPOSED)
    client.force_login(petra)
    url = f"/admin/governance/decision/{decision.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": status, "title": "改ざん", "decision_text": "改ざん"})
    assert response.status_code == 403
    decision.refresh_from_db()
    assert (decision.status, decision.version) == ("proposed", 1)
    assert client.get("/admin/governance/decision/add/").status_code == 403


def test_a_committee_meeting_is_read_there_its_agenda_replaced_only_by_its_page(client, petra):
    meeting = CommitteeMeetingFactory()
    client.force_login(petra)
    response = client.post(f"/admin/governance/committeemeeting/{meeting.pk}/change/", {"title": "改ざん"})
    assert response.status_code == 403
    assert CommitteeMeeting.objects.get().title == meeting.title


def test_a_future_as_of_date_is_refused_as_the_service_refuses_it(client, petra):
    cell = MunicipalDxStatusFactory()
    client.force_login(petra)
    url = f"/admin/governance/municipaldxstatus/{cell.pk}/change/"
    response = client.post(url, served_form(client, url, status="done", as_of="2022-10-05"))
    assert "基準日に未来の日付は指定できません。" in text(response)
    cell.refresh_from_db()
    assert (cell.status, cell.version) == ("planning", 1)


def test_a_dx_status_change_goes_through_the_service(client, petra):
    cell = MunicipalDxStatusFactory()
    client.force_login(petra)
    url = f"/admin/governance/municipaldxstatus/{cell.pk}/change/"
    assert client.post(url, served_form(client, url, status="done", as_of="2022-10-03")).status_code == 302
    cell = MunicipalDxStatus.objects.get()
    assert (cell.status, cell.version, cell.history.latest().history_user) == ("done", 2, petra)


def test_an_action_item_marked_done_needs_a_completion_note_as_on_its_page(client, petra):
    item = ActionItemFactory()
    client.force_login(petra)
    url = f"/admin/governance/actionitem/{item.pk}/change/"
    response = client.post(url, served_form(client, url, status="done", completion_note=""))
    assert "完了にするには完了報告を入力してください。" in text(response)
    assert ActionItem.objects.get().status == "open"


def test_a_stale_admin_edit_is_refused_with_the_services_message(client, petra):
    meeting = CouncilMeetingFactory()
    client.force_login(petra)
    url = f"/admin/governance/councilmeeting/{meeting.pk}/change/"
    stale = served_form(client, url, title="私の変更")
    CouncilMeeting.objects.filter(pk=meeting.pk).update(version=2, title="他の人の変更")
    response = client.post(url, stale)
    assert "他の利用者がこの記録を更新しました（版 1 → 2）。" in text(response)
    assert CouncilMeeting.objects.get().title == "他の人の変更"


def test_a_council_meeting_is_corrected_through_the_service(client, petra):
    meeting = CouncilMeetingFactory()
    client.force_login(petra)
    url = f"/admin/governance/councilmeeting/{meeting.pk}/change/"
    assert client.post(url, served_form(client, url, title="第1回 推進会議（訂正）")).status_code == 302
    meeting = CouncilMeeting.objects.get()
    assert (meeting.title, meeting.version, meeting.history.latest().history_user) == ("第1回 推進会議（訂正）", 2, petra)


def test_a_far_project_end_is_refused_at_its_field(client, petra, division):
    project = ProjectFactory(division=division)
    client.force_login(petra)
    url = f"/admin/projects/project/{project.pk}/change/"
    response = client.post(url, served_form(client, url, planned_end="9999-12-31"))
    assert "平成元年1月8日から令和82年12月31日までの日付を入力してください。" in text(response)
    assert Project.objects.get().version == 1


@pytest.mark.parametrize("model", ["decision", "committeemeeting", "actionitem", "councilmeeting", "municipaldxstatus",
                                   "municipality"])
def test_nothing_of_governance_is_deleted_there(client, petra, model):
    records = {"decision": DecisionFactory, "committeemeeting": CommitteeMeetingFactory, "actionitem": ActionItemFactory,
               "councilmeeting": CouncilMeetingFactory, "municipaldxstatus": MunicipalDxStatusFactory}
    record = records.get(model, MunicipalDxStatusFactory)()
    pk = record.municipality_id if model == "municipality" else record.pk
    client.force_login(petra)
    assert client.post(f"/admin/governance/{model}/{pk}/delete/", {"post": "yes"}).status_code == 403


def test_indicators_are_not_deleted_there_either(client, petra, division):
    indicator = IndicatorFactory(division=division)
    client.force_login(petra)
    assert client.post(f"/admin/kpis/indicator/{indicator.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Indicator.objects.filter(pk=indicator.pk).exists()
