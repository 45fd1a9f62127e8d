"""The home page: each role lands on the page made for it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse

from .roles import roles_of


def start_page_for(user) -> str:
    """CIO, PMO, directors and auditors start on the portfolio; division staff on their projects; others on KPIs."""
    roles = roles_of(user)
    if roles.sees_portfolio:
        return reverse("portfolio:index")
    return reverse("projects:my-project-list" if roles.division_ids else "kpis:indicator-list")


@login_required
def home(request):
    return redirect(start_page_for(request.user))
