"""How REST clients prove who they are: `Authorization: Token <key>` (a knox token with our scopes)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header

from ..audit import client_ip
from .throttling import hit

# Writing last_used_at on every request would make each read a write; once a minute is enough to audit.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuthentication(TokenAuthentication):
    """Knox authentication that keeps expired and revoked tokens (for the audit), records their use, and
    refuses an address that keeps sending bad tokens (429, ``failed_auth`` rate) before looking any up."""

    def authenticate(self, request):
        scheme = get_authorization_header(request).split()[:1]
        if not scheme or scheme[0].lower() != self.authenticate_header(request).lower().encode():
            return None
        address = f"ip-{client_ip(request)}"
        allowed, wait = hit(address, "failed_auth", add=0)
        if not allowed:
            raise exceptions.Throttled(wait)
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            hit(address, "failed_auth")
            raise

    def _cleanup_token(self, auth_token) -> bool:
        # Knox deletes expired tokens, and reads every other token of the user to delete theirs: one more
        # query on every request (0.33 ms a PostgreSQL round trip, bench/README.md). We keep them, refused,
        # so that the audit trail stays whole. tests/test_library_contracts.py fails when knox stops
        # calling this method, or stops skipping the tokens it refuses.
        return not auth_token.is_usable()

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            type(token).objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return user, token

    def authenticate_credentials(self, token):
        try:
            return super().authenticate_credentials(token)
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from exc
