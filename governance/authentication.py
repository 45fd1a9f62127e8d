"""REST clients authenticate with `Authorization: Token <key>`: a knox token with our scopes."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from rest_framework import exceptions

# Writing last_used_at on every request would make each read a write; once a minute is enough to audit.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuthentication(TokenAuthentication):
    """Knox authentication that keeps expired and revoked tokens (for the audit) and records their use."""

    def _cleanup_token(self, auth_token) -> bool:
        # Knox deletes expired tokens; we keep them, refused, so the audit trail stays whole.
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
