"""Claim, then send, then mark: the machinery of every periodic job that sends a message exactly once (the
projects' stale-status reminders, the inquiries' chasers).

A job first claims each message by writing its row under a unique constraint and commits; only then does it
send, and right after each send it stamps that row's ``sent_at`` in a commit of its own. A second sweep,
concurrent or later, finds the row and leaves it alone. When sending fails with an error, the sweep releases
what it did not send for the task's retry. A claim that stays unsent for RECLAIM_AFTER was left by a sweep
that died (killed, not failed); the next sweep takes it over with a conditional update, so nothing is
skipped. The price: the one message a killed sweep had sent but not yet marked goes out a second time. We
prefer that rare duplicate to a message never sent; the mark costs one query per message sent.

The marks' commits do not wait for the disk, for the send only and in the sweep's connection only: on PostgreSQL
``synchronous_commit`` off, on SQLite (in WAL mode) ``synchronous = NORMAL``. A flush per message cost more than
the rest of the send (thousands a sweep; on SQLite 0.8 of a reminder's 1.4 ms). The database has each mark when it
answers, so a killed sweep loses none; only a crash of the database server or of the machine can lose the marks of
its last moments, and those messages go out again once their claims time out: the same rare duplicate, never a
message lost. The claims are committed as before, before anything is sent.

A row is any model with ``recipients`` (text, one address a line), ``claimed_at`` and ``sent_at``.
Call a sweep outside a transaction: its claims must be committed before it sends.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from django.core import mail
from django.db import connection, models

# Longer than the Celery task's hard time limit (CELERY_TASK_TIME_LIMIT, 300 s): an older unsent claim
# belongs to a sweep that is no longer running. (The soft limit raises an error in the sweep, which then
# marks and releases as for any error; only the hard limit kills it.)
RECLAIM_AFTER = datetime.timedelta(minutes=10)


def is_open(row: models.Model | None, now: datetime.datetime) -> bool:
    """Nobody has this message: no claim yet, or one left unsent by a sweep that died."""
    return row is None or (row.sent_at is None and row.claimed_at <= now - RECLAIM_AFTER)


def reclaim(row: models.Model, recipients: str, now: datetime.datetime) -> bool:
    """Take over an abandoned claim, if no other sweep took it over (or marked it sent) since we read it."""
    taken = type(row).objects.filter(pk=row.pk, sent_at__isnull=True, claimed_at=row.claimed_at)
    return taken.update(claimed_at=now, recipients=recipients) == 1


@contextmanager
def _commits_not_waiting_for_disk() -> Iterator[None]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET synchronous_commit = off")
            restore = "RESET synchronous_commit"
        elif connection.vendor == "sqlite" and not connection.in_atomic_block:  # (SQLite refuses it in one)
            cursor.execute("PRAGMA synchronous")
            restore = f"PRAGMA synchronous = {int(cursor.fetchone()[0])}"
            cursor.execute("PRAGMA synchronous = NORMAL")
        else:
            restore = None
    try:
        yield
    finally:
        if restore:
            with connection.cursor() as cursor:
                cursor.execute(restore)


def _mark(cursor, row: models.Model, now: datetime.datetime) -> None:
    # One plain UPDATE: building the ORM's costs more than its round trip, and a sweep marks thousands.
    table, pk = connection.ops.quote_name(row._meta.db_table), connection.ops.quote_name(row._meta.pk.column)
    cursor.execute(
        f"UPDATE {table} SET sent_at = %s WHERE {pk} = %s",  # noqa: S608 - the names are the model's own
        [connection.ops.adapt_datetimefield_value(now), row.pk],
    )


def send_claimed(claims: Sequence[tuple[models.Model, object]], email: Callable, now: datetime.datetime) -> None:
    """Send each claimed message (``email(message)`` builds it) over one connection, marking its row as sent."""
    if not claims:
        return  # No connection to the mail server for nothing.
    sent = 0
    try:
        with mail.get_connection() as mailer, _commits_not_waiting_for_disk(), connection.cursor() as cursor:
            for row, message in claims:
                mailer.send_messages([email(message)])
                # Committed at once (the sweep runs outside a transaction): a sweep killed from here on
                # does not send this message again.
                _mark(cursor, row, now)
                sent += 1
    except Exception:
        # What did not go out is released at once, so that the task's retry sends it without waiting
        # for the claim to time out.
        unsent = defaultdict(list)
        for row, _ in claims[sent:]:
            unsent[type(row)].append(row.pk)
        for model, pks in unsent.items():
            model.objects.filter(pk__in=pks, sent_at__isnull=True).delete()
        raise
