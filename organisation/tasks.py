"""Celery tasks of the organisation app: the e-mail copies of notices. Each takes ids and calls a function
of ``notification_mail``; the periodic sweep is scheduled in dx_portal/celery.py."""

from celery import shared_task

from .notification_mail import notification_email_send, unsent_notification_emails


# smtplib's errors and a refused connection are OSErrors; the claim was released, so the retry sends it.
@shared_task(autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=30 * 60, retry_jitter=True, max_retries=5)
def send_notification_email(notification_id: int) -> bool:
    return notification_email_send(notification_id)


@shared_task
def send_pending_notification_emails() -> int:
    """What the broker lost or a dead worker left: each sent (or skipped, when claimed meanwhile) once."""
    return sum(notification_email_send(pk) for pk in unsent_notification_emails())
