"""The reads made with API tokens, counted in the process and written to the audit log once a minute.

A read (GET, HEAD, OPTIONS) writes nothing to the database: ``note()`` counts it under its token, minute and
address, with the kind of what was read (the first segment of the path under /api/v1/: ``kpis``,
``projects``…). ``flush()`` writes each finished minute as one ``token_used`` row, with the count in
``count`` and the kinds in ``subject``, adding to the row another process wrote for the same token, minute
and address; and moves the token's ``last_used_at``. A daemon thread of each process flushes just after
every minute, and the process flushes what is left when it exits; the tests call ``flush()``. Writes keep
their row per request (``dx_portal.audit.record_token_use``) and only move ``last_used_at`` here.

Nothing here needs Redis. A process killed without exiting (SIGKILL, a crash) loses its last minute of
counts; the access log (``dx_portal.access``) still has every request.
"""

import atexit
import datetime
import logging
import os
import re
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from .models import ApiToken, AuditEvent

logger = logging.getLogger(__name__)

READS = frozenset({"GET", "HEAD", "OPTIONS"})
_KIND = re.compile(r"/api/(?:v\d+/)?([a-z][a-z0-9_-]{0,39})(?:/|$)")
OTHER = "other"  # a path outside the API's names: nobody can write what they like into the audit


@dataclass
class _Use:
    user_id: int | None
    token_key: str
    user_agent: str
    reads: int = 0
    kinds: set[str] = field(default_factory=set)
    last: datetime.datetime | None = None


_lock = threading.Lock()
_pending: dict[tuple[int, datetime.datetime, str | None], _Use] = {}
_flusher_pid: int | None = None


def kind_of(path: str) -> str:
    match = _KIND.match(path)
    return match.group(1) if match else OTHER


def note(request, token: ApiToken, address: str | None, *, read: bool = True) -> None:
    """Count a read made with ``token`` (``read=False``: a write, which only moves the token's last use)."""
    now = timezone.now()
    key = (token.pk, now.replace(second=0, microsecond=0), address)
    with _lock:
        use = _pending.get(key)
        if use is None:
            agent = request.META.get("HTTP_USER_AGENT", "")[:300]
            use = _pending[key] = _Use(token.user_id, token.token_key, agent)
        if read:
            use.reads += 1
            use.kinds.add(kind_of(request.path))
        use.last = now
    _start_flusher()


def flush(*, everything: bool = True) -> int:
    """Write the counts kept so far (``everything=False``: only the minutes that are over); the rows written."""
    this_minute = timezone.now().replace(second=0, microsecond=0)
    with _lock:
        keys = [key for key in _pending if everything or key[1] < this_minute]
        taken = {key: _pending.pop(key) for key in keys}
    written = 0
    for (token_id, minute, address), use in taken.items():
        try:
            written += _write(token_id, minute, address, use)
        except Exception:
            logger.exception("Token use of %s… at %s not written; kept for the next flush", use.token_key, minute)
            with _lock:
                kept = _pending.setdefault((token_id, minute, address), _Use(use.user_id, use.token_key, use.user_agent))
                kept.reads += use.reads
                kept.kinds |= use.kinds
                kept.last = max(filter(None, [kept.last, use.last]))
    return written


@transaction.atomic
def _write(token_id: int, minute: datetime.datetime, address: str | None, use: _Use) -> int:
    ApiToken.objects.filter(pk=token_id).exclude(last_used_at__gte=use.last).update(last_used_at=use.last)
    if not use.reads:
        return 0
    same = AuditEvent.objects.select_for_update().filter(
        kind=AuditEvent.Kind.TOKEN_USED, token_key=use.token_key, at=minute, ip_address=address, path=""
    ).first()
    if same is None:
        AuditEvent.objects.create(
            kind=AuditEvent.Kind.TOKEN_USED, at=minute, user_id=use.user_id, token_key=use.token_key,
            ip_address=address, user_agent=use.user_agent, count=use.reads, subject=_kinds(use.kinds),
        )
    else:
        same.count += use.reads
        same.subject = _kinds(use.kinds | set(same.subject.split(", ")))
        same.save(update_fields=["count", "subject"])
    return 1


def _kinds(kinds: set[str]) -> str:
    return ", ".join(sorted(kinds - {""}))[:300]


def discard() -> None:
    """Forget the counts kept so far (the tests: a rolled-back test's tokens are gone)."""
    with _lock:
        _pending.clear()


def _start_flusher() -> None:
    """A daemon thread flushing just after every minute, in this process (a forked worker starts its own)."""
    global _flusher_pid
    if _flusher_pid == os.getpid() or settings.DX_TOKEN_USE_FLUSH is False:
        return
    with _lock:
        if _flusher_pid == os.getpid():
            return
        _flusher_pid = os.getpid()
    threading.Thread(target=_flush_every_minute, name="token-use-flush", daemon=True).start()
    atexit.register(flush)


def _flush_every_minute() -> None:
    while True:
        time.sleep(61 - time.time() % 60)
        try:
            flush(everything=False)
        finally:
            connections.close_all()  # this thread's own connections, idle for a minute
