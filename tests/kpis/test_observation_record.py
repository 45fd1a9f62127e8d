"""observation_record: who may record a figure, the rules a figure obeys, and revisions with history."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from dx_portal.errors import StaleVersionError
from kpis.models import Observation
from kpis.services import observation_record
from tests.kpis.factories import IndicatorFactory, ObservationFactory

FIGURE = dict(fiscal_year=2021, value=Decimal("86.8"), as_of=datetime.date(2022, 3, 31))


@pytest.fixture
def rate(division):
    return IndicatorFactory(code="e-approval-rate", division=division, percentage=True)


@pytest.mark.parametrize("person", ["alice", "mallory", "petra"])
def test_the_owning_division_and_pmo_record_a_figure(request, person, rate):
    actor = request.getfixturevalue(person)
    observation = observation_record(actor=actor, indicator=rate, **FIGURE)
    assert Observation.objects.get(indicator=rate, fiscal_year=2021).value == Decimal("86.8")
    assert observation.version == 1
    assert observation.history.get().history_user == actor


@pytest.mark.parametrize("person", ["charlie", "dana", "carl", "audrey", "fiona", "nobody"])
def test_nobody_else_records_a_figure(request, person, rate):
    with pytest.raises(PermissionDenied):
        observation_record(actor=request.getfixturevalue(person), indicator=rate, **FIGURE)
    assert not Observation.objects.exists()


def test_an_anonymous_visitor_records_nothing(rate):
    with pytest.raises(PermissionDenied):
        observation_record(actor=AnonymousUser(), indicator=rate, **FIGURE)


def test_the_final_figure_replaces_the_provisional_one_and_history_keeps_both(alice, petra, rate):
    provisional = observation_record(
        actor=alice, indicator=rate, fiscal_year=2022, value=Decimal("92.7"), as_of=datetime.date(2022, 8, 31),
        is_provisional=True,
    )
    final = observation_record(
        actor=petra, indicator=rate, fiscal_year=2022, value=Decimal("95.1"), as_of=datetime.date(2022, 9, 30),
        expected_version=provisional.version,
    )
    assert final.pk == provisional.pk
    assert (final.value, final.is_provisional, final.version) == (Decimal("95.1"), False, 2)
    old, new = final.history.order_by("history_date")
    assert (old.value, old.is_provisional, old.history_user) == (Decimal("92.7"), True, alice)
    assert (new.value, new.history_user) == (Decimal("95.1"), petra)


def test_a_revision_from_a_stale_version_is_refused_and_changes_nothing(alice, bob, rate):
    first = observation_record(actor=alice, indicator=rate, **FIGURE)
    observation_record(actor=bob, indicator=rate, **{**FIGURE, "value": Decimal("86.9")}, expected_version=1)
    with pytest.raises(StaleVersionError) as stale:
        observation_record(actor=alice, indicator=rate, **{**FIGURE, "value": Decimal("90")}, expected_version=1)
    assert stale.value.current_version == 2
    first.refresh_from_db()
    assert first.value == Decimal("86.9")


def test_a_period_already_recorded_is_not_overwritten_without_a_version(alice, rate):
    observation_record(actor=alice, indicator=rate, **FIGURE)
    with pytest.raises(ValidationError) as error:
        observation_record(actor=alice, indicator=rate, **{**FIGURE, "value": Decimal(1)})
    assert "fiscal_year" in error.value.message_dict
    assert Observation.objects.get().value == Decimal("86.8")


def test_a_month_and_the_whole_year_are_different_periods(alice, rate):
    observation_record(actor=alice, indicator=rate, **FIGURE)
    january = observation_record(actor=alice, indicator=rate, **{**FIGURE, "month": 1, "as_of": datetime.date(2022, 1, 31)})
    assert january.period_start == datetime.date(2022, 1, 1)
    with pytest.raises(ValidationError):
        observation_record(actor=alice, indicator=rate, **{**FIGURE, "month": 1, "as_of": datetime.date(2022, 1, 31)})
    assert Observation.objects.count() == 2


def test_a_percentage_above_100_is_refused(alice, rate):
    with pytest.raises(ValidationError) as error:
        observation_record(actor=alice, indicator=rate, **{**FIGURE, "value": Decimal("100.1")})
    assert "value" in error.value.message_dict
    assert not Observation.objects.exists()


def test_a_count_may_exceed_100(alice, division):
    tasks = IndicatorFactory(division=division)
    assert observation_record(actor=alice, indicator=tasks, **{**FIGURE, "value": Decimal(697926)}).value == 697926


def test_a_future_date_and_a_date_before_the_period_are_refused_together(alice, rate):
    with pytest.raises(ValidationError) as future:
        observation_record(actor=alice, indicator=rate, **{**FIGURE, "fiscal_year": 2022, "as_of": datetime.date(2022, 10, 5)})
    assert "as_of" in future.value.message_dict
    with pytest.raises(ValidationError) as early:
        observation_record(actor=alice, indicator=rate, **{**FIGURE, "as_of": datetime.date(2021, 3, 31)})
    assert "as_of" in early.value.message_dict
    assert not Observation.objects.exists()


def test_a_month_outside_1_to_12_is_refused(alice, rate):
    with pytest.raises(ValidationError) as error:
        observation_record(actor=alice, indicator=rate, **{**FIGURE, "month": 13})
    assert "month" in error.value.message_dict


class TestCumulativeFigures:
    @pytest.fixture
    def total(self, division):
        indicator = IndicatorFactory(code="open-datasets", division=division, cumulative=True)
        ObservationFactory(indicator=indicator, fiscal_year=2020, value=129)
        ObservationFactory(indicator=indicator, fiscal_year=2022, value=221, as_of=datetime.date(2022, 8, 31))
        return indicator

    def test_it_never_goes_down_from_the_year_before(self, alice, total):
        with pytest.raises(ValidationError) as error:
            observation_record(actor=alice, indicator=total, **{**FIGURE, "value": Decimal(120)})
        assert "value" in error.value.message_dict
        assert "令和2年度" in error.value.message_dict["value"][0]

    def test_it_never_goes_above_the_year_after(self, alice, total):
        with pytest.raises(ValidationError) as error:
            observation_record(actor=alice, indicator=total, **{**FIGURE, "value": Decimal(300)})
        assert "令和4年度" in error.value.message_dict["value"][0]

    def test_a_note_saying_why_lets_it_go_down(self, alice, total):
        observation = observation_record(
            actor=alice, indicator=total, **{**FIGURE, "value": Decimal(120), "note": "重複していたデータセットを統合"}
        )
        assert observation.value == 120

    def test_a_figure_between_its_neighbours_is_recorded(self, alice, total):
        assert observation_record(actor=alice, indicator=total, **{**FIGURE, "value": Decimal(219)}).value == 219

    def test_new_in_period_figures_may_go_down(self, alice, division):
        tasks = IndicatorFactory(division=division)
        ObservationFactory(indicator=tasks, fiscal_year=2020, value=18)
        assert observation_record(actor=alice, indicator=tasks, **{**FIGURE, "value": Decimal(16)}).value == 16
