"""Rate limits of the API: per client address without a token, per token (or session user) with one, and
per address for failed authentications.

Each limit counts hits in fixed windows of the rate's period (a minute), one atomic counter per window
(Redis ``INCR`` on a key that expires with the window: ``dx_portal.cache.count``), so that concurrent
requests can never overshoot it. When Redis cannot be reached each process counts on its own: the limit
then holds per process rather than not at all.

DRF's own throttles copy the rates at import (``THROTTLE_RATES = api_settings...``); these read
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` on every request, so a settings override takes effect.
A rate of ``None`` switches a scope off.
"""

import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from rest_framework import throttling
from rest_framework.settings import api_settings

from dx_portal.audit import client_ip
from dx_portal.cache import CacheUnavailable, count, strict

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Counters of this process, for while Redis is out of reach.
_LOCAL = LocMemCache("dx-portal-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def rate(scope: str) -> tuple[int | None, int | None]:
    """(requests, seconds) of a scope's rate, (None, None) when it is switched off."""
    rates = api_settings.DEFAULT_THROTTLE_RATES
    if scope not in rates:
        raise ImproperlyConfigured(f"No throttle rate set for the {scope!r} scope in DEFAULT_THROTTLE_RATES")
    if rates[scope] is None:
        return None, None
    number, period = rates[scope].split("/")
    return int(number), PERIODS[period[0]]


def hit(ident: str, scope: str, *, add: int = 1) -> tuple[bool, int]:
    """Count a hit (``add=0`` only looks) of ``ident`` in ``scope``: (allowed, seconds until the window ends)."""
    allowed, period = rate(scope)
    if allowed is None:
        return True, 0
    now = time.time()
    window = int(now // period)
    wait = max(1, round((window + 1) * period - now))
    key = f"throttle:{scope}:{ident}:{window}"
    if add:
        try:
            hits = count(key, period)
        except CacheUnavailable:
            hits = count_locally(key, period)
    else:
        try:
            hits = strict().get(key) or 0
        except CacheUnavailable:
            hits = _LOCAL.get(key, 0)
    return hits <= allowed if add else hits < allowed, wait


def count_locally(key: str, period: int) -> int:
    _LOCAL.add(key, 0, period)
    return _LOCAL.incr(key)


class CountingThrottle(throttling.BaseThrottle):
    scope: str

    def ident(self, request, view) -> str | None:
        raise NotImplementedError

    def allow_request(self, request, view):
        ident = self.ident(request, view)
        if ident is None:
            return True
        allowed, self._wait = hit(ident, self.scope)
        return allowed

    def wait(self):
        return self._wait


class AnonymousRateThrottle(CountingThrottle):
    """Requests without credentials, counted per client address."""

    scope = "anon"

    def ident(self, request, view):
        return None if request.user.is_authenticated else f"ip-{client_ip(request)}"


class ClientRateThrottle(CountingThrottle):
    """Authenticated requests, counted per token, or per user when the session authenticates."""

    scope = "user"

    def ident(self, request, view):
        if not request.user.is_authenticated:
            return None
        token_key = getattr(request.auth, "token_key", None)
        return f"token-{token_key}" if token_key else f"user-{request.user.pk}"


class ScopedRateThrottle(CountingThrottle):
    """An extra limit for views that name a ``throttle_scope`` (e.g. the heavier public feeds)."""

    def allow_request(self, request, view):
        self.scope = getattr(view, "throttle_scope", None)
        return self.scope is None or super().allow_request(request, view)

    def ident(self, request, view):
        if request.user.is_authenticated:
            return f"user-{request.user.pk}"
        return f"ip-{client_ip(request)}"
