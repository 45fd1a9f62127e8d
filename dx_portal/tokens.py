"""Issuing and revoking the API tokens of REST clients. People pages, the admin and the demo go through
organisation.services, which records who did it in the audit log; the `issue_token` command calls these."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ApiToken


@transaction.atomic
def api_token_issue(*, user, scopes: list[str], name: str = "", expires_in_days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token and return it with its key; only the digest is stored, so the key is shown once."""
    valid = set(ApiToken.Scope.values)
    unknown = sorted(set(scopes) - valid)
    if unknown:
        raise ValueError(f"unknown scope(s): {', '.join(unknown)}; valid: {', '.join(sorted(valid))}")
    expiry = timedelta(days=expires_in_days) if expires_in_days else None
    return ApiToken.objects.create(user=user, expiry=expiry, name=name, scopes=" ".join(sorted(set(scopes))))


def api_token_revoke(*, token: ApiToken) -> bool:
    """Revoke the token; False when it already was."""
    return bool(ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()))
