from celery import shared_task

from .services import attempt

# 1 min, 2 min, 4 min, ... between attempts (WEBHOOKS_MAX_ATTEMPTS in all).
FIRST_BACKOFF_SECONDS = 60


@shared_task(bind=True, max_retries=None, acks_late=True)
def deliver(self, delivery_id: int) -> None:
    if attempt(delivery_id):
        raise self.retry(countdown=FIRST_BACKOFF_SECONDS * 2**self.request.retries)
