"""Whatever a user typed comes back as text, never as markup: one payload per place that shows user text.

Each case stores ``XSS_PAYLOAD`` where a user could put it, then opens the page (or builds the e-mail) that
shows it, as someone allowed to see it. Add a case per free-text field a page shows.
"""

import datetime

import pytest

from dx_portal import emails
from dx_portal.models import AuditEvent, SavedView
from governance.models import MunicipalDxStatus
from projects import services
from tests.governance.factories import (
    ActionItemFactory,
    CommitteeMeetingFactory,
    CouncilMeetingFactory,
    DecisionFactory,
    MunicipalDxStatusFactory,
    MunicipalityFactory,
)
from tests.kpis.factories import IndicatorFactory, ObservationFactory
from tests.projects.factories import FindingFactory, MilestoneFactory, ProjectFactory, ProjectIssueFactory, StatusReportFactory
from tests.security.pages import XSS_PAYLOAD, assert_shows_escaped


def as_(client, user, path):
    client.force_login(user)
    return client.get(path)


# --- the shell and the admin ---------------------------------------------------------------------------


def full_name_in_the_header(client, alice, **_):
    alice.first_name = XSS_PAYLOAD
    alice.save()
    return as_(client, alice, "/no-such-page/")


def name_in_the_admin_welcome(client, petra, **_):
    petra.first_name = XSS_PAYLOAD
    petra.save()
    return as_(client, petra, "/admin/")


def username_typed_at_the_login_form(client, **_):
    return client.post("/accounts/login/", {"username": XSS_PAYLOAD, "password": "wrong"})


def username_typed_at_login_in_the_audit_log(client, petra, **_):
    client.post("/accounts/login/", {"username": XSS_PAYLOAD, "password": "wrong"})
    return as_(client, petra, "/admin/dx_portal/auditevent/")


def user_agent_in_an_audit_event(client, petra, **_):
    client.post("/accounts/login/", {"username": "x", "password": "wrong"}, HTTP_USER_AGENT=XSS_PAYLOAD)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    return as_(client, petra, f"/admin/dx_portal/auditevent/{event.pk}/change/")


# --- projects ------------------------------------------------------------------------------------------


def project_name_in_the_project_list(client, alice, division, **_):
    ProjectFactory(code="DX-1", division=division, name=XSS_PAYLOAD)
    return as_(client, alice, "/projects/")


def project_name_on_its_page(client, alice, division, **_):
    ProjectFactory(code="DX-1", division=division, name=XSS_PAYLOAD)
    return as_(client, alice, "/projects/DX-1/")


def project_description_on_its_page(client, alice, division, **_):
    ProjectFactory(code="DX-1", division=division, description=XSS_PAYLOAD)
    return as_(client, alice, "/projects/DX-1/")


def status_report_summary_on_the_project_page(client, alice, division, **_):
    StatusReportFactory(project=ProjectFactory(code="DX-1", division=division), summary=XSS_PAYLOAD)
    return as_(client, alice, "/projects/DX-1/")


def issue_title_on_the_project_page(client, alice, division, **_):
    ProjectIssueFactory(project=ProjectFactory(code="DX-1", division=division), title=XSS_PAYLOAD)
    return as_(client, alice, "/projects/DX-1/")


def finding_body_on_the_project_page(client, alice, division, **_):
    FindingFactory(project=ProjectFactory(code="DX-1", division=division), body=XSS_PAYLOAD)
    return as_(client, alice, "/projects/DX-1/")


def finding_answer_on_the_project_page(client, alice, division, **_):
    finding = FindingFactory(project=ProjectFactory(code="DX-1", division=division))
    services.finding_answer(finding=finding, actor=alice, expected_version=1, response=XSS_PAYLOAD)
    return as_(client, alice, "/projects/DX-1/")


def milestone_name_on_the_project_page(client, alice, division, **_):
    MilestoneFactory(project=ProjectFactory(code="DX-1", division=division), name=XSS_PAYLOAD)
    return as_(client, alice, "/projects/DX-1/")


def project_name_in_the_change_history(client, alice, audrey, division, **_):
    project = ProjectFactory(code="DX-1", division=division)
    services.project_update(project=project, actor=alice, expected_version=1, name=XSS_PAYLOAD)
    return as_(client, audrey, "/projects/DX-1/history/")


def project_name_in_a_portfolio_row(client, carl, division, **_):
    ProjectFactory(code="DX-1", division=division, name=XSS_PAYLOAD)
    return as_(client, carl, "/portfolio/")


def project_name_in_the_exceptions_panel(client, carl, division, **_):
    ProjectFactory(code="DX-1", division=division, name=XSS_PAYLOAD, health="red")
    return as_(client, carl, "/portfolio/?ordering=code")


def issue_title_and_owner_in_the_risk_register(client, alice, division, **_):
    ProjectIssueFactory(project=ProjectFactory(code="DX-1", division=division), title=XSS_PAYLOAD, owner=XSS_PAYLOAD)
    return as_(client, alice, "/registers/risks/")


def finding_title_in_the_findings_register(client, alice, division, **_):
    FindingFactory(project=ProjectFactory(code="DX-1", division=division), title=XSS_PAYLOAD)
    return as_(client, alice, "/registers/findings/")


def saved_view_name_on_the_page(client, petra, **_):
    SavedView.objects.create(owner=petra, page=SavedView.Page.RISKS, name=XSS_PAYLOAD, query="kind=risk")
    return as_(client, petra, "/registers/risks/?reset=1")


