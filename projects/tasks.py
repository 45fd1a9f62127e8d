"""Celery tasks of the projects app: each takes plain values and calls a service.

Periodic runs are scheduled in one place, dx_portal/celery.py.
"""

from celery import shared_task

from dx_portal.business_days import parse_moment

from .reminders import reminder_sweep
from .services import month_end_ratings_fill


# smtplib's errors and a refused or dropped connection are all OSErrors. A retry sends only what the failed
# run did not (its unsent claims are released); beyond the last retry, the next morning's sweep catches up.
@shared_task(autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=30 * 60, retry_jitter=True, max_retries=5)
def send_reminders(now: str | None = None) -> dict[str, int]:
    """The stale-status sweep; ``now`` (ISO 8601) replays a given moment instead of the present."""
    sweep = reminder_sweep(now=parse_moment(now) if now else None)
    return {"reminders": len(sweep.reminders), "digests": int(sweep.digest is not None)}


@shared_task
def fill_month_end_ratings() -> int:
    """Each project's rating at the end of the month just closed (and of any month a missed run left): the health
    history reads them rather than recounting the reports."""
    return month_end_ratings_fill()
