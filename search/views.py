"""The search page: /search/?q= across every kind of the registry the person may see."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from dx_portal.pagination import query_without_page

from . import selectors
from .forms import SearchForm
from .registry import KINDS

PAGE_SIZE = 20


class SearchView(LoginRequiredMixin, TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET if "q" in self.request.GET else None)
        context.update(form=form, kind_counts=[(kind, None, False) for kind in KINDS])
        if not form.is_valid():
            return context
        q, chosen = form.cleaned_data["q"], form.cleaned_data["kind"]
        user = self.request.user
        found, page_obj = selectors.search_page(
            user=user, q=q, shown=chosen, page=self.request.GET.get("page"), per_page=PAGE_SIZE
        )
        context.update(
            q=q, total=page_obj.paginator.count, page_obj=page_obj,
            query_without_page=query_without_page(self.request),
            kind_counts=[(kind, found[kind.key], kind.key in chosen) for kind in KINDS],
        )
        return context
