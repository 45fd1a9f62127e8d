"""Celery tasks of inquiries: each takes plain values and calls a service. Scheduled in dx_portal/celery.py."""

from celery import shared_task

from dx_portal.business_days import parse_moment

from .chasers import chaser_sweep


# As the reminders: a retry sends only what the failed run did not; beyond the last, the next morning catches up.
@shared_task(autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=30 * 60, retry_jitter=True, max_retries=5)
def send_chasers(now: str | None = None) -> dict[str, int]:
    """The inquiry chaser sweep; ``now`` (ISO 8601) replays a given moment instead of the present."""
    return {"chasers": len(chaser_sweep(now=parse_moment(now) if now else None).chasers)}
