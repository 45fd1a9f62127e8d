"""Serializers of the KPI feeds: ISO 8601 dates, decimals as plain strings ("92.7"), codes rather than ids."""

from decimal import Decimal

from django.urls import reverse
from rest_framework import serializers

from dx_portal.formatting import plain_decimal

from ..models import FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, VALUE_DECIMAL_PLACES, VALUE_MAX_DIGITS, Indicator, Observation, Target


class PlainDecimalField(serializers.DecimalField):
    """A decimal written as the source writes it: 92.7 and 141162, not 92.70 and 141162.00."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", VALUE_MAX_DIGITS)
        kwargs.setdefault("decimal_places", VALUE_DECIMAL_PLACES)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return plain_decimal(Decimal(value))


class DivisionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class TargetSerializer(serializers.ModelSerializer):
    value = PlainDecimalField()

    class Meta:
        model = Target
        fields = ["fiscal_year", "value", "note"]


class IndicatorLinksSerializer(serializers.Serializer):
    """Where to read the indicator: its metadata, observations (JSON and CSV), the CSV's table schema, its page."""

    def to_representation(self, indicator):
        request = self.context["request"]
        observations = request.build_absolute_uri(reverse("kpis_api:observation-list", args=[indicator.code]))
        return {
            "self": request.build_absolute_uri(reverse("kpis_api:indicator-detail", args=[indicator.code])),
            "observations": observations,
            "observations_csv": f"{observations}?format=csv",
            "table_schema": request.build_absolute_uri(reverse("kpis_api:observation-schema")),
            "page": request.build_absolute_uri(reverse("kpis:indicator-detail", args=[indicator.code])),
        }


class IndicatorSerializer(serializers.ModelSerializer):
    division = DivisionSerializer()
    links = IndicatorLinksSerializer(source="*", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code", "name_ja", "name_en", "unit", "aggregation", "direction", "division", "source", "licence",
            "is_public", "description", "updated_at", "links",
        ]


class IndicatorDetailSerializer(IndicatorSerializer):
    targets = TargetSerializer(many=True, read_only=True)

    class Meta(IndicatorSerializer.Meta):
        fields = [*IndicatorSerializer.Meta.fields, "targets"]


class ObservationSerializer(serializers.ModelSerializer):
    """An observation as the feed gives it; the CSV has the columns of kpis.csv_format (the same names)."""

    indicator_code = serializers.CharField(source="indicator.code")
    unit = serializers.CharField(source="indicator.unit")
    value = PlainDecimalField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()

    class Meta:
        model = Observation
        fields = [
            "indicator_code", "fiscal_year", "month", "value", "unit", "as_of", "is_provisional", "is_estimate", "note",
            "source_document", "source_meeting_or_survey", "source_date", "source_page",
            "period_start", "period_end", "version", "updated_at",
        ]


class ObservationInputSerializer(serializers.Serializer):
    """The figure of a period to record; ``version`` (the one the edit started from) to revise a recorded one."""

    fiscal_year = serializers.IntegerField(min_value=FISCAL_YEAR_MIN, max_value=FISCAL_YEAR_MAX)
    month = serializers.IntegerField(min_value=1, max_value=12, required=False, allow_null=True, default=None)
    value = PlainDecimalField(min_value=Decimal(0))
    as_of = serializers.DateField()
    is_provisional = serializers.BooleanField(default=False)
    is_estimate = serializers.BooleanField(default=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    source_document = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    source_meeting_or_survey = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    source_date = serializers.DateField(required=False, allow_null=True, default=None)
    source_page = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class HandoutRowSerializer(serializers.Serializer):
    """A line of a handout table: an indicator, or the 累計 line under it (``is_total``); a value per year."""

    indicator = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()
    values = serializers.ListField(child=PlainDecimalField(allow_null=True))
    provisional = serializers.ListField(child=serializers.BooleanField(), help_text="速報値")
    estimate = serializers.ListField(child=serializers.BooleanField(), help_text="見込み")
    is_total = serializers.BooleanField()


class HandoutTableSerializer(serializers.Serializer):
    """A table of the committee handout: one per pillar of the plan, its fiscal years as columns."""

    group = serializers.CharField(help_text="the pillar (計画の柱), or その他の指標")
    years = serializers.ListField(child=serializers.IntegerField())
    year_names = serializers.ListField(child=serializers.CharField())
    rows = HandoutRowSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())
    sources = serializers.ListField(child=serializers.CharField())
