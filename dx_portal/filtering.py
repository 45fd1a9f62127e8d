"""What every FilterSet shares: a yes/no filter whose empty choice reads 「すべて」 (all), not 「不明」 (unknown), a
filter on a record's id or number that the database's integer can hold, a choice of bureau or division named
in the page's language, and a FilterSet whose form class is built once.

django-filter's BooleanFilter draws Django's NullBooleanSelect, made for a field whose value may be unknown;
as a filter its empty choice means "do not filter", so it says so. Values stay true/false, as the API takes them.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .formatting import local_name


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


# The largest value of a 64-bit database integer: a larger id in a query string is a field error (400), not an
# overflow in the database driver (a 500 on SQLite, found by schemathesis).
ID_MAX = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A record's id or number: a whole number from 1 to ID_MAX."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


class LocalNameChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return local_name(obj)


class LocalNameChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of records that have an English name (bureaus, divisions), each named in the page's language."""

    field_class = LocalNameChoiceField


class FormOnceFilterSet(django_filters.FilterSet):
    """A FilterSet whose form class is built once per class, not per request.

    django-filter builds the form class of every FilterSet it makes, each filter's field anew: about 0.5 ms of the
    projects' FilterSet, on every project list, portfolio and API request. Only for a FilterSet none of whose filters
    depends on the request (a choice of the projects one may see does): the class's fields are shared, and each form
    copies them, its choices' querysets afresh, as every Django form does.
    """

    def get_form_class(self):
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            # Per class, not inherited: a subclass has filters of its own.
            form_class = type(self)._form_class = super().get_form_class()
        return form_class
