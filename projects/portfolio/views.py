"""The portfolio page and its CSV and Excel exports: the same filters, sort and columns."""

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from dx_portal.exports import attachment
from dx_portal.jinja2 import render_html
from dx_portal.models import SavedView
from dx_portal.page_counts import counted
from dx_portal.pagination import paginate
from dx_portal.saved_views import SavedViewsMixin
from dx_portal.versioned_cache import filter_key, page_number
from organisation.permissions import may_see_shared_views, may_view_portfolio, visibility_key
from projects.caching import PROJECT_DATA
from projects.models import Project
from projects.selectors import portfolio_exceptions_first

from . import exports
from .charts import health_by_bureau_chart, health_history_chart
from .columns import ALWAYS_SHOWN, COLUMNS, Column, TableLanguage, chosen_columns, portfolio_row
from .html import CellRenderer
from .selectors import (
    EXCEPTIONS_FIRST,
    HEALTH_KEYS,
    HEALTH_LABELS,
    PortfolioOrderingFilter,
    portfolio_filterset,
    portfolio_health_history,
    portfolio_page,
    portfolio_rows,
    portfolio_summary,
)

PAGE_SIZE = 100
# The exceptions the panel names; the table lists them all first.
EXCEPTIONS_SHOWN = 10
# How many rows an export reads from the database at a time.
EXPORT_CHUNK = 1000
ALL = _("すべて")


@dataclass(frozen=True)
class Header:
    column: Column
    url: str | None  # the link that sorts by this column (None when it does not sort)
    aria_sort: str | None  # "ascending" / "descending" on the sorted column


def _ensure_sees_portfolio(user) -> None:
    if not may_view_portfolio(user):
        raise PermissionDenied


def _labelled_choices(filterset):
    """The filter form as the page shows it: "---------" and "Unknown / Yes / No" read oddly, so say what each keeps."""
    for field in filterset.form.fields.values():
        if hasattr(field, "empty_label"):
            # Set on the widget: django-filter's choice iterator reads the label of the class's field, not this copy.
            field.widget.choices = [("", ALL), *(choice for choice in field.widget.choices if choice[0] != "")]
    return filterset


def _query(request, **changes) -> str:
    """The current query string with ``changes`` applied (None drops a parameter)."""
    query = request.GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return query.urlencode()


def _known_parameters(query, filterset, columns: tuple[Column, ...]):
    """The query string without the parameters the page does not read; the chosen columns as one ``cols``."""
    known = query.copy()
    for name in query:
        if name not in filterset.form.fields and name not in ("page", "sort"):
            del known[name]
    if "cols" in query:
        known["cols"] = ",".join(column.key for column in columns)
    return known


def _ordering(filterset) -> str:
    """The first key the valid FilterSet sorts by ("-" before it when descending): exceptions first by default."""
    return (PortfolioOrderingFilter.keys(filterset.form.cleaned_data.get("ordering")) or [EXCEPTIONS_FIRST])[0]


def _headers(request, ordering: str, columns: tuple[Column, ...]) -> list[Header]:
    headers = []
    for column in columns:
        if not column.sortable:
            headers.append(Header(column, None, None))
            continue
        current = ordering.removeprefix("-") == column.key
        descending = ordering.startswith("-")
        # A second click on the sorted column reverses it.
        target = f"-{column.key}" if current and not descending else column.key
        aria = ("descending" if descending else "ascending") if current else None
        # ``sort`` is the old name of ``ordering`` (selectors.LEGACY_SORTS): the links drop it.
        headers.append(Header(column, "?" + _query(request, ordering=target, sort=None, page=None), aria))
    return headers


class PortfolioView(LoginRequiredMixin, SavedViewsMixin, View):
    """The portfolio: the exceptions, the glance and the table of every project the user may see, filtered and
    sorted, with the columns the person chose."""

    saved_view_page = SavedView.Page.PORTFOLIO

    def sees_shared_views(self) -> bool:
        return may_see_shared_views(self.request.user)

    def get(self, request):
        _ensure_sees_portfolio(request.user)
        return self.default_redirect() or render(request, "portfolio/index.html", self.get_context_data())

    def get_context_data(self) -> dict:
        request = self.request
        today = timezone.localdate()
        filterset = _labelled_choices(portfolio_filterset(user=request.user, data=request.GET))
        context = {"filterset": filterset, "valid": filterset.is_valid(), "today": today}
        shared = (get_language(), today, visibility_key(request.user))
        # The same for everyone who may see the same projects, whatever the filters: kept apart from the results.
        # (A new name for an entry that now holds the count too: an entry of the old shape is never read.)
        context["exceptions"], total = PROJECT_DATA.cached(
            "portfolio-exceptions-counted", shared, lambda: _exceptions(request, today)
        )
        # The CIO's header counts the same exceptions (workbench's "exceptions" section): it shows this count.
        counted(request, "exceptions", total)
        if context["valid"]:
            context["ordering"] = ordering = _ordering(filterset)
            columns = chosen_columns(request.GET.getlist("cols"))
            # The results depend on the valid filters, columns and page, the language, the day and what the user
            # may see: two people who may see the same projects share them until a project changes (PROJECT_DATA).
            # Links in them are built from the known parameters only, so another's junk is never shown.
            request.GET = _known_parameters(request.GET, filterset, columns)
            page = page_number(request.GET.get("page"))
            parts = (filter_key(filterset, page=page), tuple(column.key for column in columns), *shared)
            context["results"] = PROJECT_DATA.cached(
                "portfolio-page", parts,
                lambda: _results(request, filterset, ordering=ordering, today=today, columns=columns),
            )
        # After the query string is cleaned: a view saves only what the page reads.
        context.update(self.saved_views_context())
        return context


