"""How REST clients prove who they are: `Authorization: Token <key>` (a knox token with our scopes)."""

import binascii
from hmac import compare_digest

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.settings import knox_settings
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header

from ..audit import client_ip
from ..tokens import LOOKUP_TIMEOUT, lookup_key, token_user_loaded
from .throttling import ClientRateThrottle, hit, hit_and_read_ahead, token_ident, window


class ApiTokenAuthentication(TokenAuthentication):
    """Knox authentication that keeps expired and revoked tokens (for the audit), refuses an address that keeps
    sending bad tokens (429, ``failed_auth`` rate) before looking any up, and keeps a good token's lookup in the
    cache for a minute (``dx_portal.tokens``: revoking deletes it at once).

    The token's rate limit is counted, and the address's failures, the cached lookup (with what
    ``token_user_loaded`` attached to the user) and what the view said it will read (``hit_and_read_ahead``, as a
    counting throttle does) are read, in one round trip; ClientRateThrottle takes
    the count from ``request.token_rate_hit``. A token's use is counted by ``dx_portal.usage``, never written by the request.
    """

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.authenticate_header(request).lower().encode():
            return None
        address = f"ip-{client_ip(request)}"
        digest = token_digest(request)
        self._lookup_key = lookup_key(digest) if digest else None
        client = window(token_ident(digest), ClientRateThrottle.scope) if digest else None
        failures = window(address, "failed_auth")
        client_allowed, allowed, found = hit_and_read_ahead(request, client, failures, [self._lookup_key] if digest else [])
        if not allowed:
            raise exceptions.Throttled(failures.wait)
        request.token_rate_hit = (client_allowed, client.wait if client else 0)
        cached = found.get(self._lookup_key)
        self._cached = cached if cached is not None and compare_digest(cached.digest, digest) else None
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            hit(address, "failed_auth")
            raise

    def authenticate_credentials(self, token):
        cached = self._cached
        if cached is not None:
            if not cached.is_usable():  # expired since it was cached (a revoked one is deleted from the cache)
                raise exceptions.AuthenticationFailed(_("Invalid token."))
            return self.validate_user(cached)
        try:
            user, auth_token = super().authenticate_credentials(token)
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from exc
        if self._lookup_key:
            token_user_loaded.send(sender=type(self), user=user)
            cache.set(self._lookup_key, auth_token, LOOKUP_TIMEOUT)
        return user, auth_token

    def _cleanup_token(self, auth_token) -> bool:
        # Knox deletes expired tokens, and reads every other token of the user to delete theirs: one more
        # query on every request (0.33 ms a PostgreSQL round trip, bench/README.md). We keep them, refused,
        # so that the audit trail stays whole. tests/test_library_contracts.py fails when knox stops
        # calling this method, or stops skipping the tokens it refuses.
        return not auth_token.is_usable()


_PREFIX = knox_settings.AUTH_HEADER_PREFIX.lower().encode()


def token_digest(request) -> str | None:
    """The digest of the token in the request's ``Authorization: Token <key>``; None without one (or one knox
    refuses). Worked out once a request."""
    if not hasattr(request, "token_digest"):
        header = get_authorization_header(request).split()
        request.token_digest = _digest(header[1]) if len(header) == 2 and header[0].lower() == _PREFIX else None
    return request.token_digest


def _digest(key: bytes) -> str | None:
    try:
        return hash_token(key.decode())
    except (UnicodeDecodeError, TypeError, binascii.Error):
        return None  # knox refuses it
