"""KPI pages: the list of indicators, an indicator's series, recording a figure and importing a CSV."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dx_portal import charts, fiscal
from dx_portal.errors import StaleVersionError
from governance.permissions import may_change_division_record
from governance.roles import roles_of

from . import selectors
from .csv_format import COLUMNS
from .filtersets import IndicatorFilterSet
from .forms import SOURCE_FIELDS, ObservationForm, ObservationImportForm
from .models import Indicator
from .services import ensure_may_change, observation_record, observations_import
from .templatetags.kpis import kpi_amount

PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 20


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _may_change(user, indicator: Indicator) -> bool:
    return may_change_division_record(user, division_id=indicator.division_id)


def _fiscal_year_label(year: int) -> str:
    """R4 on a Japanese page's chart axis, FY2022 on an English one."""
    return f"FY{year}" if (get_language() or "ja").startswith("en") else fiscal.fiscal_year_short_name(year)


def _trend(summary: selectors.IndicatorSummary):
    observations = summary.indicator.yearly_observations
    unit = summary.indicator.unit
    values = "、".join(f"{o.period_label} {kpi_amount(o.value, unit)}" for o in observations)
    label = _("%(name)sの推移: %(values)s") % {"name": summary.indicator.name, "values": values}
    provisional = bool(observations) and observations[-1].is_provisional
    return charts.sparkline(summary.trend, label=label, hollow_last=provisional)


def index(request):
    """Every indicator the user may see, with its latest figure, the change on the year before, target and trend."""
    roles = roles_of(request.user)
    filterset = IndicatorFilterSet(request.GET or None, queryset=selectors.indicators_for_list(user=request.user))
    if not roles.authenticated:
        del filterset.form.fields["is_public"]
    page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [selectors.indicator_summary(indicator) for indicator in page_obj]
    for row in rows:
        row.sparkline = _trend(row)
    return render(request, "kpis/index.html", {
        "filterset": filterset,
        "page_obj": page_obj,
        "rows": rows,
        "query_without_page": _query_without_page(request),
        "may_import": roles.authenticated and bool(selectors.indicators_changeable_by(request.user)),
    })


def with_indicator(view):
    """Load the indicator of the URL's code: 404 when there is none, the login page when it is not public."""

    @wraps(view)
    def wrapper(request, code: str, **kwargs):
        try:
            indicator = selectors.indicator_for_page(user=request.user, code=code)
        except selectors.IndicatorHidden:
            return redirect_to_login(request.get_full_path())
        except Indicator.DoesNotExist:
            raise Http404 from None
        return view(request, indicator, **kwargs)

    return wrapper


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
        categories=[_fiscal_year_label(y.fiscal_year) for y in years],
        category_names=["・".join(y.names) for y in years],
        category_header=_("年度"),
        series=series,
        y_max=100 if indicator.is_percentage else None,
        format_value=lambda value: kpi_amount(value, unit),
        hollow_label=_("白抜きは速報値") if any(series[0].hollow) else "",
    )


@with_indicator
def detail(request, indicator: Indicator):
    """An indicator's series per fiscal year against its targets, with a chart, sources and the history of changes."""
    years = selectors.indicator_years(indicator)
    context = {
        "indicator": indicator,
        "years": years,
        "months": selectors.indicator_months(indicator),
        "chart": _series_chart(indicator, years) if years else None,
        "may_change": _may_change(request.user, indicator),
        "feed_url": reverse("kpis_api:observation-list", args=[indicator.code]),
        "metadata_url": reverse("kpis_api:indicator-detail", args=[indicator.code]),
        "schema_url": reverse("kpis_api:observation-schema"),
    }
    if roles_of(request.user).authenticated:
        history = selectors.indicator_history(indicator)
        context["page_obj"] = Paginator(history, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
        context["query_without_page"] = _query_without_page(request)
    return render(request, "kpis/detail.html", context)


def _add_service_errors(form, exc: ValidationError) -> None:
    """Put each message next to its field; what has no field of the form goes above it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _observation_form_page(request, indicator: Indicator, observation=None):
    ensure_may_change(request.user, indicator)
    initial = {}
    if observation is None and indicator.yearly_observations:
        # A new figure usually comes from the same document as the last one.
        latest = indicator.yearly_observations[-1]
        initial = {name: getattr(latest, name) for name in SOURCE_FIELDS}
    kwargs = {"indicator": indicator, "instance": observation} if observation else {"indicator": indicator}
    form = ObservationForm(request.POST if request.method == "POST" else None, initial=initial, **kwargs)
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = observation_record(actor=request.user, indicator=indicator, **form.service_arguments())
        except StaleVersionError as exc:
            # Keep what the user typed; the next save may overwrite, now that they have seen the current figure.
            current = exc.instance
            data = request.POST.copy()
            data["version"] = exc.current_version
            form = ObservationForm(data, **kwargs)
            form.is_valid()
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("%(period)sの実績値を保存しました。") % {"period": saved.period_label})
            return redirect("kpis:detail", code=indicator.code)
    return render(request, "kpis/observation_form.html", {
        "indicator": indicator, "form": form, "observation": observation, "current": current,
    })


@login_required
@with_indicator
def observation_create(request, indicator: Indicator):
    return _observation_form_page(request, indicator)


@login_required
@with_indicator
def observation_edit(request, indicator: Indicator, pk: int):
    observation = get_object_or_404(indicator.observations, pk=pk)
    return _observation_form_page(request, indicator, observation)


@login_required
def observation_import(request):
    """Upload a CSV of observations: all rows are checked, every rejected one reported, and nothing saved unless
    every row is right."""
    changeable = selectors.indicators_changeable_by(request.user)
    if not changeable:
        raise PermissionDenied(_("実績値を登録できる指標がありません。"))
    posted = request.method == "POST"
    form = ObservationImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        result = observations_import(actor=request.user, data=form.cleaned_data["file"].read())
        if result.ok:
            messages.success(request, _("%(created)s件を新たに登録し、%(updated)s件を更新しました。") % {
                "created": result.created, "updated": result.updated})
            return redirect("kpis:index")
    return render(request, "kpis/import.html", {
        "form": form, "result": result, "columns": COLUMNS, "changeable": changeable,
        "schema_url": reverse("kpis_api:observation-schema"),
    })
