"""One FilterSet per model: the list pages, the portfolio, the API and the exports all use these."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Bureau, Division

from .models import Health, Project


class ProjectFilterSet(django_filters.FilterSet):
    bureau = django_filters.ModelChoiceFilter(
        field_name="division__bureau", to_field_name="code", queryset=Bureau.objects.all(), label=_("局")
    )
    division = django_filters.ModelChoiceFilter(
        field_name="division", to_field_name="code", queryset=Division.objects.all(), label=_("所属")
    )
    phase = django_filters.ChoiceFilter(choices=Project.Phase.choices, label=_("フェーズ"))
    health = django_filters.ChoiceFilter(choices=Health.choices, label=_("健全度"))
    stale = django_filters.BooleanFilter(method="filter_stale", label=_("報告遅延"))
    search = django_filters.CharFilter(method="filter_search", label=_("キーワード"))

    class Meta:
        model = Project
        fields = ["bureau", "division", "phase", "health", "stale", "search"]

    def filter_stale(self, queryset, name, value):
        today = timezone.localdate()
        stale = Q(report_overdue_on__lte=today)
        return queryset.filter(stale) if value else queryset.exclude(stale)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(code__icontains=value) | Q(name__icontains=value) | Q(name_en__icontains=value)
            | Q(description__icontains=value) | Q(division__name__icontains=value)
        )
