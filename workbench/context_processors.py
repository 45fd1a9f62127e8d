"""The header's counts: what waits for the person on /my/, and their unread notices.

Read once per request, and only when a page shows the header (lazily): one query.
"""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .selectors import UNREAD, waiting_counts


def counts_for(request) -> dict[str, int]:
    """The person's counts, computed at most once per request (the header and /my/ share them)."""
    if not hasattr(request, "_workbench_counts"):
        counts = waiting_counts(request.user, timezone.localdate(), known=getattr(request, "_workbench_known", {}))
        counts["waiting"] = sum(n for key, n in counts.items() if key != UNREAD)
        request._workbench_counts = counts
    return request._workbench_counts


def counted(request, key: str, n: int) -> None:
    """A section's count that the page has just made itself (the portfolio's exceptions panel counts the CIO's
    exceptions): the header shows it rather than counting again."""
    request._workbench_known = {**getattr(request, "_workbench_known", {}), key: n}


def workbench(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"workbench_counts": SimpleLazyObject(lambda: counts_for(request))}
