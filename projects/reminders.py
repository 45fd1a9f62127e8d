"""Stale-status reminders: the sweep that reminds divisions (and escalates to PMO) when a project's status
report falls due, goes overdue and stays overdue, and sends PMO its daily digest; and the selector that
lists what was sent about a project.

Exactly once, as Healthchecks' alert jobs do it: claim, then send, then mark (dx_portal.sweeps). The claims
are a Reminder under its unique project + due date + level and a PmoDigest under its unique day.

Call the sweep outside a transaction: its claims must be committed before it sends.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from dx_portal import emails
from dx_portal.business_days import is_business_day
from dx_portal.sweeps import is_open, reclaim, send_claimed
from governance.selectors import action_items_past_due
from organisation.models import DivisionMembership
from organisation.roles import GROUP_PMO
from organisation.selectors import division_memberships_on

from .models import Finding, PmoDigest, Project, Reminder, ReportState


@dataclass(frozen=True)
class ReminderMessage:
    """One reminder about one project's current due date."""

    project: Project
    level: str
    recipients: tuple[str, ...]

    @property
    def due_on(self) -> datetime.date:
        return self.project.report_due_on


@dataclass(frozen=True)
class DigestMessage:
    """PMO's digest of one business day."""

    day: datetime.date
    projects: list[Project]
    findings: list[Finding]
    action_items: list
    recipients: tuple[str, ...]
    unreachable: list[Project] = field(default_factory=list)  # reminders due today that reach nobody (連絡先なし)


Message = ReminderMessage | DigestMessage
Row = Reminder | PmoDigest


@dataclass
class Sweep:
    """What one sweep sent, or in a dry run would send; and what it could not address to anyone."""

    moment: datetime.datetime
    business_day: bool
    dry_run: bool
    reminders: list[ReminderMessage] = field(default_factory=list)
    digest: DigestMessage | None = None
    unaddressed: list[Message] = field(default_factory=list)


def reminder_sweep(*, now: datetime.datetime | None = None, dry_run: bool = False) -> Sweep:
    """Send every reminder and the PMO digest due at ``now`` (default: the present) and not yet sent.

    On a day that is not a business day it sends nothing; the next business day's sweep sends what fell
    due meanwhile. A dry run reports what would be sent and writes nothing.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    sweep = Sweep(moment=now, business_day=is_business_day(today), dry_run=dry_run)
    if not sweep.business_day:
        return sweep
    if dry_run:
        plan = _plan(today, now, lock=False)
        _record(sweep, [message for message, _ in plan])
        return sweep
    with transaction.atomic():
        plan = _plan(today, now, lock=True)
        claims = _claim(plan, now)
    _record(sweep, [message for message, _ in plan if not message.recipients] + [message for _, message in claims])
    send(claims, now)
    return sweep


def send(claims: list[tuple[Row, Message]], now: datetime.datetime) -> None:
    """Send claimed reminders (and the digest) over one connection, marking each, with each template rendered once
    per variant for them all (emails.Letters)."""
    letters = emails.Letters()
    send_claimed(claims, lambda message: _email(message, now, letters), now)


def reminders_for_project(project: Project) -> QuerySet[Reminder]:
    """The reminders sent about a project, newest first: the project page lists them."""
    return project.reminders.filter(sent_at__isnull=False).order_by("-sent_at", "-pk")


def _record(sweep: Sweep, messages) -> None:
    for message in messages:
        if not message.recipients:
            sweep.unaddressed.append(message)
        elif isinstance(message, DigestMessage):
            sweep.digest = message
        else:
            sweep.reminders.append(message)


# --- what is wanted --------------------------------------------------------------------------------


def _plan(today: datetime.date, now: datetime.datetime, *, lock: bool) -> list[tuple[Message, Row | None]]:
    """Every message wanted today that nobody has sent or is sending, with its abandoned claim if any.

    A bounded number of queries whatever the number of projects.
    """
    projects = Project.objects.filter(report_due_on__lte=today).exclude(phase=Project.Phase.CLOSED)
    projects = projects.select_related("division").order_by("pk")
    if lock:
        # Concurrent sweeps queue here, each in pk order (no deadlock), and the second then sees the first's
        # claims; a report being filed waits too, or is seen (a project whose due date moved drops out).
        projects = projects.select_for_update(of=("self",))
    projects = list(projects)
    people = _division_people({project.division_id for project in projects}, today)
    pmo = _pmo_addresses()
    unreachable = []
    # Only claims for each project's current due date count: a filed report moves it, ending the reminders.
    rows = {
        (row.project_id, row.level): row
        for row in Reminder.objects.filter(project__report_due_on__lte=today, due_on=F("project__report_due_on")).only(
            "project", "level", "claimed_at", "sent_at"
        )
    }
    plan = []
    for project in projects:
        for level in _levels(project.report_state(today)):
            row = rows.get((project.pk, level))
            if is_open(row, now):
                recipients = pmo if level == Reminder.Level.ESCALATED else _division_recipients(people, project, level)
                plan.append((ReminderMessage(project, level, recipients), row))
                if not recipients and project not in unreachable:
                    unreachable.append(project)
    digest_row = PmoDigest.objects.filter(sent_on=today).first()
    if is_open(digest_row, now):
        digest = _digest(today, projects, pmo, unreachable)
        if digest is not None:
            plan.append((digest, digest_row))
    return plan


def _levels(state: ReportState) -> tuple[str, ...]:
    # The division hears once per stage. An overdue reminder goes to the staff a due one would reach, and
    # more, so a sweep that first sees a project overdue (its due date fell in a long holiday) sends only it.
    if state == ReportState.DUE:
        return (Reminder.Level.DUE,)
    if state == ReportState.OVERDUE:
        return (Reminder.Level.OVERDUE,)
    return (Reminder.Level.OVERDUE, Reminder.Level.ESCALATED)


def _division_people(division_ids: set[int], today: datetime.date) -> dict[int, dict[str, list[str]]]:
    """E-mail addresses by division and role (staff, manager) of the members on ``today`` (who has moved away
    hears no more); users without an address are skipped."""
    people = defaultdict(lambda: defaultdict(list))
    memberships = (
        division_memberships_on(today).filter(division_id__in=division_ids, user__is_active=True)
        .exclude(user__email="")
        .values_list("division_id", "role", "user__email")
    )
    for division_id, role, email in memberships:
        people[division_id][role].append(email)
    return people


def _division_recipients(people, project: Project, level: str) -> tuple[str, ...]:
    """The division's staff (and manager, once overdue) and its shared mailbox beside them."""
    roles = [DivisionMembership.Role.STAFF]
    if level == Reminder.Level.OVERDUE:
        roles.append(DivisionMembership.Role.MANAGER)
    division = people.get(project.division_id, {})
    addresses = {email for role in roles for email in division.get(role, [])}
    if project.division.email:
        addresses.add(project.division.email)
    return tuple(sorted(addresses))


