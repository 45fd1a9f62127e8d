"""In-app notices (the inbox at /notifications/) and their optional e-mail copy.

The feature apps' services call ``notify`` inside their own transaction, so a notice exists exactly when
the change that caused it was committed. The e-mail copy goes through Celery once the transaction commits;
the broker only speeds it up: when it is down the notice is still in the inbox, and the periodic sweep
(``organisation.tasks.send_pending_notification_emails``) sends what no task took. Sending is claimed
first, as the reminders do, so a copy goes out once however many task runs reach it
(``organisation.notification_mail``).
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone, translation

from . import tasks
from .models import Notification, NotificationPreference

logger = logging.getLogger(__name__)
Kind = Notification.Kind

def label(value) -> str:
    """A choice's label as stored in ``params``: the Japanese msgid, translated when shown."""
    with translation.override("ja"):
        return str(value)


def notify(*, recipients: Iterable, kind: str, params: dict, url: str, actor=None) -> list[Notification]:
    """A notice to each of ``recipients`` (active, not ``actor``: nobody is told of their own act), in the
    caller's transaction; the e-mail copies, for those who asked for this kind by e-mail, after its commit."""
    people = {person.pk: person for person in recipients if person.is_active and person != actor}
    if not people:
        return []
    wanted = set(
        NotificationPreference.objects.filter(user__in=people, kind=kind, email=True).values_list("user_id", flat=True)
    )
    rows = Notification.objects.bulk_create(
        Notification(
            recipient_id=pk, kind=kind, params=params, url=url, email_wanted=pk in wanted and bool(person.email)
        )
        for pk, person in people.items()
    )
    emailed = [row.pk for row in rows if row.email_wanted]
    if emailed:
        transaction.on_commit(lambda: _enqueue(emailed))
    return rows


def _enqueue(ids: list[int]) -> None:
    for pk in ids:
        try:
            tasks.send_notification_email.apply_async((pk,), retry=False)
        except Exception:
            # The broker is down: the periodic sweep sends these later. Trying the rest would only make the
            # request wait for the same refusal once per notice.
            logger.warning("notifications %s: e-mails not queued, the sweep will send them", ids, exc_info=True)
            return


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_mark_read(*, user, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def email_kinds(user) -> set[str]:
    """The kinds the person also wants by e-mail."""
    return set(NotificationPreference.objects.filter(user=user, email=True).values_list("kind", flat=True))


@transaction.atomic
def notification_preferences_set(*, user, email: Iterable[str]) -> None:
    """Which kinds also come by e-mail; every other kind stays in the inbox only."""
    chosen = set(email)
    unknown = chosen - set(Kind.values)
    if unknown:
        raise ValueError(f"unknown kinds: {', '.join(sorted(unknown))}")
    for kind in Kind.values:
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"email": kind in chosen})
