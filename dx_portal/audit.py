"""Fill the security audit log from Django's login signals, django-axes' lockouts and API token use."""

from datetime import timedelta

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from . import usage
from .models import ApiToken, AuditEvent


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the entry our own proxies appended to X-Forwarded-For.

    Entries further left were written by the client and prove nothing, so only TRUSTED_PROXY_COUNT
    entries from the right are believed (the same rule as DRF's NUM_PROXIES).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",")]
        return addresses[-min(proxies, len(addresses))] or None
    return request.META.get("REMOTE_ADDR") or None


def record(kind: str, request=None, *, user=None, username: str = "", **fields) -> AuditEvent:
    if request is not None:
        fields.setdefault("ip_address", client_ip(request))
        fields.setdefault("user_agent", request.META.get("HTTP_USER_AGENT", "")[:300])
        fields.setdefault("path", request.path[:300])
        fields.setdefault("method", request.method or "")
    if user is not None and not username:
        username = user.get_username()
    return AuditEvent.objects.create(kind=kind, user=user, username=username[:150], **fields)


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    record(AuditEvent.Kind.LOGIN, request, user=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in credentials; the username is kept as typed.
    record(AuditEvent.Kind.LOGIN_FAILED, request, username=str(credentials.get("username") or ""))


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    record(AuditEvent.Kind.LOGOUT, request, user=user)


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(AuditEvent.Kind.LOCKED_OUT, request, username=str(username or ""), ip_address=ip_address)


def record_token_use(request, response) -> None:
    """After an API request: a write made with a token (a row each), a read (counted by dx_portal.usage, written
    once a minute), or a token the API refused (401, or 429 once the address sends too many bad ones), counted
    per address and minute."""
    token = getattr(request, "auth", None)
    if isinstance(token, ApiToken):
        read = request.method in usage.READS
        usage.note(request, token, client_ip(request), read=read)
        if read:
            return
        record(
            AuditEvent.Kind.TOKEN_USED,
            request,
            user=token.user,
            token_key=token.token_key,
            status_code=response.status_code,
        )
        return
    scheme, _, key = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if response.status_code in (401, 429) and scheme.lower() == "token":
        _count_refusal(request, token_key=key.strip()[:15], status_code=response.status_code)


def _count_refusal(request, *, token_key: str, status_code: int) -> None:
    """One row per address and minute, its count raised by every further refusal: a flood of bad tokens
    costs an UPDATE each, not a row each."""
    now = timezone.now()
    minute = now.replace(second=0, microsecond=0)
    address = client_ip(request)
    same_minute = AuditEvent.objects.filter(
        kind=AuditEvent.Kind.TOKEN_REFUSED, ip_address=address, at__gte=minute, at__lt=minute + timedelta(minutes=1)
    )
    if not same_minute.update(count=F("count") + 1, status_code=status_code):
        record(AuditEvent.Kind.TOKEN_REFUSED, request, token_key=token_key, status_code=status_code, at=now)
