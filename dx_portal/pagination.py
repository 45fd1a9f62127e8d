"""One way to page a list: the page asked for, and the query string without it for the page links
(templates/includes/pagination.html)."""

from collections.abc import Callable

from django.core.paginator import Paginator
from django.views.generic import TemplateView


def query_without_page(request) -> str:
    """The request's query string without ``page``, for the page links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def in_order(rows, ids: list, key: Callable) -> list:
    """``rows`` (those of ``ids``, read in one query) in the order of ``ids``. A long list is sorted and cut on its ids
    alone, and only the page's rows are read whole: joining and counting per row for every record before the sort
    cost more than the rest of the page (the portfolio, the projects API)."""
    by_key = {key(row): row for row in rows}
    return [by_key[pk] for pk in ids if pk in by_key]


def paginate(request, rows, per_page: int, *, count: int | None = None) -> dict:
    """``page_obj`` and ``query_without_page`` for the template; a page out of range shows the last one. ``count``:
    how many ``rows`` there are, when the caller has counted them already (one COUNT query fewer)."""
    paginator = Paginator(rows, per_page)
    if count is not None:
        paginator.count = count
    return {"page_obj": paginator.get_page(request.GET.get("page")), "query_without_page": query_without_page(request)}


class FilteredListView(TemplateView):
    """A list page: the rows of ``get_queryset()`` through ``filterset_class`` (the FilterSet the API and the
    exports use too), a page of ``paginate_by`` at a time."""

    filterset_class = None
    paginate_by = 25

    def get_queryset(self):
        raise NotImplementedError

    def get_filterset(self):
        return self.filterset_class(self.request.GET or None, queryset=self.get_queryset(), request=self.request)

    def get_rows(self, filterset):
        """What is paged: the filtered queryset (or a list read from it)."""
        return filterset.qs

    def get_context_data(self, **kwargs):
        filterset = self.get_filterset()
        context = super().get_context_data(filterset=filterset, **kwargs)
        context.update(paginate(self.request, self.get_rows(filterset), self.paginate_by))
        return context
