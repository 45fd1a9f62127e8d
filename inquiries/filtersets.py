"""The inquiry register's filters, used by its page and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dx_portal.filtering import FormOnceFilterSet

from .models import Inquiry


class InquiryFilterSet(FormOnceFilterSet):
    search = django_filters.CharFilter(method="filter_search", label=_("キーワード"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("回答期限前"))

    class Meta:
        model = Inquiry
        fields = ["search", "open"]

    def filter_search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(body__icontains=word))
        return queryset

    def filter_open(self, queryset, name, value):
        before = Q(deadline__gte=timezone.localdate())
        return queryset.filter(before) if value else queryset.exclude(before)
