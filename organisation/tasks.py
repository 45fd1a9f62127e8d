"""Celery tasks of the organisation. Periodic runs are scheduled in one place, dx_portal/celery.py."""

from celery import shared_task
from django.utils import timezone

from dx_portal.business_days import is_business_day, parse_moment

from .transfers import transfers_apply


@shared_task
def apply_transfers(now: str | None = None) -> int:
    """The morning's transfers (人事異動): on a business day, every transfer due by today and not yet applied
    (a transfer dated on a weekend or holiday is applied the next business day, still dated its own day).
    ``now`` (ISO 8601) replays a given moment."""
    moment = parse_moment(now) if now else timezone.now()
    if not is_business_day(timezone.localdate(moment)):
        return 0
    return len(transfers_apply(now=moment))
