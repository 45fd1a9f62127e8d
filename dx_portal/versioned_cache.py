"""Expensive reads cached under a version of the data they were computed from.

A ``DataVersion`` is a counter in the cache that every change to the models it covers moves. Each
cached result is kept with the version it was computed at, so the next request after a change computes afresh
in every process and nothing needs deleting (old entries expire). A process also holds the entries it last read
or computed, and while the version stays reads the version alone.

Every way of writing a covered model moves it, by construction:
- ``save()`` and ``delete()`` through Django's signals (the admin, the services, the API);
- ``update()``, ``bulk_create()``, ``bulk_update()`` and ``delete()`` on a queryset, which send no
  signals, through ``VersionedQuerySet``: ``connect()`` refuses to start when a covered model's default
  manager does not use it.

The counter moves after the commit (``transaction.on_commit``), so that a read which ran meanwhile on
another connection, and cached what was there before the commit, is superseded; and once at once, so
that the same transaction (and a test) sees its own change. Neither can fail the write: the cache fails
open (``dx_portal.cache``), and a bump that could not reach it is made again, before anything is read
from the cache, once it answers.
"""

import hashlib
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from .cache import CacheUnavailable, strict

# Whatever a version does not cover (a person's display name on a project) shows within this time.
TIMEOUT = 10 * 60

_VERSIONS_OF: dict[type, list["DataVersion"]] = defaultdict(list)


class VersionedQuerySet(models.QuerySet):
    """The queryset of a model under a DataVersion: its bulk writes move the version as saves do."""

    def _changed(self) -> None:
        for version in _VERSIONS_OF.get(self.model._meta.concrete_model, ()):
            version.changed(using=self.db)

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        self._changed()
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        self._changed()
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        self._changed()
        return rows

    def delete(self):
        deleted = super().delete()
        self._changed()
        return deleted

    delete.alters_data = True
    delete.queryset_only = True
    update.alters_data = True


def filter_key(filterset, **known) -> tuple:
    """What a valid FilterSet was asked, and the ``known`` parameters, in a fixed order: the part of a cache
    key that comes from the request. Unknown parameters and other spellings of one value (``?page=01``,
    ``?phase=design&junk=1``) make no new entry, so nobody can fill the cache through the query string."""
    cleaned = filterset.form.cleaned_data
    asked = ((name, _canonical(cleaned[name])) for name in sorted(cleaned))
    extra = ((name, str(value)) for name, value in sorted(known.items()))
    return tuple((name, value) for name, value in (*asked, *extra) if value not in (None, "", ()))


def _canonical(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet):
        return tuple(sorted(value.values_list("pk", flat=True)))
    if isinstance(value, list | tuple):  # in the order given: an ordering's keys mean it
        return tuple(_canonical(item) for item in value)
    return value if value is None or isinstance(value, bool | int | str) else str(value)


def page_number(value: str | None) -> str:
    """A page number as the paginators read it: ``01`` is ``1``; what is not a number stays as it was
    (the paginator refuses it or shows the first page)."""
    return str(int(value)) if value and value.isdigit() and len(value) < 10 else (value or "1")


