"""Counts a page made itself this request, which its header would otherwise make again: the portfolio's exceptions
panel counts the CIO's exceptions, and the header's "my work" badge counts them too (workbench). Kept on the request,
so nothing outlives it."""


def counted(request, key: str, n: int) -> None:
    request._page_counts = {**page_counts(request), key: n}


def page_counts(request) -> dict[str, int]:
    return getattr(request, "_page_counts", {})
