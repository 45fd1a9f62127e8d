"""KPI pages: the list of indicators, an indicator's series, recording a figure and importing a CSV.

Class-based views on the shared layer (dx_portal.pagination, dx_portal.editing), as in every app.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from dx_portal import charts, exports, formatting
from dx_portal.editing import ServiceFormView
from dx_portal.pagination import FilteredListView, paginate
from organisation.permissions import may_change_division_record
from organisation.roles import roles_of

from . import selectors
from .csv_format import COLUMNS
from .filtersets import IndicatorFilterSet
from .forms import SOURCE_FIELDS, ObservationForm, ObservationImportForm
from .handout import handout_table_export, kpi_handout
from .models import Indicator, Observation
from .services import ensure_may_change, observation_record, observations_import
from .templatetags.kpis import kpi_amount

PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 20


def _trend(summary: selectors.IndicatorSummary):
    observations = summary.indicator.yearly_observations
    unit = summary.indicator.unit
    values = "、".join(f"{o.period_label} {kpi_amount(o.value, unit)}" for o in observations)
    label = _("%(name)sの推移: %(values)s") % {"name": summary.indicator.name, "values": values}
    provisional = bool(observations) and observations[-1].is_provisional
    return charts.sparkline(summary.trend, label=label, hollow_last=provisional)


class IndicatorListView(FilteredListView):
    """Every indicator the user may see, with its latest figure, the change on the year before, target and trend."""

    template_name = "kpis/index.html"
    filterset_class = IndicatorFilterSet
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.indicators_for_list(user=self.request.user)

    def get_filterset(self):
        filterset = super().get_filterset()
        if not roles_of(self.request.user).authenticated:
            del filterset.form.fields["is_public"]
        return filterset

    def get_rows(self, filterset):
        # One read of every indicator the user may see (with its figures, targets and plan items) serves the
        # handout's tables (all of them) and the list (those the filters leave, by their ids).
        self.visible = list(filterset.queryset)
        if not filterset.is_bound:
            return self.visible
        shown = set(filterset.qs.values_list("pk", flat=True))
        return [indicator for indicator in self.visible if indicator.pk in shown]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [selectors.indicator_summary(indicator) for indicator in context["page_obj"]]
        for row in context["rows"]:
            row.sparkline = _trend(row)
        context["groups"] = selectors.group_by_pillar(context["rows"])
        user = self.request.user
        context["may_import"] = roles_of(user).authenticated and bool(selectors.indicators_changeable_by(user))
        context["handout"] = kpi_handout(user=user, indicators=self.visible)
        return context


class HandoutExportView(View):
    """The handout's tables as CSV or Excel (/kpis/table.csv, /kpis/table.xlsx): the indicators the caller may see,
    public ones without logging in."""

    http_method_names = ["get", "head"]

    def get(self, request, fmt: str):
        if fmt not in exports.CONTENT_TYPES:
            raise Http404
        return exports.download(handout_table_export(kpi_handout(user=request.user)), fmt=fmt, name="kpi-table")


class IndicatorMixin:
    """The indicator of the URL's code: 404 when there is none, the login page when it is not public."""

    @cached_property
    def indicator(self) -> Indicator:
        return selectors.indicator_for_page(user=self.request.user, code=self.kwargs["code"])

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except selectors.IndicatorHidden:
            return redirect_to_login(request.get_full_path())
        except Indicator.DoesNotExist:
            raise Http404 from None


