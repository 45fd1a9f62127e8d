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
# The audit log: auditors and PMO read it; nobody writes to it.
GET     /audit/                                             302   403    403    403  403  200  403   200    200
GET     /audit/export.csv                                   302   403    403    403  403  200  403   200    200
POST    /audit/                                             302   403    403    403  403  405  403   405    405
# Projects: staff change their division's; another division's project is not there (404, as in the API).
GET     /projects/                                          302   200    200    200  200  200  200   200    200
GET     /projects/mine/                                     302   200    200    200  200  200  200   200    200
GET     /projects/{project}/                                302   200    404    200  200  200  200   200    200
GET     /projects/{project}/edit/                           302   200    404    200  403  200  403   403    200
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
GET     /projects/{project}/milestones/{milestone}/edit/    302   200    404    200  403  200  403   403    200
# The portfolio: PMO, the CIO, auditors, and bureau directors (their bureau's projects).
GET     /portfolio/                                         302   403    403    403  200  200  200   200    200
GET     /portfolio/export.csv                               302   403    403    403  200  200  200   200    200
GET     /portfolio/export.xlsx                              302   403    403    403  200  200  200   200    200
# KPIs: public ones for anyone; figures recorded by the owning division and PMO.
GET     /kpis/                                              200   200    200    200  200  200  200   200    200
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
GET     /governance/municipalities/                         302   200    200    200  200  200  200   200    200
GET     /governance/dx-status/                              302   200    200    200  200  200  200   200    200
GET     /governance/dx-status/export.csv                    302   200    200    200  200  200  200   200    200
GET     /governance/dx-status/export.xlsx                   302   200    200    200  200  200  200   200    200
GET     /governance/dx-status/{municipality}/{area}/        302   200    200    200  200  200  200   200    200
POST    /governance/dx-status/{municipality}/{area}/        302   403    403    403  403  200  403   403    200
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
