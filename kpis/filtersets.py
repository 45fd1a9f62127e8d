"""One FilterSet per model: the list page, the API and the CSV feed all use these."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from dx_portal.filtering import FormOnceFilterSet, LocalNameChoiceFilter, YesNoFilter
from dx_portal.keywords import keyword_filter
from organisation.models import Division

from .models import FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, Indicator, Observation


class FiscalYearFilter(django_filters.NumberFilter):
    """A whole fiscal year within the range the portal holds: "abc", 2022.5 or 10**30 get a 400, not a 500."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FISCAL_YEAR_MIN)
        kwargs.setdefault("max_value", FISCAL_YEAR_MAX)
        super().__init__(*args, **kwargs)


class IndicatorFilterSet(FormOnceFilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("キーワード"))
    division = LocalNameChoiceFilter(
        field_name="division", to_field_name="code", queryset=Division.objects.all(), label=_("所管所属"),
        empty_label=_("すべて"),
    )
    unit = django_filters.ChoiceFilter(choices=Indicator.Unit.choices, label=_("単位"), empty_label=_("すべて"))
    aggregation = django_filters.ChoiceFilter(
        choices=Indicator.Aggregation.choices, label=_("集計方法"), empty_label=_("すべて")
    )
    is_public = YesNoFilter(label=_("公開"))

    class Meta:
        model = Indicator
        fields = ["q", "division", "unit", "aggregation", "is_public"]

    def filter_q(self, queryset, name, value):
        return keyword_filter(queryset, ("code", "name_ja", "name_en", "description"), value)


class ObservationFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        low, high = data.get("fiscal_year_min"), data.get("fiscal_year_max")
        if low is not None and high is not None and low > high:
            self.add_error("fiscal_year_min", _("「年度（から）」は「年度（まで）」以前にしてください。"))
        return data


class ObservationFilterSet(FormOnceFilterSet):
    fiscal_year = FiscalYearFilter(field_name="fiscal_year", label=_("年度"))
    fiscal_year_min = FiscalYearFilter(field_name="fiscal_year", lookup_expr="gte", label=_("年度（から）"))
    fiscal_year_max = FiscalYearFilter(field_name="fiscal_year", lookup_expr="lte", label=_("年度（まで）"))
    period = django_filters.ChoiceFilter(
        method="filter_period", choices=[("year", _("年度")), ("month", _("月"))], label=_("期間の単位")
    )
    is_provisional = YesNoFilter(label=_("速報値"))

    class Meta:
        model = Observation
        fields = ["fiscal_year", "fiscal_year_min", "fiscal_year_max", "period", "is_provisional"]
        form = ObservationFilterForm

    def filter_period(self, queryset, name, value):
        return queryset.filter(month__isnull=value == "year")