def milestone_name_in_a_portfolio_row(client, carl, division, **_):
    MilestoneFactory(project=ProjectFactory(code="DX-1", division=division), name=XSS_PAYLOAD)
    # The milestone's column is not among the default ones.
    return as_(client, carl, "/portfolio/?cols=all")


# --- KPIs ----------------------------------------------------------------------------------------------


def observation_note_on_the_indicator_page(client, **_):
    ObservationFactory(indicator=IndicatorFactory(code="rpa-tasks"), note=XSS_PAYLOAD)
    return client.get("/kpis/rpa-tasks/")


def observation_source_on_the_indicator_page(client, **_):
    ObservationFactory(indicator=IndicatorFactory(code="rpa-tasks"), source_document=XSS_PAYLOAD)
    return client.get("/kpis/rpa-tasks/")


def indicator_name_in_the_chart(client, **_):
    ObservationFactory(indicator=IndicatorFactory(code="rpa-tasks", name_ja=XSS_PAYLOAD))
    return client.get("/kpis/rpa-tasks/")


def indicator_name_in_the_trend_line_of_the_list(client, **_):
    ObservationFactory(indicator=IndicatorFactory(code="rpa-tasks", name_ja=XSS_PAYLOAD))
    return client.get("/kpis/")


# --- governance ----------------------------------------------------------------------------------------


def decision_title_on_its_page(client, alice, **_):
    DecisionFactory(reference="1-1", meeting__number=1, sequence=1, title=XSS_PAYLOAD)
    return as_(client, alice, "/governance/decisions/1-1/")


def decision_text_on_its_page(client, alice, **_):
    DecisionFactory(reference="1-1", meeting__number=1, sequence=1, decision_text=XSS_PAYLOAD)
    return as_(client, alice, "/governance/decisions/1-1/")


def action_item_completion_note_on_its_page(client, alice, division, **_):
    item = ActionItemFactory(owner_division=division, done=True, completion_note=XSS_PAYLOAD)
    return as_(client, alice, f"/governance/action-items/{item.pk}/")


def committee_meeting_minutes_on_its_page(client, alice, **_):
    CommitteeMeetingFactory(number=1, minutes=XSS_PAYLOAD)
    return as_(client, alice, "/governance/committee/1/")


def council_meeting_minutes_on_its_page(client, alice, **_):
    meeting = CouncilMeetingFactory(minutes=XSS_PAYLOAD)
    return as_(client, alice, f"/governance/council/{meeting.pk}/")


def dx_status_note_on_its_cell_page(client, alice, **_):
    MunicipalDxStatusFactory(
        municipality=MunicipalityFactory(code="141003", name="横浜市"),
        focus_area=MunicipalDxStatus.FocusArea.AI_RPA,
        note=XSS_PAYLOAD,
    )
    return as_(client, alice, "/governance/dx-status/141003/ai_rpa/")


# --- e-mails -------------------------------------------------------------------------------------------


def html_body(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def project_name_in_a_reminder(division, **_):
    project = ProjectFactory(code="DX-1", division=division, name=XSS_PAYLOAD)
    return html_body(emails.report_reminder(project=project, level="overdue", to=["alice@pref.example.lg.jp"]))


def finding_and_action_item_titles_in_the_pmo_digest(division, **_):
    finding = FindingFactory(project=ProjectFactory(code="DX-1", division=division), title=XSS_PAYLOAD)
    item = ActionItemFactory(owner_division=division, title=XSS_PAYLOAD)
    day = datetime.date(2022, 12, 1)
    return html_body(emails.pmo_digest(day=day, projects=[], findings=[finding], action_items=[item], to=["pmo@x"]))


CASES = [
    full_name_in_the_header,
    name_in_the_admin_welcome,
    username_typed_at_the_login_form,
    username_typed_at_login_in_the_audit_log,
    user_agent_in_an_audit_event,
    project_name_in_the_project_list,
    project_name_on_its_page,
    project_description_on_its_page,
    status_report_summary_on_the_project_page,
    issue_title_on_the_project_page,
    finding_body_on_the_project_page,
    finding_answer_on_the_project_page,
    milestone_name_on_the_project_page,
    project_name_in_the_change_history,
    project_name_in_a_portfolio_row,
    milestone_name_in_a_portfolio_row,
    project_name_in_the_exceptions_panel,
    issue_title_and_owner_in_the_risk_register,
    finding_title_in_the_findings_register,
    saved_view_name_on_the_page,
    observation_note_on_the_indicator_page,
    observation_source_on_the_indicator_page,
    indicator_name_in_the_chart,
    indicator_name_in_the_trend_line_of_the_list,
    decision_title_on_its_page,
    decision_text_on_its_page,
    action_item_completion_note_on_its_page,
    committee_meeting_minutes_on_its_page,
    council_meeting_minutes_on_its_page,
    dx_status_note_on_its_cell_page,
    project_name_in_a_reminder,
    finding_and_action_item_titles_in_the_pmo_digest,
]


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_the_page_shows_the_payload_escaped(client, alice, petra, carl, audrey, division, case):
    assert_shows_escaped(case(client=client, alice=alice, petra=petra, carl=carl, audrey=audrey, division=division))


def test_the_check_fails_on_a_page_that_shows_the_payload_raw():
    class Page:
        content = f"<p>{XSS_PAYLOAD}</p>".encode()

    with pytest.raises(AssertionError):
        assert_shows_escaped(Page())
