"""The registers' FilterSets: one each for the page, its exports and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dx_portal.filtering import FormOnceFilterSet, LocalNameChoiceFilter
from organisation.models import Bureau, Division
from projects.filtersets import ALL
from projects.models import Finding, ProjectIssue, Severity

SCALE = [(str(n), str(n)) for n in range(1, 6)]


class RegisterFilterSet(FormOnceFilterSet):
    """What both registers filter by: where the project sits, which project, and a keyword."""

    bureau = LocalNameChoiceFilter(
        field_name="project__division__bureau", to_field_name="code", queryset=Bureau.objects.all(), label=_("局"),
        empty_label=ALL,
    )
    division = LocalNameChoiceFilter(
        field_name="project__division", to_field_name="code", queryset=Division.objects.all(), label=_("所属"),
        empty_label=ALL,
    )
    # By code, and only among the projects the person may see (the view's queryset): another's is no match.
    project = django_filters.CharFilter(field_name="project__code", label=_("案件コード"), max_length=40)
    severity = django_filters.ChoiceFilter(choices=Severity.choices, label=_("重要度"), empty_label=ALL)
    keyword = django_filters.CharFilter(method="filter_keyword", label=_("キーワード"), max_length=200)

    keyword_fields: tuple[str, ...] = ()

    def filter_keyword(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(project__code__icontains=value) | Q(project__name__icontains=value)
        for field in self.keyword_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class RiskRegisterFilterSet(RegisterFilterSet):
    kind = django_filters.ChoiceFilter(choices=ProjectIssue.Kind.choices, label=_("種別"), empty_label=ALL)
    state = django_filters.ChoiceFilter(
        choices=[("open", _("未解決")), ("closed", _("解決済"))], method="filter_state", label=_("状態"), empty_label=ALL
    )
    likelihood = django_filters.ChoiceFilter(choices=SCALE, label=_("発生可能性"), empty_label=ALL)
    impact = django_filters.ChoiceFilter(choices=SCALE, label=_("影響度"), empty_label=ALL)
    owner = django_filters.CharFilter(lookup_expr="icontains", label=_("担当"), max_length=100)
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label=_("対応期限（まで）"))
    ordering = django_filters.OrderingFilter(
        fields=(("severity_rank", "severity"), ("score", "score"), ("due_on", "due_on"), ("raised_on", "raised_on"),
                ("project__code", "project")),
        field_labels={"severity": _("重要度"), "score": _("リスク値"), "due_on": _("対応期限"), "raised_on": _("発生日"),
                      "project": _("案件コード")},
        label=_("並び順"),
        empty_label=_("標準"),
    )

    keyword_fields = ("title", "description", "owner")
    # The heat map's own filters: its cells set them, so the map itself is drawn without them.
    CELL = ("likelihood", "impact")

    class Meta:
        model = ProjectIssue
        fields = ["kind", "state", "severity", "likelihood", "impact", "bureau", "division", "project", "owner",
                  "due_before", "keyword", "ordering"]

    def filter_state(self, queryset, name, value):
        is_open = Q(status__in=ProjectIssue.OPEN_STATUSES)
        return queryset.filter(is_open) if value == "open" else queryset.exclude(is_open)


class FindingRegisterFilterSet(RegisterFilterSet):
    status = django_filters.ChoiceFilter(choices=Finding.Status.choices, label=_("状態"), empty_label=ALL)
    category = django_filters.ChoiceFilter(choices=Finding.Category.choices, label=_("区分"), empty_label=ALL)
    overdue = django_filters.ChoiceFilter(
        choices=[("true", _("回答期限を過ぎたもの")), ("false", _("回答期限内のもの"))], method="filter_overdue",
        label=_("回答期限超過"), empty_label=ALL,
    )
    written_before = django_filters.DateFilter(field_name="written_at__date", lookup_expr="lte", label=_("記載日（まで）"))
    ordering = django_filters.OrderingFilter(
        fields=(("written_at", "written_at"), ("response_due_on", "response_due_on"), ("severity_rank", "severity"),
                ("project__code", "project")),
        field_labels={"written_at": _("記載日時"), "response_due_on": _("回答期限"), "severity": _("重要度"),
                      "project": _("案件コード")},
        label=_("並び順"),
        empty_label=_("標準"),
    )

    keyword_fields = ("title", "body", "response")

    class Meta:
        model = Finding
        fields = ["status", "category", "severity", "overdue", "bureau", "division", "project", "written_before",
                  "keyword", "ordering"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status=Finding.Status.OPEN, response_due_on__lt=timezone.localdate())
        return queryset.filter(overdue) if value == "true" else queryset.exclude(overdue)

