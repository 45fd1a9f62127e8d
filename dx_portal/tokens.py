"""Issuing and revoking the API tokens of REST clients. People pages, the admin and the demo go through
organisation.services, which records who did it in the audit log; the `issue_token` command calls these.

A good token's lookup is kept in the cache for ``LOOKUP_TIMEOUT`` under its digest
(``dx_portal.api.authentication``), its expiry checked on every use. Whatever makes a token unusable deletes
that entry, at once and again after the commit (a request that read the row before the commit may have cached
it meanwhile): revoking, a save or deletion of the token, and deactivating or deleting its user.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import ApiToken

LOOKUP_TIMEOUT = 60


def lookup_key(digest: str) -> str:
    return f"api-token:{digest}"


def forget_lookups(digests: list[str]) -> None:
    """Delete the cached lookups of these tokens, now and after the commit."""
    if not digests:
        return
    keys = [lookup_key(digest) for digest in digests]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


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
    """Revoke the token (refused from the next request on, in every process); False when it already was."""
    revoked = bool(ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()))
    forget_lookups([token.digest])
    return revoked


@receiver([post_save, post_delete], sender=ApiToken, dispatch_uid="forget_token_lookup")
def _token_changed(sender, instance, **kwargs):
    forget_lookups([instance.digest])


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="forget_user_token_lookups")
def _user_saved(sender, instance, **kwargs):
    # A deactivated user's tokens stop at once (the cached lookup holds the user as it was). Deleting a user
    # deletes their tokens, each through _token_changed.
    if not instance.is_active:
        forget_lookups(list(ApiToken.objects.filter(user_id=instance.pk).values_list("digest", flat=True)))
