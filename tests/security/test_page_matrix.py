"""Who may open which web page: one exact status code per page and person.

Columns: anon = not logged in; staff = Alice (staff of the owning division); other = Charlie (staff of
another division); mgr = Mallory (Alice's manager); dir = Dana (director of Alice's bureau); pmo = Petra;
cio = Carl; audit = Audrey (auditor); root = a superuser. Paths may name records as {placeholders},
filled from the ``world`` fixture. Every page that answers 200 must also run under our CSP.
"""

import pytest
from django.urls import resolve

from dx_portal.models import AuditEvent
from tests.security.matrix import page_url_names, parse, rows
from tests.security.pages import blocked_by_csp

PAGES = """
method  path                                        anon  staff  other  mgr  dir  pmo  cio  audit  root
GET     /                                           302   302    302    302  302  302  302  302    302
GET     /healthz                                    200   200    200    200  200  200  200  200    200
GET     /accounts/login/                            200   302    302    302  302  302  302  302    302
POST    /accounts/logout/                           302   302    302    302  302  302  302  302    302
GET     /api/docs/                                  200   200    200    200  200  200  200  200    200
GET     /admin/                                     302   302    302    302  302  200  302  302    200
GET     /admin/dx_portal/auditevent/                302   302    302    302  302  200  302  302    200
GET     /admin/dx_portal/auditevent/{event}/change/ 302   302    302    302  302  200  302  302    200
GET     /admin/dx_portal/auditevent/add/            302   302    302    302  302  403  302  302    403
POST    /admin/dx_portal/auditevent/{event}/delete/ 302   302    302    302  302  403  302  302    403
GET     /admin/axes/accessattempt/                  302   302    302    302  302  403  302  302    200
GET     /admin/auth/user/                           302   302    302    302  302  403  302  302    200
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
def world(alice):
    """The records the paths name."""
    return {"event": AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN, user=alice, username="alice").pk}


@pytest.mark.parametrize(("method", "path", "column", "status"), CELLS, ids=[f"{m} {p} as {c}" for m, p, c, _ in CELLS])
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
    covered = {resolve(path.format_map(world)).view_name for _, path in rows(CELLS)}
    missing = sorted(page_url_names(exclude_prefixes=("admin/", "api/", "i18n/")) - covered)
    if missing:
        pytest.xfail(f"{len(missing)} pages have no row yet: {', '.join(missing)}")
