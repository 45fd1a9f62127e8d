import datetime
from decimal import Decimal

import factory

from kpis.models import Indicator, Observation, Target
from tests.organisation.factories import DivisionFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"indicator-{n}")
    name_ja = factory.Sequence(lambda n: f"RPA導入業務数 第{n}")
    name_en = factory.Sequence(lambda n: f"Tasks automated with RPA {n}")
    unit = Indicator.Unit.TASKS
    aggregation = Indicator.Aggregation.NEW_IN_PERIOD
    division = factory.SubFactory(DivisionFactory)
    source = "次世代育成・デジタル戦略推進特別委員会資料"

    class Params:
        percentage = factory.Trait(unit=Indicator.Unit.PERCENT, aggregation=Indicator.Aggregation.RATIO)
        cumulative = factory.Trait(aggregation=Indicator.Aggregation.CUMULATIVE)
        private = factory.Trait(is_public=False)


class ObservationFactory(factory.django.DjangoModelFactory):
    """A whole-year figure as of the year's last day."""

    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    fiscal_year = 2021
    value = Decimal(16)
    as_of = factory.LazyAttribute(lambda o: datetime.date(o.fiscal_year + 1, 3, 31))
    source_document = "デジタル戦略の推進について"
    source_meeting_or_survey = "次世代育成・デジタル戦略推進特別委員会"
    source_date = datetime.date(2022, 10, 4)
    source_page = "5"

    class Params:
        provisional = factory.Trait(
            is_provisional=True, as_of=factory.LazyAttribute(lambda o: datetime.date(o.fiscal_year, 8, 31))
        )


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory, percentage=True)
    fiscal_year = 2022
    value = Decimal(100)
    note = "電子決裁率100%を目指す"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "kpis.Plan"
        django_get_or_create = ("code",)

    code = "kanagawa-ict"
    name = "かながわICT・データ利活用推進計画"
    issuer = "神奈川県"


class PlanItemFactory(factory.django.DjangoModelFactory):
    """A pillar; give ``parent`` for a measure under it."""

    class Meta:
        model = "kpis.PlanItem"
        django_get_or_create = ("code",)

    plan = factory.LazyAttribute(lambda item: item.parent.plan if item.parent else PlanFactory())
    parent = None
    code = factory.Sequence(lambda n: f"item-{n}")
    number = "柱Ⅰ"
    title = "くらしの情報化"
