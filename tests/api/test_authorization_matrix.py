"""Who may call which endpoint: one exact status code per method, path, person and token scope.

Columns: anon = no credentials; staff = Alice (staff of the owning division); other = Charlie (staff of
another division); mgr = Mallory (Alice's manager); dir = Dana (director of Alice's bureau); pmo = Petra;
cio = Carl; audit = Audrey (auditor) — all logged in with a session; kpi:r, kpi:w, prj:r, prj:w, gov:r,
hk:w = a token with only the scope kpi:read, kpi:write, projects:read, projects:write, governance:read or
webhooks:write, of Fiona: a REST client of the owning division, so that a write scope is the one thing between her and a
write. Paths name records as {placeholders}, filled from the ``world`` fixture (tests/security/world.py);
a write sends the body in ``BODIES``, valid, so that a refusal can only come from the rules. Every
operation of the OpenAPI schema has a row. A path without a leading / is under /api/v1/; lines starting
with # are comments.
"""

import json

import pytest

from projects.models import Project
from tests.governance.factories import AgendaProposalFactory
from tests.projects.factories import FindingFactory
from tests.security.matrix import params, parse, rows, shape
from tests.security.world import build_world
from webhooks.models import Subscription

ENDPOINTS = """
method path                                             anon staff other mgr dir pmo cio audit kpi:r kpi:w prj:r prj:w gov:r hk:w
GET    /healthz                                           200  200   200   200 200 200 200 200   200   200   200   200   200 200
GET    /api/schema/                                       200  200   200   200 200 200 200 200   200   200   200   200   200 200
GET    /api/docs/                                         200  200   200   200 200 200 200 200   200   200   200   200   200 200
GET    /accounts/login/                                   200  302   302   302 302 302 302 302   200   200   200   200   200 200
GET    /admin/                                            302  302   302   302 302 200 302 302   302   302   302   302   302 302
# Projects: another division's project is not there (404, as an unknown code); one seen but not changed is
# 403. A write
# scope reads what it writes (projects:write GETs the version it sends back).
GET    projects/                                          401  200   200   200 200 200 200 200   403   403   200   200   403 403
GET    projects/{project}/                                401  200   404   200 200 200 200 200   403   403   200   200   403 403
PATCH  projects/{project}/                                401  200   404   200 403 200 403 403   403   403   403   200   403 403
GET    projects/{project}/status-reports/                 401  200   404   200 200 200 200 200   403   403   200   200   403 403
POST   projects/{project}/status-reports/                 401  201   404   201 403 201 403 403   403   403   403   201   403 403
GET    projects/{project}/status-reports/{report}/        401  200   404   200 200 200 200 200   403   403   200   200   403 403
POST   projects/{project}/status-reports/{report}/review/ 401  403   404   403 403 200 403 403   403   403   403   403   403 403
# Amending and withdrawing a report is for whoever may file it; approving and returning for the division's manager.
POST   projects/{project}/status-reports/{report}/amend/  401  200   404   200 403 200 403 403   403   403   403   200   403 403
POST   projects/{project}/status-reports/{report}/withdraw/ 401 200  404   200 403 200 403 403   403   403   403   200   403 403
POST   projects/{project}/status-reports/{pending}/approve/ 401 403  404   200 403 403 403 403   403   403   403   403   403 403
POST   projects/{project}/status-reports/{pending}/return/ 401  403   404   200 403 403 403 403   403   403   403   403   403 403
GET    projects/{project}/milestones/                     401  200   404   200 200 200 200 200   403   403   200   200   403 403
POST   projects/{project}/milestones/                     401  201   404   201 403 201 403 403   403   403   403   201   403 403
GET    projects/{project}/milestones/{milestone}/         401  200   404   200 200 200 200 200   403   403   200   200   403 403
PATCH  projects/{project}/milestones/{milestone}/         401  200   404   200 403 200 403 403   403   403   403   200   403 403
GET    projects/{project}/issues/                         401  200   404   200 200 200 200 200   403   403   200   200   403 403
POST   projects/{project}/issues/                         401  201   404   201 403 201 403 403   403   403   403   201   403 403
GET    projects/{project}/issues/{issue}/                 401  200   404   200 200 200 200 200   403   403   200   200   403 403
PATCH  projects/{project}/issues/{issue}/                 401  200   404   200 403 200 403 403   403   403   403   200   403 403
GET    projects/{project}/findings/                       401  200   404   200 200 200 200 200   403   403   200   200   403 403
POST   projects/{project}/findings/                       401  403   404   403 403 201 403 403   403   403   403   403   403 403
GET    projects/{project}/findings/{finding}/             401  200   404   200 200 200 200 200   403   403   200   200   403 403
POST   projects/{project}/findings/{finding}/answer/      401  200   404   200 403 200 403 403   403   403   403   200   403 403
POST   projects/{project}/findings/{finding}/close/       401  403   404   403 403 200 403 403   403   403   403   403   403 403
# The registers: the issues, risks and findings of the projects the caller may see (read-only).
GET    registers/risks/                                   401  200   200   200 200 200 200 200   403   403   200   200   403 403
GET    registers/findings/                                401  200   200   200 200 200 200 200   403   403   200   200   403 403
# Gate reviews: of the projects the caller may see (another division's are left out of the list).
GET    gate-reviews/                                      401  200   200   200 200 200 200 200   403   403   200   200   403 403
GET    projects/{project}/gate-reviews/                   401  200   404   200 200 200 200 200   403   403   200   200   403 403
# The strategy plans' tree, with the projects (and indicators) the caller may see under each measure.
GET    plan/                                              401  200   200   200 200 200 200 200   403   403   200   200   403 403
# Counts over the projects the caller may see: staff get their own division's.
GET    portfolio/summary/                                 401  200   200   200 200 200 200 200   403   403   200   200   403 403
# KPIs: public ones are open data, read with any valid token too; a private one asks an anonymous caller to
# authenticate (401) and refuses a token without kpi:read or kpi:write (403).
GET    kpis/                                              200  200   200   200 200 200 200 200   200   200   200   200   200 200
GET    kpis/observations.schema.json                      200  200   200   200 200 200 200 200   200   200   200   200   200 200
GET    kpis/table/                                        200  200   200   200 200 200 200 200   200   200   200   200   200 200
GET    kpis/{public}/                                     200  200   200   200 200 200 200 200   200   200   200   200   200 200
GET    kpis/{private}/                                    401  200   200   200 200 200 200 200   200   200   403   403   403 403
GET    kpis/{public}/observations/                        200  200   200   200 200 200 200 200   200   200   200   200   200 200
GET    kpis/{private}/observations/                       401  200   200   200 200 200 200 200   200   200   403   403   403 403
POST   kpis/{private}/observations/                       401  201   403   201 403 201 403 403   403   201   403   403   403 403
# Governance records: everyone logged in reads them; nothing is written through the API.
GET    committee-meetings/                                401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    committee-meetings/{meeting}/                      401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    decisions/                                         401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    decisions/{decision}/                              401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    action-items/                                      401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    action-items/{action}/                             401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    council-meetings/                                  401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    council-meetings/{council}/                        401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    municipalities/                                    401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    municipalities/{municipality}/                     401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    inquiries/                                         401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    inquiries/{inquiry}/                               401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    forwarded-items/                                   401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    forwarded-items/{forwarded}/                       401  200   200   200 200 200 200 200   403   403   403   403   200 403
# Agenda proposals: those of the projects the caller may see (another division's is not found), as on the pages.
GET    agenda-proposals/                                  401  200   200   200 200 200 200 200   403   403   403   403   200 403
GET    agenda-proposals/{proposal}/                       401  200   404   200 200 200 200 200   403   403   403   403   200 403
# The public feed of disclosed decisions and minutes: anyone, with or without a token; nobody writes to it.
GET    public/                                            200  200   200   200 200 200 200 200   200   200   200   200   200 200
# Search: everyone logged in finds what they may see; a token with any scope that reads a kind finds those kinds
# (webhooks:write reads none). Without q it is a 400 at q, once past the door.
GET    search/?q=契約                                     401  200   200   200 200 200 200 200   200   200   200   200   200 403
GET    search/                                            401  400   400   400 400 400 400 400   400   400   400   400   400 403
# The open-data catalog is public; webhook receivers are PMO's (with a token: the scope webhooks:write).
GET    catalog/                                           200  200   200   200 200 200 200 200   200   200   200   200   200 200
GET    webhooks/                                          401  403   403   403 403 200 403 403   403   403   403   403   403 403
POST   webhooks/                                          401  403   403   403 403 201 403 403   403   403   403   403   403 403
GET    webhooks/{webhook}/                                401  403   403   403 403 200 403 403   403   403   403   403   403 403
PATCH  webhooks/{webhook}/                                401  403   403   403 403 200 403 403   403   403   403   403   403 403
DELETE webhooks/{webhook}/                                401  403   403   403 403 204 403 403   403   403   403   403   403 403
GET    webhooks/{webhook}/deliveries/                     401  403   403   403 403 200 403 403   403   403   403   403   403 403
"""
COLUMNS, CELLS = parse(ENDPOINTS, base="/api/v1/")
PEOPLE = {"staff": "alice", "other": "charlie", "mgr": "mallory", "dir": "dana", "pmo": "petra", "cio": "carl", "audit": "audrey"}
SCOPES = {
    "kpi:r": "kpi:read",
    "kpi:w": "kpi:write",
    "prj:r": "projects:read",
    "prj:w": "projects:write",
    "gov:r": "governance:read",
    "hk:w": "webhooks:write",
}
REPORT = {"health": "green", "planned_progress": 50, "actual_progress": 50, "summary": "計画どおり"}
BODIES = {
    ("PATCH", "/api/v1/projects/{project}/"): {"version": 1, "phase": "testing"},
    ("POST", "/api/v1/projects/{project}/status-reports/"): REPORT
    | dict.fromkeys(["schedule_health", "cost_health", "scope_health", "quality_health"], "green"),
    ("POST", "/api/v1/projects/{project}/status-reports/{report}/review/"): {"version": 1, "pmo_health": "yellow"},
    ("POST", "/api/v1/projects/{project}/status-reports/{report}/amend/"): {
        "version": 1, "reason": "進捗率の誤記を訂正", "actual_progress": 45
    },
    ("POST", "/api/v1/projects/{project}/status-reports/{report}/withdraw/"): {"version": 1, "reason": "別案件の報告を誤登録"},
    ("POST", "/api/v1/projects/{project}/status-reports/{pending}/approve/"): {"version": 1},
    ("POST", "/api/v1/projects/{project}/status-reports/{pending}/return/"): {"version": 1, "comment": "実績値を確認のこと"},
    ("POST", "/api/v1/projects/{project}/milestones/"): {"name": "本番稼働", "planned_on": "2023-04-01"},
    ("PATCH", "/api/v1/projects/{project}/milestones/{milestone}/"): {"version": 1, "forecast_on": "2023-05-01"},
    ("POST", "/api/v1/projects/{project}/issues/"): {"title": "要員の不足"},
    ("PATCH", "/api/v1/projects/{project}/issues/{issue}/"): {"version": 1, "status": "resolved"},
    ("POST", "/api/v1/projects/{project}/findings/"): {
        "category": "schedule",
        "title": "移行計画",
        "body": "判定基準を明確にすること。",
        "response_due_on": "2022-10-31",
    },
    ("POST", "/api/v1/projects/{project}/findings/{finding}/answer/"): {"version": 1, "response": "基準を定めました。"},
    ("POST", "/api/v1/projects/{project}/findings/{finding}/close/"): {"version": 1},
    ("POST", "/api/v1/kpis/{private}/observations/"): {"fiscal_year": 2022, "value": "80", "as_of": "2022-09-30"},
    # A public address written as one: nothing to resolve.
    ("POST", "/api/v1/webhooks/"): {"url": "https://93.184.215.14/hook", "events": ["decision.recorded"]},
    ("PATCH", "/api/v1/webhooks/{webhook}/"): {"description": "庁内ダッシュボード"},
}