def _exceptions(request, today) -> tuple[str, int]:
    """The exceptions panel as HTML (the largest budgets first, the rest counted), and how many there are."""
    rows, total = portfolio_exceptions_first(request.user, today, limit=EXCEPTIONS_SHOWN)
    more = max(total - EXCEPTIONS_SHOWN, 0)
    context = {
        "rows": rows,
        "total": total,
        "heading": ngettext("要対応の案件（%(n)s件）", "要対応の案件（%(n)s件）", total) % {"n": total},
        "more": ngettext(
            "ほかに%(n)s件あります。下の案件一覧では要対応の案件を先頭に並べています。",
            "ほかに%(n)s件あります。下の案件一覧では要対応の案件を先頭に並べています。",
            more,
        ) % {"n": more} if more else "",
    }
    return render_html("portfolio/_exceptions.html", context), total


def _results(request, filterset, *, ordering: str, today, columns: tuple[Column, ...]) -> str:
    """The glance, the table and its pages as HTML."""
    projects = filterset.qs
    glance = _glance(projects, today=today)
    # The page is cut from the sorted projects alone; only its hundred rows are joined and counted. The summary has
    # counted them.
    pages = paginate(request, projects.values_list("pk", flat=True), PAGE_SIZE, count=glance["summary"].total)
    page = pages["page_obj"]
    page.object_list = portfolio_page(page.object_list, today=today)
    renderer, language = CellRenderer(), TableLanguage()
    chosen = {column.key for column in columns}
    context = {
        **pages,
        "filtered": any(value not in (None, "") for value in filterset.form.cleaned_data.values()),
        # Each row's HTML (see html.py for why the cells are not a template loop).
        "rows": [renderer.row(portfolio_row(project, today=today, language=language), columns) for project in page],
        "pagination": render_to_string("includes/pagination.html", pages),
        "headers": _headers(request, ordering, columns),
        "stale_query": _query(request, stale="true", page=None),
        "exceptions_query": _query(request, ordering=None, page=None) if ordering != EXCEPTIONS_FIRST else None,
        # The column chooser: a GET form keeping every other parameter.
        "kept": [(name, value) for name, value in request.GET.items() if name not in ("cols", "page")],
        "choosable": [(column, column.key in chosen) for column in COLUMNS if column.key not in ALWAYS_SHOWN],
        **glance,
    }
    return render_html("portfolio/_results.html", context)


def _glance(projects, *, today) -> dict:
    """The counts, totals and charts above the table, for the filtered projects."""
    summary = portfolio_summary(projects, today=today)
    return {
        "summary": summary,
        "health_counts": [(key, HEALTH_LABELS[key], summary.by_health[key]) for key in HEALTH_KEYS],
        "phase_counts": [(phase.label, summary.by_phase[phase.value]) for phase in Project.Phase],
        "charts": [
            health_by_bureau_chart(summary),
            health_history_chart(portfolio_health_history(projects, today=today, now=summary.by_health)),
        ],
    }


def _export_rows(request):
    """The rows of an export, or a 400 when a filter is invalid: exports never guess what was meant."""
    _ensure_sees_portfolio(request.user)
    filterset = portfolio_filterset(user=request.user, data=request.GET)
    if not filterset.is_valid():
        return filterset, None
    today = timezone.localdate()
    projects = portfolio_rows(filterset.qs, today=today)
    # Annotations only (nothing prefetched), so the rows can stream from one query.
    language = TableLanguage()
    rows = (portfolio_row(project, today=today, language=language) for project in projects.iterator(chunk_size=EXPORT_CHUNK))
    return filterset, rows


def _bad_filters(filterset) -> HttpResponse:
    errors = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items())
    return HttpResponseBadRequest(f"{_('絞り込み条件に誤りがあります。')} {errors}", content_type="text/plain; charset=utf-8")


class PortfolioExportView(LoginRequiredMixin, View):
    """The filtered, sorted table as ``fmt`` (csv or xlsx), every row rather than one page."""

    def get(self, request, fmt: str):
        # Exports are office records: Japanese whatever the interface language.
        with translation.override("ja"):
            filterset, rows = _export_rows(request)
            if rows is None:
                return _bad_filters(filterset)
            today = timezone.localdate()
            # The columns chosen on the page (``cols``); every column when none were chosen.
            columns = chosen_columns(request.GET.getlist("cols"), default=None)
            if fmt == "csv":
                content = exports.portfolio_csv(rows, columns)
            else:
                content = exports.portfolio_xlsx(
                    rows, today=today, conditions=exports.filter_conditions(filterset), columns=columns
                )
            return attachment(content, filename=f"portfolio-{today:%Y%m%d}.{fmt}")
