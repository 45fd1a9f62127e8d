"""The header's counts: what waits for the person on /my/, and their unread notices.

Read once per request, and only when a page shows the header (lazily): one query.
"""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from dx_portal.page_counts import page_counts

from .selectors import UNREAD, waiting_counts


def counts_for(request) -> dict[str, int]:
    """The person's counts, computed at most once per request (the header and /my/ share them)."""
    if not hasattr(request, "_workbench_counts"):
        counts = waiting_counts(request.user, timezone.localdate(), known=page_counts(request))
        counts["waiting"] = sum(n for key, n in counts.items() if key != UNREAD)
        request._workbench_counts = counts
    return request._workbench_counts


def workbench(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"workbench_counts": SimpleLazyObject(lambda: counts_for(request))}