@pytest.fixture
def world(division, alice, fiona, petra):
    receiver = Subscription.objects.create(url="https://93.184.215.14/hook", events=["decision.recorded"], created_by=petra)
    world = build_world(division=division, alice=alice, fiona=fiona)
    proposal = AgendaProposalFactory(finding=FindingFactory(project=Project.objects.get(code=world["project"])))
    return {**world, "webhook": receiver.pk, "proposal": proposal.pk}


@pytest.mark.parametrize(("method", "path", "column", "status"), params(CELLS))
def test_endpoint(api, request, world, token_for, method, path, column, status):
    headers = {}
    if column in PEOPLE:
        api.force_login(request.getfixturevalue(PEOPLE[column]))
    elif column in SCOPES:
        headers["HTTP_AUTHORIZATION"] = f"Token {token_for(request.getfixturevalue('fiona'), SCOPES[column])}"
    body = BODIES.get((method, path))
    data = json.dumps(body) if body is not None else None
    response = api.generic(method, path.format_map(world), data=data, content_type="application/json", **headers)
    assert response.status_code == status, response.content[:300]


def test_the_matrix_has_a_column_for_every_person_and_every_scope():
    from dx_portal.models import ApiToken

    assert COLUMNS == ["anon", *PEOPLE, *SCOPES]
    assert sorted(SCOPES.values()) == sorted(ApiToken.Scope.values)


def test_every_write_in_the_table_sends_a_body():
    writes = {(method, path) for method, path in rows(CELLS) if method in ("POST", "PUT", "PATCH")}
    assert writes == set(BODIES)


def test_every_operation_of_the_api_has_a_row(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    tabled = {(method, shape(path)) for method, path in rows(CELLS)}
    missing = [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if (method.upper(), shape(path)) not in tabled
    ]
    assert missing == []
