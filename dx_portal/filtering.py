"""What every FilterSet shares: a yes/no filter whose empty choice reads 「すべて」 (all), not 「不明」 (unknown).

django-filter's BooleanFilter draws Django's NullBooleanSelect, made for a field whose value may be unknown;
as a filter its empty choice means "do not filter", so it says so. Values stay true/false, as the API takes them.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class YesNoSelect(forms.NullBooleanSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("すべて")), ("true", _("はい")), ("false", _("いいえ")))

    def format_value(self, value):
        # A list, as other choice widgets give: NullBooleanSelect's string would make "" match any value.
        shown = super().format_value(value)
        return ["" if shown == "unknown" else shown]


class YesNoFilter(django_filters.BooleanFilter):
    """A BooleanFilter offering すべて / はい / いいえ."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesNoSelect)
        super().__init__(*args, **kwargs)
