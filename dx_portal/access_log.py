"""The access log: one JSON line per request on the ``dx_portal.access`` logger, for the office's log collector.

Fields: ``time`` (UTC, ISO 8601), ``user`` (the user's id, or null), ``token`` (the API token's public
``token_key``, never the key), ``method``, ``path``, ``status``, ``duration_ms`` and ``address`` (as the
audit log reads it: dx_portal.audit.client_ip). Settings route the logger through
dx_portal.json_logging.JsonFormatter.
"""

import logging
import time

from .audit import client_ip

logger = logging.getLogger("dx_portal.access")


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if logger.isEnabledFor(logging.INFO):
            user = getattr(request, "user", None)  # PrivateCacheMiddleware has read it already
            fields = {
                "user": user.pk if user is not None and user.is_authenticated else None,
                "token": getattr(getattr(request, "auth", None), "token_key", None),
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "address": client_ip(request),
            }
            logger.info("%(method)s %(path)s %(status)s", fields, extra={"access": fields})
        return response
