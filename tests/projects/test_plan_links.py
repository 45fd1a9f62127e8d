"""Projects under the plan's pillars: PMO places them, the portfolio and the project list filter by pillar, and
/api/v1/plan/ gives the plan tree with what the caller may see."""

import pytest
from django.core.exceptions import PermissionDenied

from projects.services import project_update
from tests.kpis.factories import IndicatorFactory, PlanFactory, PlanItemFactory
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, session_client, token_client

pytestmark = FROZEN


@pytest.fixture
def plan(division, other_division):
    kurashi = PlanItemFactory(code="kanagawa-ict-1", number="柱Ⅰ", title="くらしの情報化", order=0)
    gyosei = PlanItemFactory(code="kanagawa-ict-2", number="柱Ⅱ", title="行政の情報化", order=1)
    online = PlanItemFactory(code="kanagawa-ict-1-3", parent=kurashi, number="③", title="県民サービスの更なる電子化の推進")
    paperless = PlanItemFactory(code="kanagawa-ict-2-4", parent=gyosei, number="④", title="行政事務の更なる電子化の推進")
    national = PlanFactory(code="municipal-dx", name="自治体DX推進計画", issuer="国", order=1)
    PlanItemFactory(plan=national, code="municipal-dx-3", number="③", title="自治体の行政手続のオンライン化")
    online.indicators.set([
        IndicatorFactory(code="online-procedures", division=division),
        IndicatorFactory(code="water-cashless-payments", division=division, private=True),
    ])
    ProjectFactory(code="EAPP", division=division).plan_items.set([online])
    ProjectFactory(code="WATER", division=other_division).plan_items.set([online])
    ProjectFactory(code="DOCS", division=division).plan_items.set([paperless])
    ProjectFactory(code="LOOSE", division=division)
    return kurashi


def test_the_portfolio_filters_by_pillar_through_its_measures(client, carl, plan):
    client.force_login(carl)
    # The table's rows (the exceptions panel above them lists every exception whatever the filter).
    rows = client.get("/portfolio/", {"pillar": "kanagawa-ict-1"}).context["page_obj"]
    assert sorted(row["code"] for row in rows) == ["EAPP", "WATER"]
    assert "柱Ⅰ くらしの情報化" in client.get("/portfolio/").content.decode()


def test_the_project_list_filters_by_pillar_among_what_the_user_sees(client, alice, plan):
    client.force_login(alice)
    rows = client.get("/projects/", {"pillar": "kanagawa-ict-1"}).context["page_obj"]
    assert [project.code for project in rows] == ["EAPP"]


def test_an_unknown_pillar_is_an_error_not_everything(client, carl, plan):
    response = session_client(carl).get("/api/v1/projects/", {"pillar": "nope"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["pillar"]


def test_only_pmo_places_a_project_under_the_plan(alice, petra, plan):
    project = ProjectFactory(code="NEW", division=alice.division_memberships.get().division)
    with pytest.raises(PermissionDenied):
        project_update(project=project, actor=alice, expected_version=1, plan_items=[plan])
    updated = project_update(project=project, actor=petra, expected_version=1, plan_items=[plan])
    assert list(updated.plan_items.all()) == [plan]
    assert updated.history.latest().history_user == petra


def test_the_plan_api_gives_the_tree_with_what_the_caller_may_see(alice, plan):
    tree = session_client(alice).get("/api/v1/plan/").json()
    assert [p["code"] for p in tree] == ["kanagawa-ict", "municipal-dx"]
    kanagawa = tree[0]
    assert [(i["number"], i["title"]) for i in kanagawa["items"]] == [("柱Ⅰ", "くらしの情報化"), ("柱Ⅱ", "行政の情報化")]
    measure = kanagawa["items"][0]["children"][0]
    assert (measure["code"], measure["number"]) == ("kanagawa-ict-1-3", "③")
    assert [i["code"] for i in measure["indicators"]] == ["online-procedures", "water-cashless-payments"]
    # Another division's project is not there.
    assert [p["code"] for p in measure["projects"]] == ["EAPP"]
    assert tree[1]["items"][0]["children"] == []


def test_a_token_without_kpi_read_sees_the_public_indicators_only(fiona, plan):
    tree = token_client(fiona, "projects:read").get("/api/v1/plan/").json()
    measure = tree[0]["items"][0]["children"][0]
    assert "online-procedures" in [i["code"] for i in measure["indicators"]]


def test_the_plan_api_needs_a_login(client, plan):
    assert client.get("/api/v1/plan/").status_code == 401


def test_the_plan_api_runs_a_fixed_number_of_queries(petra, plan, division, django_assert_num_queries):
    client = session_client(petra)
    client.get("/api/v1/plan/")
    # session, user, roles, the plan items, their indicators, their projects, the plans
    with django_assert_num_queries(7):
        client.get("/api/v1/plan/")
    measure = plan.children.get()
    for n in range(10):
        ProjectFactory(code=f"P{n}", division=division).plan_items.set([measure])
        measure.indicators.add(IndicatorFactory(division=division))
    with django_assert_num_queries(7):
        client.get("/api/v1/plan/")


def test_the_history_page_still_opens_after_a_change_of_plan_items(client, petra, plan, division):
    project = ProjectFactory(code="NEW2", division=division)
    project_update(project=project, actor=petra, expected_version=1, plan_items=[plan])
    client.force_login(petra)
    assert client.get("/projects/NEW2/history/").status_code == 200
