"""The database keeps one figure per indicator and period, even when a write bypasses the service."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from kpis.models import Indicator
from tests.kpis.factories import IndicatorFactory, ObservationFactory, TargetFactory


def test_the_database_refuses_a_second_figure_for_the_same_fiscal_year(division):
    indicator = IndicatorFactory(division=division)
    ObservationFactory(indicator=indicator, fiscal_year=2021)
    with pytest.raises(IntegrityError), transaction.atomic():
        ObservationFactory(indicator=indicator, fiscal_year=2021)


def test_the_database_refuses_a_second_figure_for_the_same_month_but_not_another_month(division):
    indicator = IndicatorFactory(division=division)
    ObservationFactory(indicator=indicator, fiscal_year=2021, month=4, as_of=datetime.date(2021, 4, 30))
    ObservationFactory(indicator=indicator, fiscal_year=2021, month=5, as_of=datetime.date(2021, 5, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        ObservationFactory(indicator=indicator, fiscal_year=2021, month=4, as_of=datetime.date(2021, 4, 30))


@pytest.mark.parametrize("values", [{"month": 13}, {"value": Decimal(-1)}, {"fiscal_year": 1900}])
def test_the_database_refuses_impossible_values(division, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        ObservationFactory(indicator=IndicatorFactory(division=division), **values)


def test_the_database_refuses_a_second_target_for_a_year(division):
    indicator = IndicatorFactory(division=division, percentage=True)
    TargetFactory(indicator=indicator)
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetFactory(indicator=indicator)


def test_a_target_percentage_lies_in_0_to_100(division):
    target = TargetFactory.build(indicator=IndicatorFactory(division=division, percentage=True), value=Decimal(101))
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "value" in error.value.message_dict


def test_a_code_used_by_a_page_is_refused(division):
    with pytest.raises(ValidationError) as error:
        IndicatorFactory.build(code="import", division=division).full_clean()
    assert "code" in error.value.message_dict


def test_a_month_names_its_period_in_the_era():
    observation = ObservationFactory.build(fiscal_year=2022, month=1)
    assert observation.period_label == "令和4年度 1月"
    assert (observation.period_start, observation.period_end) == (datetime.date(2023, 1, 1), datetime.date(2023, 1, 31))


def test_names_follow_the_language():
    indicator = Indicator(name_ja="電子決裁率", name_en="E-approval rate")
    with translation.override("en"):
        assert indicator.name == "E-approval rate"
    with translation.override("ja"):
        assert indicator.name == "電子決裁率"
