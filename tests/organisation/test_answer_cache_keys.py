"""The query parameters that key a cached API answer (organisation.api.caching): every one a filter reads, and no other."""

import django_filters
import pytest
from django.core.exceptions import ImproperlyConfigured
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import generics
from rest_framework.filters import OrderingFilter

from dx_portal.api.filters import UpdatedSinceFilter
from organisation.api.caching import VersionCachedGetMixin, parameters_read_by
from projects.api.views import ProjectListView
from projects.caching import PROJECT_DATA
from projects.models import Project


class RangeFilterSet(django_filters.FilterSet):
    budget = django_filters.RangeFilter(field_name="budget_yen")
    ends = django_filters.DateFromToRangeFilter(field_name="planned_end")

    class Meta:
        model = Project
        fields = ["budget", "ends"]


def cached_view(*backends):
    return type("View", (VersionCachedGetMixin, generics.ListAPIView), {
        "data_version": PROJECT_DATA, "filterset_class": RangeFilterSet, "filter_backends": list(backends),
    })


def test_the_projects_list_is_keyed_by_its_filters_and_updated_since():
    assert parameters_read_by(ProjectListView) == {
        "bureau", "division", "phase", "health", "stale", "pillar", "conditions_open", "search", "ordering", "updated_since"
    }


def test_a_range_is_keyed_by_both_its_ends():
    view = cached_view(DjangoFilterBackend, UpdatedSinceFilter)
    assert parameters_read_by(view) == {"budget_min", "budget_max", "ends_after", "ends_before", "updated_since"}


def test_a_backend_that_does_not_name_its_parameters_is_refused():
    with pytest.raises(ImproperlyConfigured, match="OrderingFilter"):
        parameters_read_by(cached_view(DjangoFilterBackend, OrderingFilter))
