"""Reads for the people pages and the audit log."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dx_portal.formatting import person_name
from dx_portal.history import HistoryEntry, Source, history
from dx_portal.models import ApiToken, AuditEvent

from .models import BureauMembership, DivisionMembership

User = get_user_model()
# The audit log's kind for a change to any record kept with history, beside AuditEvent's kinds.
RECORD_CHANGE = "record_change"


def people():
    """Every account, active or not, with its staff number and placements: the people list."""
    return (
        User.objects.select_related("person")
        .prefetch_related(
            Prefetch("division_memberships", DivisionMembership.objects.select_related("division")),
            Prefetch("bureau_memberships", BureauMembership.objects.select_related("bureau")),
        )
        .order_by("-is_active", "last_name", "first_name", "username")
    )


def person_page(user) -> dict:
    return {
        "division_memberships": DivisionMembership.objects.filter(user=user).select_related("division__bureau"),
        "bureau_memberships": BureauMembership.objects.filter(user=user).select_related("bureau"),
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


def history_sources(rows_filter=None) -> list[Source]:
    """A Source for every model any app keeps history of (django-simple-history)."""
    sources = []
    for model in apps.get_models():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if not manager or not hasattr(model, manager):
            continue
        rows = getattr(model, manager).all()
        if rows_filter is not None:
            # Whole histories of the records touched: each change is still told against the version before it.
            rows = rows.filter(id__in=rows.filter(rows_filter).values("id"))
        sources.append(Source(rows, label=_record_label))
    return sources


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


def audit_log(*, person: str = "", kind: str = "", since=None, until=None) -> list[AuditEntry]:
    """Security events and record changes, newest first, narrowed by username, kind and dates."""
    start, end = _day_bounds(since, until)
    entries: list[AuditEntry] = []
    if kind != RECORD_CHANGE:
        events = AuditEvent.objects.select_related("user")
        if kind:
            events = events.filter(kind=kind)
        if person:
            events = events.filter(Q(user__username=person) | Q(user__isnull=True, username=person))
        if start:
            events = events.filter(at__gte=start)
        if end:
            events = events.filter(at__lt=end)
        entries += [_event_entry(event) for event in events]
    if kind in ("", RECORD_CHANGE):
        rows_filter = Q()
        actor = User.objects.filter(username=person).first() if person else None
        if person:
            rows_filter &= Q(history_user=actor)
        if start:
            rows_filter &= Q(history_date__gte=start)
        if end:
            rows_filter &= Q(history_date__lt=end)
        if not (person and actor is None):
            changes = history(*history_sources(rows_filter if rows_filter else None))
            name = person_name(actor) if actor else None
            entries += [
                _history_entry(entry) for entry in changes
                if (name is None or entry.who == name)
                and (start is None or entry.when >= start)
                and (end is None or entry.when < end)
            ]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries
