"""Chasers (督促): the sweep that reminds each municipality that has not answered an inquiry, at its contact
address, a set number of business days before the deadline (INQUIRY_CHASER_BUSINESS_DAYS_BEFORE) and on the
first business day after it; exactly once each, by the claim-then-send machinery of dx_portal.sweeps, with
a Chaser row under its unique inquiry + municipality + kind + deadline.

On a day that is not a business day (行政機関の休日) nothing is sent; the next business day's sweep sends what
fell due meanwhile. The chaser before the deadline is not sent once the deadline has passed (the one after it
says more). An answer recorded stops the chasing. Call the sweep outside a transaction.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from dx_portal import emails
from dx_portal.business_days import business_days_before, is_business_day
from dx_portal.sweeps import is_open, reclaim, send_claimed
from governance.models import Municipality

from . import workbook
from .models import Chaser, Inquiry


@dataclass(frozen=True)
class ChaserMessage:
    """One chaser to one municipality about one inquiry."""

    inquiry: Inquiry
    municipality: Municipality
    kind: str

    @property
    def recipients(self) -> tuple[str, ...]:
        return (self.municipality.contact_email,) if self.municipality.contact_email else ()


@dataclass
class ChaserSweep:
    """What one sweep sent (or in a dry run would send), and the chasers for municipalities with no address."""

    moment: datetime.datetime
    business_day: bool
    dry_run: bool
    chasers: list[ChaserMessage] = field(default_factory=list)
    unaddressed: list[ChaserMessage] = field(default_factory=list)


def chaser_due(inquiry: Inquiry, today: datetime.date) -> str | None:
    """Which chaser of ``inquiry`` is due today, if any (before a business day: none)."""
    if today > inquiry.deadline:
        return Chaser.Kind.AFTER
    if today >= business_days_before(inquiry.deadline, settings.INQUIRY_CHASER_BUSINESS_DAYS_BEFORE):
        return Chaser.Kind.BEFORE
    return None


def chaser_sweep(*, now: datetime.datetime | None = None, dry_run: bool = False) -> ChaserSweep:
    """Send every chaser due at ``now`` (default: the present) and not yet sent; a dry run writes nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sweep = ChaserSweep(moment=now, business_day=is_business_day(today), dry_run=dry_run)
    if not sweep.business_day:
        return sweep
    if dry_run:
        plan = _plan(today, now, lock=False)
    else:
        with transaction.atomic():
            plan = _plan(today, now, lock=True)
            claims = _claim(plan, now)
    for message, _row in plan:
        (sweep.chasers if message.recipients else sweep.unaddressed).append(message)
    if not dry_run:
        sweep.chasers = [message for _row, message in claims]
        letters = emails.Letters()
        send_claimed(claims, lambda message: _email(message, letters), now)
    return sweep


def chasers_sent(inquiry: Inquiry) -> QuerySet[Chaser]:
    """The chasers sent about an inquiry, newest first: its page lists them."""
    return inquiry.chasers.filter(sent_at__isnull=False).select_related("municipality").order_by("-sent_at", "municipality__code")


def _plan(today: datetime.date, now: datetime.datetime, *, lock: bool) -> list[tuple[ChaserMessage, Chaser | None]]:
    """Every chaser wanted today that nobody has sent or is sending, with its abandoned claim if any. A bounded
    number of queries whatever the number of inquiries and municipalities."""
    inquiries = Inquiry.objects.filter(sent_on__lte=today).order_by("pk")
    if lock:
        # Concurrent sweeps queue here (in pk order: no deadlock) and the second then sees the first's claims.
        inquiries = inquiries.select_for_update()
    due = {inquiry.pk: (inquiry, kind) for inquiry in inquiries if (kind := chaser_due(inquiry, today))}
    if not due:
        return []
    recipients = Inquiry.recipients.through.objects.filter(inquiry_id__in=due).select_related("municipality")
    answered = set(
        Inquiry.objects.filter(pk__in=due, answers__isnull=False).values_list("pk", "answers__municipality_id")
    )
    rows = {
        (row.inquiry_id, row.municipality_id, row.kind): row
        for row in Chaser.objects.filter(inquiry_id__in=due).only(
            "inquiry", "municipality", "kind", "deadline", "claimed_at", "sent_at"
        )
        if row.deadline == due[row.inquiry_id][0].deadline
    }
    plan = []
    for link in sorted(recipients, key=lambda link: (link.inquiry_id, link.municipality.code)):
        inquiry, kind = due[link.inquiry_id]
        if (inquiry.pk, link.municipality_id) in answered:
            continue
        row = rows.get((inquiry.pk, link.municipality_id, kind))
        if is_open(row, now):
            plan.append((ChaserMessage(inquiry, link.municipality, kind), row))
    return plan


def _claim(plan, now: datetime.datetime) -> list[tuple[Chaser, ChaserMessage]]:
    """The rows this sweep now owns, each with its message; a chaser with no address is not claimed."""
    claims, new = [], []
    for message, row in plan:
        if not message.recipients:
            continue
        recipients = "\n".join(message.recipients)
        if row is None:
            row = Chaser(
                inquiry=message.inquiry, municipality=message.municipality, kind=message.kind,
                deadline=message.inquiry.deadline, recipients=recipients, claimed_at=now,
            )
            new.append((row, message))
        elif reclaim(row, recipients, now):
            claims.append((row, message))
    # Under the inquiry locks nobody else inserts these; the unique constraint still refuses a duplicate.
    Chaser.objects.bulk_create([row for row, _message in new])
    return new + claims


def _email(message: ChaserMessage, letters: emails.Letters):
    return emails.inquiry_chaser(
        inquiry=message.inquiry, municipality=message.municipality, kind=message.kind, to=list(message.recipients),
        workbook=workbook.blank(message.inquiry, message.municipality), letters=letters,
    )
