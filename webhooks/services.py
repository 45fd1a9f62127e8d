"""Events to receivers: ``emit`` records a delivery per receiver in the caller's transaction and hands it to
Celery once committed; ``attempt`` sends one, signed, and records what came of it."""

import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .addresses import ensure_allowed
from .models import Delivery, Subscription
from .signing import signature

TIMEOUT_SECONDS = 10


def emit(event: str, data: dict) -> None:
    receivers = [s for s in Subscription.objects.filter(is_active=True) if event in s.events]
    if not receivers:
        return
    now = timezone.now()
    deliveries = Delivery.objects.bulk_create(
        Delivery(subscription=receiver, event=event, payload={"event": event, "occurred_at": now.isoformat(), "data": data})
        for receiver in receivers
    )
    from .tasks import deliver

    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: deliver.delay(pk))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect could lead anywhere, a private address too: a 3xx is an answer, not a hop.
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(_NoRedirects)


def attempt(delivery_id: int) -> bool:
    """Send a pending delivery once. True when it should be tried again later."""
    with transaction.atomic():
        # The row lock makes a second worker with the same task wait, then find it delivered.
        delivery = (
            Delivery.objects.select_for_update().select_related("subscription")
            .filter(pk=delivery_id, status=Delivery.Status.PENDING).first()
        )
        if delivery is None or not delivery.subscription.is_active:
            return False
        receiver = delivery.subscription
        body = json.dumps({"id": str(delivery.event_id), **delivery.payload}, cls=DjangoJSONEncoder).encode()
        timestamp = int(time.time())
        delivery.attempts += 1
        delivery.attempted_at = timezone.now()
        try:
            ensure_allowed(receiver.url)
            request = urllib.request.Request(receiver.url, data=body, method="POST", headers={
                "Content-Type": "application/json",
                "User-Agent": "dx-portal-webhooks/1",
                "X-DX-Event": delivery.event,
                "X-DX-Delivery": str(delivery.event_id),
                "X-DX-Timestamp": str(timestamp),
                "X-DX-Signature": signature(receiver.secret, timestamp, body),
            })
            with OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
                delivery.response_status, delivery.error = response.status, ""
        except urllib.error.HTTPError as error:
            delivery.response_status, delivery.error = error.code, f"HTTP {error.code}"
        except ValidationError as error:
            delivery.response_status, delivery.error = None, "; ".join(error.messages)[:300]
        except (OSError, ValueError) as error:
            delivery.response_status, delivery.error = None, str(error)[:300] or type(error).__name__
        succeeded = delivery.response_status is not None and 200 <= delivery.response_status < 300
        retry = not succeeded and delivery.attempts < settings.WEBHOOKS_MAX_ATTEMPTS
        if succeeded:
            delivery.status, delivery.delivered_at = Delivery.Status.DELIVERED, timezone.now()
            receiver.consecutive_failures = 0
        elif not retry:
            delivery.status = Delivery.Status.FAILED
            receiver.consecutive_failures += 1
            if receiver.consecutive_failures >= settings.WEBHOOKS_DISABLE_AFTER_FAILURES:
                receiver.is_active, receiver.disabled_at = False, timezone.now()
        delivery.save()
        receiver.save(update_fields=["consecutive_failures", "is_active", "disabled_at", "updated_at"])
        return retry