def _pmo_addresses() -> tuple[str, ...]:
    users = get_user_model().objects.filter(groups__name=GROUP_PMO, is_active=True).exclude(email="")
    return tuple(users.order_by("email").values_list("email", flat=True).distinct())


def _digest(
    today: datetime.date, projects: list[Project], pmo: tuple[str, ...], unreachable: list[Project]
) -> DigestMessage | None:
    """The digest, when there is something to report (a reminder that reaches nobody is listed here)."""
    overdue = sorted((p for p in projects if p.report_overdue_on <= today), key=lambda p: (p.report_due_on, p.code))
    findings = list(
        Finding.objects.filter(status=Finding.Status.OPEN, response_due_on__lt=today)
        .select_related("project__division")
        .order_by("response_due_on", "project__code", "pk")
    )
    action_items = list(action_items_past_due(today=today))
    if not (overdue or findings or action_items or unreachable):
        return None
    return DigestMessage(today, overdue, findings, action_items, pmo, unreachable)


# --- claim, send, mark -----------------------------------------------------------------------------


def _claim(plan: list[tuple[Message, Row | None]], now: datetime.datetime) -> list[tuple[Row, Message]]:
    """The rows this sweep now owns, each with its message; messages with no recipient are not claimed."""
    claims, new = [], []
    for message, row in plan:
        if not message.recipients:
            continue
        recipients = "\n".join(message.recipients)
        if row is not None:
            if reclaim(row, recipients, now):
                claims.append((row, message))
        elif isinstance(message, DigestMessage):
            row = _claim_digest(message.day, recipients, now)
            if row is not None:
                claims.append((row, message))
        else:
            row = Reminder(
                project=message.project, due_on=message.due_on, level=message.level, recipients=recipients, claimed_at=now
            )
            new.append((row, message))
    # Under the project locks nobody else inserts these; the unique constraint still refuses a duplicate.
    Reminder.objects.bulk_create([row for row, _ in new])
    return new + claims


def _claim_digest(day: datetime.date, recipients: str, now: datetime.datetime) -> PmoDigest | None:
    try:
        with transaction.atomic():
            return PmoDigest.objects.create(sent_on=day, recipients=recipients, claimed_at=now)
    except IntegrityError:
        return None  # Another sweep claimed today's digest first.


def _email(message: Message, now: datetime.datetime, letters: emails.Letters):
    to = list(message.recipients)
    if isinstance(message, DigestMessage):
        return emails.pmo_digest(
            day=message.day, projects=message.projects, findings=message.findings, action_items=message.action_items,
            unreachable=message.unreachable, to=to,
        )
    return emails.report_reminder(
        project=message.project, level=message.level, today=timezone.localdate(now), to=to, letters=letters
    )
