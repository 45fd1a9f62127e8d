"""The health check: 200 while the database answers."""

from django.db import connection
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from .cache import FAILURES, reachable
from .celery import app as celery_app


@method_decorator(never_cache, name="dispatch")
class HealthView(View):
    """Each component, ``ok`` or ``down``; 503 only when the database is down, as nothing works without it.
    Without the cache or the broker the portal still answers (slower; reminders wait for the broker)."""

    def get(self, request):
        components = {"database": _database(), "cache": "ok" if reachable() else "down", "broker": _broker()}
        if components["database"] != "ok":
            status = "error"
        else:
            status = "ok" if all(state == "ok" for state in components.values()) else "degraded"
        body = {"status": status, **components, "cache_failures": sum(FAILURES.values())}
        return JsonResponse(body, status=503 if status == "error" else 200)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "down"
        return "down"
    return "ok"


def _broker() -> str:
    try:
        with celery_app.connection_for_read() as broker:
            broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=1)
    except Exception:  # noqa: BLE001 - whatever the transport raises means "down"
        return "down"
    return "ok"
