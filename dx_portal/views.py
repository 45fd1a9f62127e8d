"""The shell's own pages: the home that sends each role to its start, and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from governance.roles import roles_of


def start_page_for(user) -> str:
    """CIO, PMO, directors and auditors start on the portfolio; division staff on their projects; others on KPIs."""
    roles = roles_of(user)
    if roles.sees_portfolio:
        return reverse("portfolio:index")
    return reverse("projects:my-project-list" if roles.division_ids else "kpis:indicator-list")


@login_required
def home(request):
    return redirect(start_page_for(request.user))


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