class DataVersion:
    def __init__(self, name: str, models: Iterable[type]):
        self.name = name
        self.models = tuple(models)
        self.key = f"data-version:{name}"
        self._lost_bump = False

    def connect(self) -> None:
        """Called from an AppConfig.ready(): bump on every save and delete of the covered models."""
        for model in self.models:
            if not issubclass(model._default_manager._queryset_class, VersionedQuerySet):
                raise ImproperlyConfigured(
                    f"{model._meta.label} is under the data version {self.name!r}: its default manager must be "
                    "built on dx_portal.versioned_cache.VersionedQuerySet, or its bulk writes leave the cache stale"
                )
            if self not in _VERSIONS_OF[model]:
                _VERSIONS_OF[model].append(self)
            for signal in (post_save, post_delete):
                signal.connect(self._saved, sender=model, dispatch_uid=f"{self.key}:{model._meta.label}:{signal}")

    def _saved(self, **kwargs) -> None:
        self.changed(using=kwargs.get("using"))

    def changed(self, using: str | None = None) -> None:
        self.bump()
        transaction.on_commit(self.bump, using=using)

    def bump(self) -> None:
        backend = strict()
        try:
            try:
                backend.incr(self.key)
            except ValueError:  # not in the cache (yet, or evicted): start anywhere an old entry cannot be
                backend.set(self.key, time.time_ns(), None)
        except CacheUnavailable:
            self._lost_bump = True
            return
        self._lost_bump = False

    def current(self) -> int | None:
        """The version, or None when the cache cannot be reached (then nothing is read from it)."""
        backend = strict()
        try:
            if self._lost_bump:
                self.bump()
            version = backend.get(self.key)
            if version is None:
                version = time.time_ns()
                # Another process may have set it first: theirs wins.
                if not backend.add(self.key, version, None):
                    version = backend.get(self.key, version)
        except CacheUnavailable:
            return None
        return None if self._lost_bump else version

    def keys(self, namespace: str, parts: Iterable) -> list[str]:
        """What ``cached(namespace, parts, ...)`` reads: the version, and the entry unless this process holds it. A
        caller that reads them in a round trip of its own (a rate limit's count: ``read_ahead_keys`` in
        dx_portal.api.throttling) hands ``cached`` their values."""
        key = _entry_key(namespace, parts)
        return self._reads(key, _NEAR.get(key))

    def _reads(self, key: str, held: tuple | None) -> list[str]:
        return [self.key] if held is not None else [self.key, key]

    def cached(self, namespace: str, parts: Iterable, compute: Callable, timeout: int = TIMEOUT, *, found=None):
        """``compute()``'s result, kept under ``parts`` (everything else it depends on) with the version it was
        computed at: the version and the entry are read in one round trip (or were, ``found``: the values of
        ``keys(namespace, parts)``), and an entry of another version is computed afresh (and replaced). An entry
        this process holds (``_NEAR``) is not read again while the version stays: the value is shared by the
        process's requests, never to be changed by one.
        ``DX_ANSWER_CACHE = False`` computes every time (the benchmark)."""
        if not settings.DX_ANSWER_CACHE:
            return compute()
        key = _entry_key(namespace, parts)
        if self._lost_bump:
            self.bump()
            if self._lost_bump:
                return compute()
            found = None  # read before the bump
        held = _NEAR.get(key)
        if found is None:
            try:
                found = strict().get_many(self._reads(key, held))
            except CacheUnavailable:
                found = {}
        version = found.get(self.key)
        if version is None:
            version = self.current()
            if version is None:
                return compute()
        else:
            if held is not None and held[0] == version:
                return held[1]
            # Held at another version, the entry was not read with it.
            entry = found.get(key) if held is None else cache.get(key)
            if _of_version(entry, version):
                _NEAR.put(key, entry)
                return entry[1]
        value = compute()
        entry = (version, value, time.time() + timeout)
        cache.set(key, entry, timeout)
        _NEAR.put(key, entry)
        return value


def _entry_key(namespace: str, parts: Iterable) -> str:
    return f"{namespace}:{hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()}"


def _of_version(entry, version) -> bool:
    # (version, value, expires); one written before entries held their expiry (two items) is computed again.
    return entry is not None and len(entry) == 3 and entry[0] == version


class _NearEntries:
    """The entries this process last read or computed, most recently used last, each until its expiry in the cache:
    while the version stays, a cached answer reads only the version (a 100 KB answer's transfer and unpickling cost
    a request about 55 µs, and Redis its CPU: bench/README.md). Bounded in number, as answers are up to a few
    hundred KB."""

    def __init__(self, size: int):
        self._size = size
        self._entries: OrderedDict[str, tuple] = OrderedDict()
        self._lock = threading.Lock()  # a threaded server's requests share them

    def get(self, key: str) -> tuple | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[2] <= time.time():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_NEAR = _NearEntries(32)


def forget_entries_held() -> None:
    """Drop the entries this process holds (as clearing the cache drops its own: a test under a frozen clock starts
    the version again where the last test's did)."""
    _NEAR.clear()
