"""The registers' pages and their CSV and Excel exports: one FilterSet for the page and the file."""

from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseBadRequest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views import View

from dx_portal.exports import download
from dx_portal.models import SavedView
from dx_portal.pagination import FilteredListView
from dx_portal.saved_views import SavedViewsMixin
from organisation.permissions import may_see_shared_views

from . import exports
from .filtersets import FindingRegisterFilterSet, RiskRegisterFilterSet
from .selectors import finding_age, finding_register, risk_heat_map, risk_register

PAGE_SIZE = 50
EXPORT_CHUNK = 1000


class RegisterMixin(LoginRequiredMixin, SavedViewsMixin):
    def sees_shared_views(self) -> bool:
        return may_see_shared_views(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["export_query"] = query.urlencode()
        context.update(self.saved_views_context())
        return context


class RiskRegisterView(RegisterMixin, FilteredListView):
    """Issues and risks of every project the person may see, with the likelihood × impact heat map."""

    template_name = "registers/risk_list.html"
    filterset_class = RiskRegisterFilterSet
    paginate_by = PAGE_SIZE
    saved_view_page = SavedView.Page.RISKS

    def get_queryset(self):
        return risk_register(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filterset"]
        # The map counts what the other filters keep; its cells set likelihood and impact (their links keep the rest).
        others = self.request.GET.copy()
        for name in (*RiskRegisterFilterSet.CELL, "page"):
            others.pop(name, None)
        around = RiskRegisterFilterSet(others, queryset=self.get_queryset(), request=self.request)
        cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
        selected = (str(cleaned.get("likelihood") or ""), str(cleaned.get("impact") or ""))
        context["heat_map"] = [
            [(cell, "?" + urlencode([*others.lists(), ("likelihood", cell.likelihood), ("impact", cell.impact)], doseq=True),
              (str(cell.likelihood), str(cell.impact)) == selected) for cell in row]
            for row in (risk_heat_map(around.qs) if around.is_valid() else [])
        ]
        context["heat_map_clear"] = "?" + others.urlencode() if any(selected) else ""
        return context


class FindingRegisterView(RegisterMixin, FilteredListView):
    """Every PMO finding of every project the person may see, with its age and state."""

    template_name = "registers/finding_list.html"
    filterset_class = FindingRegisterFilterSet
    paginate_by = PAGE_SIZE
    saved_view_page = SavedView.Page.FINDINGS

    def get_queryset(self):
        return finding_register(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for finding in context["page_obj"]:
            finding.written_on = timezone.localtime(finding.written_at).date()
            finding.age = finding_age(finding, today)
        return context


class RegisterExportView(LoginRequiredMixin, View):
    """The filtered register as ``fmt`` (csv or xlsx), every row; a wrong filter is a 400, never a guess."""

    filterset_class = None
    name = ""

    def rows(self):
        raise NotImplementedError

    def table(self, rows):
        raise NotImplementedError

    def get(self, request, fmt: str):
        filterset = self.filterset_class(request.GET, queryset=self.rows(), request=request)
        if not filterset.is_valid():
            errors = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items())
            return HttpResponseBadRequest(f"{_('絞り込み条件に誤りがあります。')} {errors}",
                                          content_type="text/plain; charset=utf-8")
        # Exports are office records: Japanese whatever the interface language.
        with translation.override("ja"):
            table = self.table(filterset.qs.iterator(chunk_size=EXPORT_CHUNK))
            return download(table, fmt=fmt, name=f"{self.name}-{timezone.localdate():%Y%m%d}")


class RiskRegisterExportView(RegisterExportView):
    filterset_class = RiskRegisterFilterSet
    name = "risk-register"

    def rows(self):
        return risk_register(user=self.request.user)

    def table(self, rows):
        return exports.risk_table(rows)


class FindingRegisterExportView(RegisterExportView):
    filterset_class = FindingRegisterFilterSet
    name = "finding-register"

    def rows(self):
        return finding_register(user=self.request.user)

    def table(self, rows):
        return exports.finding_table(rows, today=timezone.localdate())
