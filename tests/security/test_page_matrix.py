"""Who may open which web page: one exact status code per page and person.

Columns: anon = not logged in; staff = Alice (staff of the owning division); other = Charlie (staff of
another division); mgr = Mallory (Alice's manager); dir = Dana (director of Alice's bureau); pmo = Petra;
cio = Carl; audit = Audrey (auditor); root = a superuser. Paths name records as {placeholders}, filled
from the ``world`` fixture (tests/security/world.py). A POST sends no fields: it shows who gets past the
door (a form page answers 200 with its errors, a button redirects). Every page that answers 200 must also
run under our CSP. Lines starting with # are comments; a code marked ! is a known fault (matrix.py).
"""

import pytest
from django.urls import resolve

from dx_portal import pdf
from tests.missing_dependencies import PDF
from tests.security.matrix import page_url_names, params, parse, rows
from tests.security.pages import blocked_by_csp
from tests.security.world import build_world

PAGES = """
method  path                                                anon  staff  other  mgr  dir  pmo  cio   audit  root
GET     /                                                   302   302    302    302  302  302  302   302    302
GET     /healthz                                            200   200    200    200  200  200  200   200    200
GET     /accounts/login/                                    200   302    302    302  302  302  302   302    302
POST    /accounts/logout/                                   302   302    302    302  302  302  302   302    302
# Password reset by e-mail (a stale link answers 200 with its explanation); the admin's second factor.
GET     /accounts/password_reset/                           200   200    200    200  200  200  200   200    200
GET     /accounts/password_reset/done/                      200   200    200    200  200  200  200   200    200
GET     /accounts/reset/MQ/stale-link/                      200   200    200    200  200  200  200   200    200
GET     /accounts/reset/done/                               200   200    200    200  200  200  200   200    200
GET     /accounts/otp/                                      302   200    200    200  200  200  200   200    200
GET     /api/docs/                                          200   200    200    200  200  200  200   200    200
GET     /admin/                                             302   302    302    302  302  200  302   302    200
GET     /admin/dx_portal/auditevent/                        302   302    302    302  302  200  302   302    200
GET     /admin/dx_portal/auditevent/{event}/change/         302   302    302    302  302  200  302   302    200
GET     /admin/dx_portal/auditevent/add/                    302   302    302    302  302  403  302   302    403
POST    /admin/dx_portal/auditevent/{event}/delete/         302   302    302    302  302  403  302   302    403
GET     /admin/axes/accessattempt/                          302   302    302    302  302  403  302   302    200
# PMO views users in the admin (the membership user picker needs it) and changes them on /people/.
GET     /admin/auth/user/                                   302   302    302    302  302  200  302   302    200
GET     /admin/auth/user/add/                               302   302    302    302  302  403  302   302    200
# People: PMO (and superusers) only; a person who is not there is 404.
GET     /people/                                            302   403    403    403  403  200  403   403    200
GET     /people/new/                                        302   403    403    403  403  200  403   403    200
GET     /people/import/                                     302   403    403    403  403  200  403   403    200
POST    /people/import/                                     302   403    403    403  403  200  403   403    200
GET     /people/alice/                                      302   403    403    403  403  200  403   403    200
GET     /people/nobody-here/                                302   403    403    403  403  404  403   403    404
GET     /people/alice/edit/                                 302   403    403    403  403  200  403   403    200
POST    /people/alice/deactivate/                           302   403    403    403  403  302  403   403    302
POST    /people/alice/reactivate/                           302   403    403    403  403  302  403   403    302
GET     /people/alice/division-memberships/new/             302   403    403    403  403  200  403   403    200
POST    /people/alice/division-memberships/{membership}/remove/  302  403  403  403  403  302  403  403  302
GET     /people/alice/bureau-memberships/new/               302   403    403    403  403  200  403   403    200
POST    /people/hanako/bureau-memberships/{directorship}/remove/  302  403  403  403  403  302  403  403  302
GET     /people/alice/tokens/new/                           302   403    403    403  403  200  403   403    200
POST    /people/alice/tokens/{token}/revoke/                302   403    403    403  403  302  403   403    302
# The transfer list (人事異動): PMO's; an applied transfer is history, changed by nobody.
GET     /people/transfers/                                  302   403    403    403  403  200  403   403    200
GET     /people/transfers/new/                              302   403    403    403  403  200  403   403    200
POST    /people/transfers/new/                              302   403    403    403  403  200  403   403    200
GET     /people/transfers/import/                           302   403    403    403  403  200  403   403    200
POST    /people/transfers/import/                           302   403    403    403  403  200  403   403    200
GET     /people/transfers/{transfer}/edit/                  302   403    403    403  403  200  403   403    200
POST    /people/transfers/{transfer}/edit/                  302   403    403    403  403  200  403   403    200
GET     /people/transfers/{applied}/edit/                   302   403    403    403  403  403  403   403    403
# The hand-over: the former division's records (others 404); its manager and PMO reassign (the rest 403).
GET     /people/handover/                                   302   403    403    200  403  200  403   403    200
GET     /people/handover/{applied}/                         302   200    404    200  200  200  200   200    200
POST    /people/handover/{applied}/                         302   403    404    200  403  200  403   403    200
GET     /people/handover/{transfer}/                        302   404    404    404  404  404  404   404    404
# The audit log: auditors and PMO read it; nobody writes to it.
GET     /audit/                                             302   403    403    403  403  200  403   200    200
GET     /audit/export.csv                                   302   403    403    403  403  200  403   200    200
POST    /audit/                                             302   403    403    403  403  405  403   405    405
# My work and the notices: each person their own; another's notice is not there (404).
GET     /my/                                                302   200    200    200  200  200  200   200    200
GET     /notifications/                                     302   200    200    200  200  200  200   200    200
GET     /notifications/settings/                            302   200    200    200  200  200  200   200    200
POST    /notifications/settings/                            302   200    200    200  200  200  200   200    200
POST    /notifications/read-all/                            302   302    302    302  302  302  302   302    302
GET     /notifications/{notice}/                            302   302    404    404  404  404  404   404    404
POST    /notifications/{notice}/read/                       302   302    404    404  404  404  404   404    404
# Projects: staff change their division's; another division's project is not there (404, as in the API).
GET     /projects/                                          302   200    200    200  200  200  200   200    200
GET     /projects/mine/                                     302   200    200    200  200  200  200   200    200
GET     /projects/{project}/                                302   200    404    200  200  200  200   200    200
GET     /projects/{project}/edit/                           302   200    404    200  403  200  403   403    200
POST    /projects/{project}/watch/                          302   302    404    302  302  302  302   302    302
POST    /projects/{project}/unwatch/                        302   302    404    302  302  302  302   302    302
GET     /projects/{project}/history/                        302   403    404    403  403  200  200   200    200
GET     /projects/{project}/reports/new/                    302   200    404    200  403  200  403   403    200
GET     /projects/{project}/reports/{report}/review/        302   403    404    403  403  200  403   403    200
GET     /projects/{project}/reports/{report}/amend/         302   200    404    200  403  200  403   403    200
GET     /projects/{project}/reports/{report}/withdraw/      302   200    404    200  403  200  403   403    200
GET     /projects/{project}/reports/{pending}/approval/     302   403    404    200  403  403  403   403    403
GET     /projects/{project}/issues/new/                     302   200    404    200  403  200  403   403    200
GET     /projects/{project}/issues/{issue}/edit/            302   200    404    200  403  200  403   403    200
GET     /projects/{project}/findings/new/                   302   403    404    403  403  200  403   403    200
GET     /projects/{project}/findings/{finding}/answer/      302   200    404    200  403  200  403   403    200
POST    /projects/{project}/findings/{finding}/close/       302   403    404    403  403  302  403   403    302
GET     /projects/{project}/milestones/new/                 302   200    404    200  403  200  403   403    200
GET     /projects/{project}/gate-reviews/new/               302   403    404    403  403  200  403   403    200
GET     /projects/{project}/milestones/{milestone}/edit/    302   200    404    200  403  200  403   403    200
# The portfolio: PMO, the CIO, auditors, and bureau directors (their bureau's projects).
GET     /portfolio/                                         302   403    403    403  200  200  200   200    200
GET     /portfolio/export.csv                               302   403    403    403  200  200  200   200    200
GET     /portfolio/export.xlsx                              302   403    403    403  200  200  200   200    200
# Registers across projects: everyone logged in, over the projects they may see (charlie's list lacks Alice's).
GET     /registers/risks/                                   302   200    200    200  200  200  200   200    200
GET     /registers/risks/export.csv                         302   200    200    200  200  200  200   200    200
GET     /registers/risks/export.xlsx                        302   200    200    200  200  200  200   200    200
GET     /registers/findings/                                302   200    200    200  200  200  200   200    200
GET     /registers/findings/export.csv                      302   200    200    200  200  200  200   200    200
GET     /registers/findings/export.xlsx                     302   200    200    200  200  200  200   200    200
# Saved views: anyone logged in saves their own (an empty POST shows its errors); only the owner (Alice) makes one
# the default or deletes it.
GET     /saved-views/new/                                   302   200    200    200  200  200  200   200    200
POST    /saved-views/new/                                   302   200    200    200  200  200  200   200    200
POST    /saved-views/{saved_view}/default/                  302   302    404    404  404  404  404   404    404
POST    /saved-views/{saved_view}/delete/                   302   302    404    404  404  404  404   404    404
# KPIs: public ones for anyone; figures recorded by the owning division and PMO.
GET     /kpis/                                              200   200    200    200  200  200  200   200    200
GET     /kpis/table.csv                                     200   200    200    200  200  200  200   200    200
GET     /kpis/table.xlsx                                    200   200    200    200  200  200  200   200    200
GET     /kpis/import/                                       302   200    403    200  403  200  403   403    200
GET     /kpis/{public}/                                     200   200    200    200  200  200  200   200    200
GET     /kpis/{private}/                                    302   200    200    200  200  200  200   200    200
GET     /kpis/{private}/observations/new/                   302   200    403    200  403  200  403   403    200
GET     /kpis/{private}/observations/{observation}/edit/    302   200    403    200  403  200  403   403    200
# Governance: read by everyone logged in; recorded by PMO. The CIO edits decisions (and the meetings that make
# them), not the council or the municipal DX status.
GET     /governance/                                        302   200    200    200  200  200  200   200    200
GET     /governance/committee/                              302   200    200    200  200  200  200   200    200
GET     /governance/committee/new/                          302   403    403    403  403  200  200   403    200
GET     /governance/committee/{meeting}/                    302   200    200    200  200  200  200   200    200
GET     /governance/committee/{meeting}/edit/               302   403    403    403  403  200  200   403    200
# To the agenda: PMO and the CIO propose an issue or finding of a project they see, and schedule it on a meeting.
GET     /governance/agenda/propose/finding/{finding}/       302   403    404    403  403  200  200   403    200
GET     /governance/agenda/propose/issue/{issue}/           302   403    404    403  403  200  200   403    200
POST    /governance/committee/{meeting}/agenda/proposals/{proposal}/add/  302  403  403  403  403  302  302  403  302
GET     /governance/decisions/                              302   200    200    200  200  200  200   200    200
GET     /governance/decisions/new/                          302   403    403    403  403  200  200   403    200
GET     /governance/decisions/{decision}/                   302   200    200    200  200  200  200   200    200
GET     /governance/decisions/{decision}/edit/              302   403    403    403  403  200  200   403    200
GET     /governance/decisions/{decision}/action-items/new/  302   403    403    403  403  200  200   403    200
GET     /governance/action-items/                           302   200    200    200  200  200  200   200    200
GET     /governance/action-items/{action}/                  302   200    200    200  200  200  200   200    200
POST    /governance/action-items/{action}/                  302   200    403    200  403  200  403   403    200
GET     /governance/council/                                302   200    200    200  200  200  200   200    200
GET     /governance/council/new/                            302   403    403    403  403  200  403   403    200
GET     /governance/council/{council}/                      302   200    200    200  200  200  200   200    200
GET     /governance/council/{council}/edit/                 302   403    403    403  403  200  403   403    200
# Meeting packs: the live pack for everyone logged in (built from what each may see), issued by PMO; the issued
# versions for those who see the whole portfolio. A meeting that is not there is 404.
GET     /governance/committee/{meeting}/pack/               302   200    200    200  200  200  200   200    200
GET     /governance/committee/{meeting}/pack.pdf            302   200    200    200  200  200  200   200    200
GET     /governance/committee/{meeting}/pack.xlsx           302   200    200    200  200  200  200   200    200
POST    /governance/committee/{meeting}/pack/issue/         302   403    403    403  403  302  403   403    302
GET     /governance/committee/{meeting}/pack/v1.pdf         302   403    403    403  200  200  200   200    200
GET     /governance/committee/{meeting}/pack/v1.xlsx        302   403    403    403  200  200  200   200    200
GET     /governance/committee/{meeting}/pack/v9.xlsx        302   404    404    404  404  404  404   404    404
GET     /governance/committee/99/pack/                      302   404    404    404  404  404  404   404    404
POST    /governance/committee/99/pack/issue/                302   404    404    404  404  404  404   404    404
GET     /governance/council/{council}/pack/                 302   200    200    200  200  200  200   200    200
GET     /governance/council/{council}/pack.pdf              302   200    200    200  200  200  200   200    200
GET     /governance/council/{council}/pack.xlsx             302   200    200    200  200  200  200   200    200
POST    /governance/council/{council}/pack/issue/           302   403    403    403  403  302  403   403    302
GET     /governance/council/{council}/pack/v1.pdf           302   403    403    403  200  200  200   200    200
GET     /governance/council/{council}/pack/v1.xlsx          302   403    403    403  200  200  200   200    200
# The export for a disclosure request (情報公開請求): for those who keep the record; an unknown record or format is 404.
GET     /governance/committee/{meeting}/disclosure.csv      302   403    403    403  403  200  200   403    200
GET     /governance/committee/{meeting}/disclosure.xlsx     302   403    403    403  403  200  200   403    200
GET     /governance/committee/{meeting}/disclosure.pdf      302   404    404    404  404  404  404   404    404
GET     /governance/committee/99/disclosure.csv             302   404    404    404  404  404  404   404    404
GET     /governance/decisions/{decision}/disclosure.csv     302   403    403    403  403  200  200   403    200
GET     /governance/decisions/{decision}/disclosure.xlsx    302   403    403    403  403  200  200   403    200
GET     /governance/council/{council}/disclosure.csv        302   403    403    403  403  200  403   403    200
GET     /governance/council/{council}/disclosure.xlsx       302   403    403    403  403  200  403   403    200
# Forwarding (上程): the council's secretariat sends items on and records their outcome; a plenary sends nothing on.
GET     /governance/council/{working}/forward/              302   403    403    403  403  200  403   403    200
GET     /governance/council/{council}/forward/              302   403    403    403  403  404  403   403    404
GET     /governance/committee/{meeting}/agenda/1/forward/   302   403    403    403  403  200  403   403    200
GET     /governance/forwarded/{forwarded}/                  302   403    403    403  403  200  403   403    200
GET     /governance/municipalities/                         302   200    200    200  200  200  200   200    200
# A municipality's contact address: the council's secretariat changes it; the prefecture has none (404).
GET     /governance/municipalities/{municipality}/contact/  302   403    403    403  403  200  403   403    200
POST    /governance/municipalities/{municipality}/contact/  302   403    403    403  403  200  403   403    200
GET     /governance/municipalities/999999/contact/          302   403    403    403  403  404  403   403    404
GET     /governance/dx-status/                              302   200    200    200  200  200  200   200    200
GET     /governance/dx-status/export.csv                    302   200    200    200  200  200  200   200    200
GET     /governance/dx-status/export.xlsx                   302   200    200    200  200  200  200   200    200
GET     /governance/dx-status/{municipality}/{area}/        302   200    200    200  200  200  200   200    200
POST    /governance/dx-status/{municipality}/{area}/        302   403    403    403  403  200  403   403    200
# Inquiries to the municipalities: everyone logged in reads them; the council's secretariat sends and records.
GET     /governance/inquiries/                              302   200    200    200  200  200  200   200    200
GET     /governance/inquiries/new/                          302   403    403    403  403  200  403   403    200
GET     /governance/inquiries/{inquiry}/                    302   200    200    200  200  200  200   200    200
GET     /governance/inquiries/{inquiry}/results.csv         302   200    200    200  200  200  200   200    200
GET     /governance/inquiries/{inquiry}/results.xlsx        302   200    200    200  200  200  200   200    200
GET     /governance/inquiries/{inquiry}/workbook.xlsx       302   200    200    200  200  200  200   200    200
GET     /governance/inquiries/{inquiry}/import/             302   403    403    403  403  200  403   403    200
POST    /governance/inquiries/{inquiry}/import/             302   403    403    403  403  200  403   403    200
GET     /governance/inquiries/{inquiry}/answers/{municipality}/  302  403  403  403  403  200  403  403  200
GET     /governance/inquiries/{inquiry}/dx-status/{question}/  302  403  403  403  403  200  403  403  200
GET     /governance/inquiries/999999/                       302   404    404    404  404  404  404   404    404
# Attachments: whoever sees the record downloads (never a public URL); whoever records it attaches.
GET     /attachments/{attachment}/                          302   200    200    200  200  200  200   200    200
GET     /attachments/999999/                                302   404    404    404  404  404  404   404    404
GET     /attachments/new/{decision_type}/{decision_pk}/     302   403    403    403  403  200  200   403    200
GET     /attachments/new/{decision_type}/999999/            302   404    404    404  404  404  404   404    404
# Search: everyone logged in, each finding what they may see (tests/search/); an empty query is an error at the field.
GET     /search/                                            302   200    200    200  200  200  200   200    200
GET     /search/?q=契約                                     302   200    200    200  200  200  200   200    200
"""
COLUMNS, CELLS = parse(PAGES)
PEOPLE = {
    "staff": "alice",
    "other": "charlie",
    "mgr": "mallory",
    "dir": "dana",
    "pmo": "petra",
    "cio": "carl",
    "audit": "audrey",
    "root": "root",
}


@pytest.fixture
def world(division, alice, fiona):
    return build_world(division=division, alice=alice, fiona=fiona)


@pytest.mark.parametrize(("method", "path", "column", "status"), params(CELLS))
def test_page(client, request, world, method, path, column, status):
    if column != "anon":
        client.force_login(request.getfixturevalue(PEOPLE[column]))
    if path.endswith("pack.pdf") and status == 200 and not pdf.available():
        pytest.skip(PDF.reason)
    response = client.generic(method, path.format_map(world))
    assert response.status_code == status
    if status == 200 and response["Content-Type"].startswith("text/html"):
        assert blocked_by_csp(response) == []


def test_the_matrix_has_a_column_for_every_person():
    assert COLUMNS == ["anon", *PEOPLE]


def test_every_page_of_the_site_has_a_row(world):
    covered = {resolve(path.format_map(world).partition("?")[0]).view_name for _, path in rows(CELLS)}
    missing = sorted(page_url_names(exclude_prefixes=("admin/", "api/", "i18n/")) - covered)
    assert missing == []
