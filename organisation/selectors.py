"""Reads for the people pages, the membership history and the audit log."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from dx_portal.formatting import person_name
from dx_portal.history import HistoryEntry, entry_of, shown_fields
from dx_portal.models import ApiToken, AuditEvent

from .models import BureauMembership, DivisionMembership

User = get_user_model()
# The audit log's kind for a change to any record kept with history, beside AuditEvent's kinds.
RECORD_CHANGE = "record_change"


def division_memberships_on(day: datetime.date | None = None):
    """The division memberships in effect on ``day`` (default: today in Tokyo): the one place that says who
    was (or is) in which division on a date. Reminders, notices and the hand-over ask here."""
    return DivisionMembership.objects.in_effect(day or timezone.localdate())


def division_members(division, *, on: datetime.date | None = None, roles=None):
    """The active people in ``division`` (or its id) on ``on`` (default: today), in ``roles`` when given, by name:
    the one place that answers "who is in this division", for reminders, notices and the hand-over."""
    memberships = division_memberships_on(on).filter(division=division)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user")).order_by(
        "last_name", "first_name", "username"
    )


def with_placements(users, day: datetime.date):
    """``users`` with their placements on ``day`` (``current_division_memberships``, ``current_bureau_memberships``)."""
    return users.prefetch_related(
        Prefetch(
            "division_memberships",
            DivisionMembership.objects.in_effect(day).select_related("division"),
            to_attr="current_division_memberships",
        ),
        Prefetch(
            "bureau_memberships",
            BureauMembership.objects.in_effect(day).select_related("bureau"),
            to_attr="current_bureau_memberships",
        ),
    )


def people():
    """Every account, active or not, with its staff number and today's placements: the people list."""
    users = User.objects.select_related("person").order_by("-is_active", "last_name", "first_name", "username")
    return with_placements(users, timezone.localdate())


def person_page(user) -> dict:
    """The person's placements, past, present and planned (newest first: who was where on which date), and tokens."""
    order = ("-start_on", "-pk")
    return {
        "today": timezone.localdate(),
        "division_memberships": DivisionMembership.objects.filter(user=user).select_related("division__bureau")
        .order_by(*order),
        "bureau_memberships": BureauMembership.objects.filter(user=user).select_related("bureau").order_by(*order),
        "tokens": ApiToken.objects.filter(user=user).order_by("-created"),
    }


# --- The audit log ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log: a security event, or a change to a record of any app."""

    when: datetime.datetime
    kind: str
    who: str
    subject: str
    detail: str
    ip_address: str


def _record_label(row) -> str:
    """A record named from its own historical row (no query): its code, title or name, else its number."""
    for name in ("code", "title", "name"):
        if value := getattr(row, name, ""):
            return str(value)
    return f"#{row.id}"


def _historical_models() -> list[type]:
    """The history table (django-simple-history) of every model any app keeps history of."""
    models = []
    for model in apps.get_models():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager and hasattr(model, manager):
            models.append(getattr(model, manager).model)
    return models


def _event_entry(event: AuditEvent) -> AuditEntry:
    details = [str(value) for value in (event.token_key and f"{event.token_key}…", event.status_code) if value]
    if event.kind == AuditEvent.Kind.TOKEN_USED and not event.path:
        # A token's reads of one minute (dx_portal.usage): how many, and of what in the subject.
        details.append(str(_("読み取り %(count)s件") % {"count": event.count}))
    elif event.count > 1:
        details.append(str(_("%(count)s件") % {"count": event.count}))
    if event.path:
        details.append(f"{event.method} {event.path}".strip())
    return AuditEntry(
        when=event.at,
        kind=event.get_kind_display(),
        who=person_name(event.user) if event.user else event.username,
        subject=event.subject,
        detail=" ".join(details),
        ip_address=event.ip_address or "",
    )


def _history_entry(entry: HistoryEntry) -> AuditEntry:
    changes = "; ".join(f"{c.label}: {c.before} → {c.after}" if c.before else f"{c.label}: {c.after}" for c in entry.changes)
    return AuditEntry(
        when=entry.when,
        kind=f"{_('記録の変更')}（{entry.action}）",
        who=entry.who,
        subject=f"{entry.record_type} {entry.record}",
        detail=changes,
        ip_address="",
    )


