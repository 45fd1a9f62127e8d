"""Where deliveries may go: never the portal itself or a private network (the receiver's URL is an
outsider's request from inside our network), unless ``WEBHOOKS_ALLOW_PRIVATE_ADDRESSES`` says so."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return ip.is_global and not ip.is_multicast


def ensure_allowed(url: str) -> None:
    """Raise ValidationError for a URL that is not http(s), names the portal, or resolves to a private address.

    Checked when a receiver is registered and again before each delivery (a name may resolve elsewhere later)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("http または https の URL を指定してください。"))
    if settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES:
        return
    own = {host.lstrip(".").lower() for host in settings.ALLOWED_HOSTS if host != "*"}
    if parts.hostname.lower() in own:
        raise ValidationError(_("ポータル自身には送信できません。"))
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)}
    except (socket.gaierror, UnicodeError):
        raise ValidationError(_("ホスト名を解決できません。")) from None
    if not all(_public(address) for address in addresses):
        raise ValidationError(_("内部ネットワークのアドレスには送信できません。"))
