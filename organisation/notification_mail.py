"""The e-mail copy of a notice, sent exactly once: claim, send, mark (as projects/reminders.py does).

A task run claims the notice with a conditional update and sends only when it changed the row: a second
run (a duplicate message, the periodic sweep) finds it claimed or sent and leaves it. A failed send
releases the claim for the retry; a claim left by a worker that was killed is taken over after
RECLAIM_AFTER (the one copy it may have sent unmarked then goes out twice: rarer and better than never).
"""

import datetime

from django.db.models import Q
from django.utils import timezone, translation

from dx_portal import emails

from .models import Notification

# Longer than the Celery task's hard time limit (CELERY_TASK_TIME_LIMIT, 300 s).
RECLAIM_AFTER = datetime.timedelta(minutes=10)


def _unsent(now: datetime.datetime):
    return Notification.objects.filter(email_wanted=True, emailed_at__isnull=True).filter(
        Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lte=now - RECLAIM_AFTER)
    )


def notification_email_send(notification_id: int) -> bool:
    """Send one notice's e-mail copy unless another run has it; True when this run sent it."""
    now = timezone.now()
    if _unsent(now).filter(pk=notification_id).update(email_claimed_at=now) != 1:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    texts = {}
    for language in ("ja", "en"):
        with translation.override(language):
            texts[language] = (notification.get_kind_display(), notification.message)
    try:
        emails.notification(
            kind_ja=texts["ja"][0], message_ja=texts["ja"][1], kind_en=texts["en"][0], message_en=texts["en"][1],
            path=notification.url, to=[notification.recipient.email],
        ).send()
    except Exception:
        Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(email_claimed_at=None)
        raise
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())
    return True


def unsent_notification_emails() -> list[int]:
    """Copies no task has sent: their message was lost (the broker was down at the commit) or their worker died."""
    return list(_unsent(timezone.now()).order_by("pk").values_list("pk", flat=True))
