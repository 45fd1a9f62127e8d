"""The admin: PMO keeps indicators and targets (through the services, with versions); figures are read only there."""

import pytest

from kpis.models import Indicator
from tests.kpis.factories import IndicatorFactory, ObservationFactory


@pytest.fixture
def rate(division):
    return IndicatorFactory(code="e-approval-rate", name_ja="電子決裁率", division=division, percentage=True)


def form_data(indicator, **changes):
    data = {
        "code": indicator.code, "name_ja": indicator.name_ja, "name_en": indicator.name_en, "unit": indicator.unit,
        "aggregation": indicator.aggregation, "direction": indicator.direction, "division": indicator.division_id,
        "source": indicator.source, "licence": indicator.licence, "is_public": "on", "description": "",
        "sort_order": 0, "expected_version": indicator.version,
    }
    return {**data, **changes}


def test_pmo_renames_an_indicator_and_the_history_says_who(client, rate, petra):
    client.force_login(petra)
    response = client.post(f"/admin/kpis/indicator/{rate.pk}/change/", form_data(rate, name_ja="電子決裁率（全庁平均）"))
    assert response.status_code == 302
    rate.refresh_from_db()
    assert (rate.name_ja, rate.version) == ("電子決裁率（全庁平均）", 2)
    assert rate.history.latest().history_user == petra


def test_a_stale_admin_edit_is_refused_and_keeps_what_was_typed(client, rate, petra):
    client.force_login(petra)
    Indicator.objects.filter(pk=rate.pk).update(version=2, name_ja="他の人の変更")
    response = client.post(f"/admin/kpis/indicator/{rate.pk}/change/", form_data(rate, name_ja="私の変更"))
    assert response.status_code == 200
    assert "他の利用者がこの記録を更新しました" in response.content.decode()
    assert 'value="私の変更"' in response.content.decode()
    rate.refresh_from_db()
    assert rate.name_ja == "他の人の変更"


def test_figures_are_read_only_in_the_admin(client, rate, petra):
    observation = ObservationFactory(indicator=rate)
    client.force_login(petra)
    assert client.get(f"/admin/kpis/observation/{observation.pk}/change/").status_code == 200
    assert client.get("/admin/kpis/observation/add/").status_code == 403
    client.post(f"/admin/kpis/observation/{observation.pk}/change/", {"value": "1"})
    observation.refresh_from_db()
    assert observation.value != 1


def test_staff_have_no_admin(client, rate, alice):
    client.force_login(alice)
    assert client.get(f"/admin/kpis/indicator/{rate.pk}/change/").status_code == 302