def _series_chart(indicator: Indicator, years: list[selectors.YearFigure]) -> charts.Chart:
    unit = indicator.unit
    actual = [y.observation.value if y.observation else None for y in years]
    series = [charts.Series(
        _("実績値"), actual, kind="bar" if indicator.adds_up else "line",
        hollow=[bool(y.observation and y.observation.is_provisional) for y in years],
    )]
    if indicator.adds_up:
        series.append(charts.Series(_("累計"), [y.cumulative for y in years], labelled=False))
    if any(y.target for y in years):
        targets = [y.target.value if y.target else None for y in years]
        series.append(charts.Series(_("目標値"), targets, dashed=True, labelled=False))
    return charts.series_chart(
        title=_("%(name)sの推移") % {"name": indicator.name},
        categories=[formatting.fiscal_year_short(y.fiscal_year) for y in years],
        category_names=[formatting.fiscal_year_all_names(y.fiscal_year) for y in years],
        category_header=_("年度"),
        series=series,
        y_max=100 if indicator.is_percentage else None,
        format_value=lambda value: kpi_amount(value, unit),
        hollow_label=_("白抜きは速報値") if any(series[0].hollow) else "",
    )


class IndicatorDetailView(IndicatorMixin, TemplateView):
    """An indicator's series per fiscal year against its targets, with a chart, sources and the history of changes."""

    template_name = "kpis/detail.html"

    def get_context_data(self, **kwargs):
        indicator = self.indicator
        years = selectors.indicator_years(indicator)
        context = super().get_context_data(
            indicator=indicator,
            years=years,
            months=selectors.indicator_months(indicator),
            chart=_series_chart(indicator, years) if years else None,
            may_change=may_change_division_record(self.request.user, division_id=indicator.division_id),
            feed_url=reverse("kpis_api:observation-list", args=[indicator.code]),
            metadata_url=reverse("kpis_api:indicator-detail", args=[indicator.code]),
            schema_url=reverse("kpis_api:observation-schema"),
            **kwargs,
        )
        if roles_of(self.request.user).authenticated:
            context.update(paginate(self.request, selectors.indicator_history(indicator), HISTORY_PAGE_SIZE))
        return context


class ObservationFormView(IndicatorMixin, ServiceFormView):
    """Record the figure of a period, or revise one (given the version the revision started from)."""

    template_name = "kpis/observation_form.html"
    form_class = ObservationForm

    def get_instance(self):
        ensure_may_change(self.request.user, self.indicator)
        if "pk" in self.kwargs:
            return get_object_or_404(self.indicator.observations, pk=self.kwargs["pk"])
        return Observation(indicator=self.indicator)

    def get_initial(self):
        if self.instance.pk or not self.indicator.yearly_observations:
            return {}
        # A new figure usually comes from the same document as the last one.
        latest = self.indicator.yearly_observations[-1]
        return {name: getattr(latest, name) for name in SOURCE_FIELDS}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indicator": self.indicator}

    def get_context_data(self, **kwargs):
        observation = self.instance if self.instance.pk else None
        return super().get_context_data(indicator=self.indicator, observation=observation, **kwargs)

    def perform(self, form):
        return observation_record(
            actor=self.request.user, indicator=self.indicator, **{"expected_version": None, **form.service_arguments()}
        )

    def get_success_message(self):
        return _("%(period)sの実績値を保存しました。") % {"period": self.object.period_label}

    def get_success_url(self):
        return reverse("kpis:indicator-detail", kwargs={"code": self.indicator.code})


class ObservationImportView(LoginRequiredMixin, FormView):
    """Upload a CSV of observations: all rows are checked, every rejected one reported, and nothing saved unless
    every row is right."""

    template_name = "kpis/import.html"
    form_class = ObservationImportForm

    @cached_property
    def changeable(self):
        return selectors.indicators_changeable_by(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.changeable:
            raise PermissionDenied(_("実績値を登録できる指標がありません。"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=COLUMNS, changeable=self.changeable, schema_url=reverse("kpis_api:observation-schema"), **kwargs
        )

    def form_valid(self, form):
        result = observations_import(actor=self.request.user, data=form.cleaned_data["file"].read())
        if not result.ok:
            return self.render_to_response(self.get_context_data(form=form, result=result))
        messages.success(self.request, _("%(created)s件を新たに登録し、%(updated)s件を更新しました。") % {
            "created": result.created, "updated": result.updated})
        return redirect("kpis:indicator-list")
