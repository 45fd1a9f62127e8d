"""Change history, read one way for every app: who changed which record, when, and each field's old and new value.

Every audited model keeps its versions in django-simple-history's table. A page names the tables to read
(``Source``) and gets one list of ``HistoryEntry``, newest first, in one query per table whatever the number
of rows: the history user and every related record named in a change come in the same query.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from .formatting import person_name, plain_decimal, wareki, yen

# Changed on every save or derived: noise in a change history.
IGNORED_FIELDS = frozenset({"id", "version", "created_at", "updated_at"})
ACTIONS = {"+": _("作成"), "~": _("変更"), "-": _("削除")}


@dataclass(frozen=True)
class Change:
    """One field's change: ``before`` is empty for a creation."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    """One create, change or delete of a record, with who made it and when."""

    when: datetime.datetime
    who: str  # family name first; empty for the system (a command, a task)
    kind: str  # simple_history's type: + created, ~ changed, - deleted
    record_type: str
    record: str
    changes: list[Change]

    @property
    def action(self) -> str:
        return str(ACTIONS[self.kind])


@dataclass(frozen=True)
class Source:
    """The history rows to read (a queryset of a model's ``history``), how to name their record (from the row's
    own fields: no query), and the fields not worth showing (the parent every row shares, an ordering number)."""

    rows: models.QuerySet
    label: Callable[[models.Model], str] = lambda row: ""  # one record's own page names it already
    exclude: frozenset[str] = field(default_factory=frozenset)


def display(model_field: models.Field, record) -> str:
    """A field's value in ``record`` as the pages show it: names of related records (people family name first),
    choice labels, dates in 和暦, yen."""
    if model_field.many_to_many:
        return "、".join(_name(related) for related in getattr(record, model_field.name).all())
    if model_field.is_relation:
        related = getattr(record, model_field.name, None)
        if related is None:
            value = getattr(record, model_field.attname)
            return "" if value is None else str(value)  # a related record deleted since
        return _name(related)
    return display_value(model_field, getattr(record, model_field.attname))


def _name(related: models.Model) -> str:
    return person_name(related) if isinstance(related, get_user_model()) else str(related)


def display_value(model_field: models.Field, value) -> str:
    """A plain (not related) stored value as the pages show it."""
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("はい") if value else _("いいえ"))
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, datetime.date):
        return wareki(value)
    if model_field.name.endswith("_yen"):
        return yen(value)
    return str(value)


def shown_fields(model: type[models.Model], historical: type[models.Model], exclude: Iterable[str]) -> list[models.Field]:
    """The model's fields the history keeps, less the noise: in model order, as the forms show them."""
    kept = {f.attname for f in historical._meta.concrete_fields}
    hidden = IGNORED_FIELDS | set(exclude)
    return [f for f in model._meta.concrete_fields if f.name not in hidden and f.attname in kept]


def changes_between(fields: Iterable[models.Field], before, after) -> list[Change]:
    """Field by field, what differs between two versions of a record (``before`` None for a creation)."""
    changes = []
    for model_field in fields:
        if before is not None and getattr(before, model_field.attname) == getattr(after, model_field.attname):
            continue
        old, new = (display(model_field, before) if before is not None else ""), display(model_field, after)
        if old != new:
            changes.append(Change(str(model_field.verbose_name), old, new))
    return changes


def entry_of(row, before, *, fields, label: Callable[[models.Model], str]) -> HistoryEntry:
    """The entry of one history row, told against the record's version before it (None: there is none)."""
    changes = [] if row.history_type == "-" else changes_between(fields, before, row)
    return HistoryEntry(
        when=row.history_date, who=person_name(row.history_user), kind=row.history_type,
        record_type=str(row.instance_type._meta.verbose_name), record=label(row), changes=changes,
    )


def _entries(source: Source) -> list[HistoryEntry]:
    historical = source.rows.model
    fields = shown_fields(historical.instance_type, historical, source.exclude)
    related = [f.name for f in fields if f.is_relation]
    rows = source.rows.select_related("history_user", *related).order_by("history_date", "history_id")
    previous, entries = {}, []
    for row in rows:
        before = previous.get(row.id)
        previous[row.id] = row
        entry = entry_of(row, before, fields=fields, label=source.label)
        if row.history_type == "~" and not entry.changes:
            continue  # a save that changed nothing a reader sees
        entries.append(entry)
    entries.reverse()  # newest first, so that the stable sort in history() keeps rows saved in one instant in order
    return entries


def history(*sources: Source) -> list[HistoryEntry]:
    """The entries of every source, newest first: one query per source."""
    entries = [entry for source in sources for entry in _entries(source)]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def record_history(instance: models.Model, **options) -> list[HistoryEntry]:
    """One record's own history, newest first."""
    return history(Source(instance.history.all(), **options))


def changes_since(current: models.Model, expected_version: int) -> list[Change]:
    """What others changed in a record since the version an edit started from (read from its history), for the
    conflict screen; every current value when the history does not reach back that far."""
    fields = shown_fields(type(current), current.history.model, ())
    rows = current.history.filter(version=expected_version).select_related(*[f.name for f in fields if f.is_relation])
    started_from = rows.order_by("-history_date", "-history_id").first()
    return changes_between(fields, started_from, current)
