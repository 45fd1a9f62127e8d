"""One FilterSet per model: the list pages, the API and the exports all use these."""

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dx_portal.filtering import FormOnceFilterSet, IdFilter, LocalNameChoiceFilter, YesNoFilter
from dx_portal.keywords import keyword_filter
from organisation.models import Bureau, Division
from organisation.roles import roles_of
from projects.models import Project

from .models import ActionItem, AgendaProposal, CommitteeMeeting, CouncilMeeting, Decision, ForwardedItem, Municipality


def _date(field_name: str, lookup: str, label):
    return django_filters.DateFilter(
        field_name=field_name, lookup_expr=lookup, label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class _SearchMixin:
    """``search``: every word must appear in one of ``search_fields`` (AND across words, OR across fields)."""

    search_fields: tuple[str, ...] = ()

    def filter_search(self, queryset, name, value):
        return keyword_filter(queryset, self.search_fields, value)


class CommitteeMeetingFilterSet(_SearchMixin, FormOnceFilterSet):
    search = django_filters.CharFilter(method="filter_search", label=_("キーワード"))
    held_from = _date("held_on", "gte", _("開催日（から）"))
    held_to = _date("held_on", "lte", _("開催日（まで）"))

    search_fields = ("title", "minutes", "agenda_items__title")

    class Meta:
        model = CommitteeMeeting
        fields = ["search", "held_from", "held_to"]

    def filter_search(self, queryset, name, value):
        return super().filter_search(queryset, name, value).distinct()


def _visible_projects(request):
    return Project.objects.visible_to(getattr(request, "user", None) or AnonymousUser()).order_by("code")


# Not a FormOnceFilterSet: its project choice is the person's, so its form is built per request.
class DecisionFilterSet(_SearchMixin, django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label=_("キーワード"))
    status = django_filters.ChoiceFilter(choices=Decision.Status.choices, label=_("状態"))
    kind = django_filters.ChoiceFilter(choices=Decision._meta.get_field("kind").choices, label=_("区分"))
    bureau = LocalNameChoiceFilter(
        field_name="bureaus", to_field_name="code", queryset=Bureau.objects.all(), label=_("関係局")
    )
    # Only the projects the person may see: the choices must not name another division's projects.
    project = django_filters.ModelChoiceFilter(
        field_name="related_projects", to_field_name="code", queryset=_visible_projects, label=_("関連案件"),
    )
    held_from = _date("meeting__held_on", "gte", _("開催日（から）"))
    held_to = _date("meeting__held_on", "lte", _("開催日（まで）"))

    search_fields = ("reference", "title", "context", "options", "decision_text", "rationale", "consequences")

    class Meta:
        model = Decision
        fields = ["search", "status", "kind", "bureau", "project", "held_from", "held_to"]


class ActionItemFilterSet(_SearchMixin, FormOnceFilterSet):
    search = django_filters.CharFilter(method="filter_search", label=_("キーワード"))
    status = django_filters.ChoiceFilter(choices=ActionItem.Status.choices, label=_("状態"))
    division = LocalNameChoiceFilter(
        field_name="owner_division", to_field_name="code", queryset=Division.objects.all(), label=_("担当所属")
    )
    overdue = YesNoFilter(method="filter_overdue", label=_("期限超過"))
    mine = YesNoFilter(method="filter_mine", label=_("自所属の対応事項"))
    due_from = _date("due_on", "gte", _("期限（から）"))
    due_to = _date("due_on", "lte", _("期限（まで）"))

    search_fields = ("title", "detail", "completion_note", "decision__title")

    class Meta:
        model = ActionItem
        fields = ["search", "status", "division", "overdue", "mine", "due_from", "due_to"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(due_on__lt=timezone.localdate()) & ~Q(status=ActionItem.Status.DONE)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        user = getattr(self.request, "user", None)
        return queryset.filter(owner_division__in=roles_of(user).division_ids)


class CouncilMeetingFilterSet(FormOnceFilterSet):
    kind = django_filters.ChoiceFilter(choices=CouncilMeeting.Kind.choices, label=_("会議の種類"))
    held_from = _date("held_on", "gte", _("開催日（から）"))
    held_to = _date("held_on", "lte", _("開催日（まで）"))

    class Meta:
        model = CouncilMeeting
        fields = ["kind", "held_from", "held_to"]


class MunicipalityFilterSet(FormOnceFilterSet):
    """Used by the member list, the DX matrix page, its exports and the API."""

    kind = django_filters.ChoiceFilter(choices=Municipality.Kind.choices, label=_("区分"))

    class Meta:
        model = Municipality
        fields = ["kind"]


class ForwardedItemFilterSet(FormOnceFilterSet):
    outcome = django_filters.ChoiceFilter(choices=ForwardedItem.Outcome.choices, label=_("結果"))
    to_meeting = IdFilter(field_name="to_meeting", label=_("上程先の会議"))

    class Meta:
        model = ForwardedItem
        fields = ["outcome", "to_meeting"]


class AgendaProposalFilterSet(FormOnceFilterSet):
    state = django_filters.ChoiceFilter(choices=AgendaProposal.State.choices, label=_("状態"))
    meeting = IdFilter(field_name="meeting__number", label=_("会議"))
    # A code, not a choice: a project the person may not see simply matches no proposal of theirs.
    project = django_filters.CharFilter(field_name="project__code", label=_("案件"))

    class Meta:
        model = AgendaProposal
        fields = ["state", "meeting", "project"]
