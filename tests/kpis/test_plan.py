"""KPIs under the plan they serve: the plan tree, its rules, its keepers, and /kpis/ grouped by pillar."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kpis.models import PlanItem
from kpis.services import plan_item_save
from tests.kpis.factories import IndicatorFactory, ObservationFactory, PlanFactory, PlanItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pillars(division):
    kurashi = PlanItemFactory(code="kanagawa-ict-1", number="柱Ⅰ", title="くらしの情報化", order=0)
    gyosei = PlanItemFactory(code="kanagawa-ict-2", number="柱Ⅱ", title="行政の情報化", order=1)
    online = PlanItemFactory(code="kanagawa-ict-1-3", parent=kurashi, number="③", title="県民サービスの更なる電子化の推進")
    paperless = PlanItemFactory(code="kanagawa-ict-2-4", parent=gyosei, number="④", title="行政事務の更なる電子化の推進")
    online.indicators.set([IndicatorFactory(code="online-procedures", name_ja="電子申請の手続数", division=division)])
    paperless.indicators.set([IndicatorFactory(code="e-approval-rate", name_ja="電子決裁率", division=division)])
    IndicatorFactory(code="open-datasets", name_ja="オープンデータ数", division=division)
    return kurashi, gyosei


def test_kpis_are_grouped_by_pillar_with_the_unplaced_last(client, pillars):
    html = client.get("/kpis/").content.decode()
    order = [html.index(s) for s in ("柱Ⅰ くらしの情報化", "電子申請の手続数", "柱Ⅱ 行政の情報化", "電子決裁率",
                                     "その他の指標", "オープンデータ数")]
    assert order == sorted(order)


def test_an_indicator_under_two_plans_goes_under_the_first_plans_pillar(client, pillars, division):
    national = PlanFactory(code="municipal-dx", name="自治体DX推進計画", issuer="国", order=1)
    PlanItemFactory(plan=national, code="municipal-dx-3", number="①", title="自治体の行政手続のオンライン化").indicators.add(
        *PlanItem.objects.get(code="kanagawa-ict-1-3").indicators.all()
    )
    html = client.get("/kpis/").content.decode()
    assert html.count("電子申請の手続数") == 1
    assert html.index("電子申請の手続数") < html.index("柱Ⅱ 行政の情報化")


def test_the_grouped_list_runs_an_exact_number_of_queries(client, pillars, division, django_assert_num_queries):
    def measure():
        client.get("/kpis/")
        # the indicators the user may see, their observations, targets and plan items (with their plan, pillar and
        # its plan), read once for the list and the handout tables below it; the filter form's division choices
        with django_assert_num_queries(5) as queries:
            client.get("/kpis/")
        return len(queries.captured_queries)

    measure()
    measure_item = PlanItem.objects.get(code="kanagawa-ict-2-4")
    for _ in range(10):
        indicator = IndicatorFactory(division=division)
        ObservationFactory(indicator=indicator)
        measure_item.indicators.add(indicator)
    measure()


def test_pmo_keeps_the_plan_and_others_may_not(petra, alice, carl, pillars):
    item = PlanItem.objects.get(code="kanagawa-ict-1-3")
    item.title = "県民サービスの電子化"
    for person in (alice, carl):
        with pytest.raises(PermissionDenied):
            plan_item_save(actor=person, item=item, expected_version=1)
    saved = plan_item_save(actor=petra, item=item, expected_version=1, indicators=[])
    assert (saved.version, list(saved.indicators.all())) == (2, [])
    assert saved.history.latest().history_user == petra


def test_the_tree_has_two_levels_within_one_plan(petra, pillars):
    kurashi, _ = pillars
    measure = PlanItem.objects.get(code="kanagawa-ict-1-3")
    too_deep = PlanItem(plan=kurashi.plan, parent=measure, code="x", number="a", title="深すぎる")
    with pytest.raises(ValidationError) as error:
        plan_item_save(actor=petra, item=too_deep)
    assert list(error.value.message_dict) == ["parent"]
    other = PlanFactory(code="municipal-dx", name="自治体DX推進計画", issuer="国")
    astray = PlanItem(plan=other, parent=kurashi, code="y", number="①", title="別の計画")
    with pytest.raises(ValidationError) as error:
        plan_item_save(actor=petra, item=astray)
    assert list(error.value.message_dict) == ["parent"]


def test_the_admin_keeps_the_plan_through_the_service(client, petra, pillars):
    from tests.projects.helpers import served_form, text

    measure = PlanItem.objects.get(code="kanagawa-ict-1-3")
    client.force_login(petra)
    url = f"/admin/kpis/planitem/{measure.pk}/change/"
    # A measure under a measure is refused at the field, as the service refuses it; nothing is saved.
    response = client.post(url, served_form(client, url, parent=str(PlanItem.objects.get(code="kanagawa-ict-2-4").pk)))
    assert "柱の下の施策の下には項目を置けません（2階層まで）。" in text(response)
    assert client.post(url, served_form(client, url, title="県民サービスの電子化")).status_code == 302
    measure.refresh_from_db()
    assert (measure.title, measure.version, measure.history.latest().history_user) == ("県民サービスの電子化", 2, petra)
