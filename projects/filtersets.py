"""One FilterSet per model: the list pages, the portfolio, the API and the exports all use these."""

from dataclasses import dataclass

import django_filters
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from dx_portal.filtering import FormOnceFilterSet, LocalNameChoiceFilter, YesNoFilter
from dx_portal.keywords import keyword_filter
from kpis.models import PlanItem
from organisation.models import Bureau, Division

from .models import Finding, GateReview, Health, Project, ProjectIssue, Severity, StatusReport, choice_rank
from .selectors import conditions_open, in_pillar

ALL = _("すべて")


class PillarChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        # The national plan numbers its focus areas ① to ⑥ as the prefecture's numbers its measures: say which plan.
        return f"{obj.plan.name} {obj.label}"


@extend_schema_field(OpenApiTypes.STR)
class PillarFilter(django_filters.ModelChoiceFilter):
    """A pillar by its code (``kanagawa-ict-1``)."""

    field_class = PillarChoiceField


class ProjectFilterSet(FormOnceFilterSet):
    bureau = LocalNameChoiceFilter(
        field_name="division__bureau", to_field_name="code", queryset=Bureau.objects.all(), label=_("局"), empty_label=ALL
    )
    division = LocalNameChoiceFilter(
        field_name="division", to_field_name="code", queryset=Division.objects.all(), label=_("所属"), empty_label=ALL
    )
    phase = django_filters.ChoiceFilter(choices=Project.Phase.choices, label=_("フェーズ"), empty_label=ALL)
    health = django_filters.ChoiceFilter(choices=Health.choices, label=_("健全度"), empty_label=ALL)
    # A choice, not a boolean: an unknown value (stale=maybe) is a 400, not silently ignored.
    stale = django_filters.ChoiceFilter(
        choices=[("true", _("報告遅延の案件のみ")), ("false", _("報告遅延でない案件"))],
        method="filter_stale",
        label=_("報告遅延"),
        empty_label=ALL,
    )
    # A pillar (柱) of a plan, or a focus area of the national plan: its projects and those of the measures under it.
    pillar = PillarFilter(
        queryset=PlanItem.objects.filter(parent__isnull=True).select_related("plan"),
        to_field_name="code",
        method="filter_pillar",
        label=_("計画の柱"),
        empty_label=ALL,
    )
    conditions_open = django_filters.ChoiceFilter(
        choices=[("true", _("ゲートの条件が未完了の案件のみ")), ("false", _("ゲートの条件が未完了でない案件"))],
        method="filter_conditions_open",
        label=_("ゲート条件"),
        empty_label=ALL,
    )
    search = django_filters.CharFilter(method="filter_search", label=_("キーワード"))

    class Meta:
        model = Project
        fields = ["bureau", "division", "phase", "health", "stale", "pillar", "conditions_open", "search"]

    def filter_pillar(self, queryset, name, value):
        return in_pillar(queryset, value)

    def filter_conditions_open(self, queryset, name, value):
        # One EXISTS in the rows' own query: the filter adds no query to the page.
        return queryset.filter(conditions_open()) if value == "true" else queryset.exclude(conditions_open())

    def filter_stale(self, queryset, name, value):
        today = timezone.localdate()
        stale = Q(report_overdue_on__lte=today)
        return queryset.filter(stale) if value == "true" else queryset.exclude(stale)

    def filter_search(self, queryset, name, value):
        return keyword_filter(queryset, ("code", "name", "name_en", "description", "division__name"), value)


def _both_ways(*expressions) -> tuple[list, list]:
    """Ascending and descending by these, empty values last either way."""
    expressions = [F(e) if isinstance(e, str) else e for e in expressions]
    return [e.asc(nulls_last=True) for e in expressions], [e.desc(nulls_last=True) for e in expressions]


@dataclass(frozen=True)
class Ordering:
    ascending: list
    descending: list
    ascending_label: str | Promise
    descending_label: str | Promise


