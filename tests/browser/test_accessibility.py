"""Every list, detail and form page on the demo data, as the person who uses it: JIS X 8341-3 (WCAG 2.1 AA)
by axe-core with no serious or critical violation, and no sideways scrolling of the page at a phone's width."""

from urllib.parse import urlparse

import pytest
from django.contrib.contenttypes.models import ContentType

from governance.models import ActionItem, CouncilMeeting, Decision, ForwardedItem, MunicipalDxStatus
from inquiries.models import Inquiry, Question
from kpis.models import Observation
from projects.models import Finding, Milestone, ProjectIssue, StatusReport
from tests.browser.harness import PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _pk(model, **filters) -> int:
    return model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()


# The demo records behind paths that hold a database id (ids differ between databases and runs).
IDS = {
    "report": lambda: _pk(StatusReport, project__code="KSC-NEXT"),
    "issue": lambda: _pk(ProjectIssue, project__code="KSC-NEXT"),
    "finding": lambda: _pk(Finding, project__code="DATA-PLATFORM", status=Finding.Status.OPEN),
    "milestone": lambda: _pk(Milestone, project__code="KSC-NEXT"),
    "observation": lambda: _pk(Observation, indicator__code="rpa-tasks"),
    "action_item": lambda: _pk(ActionItem, owner_division__code="dx-office", status=ActionItem.Status.OPEN),
    "council_meeting": lambda: _pk(CouncilMeeting),
    "inquiry": lambda: _pk(Inquiry),
    "working_meeting": lambda: _pk(CouncilMeeting, kind=CouncilMeeting.Kind.WORKING),
    "forwarded": lambda: _pk(ForwardedItem),
    "decision_record": lambda: f"{ContentType.objects.get_for_model(Decision).pk}/{_pk(Decision, reference='4-1')}",
    "inquiry_choice": lambda: _pk(Question, kind=Question.Kind.CHOICE),
    "dx_status": lambda: "/".join(MunicipalDxStatus.objects.order_by("pk").values_list("municipality__code", "focus_area")[0]),
}


def visit(person, path, status=200):
    return pytest.param(person, path, status, id=f"{person or 'anonymous'}:{path}")


PAGES = [
    visit(None, "/accounts/login/"),
    # projects
    visit("staff", "/projects/"),
    visit("staff", "/projects/mine/"),
    visit("staff", "/projects/KSC-NEXT/"),
    visit("pmo", "/projects/DATA-PLATFORM/"),
    visit("staff", "/projects/KSC-NEXT/edit/"),
    visit("staff", "/projects/KSC-NEXT/reports/new/"),
    visit("pmo", "/projects/KSC-NEXT/reports/{report}/review/"),
    visit("staff", "/projects/KSC-NEXT/issues/new/"),
    visit("staff", "/projects/KSC-NEXT/issues/{issue}/edit/"),
    visit("pmo", "/projects/DATA-PLATFORM/findings/new/"),
    visit("staff", "/projects/DATA-PLATFORM/findings/{finding}/answer/"),
    visit("staff", "/projects/KSC-NEXT/milestones/new/"),
    visit("staff", "/projects/KSC-NEXT/milestones/{milestone}/edit/"),
    visit("pmo", "/projects/KSC-NEXT/gate-reviews/new/"),
    visit("pmo", "/governance/agenda/propose/finding/{finding}/"),
    visit("auditor", "/projects/DATA-PLATFORM/history/"),
    # portfolio
    visit("cio", "/portfolio/"),
    # my work and the notices
    visit("cio", "/my/"),
    visit("manager", "/my/"),
    visit("pmo", "/my/"),
    visit("staff", "/notifications/"),
    visit("staff", "/notifications/settings/"),
    # kpis
    visit(None, "/kpis/"),
    visit("staff", "/kpis/"),
    visit(None, "/kpis/e-approval-rate/"),
    visit("staff", "/kpis/rpa-tasks/"),
    visit("staff", "/kpis/rpa-tasks/observations/new/"),
    visit("staff", "/kpis/rpa-tasks/observations/{observation}/edit/"),
    visit("staff", "/kpis/import/"),
    # search
    visit("staff2", "/search/?q=契約"),
    visit("staff2", "/search/?q="),
    # governance
    visit("director", "/governance/"),
    visit("director", "/governance/committee/"),
    visit("director", "/governance/committee/4/"),
    visit("pmo", "/governance/committee/4/"),
    visit("pmo", "/governance/committee/new/"),
    visit("pmo", "/governance/committee/4/edit/"),
    visit("cio", "/governance/decisions/"),
    visit("pmo", "/governance/decisions/2-1/"),
    visit("pmo", "/governance/decisions/new/"),
    visit("pmo", "/governance/decisions/4-4/edit/"),
    visit("pmo", "/governance/decisions/4-4/action-items/new/"),
    visit("staff", "/governance/action-items/"),
    visit("staff", "/governance/action-items/{action_item}/"),
    visit("pmo", "/governance/council/"),
    visit("pmo", "/governance/council/{council_meeting}/"),
    visit("pmo", "/governance/council/new/"),
    visit("pmo", "/governance/council/{council_meeting}/edit/"),
    visit("staff", "/governance/municipalities/"),
    visit("pmo", "/governance/municipalities/"),
    visit("pmo", "/governance/municipalities/141003/contact/"),
    visit("pmo", "/governance/dx-status/"),
    visit("pmo", "/governance/dx-status/{dx_status}/"),
    # people: the list (its date filter), a person's placements with their dates, the transfer list
    visit("pmo", "/people/staff/"),
    visit("pmo", "/people/"),
    visit("pmo", "/people/transfers/"),
    visit("staff", "/governance/inquiries/"),
    visit("staff", "/governance/inquiries/{inquiry}/"),
    visit("pmo", "/governance/inquiries/new/"),
    visit("pmo", "/governance/inquiries/{inquiry}/answers/141003/"),
    visit("pmo", "/governance/inquiries/{inquiry}/answers/143839/"),
    visit("pmo", "/governance/inquiries/{inquiry}/import/"),
    visit("pmo", "/governance/inquiries/{inquiry}/dx-status/{inquiry_choice}/"),
    visit("pmo", "/governance/council/{working_meeting}/forward/"),
    visit("pmo", "/governance/committee/4/agenda/1/forward/"),
    visit("pmo", "/governance/forwarded/{forwarded}/"),
    visit("pmo", "/attachments/new/{decision_record}/"),
    # errors
    visit("staff", "/portfolio/", 403),
    visit("staff", "/projects/NO-SUCH-PROJECT/", 404),
]


@pytest.mark.parametrize(("person", "path", "status"), PAGES)
def test_each_page_passes_axe_and_fits_a_phone(page, demo_site, person, path, status):
    path = path.format(**{name: id_of() for name, id_of in IDS.items() if f"{{{name}}}" in path})
    response = demo_site.open(page, path, as_user=person)
    assert response.status == status
    assert urlparse(page.url).path == urlparse(path).path, "redirected: signed out, or the page moved"
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
