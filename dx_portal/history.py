"""Change history, read one way for every app: who changed which record, when, and each field's old and new value.

Every audited model keeps its versions in django-simple-history's table. A page names the tables to read
(``Source``) and gets one list of ``HistoryEntry``, newest first, in one query per table whatever the number
of rows: the history user and every related record named in a change come in the same query. A record's
attachments are part of its history: added (or removed) by whom and when, with their name and classification.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from .attachments import REGISTRY, Attachment
from .formatting import person_name, plain_decimal, wareki, yen

# Changed on every save or derived: noise in a change history.
IGNORED_FIELDS = frozenset({"id", "version", "created_at", "updated_at"})
ACTIONS = {"+": _("作成"), "~": _("変更"), "-": _("削除")}
ATTACHMENT_ACTIONS = {"+": _("添付資料の追加"), "~": _("添付資料の変更"), "-": _("添付資料の削除")}
# An attachment's history shows its name, size and classification: who added it and when are the row's own, the
# rest says nothing to a reader (the record it belongs to is the page's, the stored path is private).
ATTACHMENT_HIDDEN = frozenset({"content_type", "object_id", "file", "media_type", "sha256", "uploaded_by", "uploaded_at"})


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
    action: str  # the kind in words
    record_type: str
    record: str
    changes: list[Change]


@dataclass(frozen=True)
class Source:
    """The history rows to read (a queryset of a model's ``history``), how to name their record (from the row's
    own fields: no query), and the fields not worth showing (the parent every row shares, an ordering number)."""

    rows: models.QuerySet
    label: Callable[[models.Model], str] = lambda row: ""  # one record's own page names it already
    exclude: frozenset[str] = field(default_factory=frozenset)
    actions: Mapping[str, str] = field(default_factory=lambda: ACTIONS)


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


def entry_of(row, before, *, fields, label: Callable[[models.Model], str], actions: Mapping[str, str] = ACTIONS) -> HistoryEntry:
    """The entry of one history row, told against the record's version before it (None: there is none)."""
    changes = [] if row.history_type == "-" else changes_between(fields, before, row)
    return HistoryEntry(
        when=row.history_date, who=person_name(row.history_user), kind=row.history_type,
        action=str(actions[row.history_type]), record_type=str(row.instance_type._meta.verbose_name), record=label(row),
        changes=changes,
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
        entry = entry_of(row, before, fields=fields, label=source.label, actions=source.actions)
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


def attachments_source(*records: tuple[type[models.Model], Iterable[int] | models.QuerySet]) -> Source:
    """The attachments added to and removed from records, given as (model, their ids or a queryset of them) pairs:
    each entry named by the file's name. Its records' own history tells nothing of them (a separate table)."""
    condition = models.Q(pk__in=[])
    for model, ids in records:
        meta = model._meta
        condition |= models.Q(content_type__app_label=meta.app_label, content_type__model=meta.model_name,
                              object_id__in=ids)
    return Source(Attachment.history.filter(condition), label=lambda row: row.name, exclude=ATTACHMENT_HIDDEN,
                  actions=ATTACHMENT_ACTIONS)


def record_history(instance: models.Model, *, parts: Iterable[tuple] = (), **options) -> list[HistoryEntry]:
    """One record's own history, newest first, with its attachments' when it takes them, and those of its ``parts``
    ((model, ids) pairs: a meeting's agenda items) shown on its page."""
    sources = [Source(instance.history.all(), **options)]
    owners = [(type(instance), [instance.pk])] if type(instance) in REGISTRY else []
    owners += parts
    if owners:
        sources.append(attachments_source(*owners))
    return history(*sources)


def changes_since(current: models.Model, expected_version: int) -> list[Change]:
    """What others changed in a record since the version an edit started from (read from its history), for the
    conflict screen; every current value when the history does not reach back that far."""
    fields = shown_fields(type(current), current.history.model, ())
    rows = current.history.filter(version=expected_version).select_related(*[f.name for f in fields if f.is_relation])
    started_from = rows.order_by("-history_date", "-history_id").first()
    return changes_between(fields, started_from, current)
