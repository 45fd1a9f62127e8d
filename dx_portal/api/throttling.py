"""Rate limits of the API: per client address without a token, per token (or session user) with one.

DRF's own throttles copy the rates at import (``THROTTLE_RATES = api_settings...``); these read
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` on every request, so a settings override takes effect.
A rate of ``None`` switches a scope off. Counters live in the default cache (Redis in production).
"""

from django.core.exceptions import ImproperlyConfigured
from rest_framework import throttling
from rest_framework.settings import api_settings


class LiveRatesMixin:
    def get_rate(self):
        rates = api_settings.DEFAULT_THROTTLE_RATES
        if self.scope not in rates:
            raise ImproperlyConfigured(f"No throttle rate set for the {self.scope!r} scope in DEFAULT_THROTTLE_RATES")
        return rates[self.scope]


class AnonymousRateThrottle(LiveRatesMixin, throttling.AnonRateThrottle):
    """Requests without credentials, counted per client address."""


class ClientRateThrottle(LiveRatesMixin, throttling.SimpleRateThrottle):
    """Authenticated requests, counted per token, or per user when the session authenticates."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        token_key = getattr(request.auth, "token_key", None)
        ident = f"token-{token_key}" if token_key else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ScopedRateThrottle(LiveRatesMixin, throttling.ScopedRateThrottle):
    """An extra limit for views that name a ``throttle_scope`` (e.g. the heavier public feeds)."""
