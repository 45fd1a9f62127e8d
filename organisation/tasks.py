"""Celery tasks of the organisation: the e-mail copies of notices and the morning's transfers (人事異動). Each
calls a function of ``notification_mail`` or ``transfers``; periodic runs are scheduled in one place,
dx_portal/celery.py."""

from celery import shared_task
from django.utils import timezone

from dx_portal.business_days import is_business_day, parse_moment

from .notification_mail import notification_email_send, unsent_notification_emails
from .transfers import transfers_apply


# smtplib's errors and a refused connection are OSErrors; the claim was released, so the retry sends it.
@shared_task(autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=30 * 60, retry_jitter=True, max_retries=5)
def send_notification_email(notification_id: int) -> bool:
    return notification_email_send(notification_id)


@shared_task
def send_pending_notification_emails() -> int:
    """What the broker lost or a dead worker left: each sent (or skipped, when claimed meanwhile) once."""
    return sum(notification_email_send(pk) for pk in unsent_notification_emails())


@shared_task
def apply_transfers(now: str | None = None) -> int:
    """The morning's transfers (人事異動): on a business day, every transfer due by today and not yet applied
    (a transfer dated on a weekend or holiday is applied the next business day, still dated its own day).
    ``now`` (ISO 8601) replays a given moment."""
    moment = parse_moment(now) if now else timezone.now()
    if not is_business_day(timezone.localdate(moment)):
        return 0
    return len(transfers_apply(now=moment))
