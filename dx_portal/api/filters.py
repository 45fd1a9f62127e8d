"""``updated_since``: incremental sync on every list whose records carry ``updated_at``.

A client keeps the time of its last sync and asks for what changed since (``updated_at`` at or after
it, so a record saved in the same instant is read twice rather than missed). Records are never hidden
for their state: a withdrawn report or a superseded decision comes with its ``status``, so a mirror
learns of the change.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.plumbing import get_view_model
from rest_framework import exceptions
from rest_framework.filters import BaseFilterBackend

PARAMETER = "updated_since"
FIELD = "updated_at"


def has_updated_at(model) -> bool:
    try:
        model._meta.get_field(FIELD)
    except (FieldDoesNotExist, AttributeError):
        return False
    return True


def parse_since(value: str) -> datetime.datetime:
    """An ISO 8601 date or date-time; without an offset, in the portal's time zone (Asia/Tokyo). A ``+``
    left unencoded in a query string arrives as a space: it is read as the ``+`` it was. The moment goes to
    the database in UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows."""
    value = value.strip()
    try:
        moment = parse_datetime(value) or parse_datetime(value.replace(" ", "+"))
        if moment is None and (day := parse_date(value)) is not None:
            moment = datetime.datetime.combine(day, datetime.time())
        if moment is not None:
            return (timezone.make_aware(moment) if timezone.is_naive(moment) else moment).astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        pass
    message = _("ISO 8601 の日付または日時で指定してください（例: 2022-10-03T09:00:00+09:00）。")
    raise exceptions.ValidationError({PARAMETER: [message]})


class UpdatedSinceFilter(BaseFilterBackend):
    query_parameters = (PARAMETER,)

    def filter_queryset(self, request, queryset, view):
        value = request.query_params.get(PARAMETER)
        if value is None or not has_updated_at(queryset.model):
            return queryset
        return queryset.filter(**{f"{FIELD}__gte": parse_since(value)})

    def get_schema_operation_parameters(self, view):
        if not has_updated_at(get_view_model(view)):
            return []
        return [
            {
                "name": PARAMETER,
                "required": False,
                "in": "query",
                "schema": {"type": "string", "format": "date-time"},
                "example": "2022-10-03T09:00:00+09:00",
                "description": str(
                    _(
                        "この日時以降に変更された記録だけを返す（ISO 8601、updated_at >= 指定値）。取下げ・改定済の記録も"
                        "状態付きで返る。Only records changed at or after this time, withdrawn or superseded ones "
                        "included with their state."
                    )
                ),
            }
        ]
