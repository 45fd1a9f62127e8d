"""Issuing and revoking the API tokens of REST clients. People pages, the admin and the demo go through
organisation.services, which records who did it in the audit log; the `issue_token` command calls these.

A good token's lookup is kept in the cache for ``LOOKUP_TIMEOUT`` under its digest
(``dx_portal.api.authentication``), its expiry checked on every use. Whatever makes a token unusable deletes
that entry, at once and again after the commit (a request that read the row before the commit may have cached
it meanwhile): revoking, a save or deletion of the token, and a change to or deletion of its user.

The entry holds the token's user as looked up, with what receivers of ``token_user_loaded`` attached to it before
it was cached (organisation attaches the user's roles, so that a cached request reads nothing from the database).
Whoever changes what they attached forgets the user's lookups (``forget_user_lookups``).
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.utils import timezone

from .models import ApiToken

LOOKUP_TIMEOUT = 60


def lookup_key(digest: str) -> str:
    return f"api-token:{digest}"


# Sent with the user of a token read from the database, before its lookup is cached.
token_user_loaded = Signal()


def forget_lookups(digests: list[str]) -> None:
    """Delete the cached lookups of these tokens, now and after the commit."""
    if not digests:
        return
    keys = [lookup_key(digest) for digest in digests]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def forget_user_lookups(user_ids) -> None:
    """Forget the cached lookups of every token of these users: their next request reads them afresh."""
    forget_lookups(list(ApiToken.objects.filter(user_id__in=user_ids).values_list("digest", flat=True)))


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
def _user_saved(sender, instance, update_fields=None, **kwargs):
    # The cached lookup holds the user as it was: a deactivated user's tokens stop at once, a superuser's flag
    # applies at once. A sign-in (which saves last_login only) changes nothing a token reads. Deleting a user
    # deletes their tokens, each through _token_changed.
    if update_fields is None or set(update_fields) != {"last_login"}:
        forget_user_lookups([instance.pk])
