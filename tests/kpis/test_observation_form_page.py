"""Recording and revising a figure in the browser: who may, errors next to fields, nothing lost, no lost update."""

import datetime
import re
from decimal import Decimal

import pytest

from kpis.models import Observation
from kpis.services import observation_record
from tests.kpis.factories import IndicatorFactory, ObservationFactory
from tests.projects.helpers import text

NEW = "/kpis/e-approval-rate/observations/new/"
FIGURE = {
    "fiscal_year": "2022", "month": "", "value": "92.7", "as_of": "2022-08-31", "is_provisional": "on",
    "note": "令和4年8月末時点", "source_document": "デジタル戦略の推進について",
    "source_meeting_or_survey": "次世代育成・デジタル戦略推進特別委員会", "source_date": "2022-10-04", "source_page": "7",
}


@pytest.fixture
def rate(division):
    return IndicatorFactory(code="e-approval-rate", division=division, percentage=True)


def field_error(html: str, name: str) -> str:
    match = re.search(rf'<div class="field-errors" id="id_{name}_error">(.*?)</div>', html, re.S)
    return match.group(1) if match else ""


@pytest.mark.parametrize("person", ["alice", "mallory", "petra"])
def test_the_owning_division_and_pmo_record_a_figure(client, request, rate, person):
    actor = request.getfixturevalue(person)
    client.force_login(actor)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, FIGURE)
    assert response.status_code == 302 and response["Location"] == "/kpis/e-approval-rate/"
    observation = Observation.objects.get(indicator=rate)
    assert (observation.value, observation.is_provisional, observation.source_page) == (Decimal("92.7"), True, "7")
    assert observation.history.get().history_user == actor
    assert "令和4年度の実績値を保存しました。" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("person", ["charlie", "dana", "carl", "audrey", "nobody"])
def test_nobody_else_gets_the_form(client, request, rate, person):
    client.force_login(request.getfixturevalue(person))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, FIGURE).status_code == 403
    assert not Observation.objects.exists()


def test_an_anonymous_visitor_is_asked_to_log_in(client, rate):
    assert client.get(NEW)["Location"].startswith("/accounts/login/")


def test_the_form_starts_from_the_source_of_the_last_figure(client, rate, alice):
    ObservationFactory(indicator=rate, source_page="6")
    client.force_login(alice)
    assert 'value="6"' in client.get(NEW).content.decode()


def test_errors_show_next_to_their_fields_and_keep_what_was_typed(client, rate, alice):
    client.force_login(alice)
    html = client.post(NEW, {**FIGURE, "value": "93.5", "as_of": "2022-12-01", "note": "入力途中のメモ"}).content.decode()
    assert "未来" in field_error(html, "as_of")
    assert not field_error(html, "value")
    assert 'value="入力途中のメモ"' in html and 'value="93.5"' in html
    assert not Observation.objects.exists()


def test_a_period_already_recorded_is_reported_next_to_the_year(client, rate, alice):
    ObservationFactory(indicator=rate, fiscal_year=2022, value=Decimal("92.7"), provisional=True)
    client.force_login(alice)
    html = client.post(NEW, {**FIGURE, "value": "93.0"}).content.decode()
    assert "既に登録されています" in field_error(html, "fiscal_year")
    assert rate.observations.get().value == Decimal("92.7")


def test_a_decreasing_cumulative_figure_needs_a_note(client, division, alice):
    total = IndicatorFactory(code="open-datasets", division=division, cumulative=True, unit="件")
    ObservationFactory(indicator=total, fiscal_year=2021, value=219)
    client.force_login(alice)
    url = "/kpis/open-datasets/observations/new/"
    html = client.post(url, {**FIGURE, "value": "210", "note": ""}).content.decode()
    assert "備考" in field_error(html, "value")
    assert client.post(url, {**FIGURE, "value": "210", "note": "重複を統合"}).status_code == 302


class TestRevising:
    @pytest.fixture
    def provisional(self, rate):
        return ObservationFactory(indicator=rate, fiscal_year=2022, value=Decimal("92.7"), provisional=True)

    def url(self, observation):
        return f"/kpis/e-approval-rate/observations/{observation.pk}/edit/"

    def test_the_final_figure_replaces_the_provisional_one(self, client, provisional, petra):
        client.force_login(petra)
        html = client.get(self.url(provisional)).content.decode()
        assert 'name="version" value="1"' in html and "disabled" in html
        response = client.post(self.url(provisional), {**FIGURE, "value": "95.1", "is_provisional": "", "version": "1"})
        assert response.status_code == 302
        provisional.refresh_from_db()
        assert (provisional.value, provisional.is_provisional, provisional.version) == (Decimal("95.1"), False, 2)

    def test_the_period_cannot_be_changed_by_tampering_with_the_form(self, client, provisional, alice):
        client.force_login(alice)
        client.post(self.url(provisional), {**FIGURE, "fiscal_year": "2019", "version": "1"})
        assert list(Observation.objects.values_list("fiscal_year", flat=True)) == [2022]

    def test_a_stale_edit_shows_the_current_figure_and_keeps_what_was_typed(self, client, provisional, alice, bob):
        client.force_login(alice)
        client.get(self.url(provisional))
        observation_record(actor=bob, indicator=provisional.indicator, fiscal_year=2022, value=Decimal("94.0"),
                           as_of=datetime.date(2022, 9, 30), expected_version=1)
        response = client.post(self.url(provisional), {**FIGURE, "value": "95.1", "note": "確定値", "version": "1"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "編集中に他の利用者が更新しました" in html
        assert "値 92.7 94 時点 令和4年8月31日 令和4年9月30日 速報値 はい いいえ" in text(response)
        assert 'value="95.1"' in html and 'value="確定値"' in html
        assert 'name="version" value="2"' in html
        assert Observation.objects.get().value == Decimal("94.0")
        # Having seen the current figure, saving again replaces it.
        client.post(self.url(provisional), {**FIGURE, "value": "95.1", "note": "確定値", "version": "2"})
        assert Observation.objects.get().value == Decimal("95.1")

    def test_another_divisions_staff_may_not_revise(self, client, provisional, charlie):
        client.force_login(charlie)
        assert client.post(self.url(provisional), {**FIGURE, "version": "1"}).status_code == 403

    def test_a_figure_of_another_indicator_is_404(self, client, provisional, alice, division):
        other = ObservationFactory(indicator=IndicatorFactory(division=division))
        client.force_login(alice)
        assert client.get(self.url(other)).status_code == 404


def test_a_percentage_above_100_is_reported_with_the_other_field_errors(client, rate, alice):
    client.force_login(alice)
    html = client.post(NEW, {**FIGURE, "value": "101", "as_of": ""}).content.decode()
    assert "0から100" in field_error(html, "value")
    assert field_error(html, "as_of")


def test_an_empty_form_reports_each_required_field_and_saves_nothing(client, rate, alice):
    client.force_login(alice)
    html = client.post(NEW, {}).content.decode()
    for name in ("fiscal_year", "value", "as_of"):
        assert field_error(html, name)
    assert not Observation.objects.exists()