# The one definition of how projects sort, for ``ordering=`` on the list page, the portfolio (its column
# headers use the same keys as its columns), the API and the exports; ties are broken by the code.
PROJECT_ORDERINGS = {
    "code": Ordering(*_both_ways("code"), _("案件コード（昇順）"), _("案件コード（降順）")),
    "name": Ordering(*_both_ways("name"), _("案件名（昇順）"), _("案件名（降順）")),
    "bureau": Ordering(
        *_both_ways("division__bureau__sort_order", "division__bureau__code"), _("局（標準の順）"), _("局（逆順）")
    ),
    "health": Ordering(*_both_ways(choice_rank("health", Health.values)), _("健全度（順調から）"), _("健全度（遅延から）")),
    "phase": Ordering(
        *_both_ways(choice_rank("phase", Project.Phase.values)), _("フェーズ（企画から）"), _("フェーズ（終了から）")
    ),
    "actual_progress": Ordering(
        *_both_ways("latest_report__actual_progress"), _("実績進捗率（低い順）"), _("実績進捗率（高い順）")
    ),
    "last_reported_on": Ordering(
        *_both_ways("last_reported_on"), _("最終報告基準日（古い順）"), _("最終報告基準日（新しい順）")
    ),
    # Days grow as the last report recedes; a project never reported has waited longest.
    "days_since_report": Ordering(
        [F("last_reported_on").desc(nulls_last=True)],
        [F("last_reported_on").asc(nulls_first=True)],
        _("報告からの日数（短い順）"),
        _("報告からの日数（長い順）"),
    ),
    "report_due_on": Ordering(*_both_ways("report_due_on"), _("次回報告期限（近い順）"), _("次回報告期限（遠い順）")),
    "planned_end": Ordering(*_both_ways("planned_end"), _("終了予定日（近い順）"), _("終了予定日（遠い順）")),
    "budget_yen": Ordering(*_both_ways("budget_yen"), _("予算額（少ない順）"), _("予算額（多い順）")),
    "actual_cost_yen": Ordering(*_both_ways("actual_cost_yen"), _("執行額（少ない順）"), _("執行額（多い順）")),
}


class ProjectOrderingFilter(django_filters.OrderingFilter):
    """``ordering=health,-budget_yen`` by PROJECT_ORDERINGS; by the code when none is given."""

    def __init__(self, *args, **kwargs):
        choices = []
        for key, ordering in PROJECT_ORDERINGS.items():
            choices += [(key, ordering.ascending_label), (f"-{key}", ordering.descending_label)]
        super().__init__(*args, choices=choices, label=_("並び順"), empty_label=_("標準"), **kwargs)

    @staticmethod
    def keys(value) -> list[str]:
        """The keys asked for: a blank one (``ordering=,,``) asks for nothing, as in django-filter's own filter."""
        return [key for key in value or () if key]

    def filter(self, qs, value):
        order = []
        for param in self.keys(value):
            ordering = PROJECT_ORDERINGS[param.removeprefix("-")]
            order += ordering.descending if param.startswith("-") else ordering.ascending
        return qs.order_by(*order, "code")


class ProjectListFilterSet(ProjectFilterSet):
    """The filters plus ``ordering``: the project list page, the portfolio page and its exports, and
    ``/api/v1/projects/`` (the portfolio summary, which has no order, takes ProjectFilterSet)."""

    ordering = ProjectOrderingFilter()

    class Meta(ProjectFilterSet.Meta):
        fields = [*ProjectFilterSet.Meta.fields, "ordering"]


class StatusReportFilterSet(FormOnceFilterSet):
    as_of_min = django_filters.DateFilter(field_name="as_of", lookup_expr="gte", label=_("基準日（から）"))
    as_of_max = django_filters.DateFilter(field_name="as_of", lookup_expr="lte", label=_("基準日（まで）"))
    health = django_filters.ChoiceFilter(choices=Health.choices, label=_("全体評価"))
    reviewed = YesNoFilter(field_name="reviewed_at", lookup_expr="isnull", exclude=True, label=_("PMO確認済"))

    class Meta:
        model = StatusReport
        fields = ["as_of_min", "as_of_max", "health", "reviewed"]


class ProjectIssueFilterSet(FormOnceFilterSet):
    kind = django_filters.ChoiceFilter(choices=ProjectIssue.Kind.choices, label=_("種別"))
    status = django_filters.ChoiceFilter(choices=ProjectIssue.Status.choices, label=_("状態"))
    severity = django_filters.ChoiceFilter(choices=Severity.choices, label=_("重要度"))
    open = YesNoFilter(method="filter_open", label=_("未解決"))

    class Meta:
        model = ProjectIssue
        fields = ["kind", "status", "severity", "open"]

    def filter_open(self, queryset, name, value):
        is_open = Q(status__in=ProjectIssue.OPEN_STATUSES)
        return queryset.filter(is_open) if value else queryset.exclude(is_open)


class FindingFilterSet(FormOnceFilterSet):
    status = django_filters.ChoiceFilter(choices=Finding.Status.choices, label=_("状態"))
    category = django_filters.ChoiceFilter(choices=Finding.Category.choices, label=_("区分"))
    overdue = YesNoFilter(method="filter_overdue", label=_("回答期限超過"))

    class Meta:
        model = Finding
        fields = ["status", "category", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status=Finding.Status.OPEN, response_due_on__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class GateReviewFilterSet(FormOnceFilterSet):
    project = django_filters.CharFilter(field_name="project__code", label=_("案件コード"))
    outcome = django_filters.ChoiceFilter(choices=GateReview.Outcome.choices, label=_("判定"))

    class Meta:
        model = GateReview
        fields = ["project", "outcome"]
