"""Expensive reads cached under a version of the data they were computed from.

A ``DataVersion`` is a counter in the cache that every save or delete of the models it covers bumps,
through Django's signals: the admin, the services and the API all save through the ORM. Each cached
result's key holds the version, so the next request after a change computes afresh in every process
and nothing needs deleting (old entries expire).

The counter moves twice per change: at once, so that the same transaction (and a test) sees it, and
again after the commit, so that a read which ran meanwhile on another connection, and cached what was
there before the commit, is superseded too.

``QuerySet.update()``, ``bulk_create()`` and ``bulk_update()`` send no signals: code that writes a
covered model that way calls ``bump()`` itself (the load generator and the demo do).
"""

import hashlib
import time
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

# Whatever a version does not cover (a person's display name on a project) shows within this time.
TIMEOUT = 10 * 60


class DataVersion:
    def __init__(self, name: str, models: Iterable[type]):
        self.name = name
        self.models = tuple(models)
        self.key = f"data-version:{name}"

    def connect(self) -> None:
        """Called from an AppConfig.ready(): bump on every save and delete of the covered models."""
        for model in self.models:
            for signal in (post_save, post_delete):
                signal.connect(self._changed, sender=model, dispatch_uid=f"{self.key}:{model._meta.label}:{signal}")

    def _changed(self, **kwargs) -> None:
        self.bump()
        transaction.on_commit(self.bump, using=kwargs.get("using"))

    def bump(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # not in the cache (yet, or evicted): start anywhere an old entry cannot be
            cache.set(self.key, time.time_ns(), None)

    def current(self) -> int:
        version = cache.get(self.key)
        if version is None:
            version = time.time_ns()
            # Another process may have set it first: theirs wins.
            if not cache.add(self.key, version, None):
                version = cache.get(self.key, version)
        return version

    def cached(self, namespace: str, parts: Iterable, compute: Callable, timeout: int = TIMEOUT):
        """``compute()``'s result, kept under ``parts`` (everything else it depends on) and the version."""
        digest = hashlib.sha256(repr((tuple(parts), self.current())).encode()).hexdigest()
        return cache.get_or_set(f"{namespace}:{digest}", compute, timeout)