def _day_bounds(since: datetime.date | None, until: datetime.date | None):
    """The filter's dates as instants in the portal's time zone: from the start of ``since`` to the end of ``until``."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(since, datetime.time.min, zone) if since else None
    end = datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min, zone) if until else None
    return start, end


AUDIT_WINDOW = datetime.timedelta(days=30)


class AuditLog:
    """Security events and record changes in a window, newest first, read from the database a page at a time.

    Each source (the AuditEvent table, each history table) is filtered and ordered in the database; a slice
    reads, from each source that has rows, only the keys of its newest rows down to the slice's end, merges
    them, and then the page's rows themselves (a history row with the version before it, to tell what
    changed). A save that changed nothing shown is still a line (the count is the database's).
    Django's Paginator uses ``count()`` and slicing.
    """

    CHUNK = 1000

    def __init__(self, *, person: str = "", kind: str = "", since=None, until=None):
        start, end = _day_bounds(since, until)
        self.sources: list[tuple[QuerySet, str, str]] = []  # (rows, date field, pk field)
        if kind != RECORD_CHANGE:
            events = AuditEvent.objects.all()
            if kind:
                events = events.filter(kind=kind)
            if person:
                events = events.filter(Q(user__username=person) | Q(user__isnull=True, username=person))
            self.sources.append((_window(events, "at", start, end), "at", "pk"))
        if kind in ("", RECORD_CHANGE):
            for historical in _historical_models():
                rows = historical.objects.all()
                if person:
                    rows = rows.filter(history_user__username=person)
                self.sources.append((_window(rows, "history_date", start, end), "history_date", "history_id"))

    @cached_property
    def _counts(self) -> list[int]:
        return [rows.count() for rows, _date, _pk in self.sources]

    def count(self) -> int:
        return sum(self._counts)

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        for offset in range(0, self.count(), self.CHUNK):
            yield from self[offset : offset + self.CHUNK]

    def __getitem__(self, page: slice) -> list[AuditEntry]:
        first, stop = page.start or 0, min(page.stop, self.count())
        keys = []
        for index, ((rows, date, pk), count) in enumerate(zip(self.sources, self._counts, strict=True)):
            if count:
                newest = rows.order_by(f"-{date}", f"-{pk}").values_list(date, pk)[:stop]
                keys += [(when, index, key) for when, key in newest]
        keys.sort(reverse=True)
        wanted: dict[int, list] = {}
        for _when, index, key in keys[first:stop]:
            wanted.setdefault(index, []).append(key)
        entries = [entry for index, pks in wanted.items() for entry in self._entries(index, pks)]
        entries.sort(key=lambda entry: entry.when, reverse=True)
        return entries

    def _entries(self, index: int, pks: list) -> list[AuditEntry]:
        rows, _date, _pk = self.sources[index]
        if rows.model is AuditEvent:
            return [_event_entry(event) for event in AuditEvent.objects.select_related("user").filter(pk__in=pks)]
        historical = rows.model
        fields = shown_fields(historical.instance_type, historical, ())
        related = [f.name for f in fields if f.is_relation]
        table = historical.objects.select_related("history_user", *related)
        # The version before each row: the same record's latest row older than it.
        earlier = historical.objects.filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")),
            id=OuterRef("id"),
        ).order_by("-history_date", "-history_id").values("history_id")[:1]
        page = list(table.filter(history_id__in=pks).annotate(before_id=Subquery(earlier)))
        before = table.in_bulk([row.before_id for row in page if row.before_id])
        return [
            _history_entry(entry_of(row, before.get(row.before_id), fields=fields, label=_record_label))
            for row in page
        ]


def _window(rows: QuerySet, date: str, start, end) -> QuerySet:
    if start:
        rows = rows.filter(**{f"{date}__gte": start})
    if end:
        rows = rows.filter(**{f"{date}__lt": end})
    return rows


def audit_log(*, person: str = "", kind: str = "", since=None, until=None) -> AuditLog:
    """Security events and record changes, newest first, narrowed by username, kind and dates (read lazily)."""
    return AuditLog(person=person, kind=kind, since=since, until=until)
