"""Rate limits of the API: per client address without a token, per token (or session user) with one, and
per address for failed authentications.

Each limit counts hits in fixed windows of the rate's period (a minute), one atomic counter per window
(Redis ``INCR`` on a key that expires with the window: ``dx_portal.cache.count_and_read``), so that concurrent
requests can never overshoot it. When Redis cannot be reached each process counts on its own: the limit
then holds per process rather than not at all.

DRF's own throttles copy the rates at import (``THROTTLE_RATES = api_settings...``); these read
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` on every request, so a settings override takes effect.
A rate of ``None`` switches a scope off.
"""

import time
from dataclasses import dataclass

from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from rest_framework import throttling
from rest_framework.settings import api_settings

from dx_portal.audit import client_ip
from dx_portal.cache import CacheUnavailable, count_and_read, strict

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


@dataclass(frozen=True)
class Window:
    """The current window of ``ident`` in a scope: its counter's key, the hits allowed, seconds until it ends."""

    key: str
    allowed: int
    period: int
    wait: int


def window(ident: str, scope: str) -> Window | None:
    """None when the scope is switched off."""
    allowed, period = rate(scope)
    if allowed is None:
        return None
    now = time.time()
    number = int(now // period)
    return Window(f"throttle:{scope}:{ident}:{number}", allowed, period, max(1, round((number + 1) * period - now)))


def hit(ident: str, scope: str) -> tuple[bool, int]:
    """Count a hit of ``ident`` in ``scope``: (allowed, seconds until the window ends)."""
    current = window(ident, scope)
    if current is None:
        return True, 0
    allowed, _look, _found = hit_and_read(current, None, [])
    return allowed, current.wait


def hit_and_read(counted: Window | None, looked: Window | None, keys: list[str]) -> tuple[bool, bool, dict]:
    """A hit counted in ``counted``, whether ``looked`` has hits left (a look, no hit), and the cache's values of
    ``keys``, in one round trip: (the hit allowed, the look allowed, the values found)."""
    wanted = [*keys, looked.key] if looked else keys
    try:
        if counted:
            hits, found = count_and_read(counted.key, counted.period, wanted)
        else:
            hits, found = 0, strict().get_many(wanted) if wanted else {}
    except CacheUnavailable:
        hits = count_locally(counted.key, counted.period) if counted else 0
        found = {looked.key: _LOCAL.get(looked.key, 0)} if looked else {}
    return (
        counted is None or hits <= counted.allowed,
        looked is None or found.get(looked.key, 0) < looked.allowed,
        found,
    )


def hit_and_read_ahead(request, counted: Window | None, looked: Window | None, keys: list[str]) -> tuple[bool, bool, dict]:
    """``hit_and_read``, also reading what the request's view said it will read (``request.read_ahead_keys``, set
    before authentication and the throttles), kept for ``read_ahead``: read once, by the request's first count."""
    ahead = getattr(request, "read_ahead_keys", [])
    allowed, look_allowed, found = hit_and_read(counted, looked, [*keys, *ahead])
    if ahead:
        request.read_ahead, request.read_ahead_keys = (ahead, found), []
    return allowed, look_allowed, found


def read_ahead(request, keys: list[str]) -> dict | None:
    """The values of ``keys`` if exactly these were read ahead with the request's count; else None (read them)."""
    ahead = getattr(request, "read_ahead", None)
    return ahead[1] if ahead is not None and ahead[0] == keys else None


def token_ident(digest: str) -> str:
    """A token's rate limit is kept under its digest, counted as it is looked up (ApiTokenAuthentication): a key
    with a known token's prefix and another secret counts against nobody's allowance."""
    return f"token-{digest[:32]}"


def count_locally(key: str, period: int) -> int:
    _LOCAL.add(key, 0, period)
    return _LOCAL.incr(key)


class CountingThrottle(throttling.BaseThrottle):
    """A limit counted in the cache, reading ahead what the view said it will read (``hit_and_read_ahead``): an
    anonymous client polling a KPI feed costs one round trip (kpis.api.views.ConditionalFeedMixin)."""

    scope: str

    def ident(self, request, view) -> str | None:
        raise NotImplementedError

    def allow_request(self, request, view):
        ident = self.ident(request, view)
        current = window(ident, self.scope) if ident is not None else None
        if current is None:
            return True
        allowed, _look, _found = hit_and_read_ahead(request, current, None, [])
        self._wait = current.wait
        return allowed

    def wait(self):
        return self._wait


class AnonymousRateThrottle(CountingThrottle):
    """Requests without credentials, counted per client address."""

    scope = "anon"

    def ident(self, request, view):
        return None if request.user.is_authenticated else f"ip-{client_ip(request)}"


class ClientRateThrottle(CountingThrottle):
    """Authenticated requests, counted per token (by ApiTokenAuthentication, in the round trip that looks the token
    up: ``token_rate_hit`` on the request), or per user when the session authenticates."""

    scope = "user"

    def allow_request(self, request, view):
        counted = getattr(request, "token_rate_hit", None)
        if counted is None:
            return super().allow_request(request, view)
        allowed, self._wait = counted
        return allowed

    def ident(self, request, view):
        return f"user-{request.user.pk}" if request.user.is_authenticated else None


class ScopedRateThrottle(CountingThrottle):
    """An extra limit for views that name a ``throttle_scope`` (e.g. the heavier public feeds)."""

    def allow_request(self, request, view):
        self.scope = getattr(view, "throttle_scope", None)
        return self.scope is None or super().allow_request(request, view)

    def ident(self, request, view):
        if request.user.is_authenticated:
            return f"user-{request.user.pk}"
        return f"ip-{client_ip(request)}"
