"""Web pages of the governance app: the steering committee, the council and the municipal DX matrix.

Views read through selectors and write through services; the rules live there.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dx_portal import exports
from dx_portal.errors import (
    ACTION_ITEM_OWNERS_ONLY,
    COUNCIL_SECRETARIAT_ONLY,
    GOVERNANCE_RECORDERS_ONLY,
    StaleVersionError,
)
from dx_portal.history import display, record_history

from . import services
from .filtersets import (
    ActionItemFilterSet,
    CommitteeMeetingFilterSet,
    CouncilMeetingFilterSet,
    DecisionFilterSet,
    MunicipalityFilterSet,
)
from .forms import (
    ActionItemCreateForm,
    ActionItemUpdateForm,
    CommitteeMeetingForm,
    CouncilMeetingForm,
    DecisionForm,
    DxStatusForm,
    agenda_formset,
)
from .models import CommitteeMeeting, CouncilMeeting, Decision, MunicipalDxStatus, Municipality
from .permissions import may_change_division_record, may_record_council, may_record_governance
from .roles import roles_of
from .selectors import (
    action_item_list,
    committee_meeting_list,
    committee_meetings_with_records,
    council_meeting_list,
    council_meetings_with_attendees,
    decision_chain,
    decision_list,
    dx_matrix,
    dx_matrix_table,
    municipalities_with_dx_status,
)

PAGE_SIZE = 20


# --- helpers -----------------------------------------------------------------------------------------


def _paginate(request, queryset, per_page: int = PAGE_SIZE) -> dict:
    query = request.GET.copy()
    query.pop("page", None)
    return {"page_obj": Paginator(queryset, per_page).get_page(request.GET.get("page")), "query_without_page": query.urlencode()}


def _ensure_may_record(request) -> None:
    if not may_record_governance(request.user):
        raise PermissionDenied(GOVERNANCE_RECORDERS_ONLY)


def _show_errors(form, exc: ValidationError) -> None:
    """Put a service's validation errors next to the fields they concern."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _current_if_differs(instance, name: str, typed) -> str | None:
    """The record's current value for a form field, as shown, when it is not what the user typed."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        differs = set(getattr(instance, name).all()) != set(typed or ())
    else:
        current = field.value_from_object(instance)
        differs = current != (typed.pk if field.many_to_one and typed is not None else typed)
    return (display(field, instance) or "—") if differs else None


def _show_conflict(form, exc: StaleVersionError) -> list[tuple[str, str]]:
    """Keep what the user typed, say who moved on, and list the current values that differ from it.

    The form now carries the current version, so saving again (after reading the differences) applies
    the user's values on top of the other person's.
    """
    current = exc.instance
    rows = []
    for name, field in form.fields.items():
        if name != "version" and hasattr(current, name):
            shown = _current_if_differs(current, name, form.cleaned_data.get(name))
            if shown is not None:
                rows.append((str(field.label), shown))
    data = form.data.copy()
    data["version"] = current.version
    form.data = data
    form.add_error(None, str(exc))
    return rows


# --- steering committee ------------------------------------------------------------------------------


@login_required
def committee_meeting_list_view(request):
    filterset = CommitteeMeetingFilterSet(request.GET or None, queryset=committee_meeting_list(user=request.user))
    context = {"filterset": filterset, "can_record": may_record_governance(request.user)}
    return render(request, "governance/committee_meeting_list.html", context | _paginate(request, filterset.qs))


@login_required
def committee_meeting_detail(request, number: int):
    meeting = get_object_or_404(committee_meetings_with_records(user=request.user), number=number)
    context = {"meeting": meeting, "can_record": may_record_governance(request.user), "today": timezone.localdate()}
    return render(request, "governance/committee_meeting_detail.html", context)


def _committee_meeting_form(request, meeting: CommitteeMeeting | None):
    _ensure_may_record(request)
    data = request.POST if request.method == "POST" else None
    form = CommitteeMeetingForm(data, instance=meeting)
    agenda = agenda_formset(meeting, data)
    conflict = None
    # Validate both, so that every error shows at once.
    if data is not None and all([form.is_valid(), agenda.is_valid()]):
        fields = form.fields_for_service() | {"agenda_items": agenda.items()}
        try:
            if meeting is None:
                saved = services.committee_meeting_record(actor=request.user, **fields)
            else:
                saved = services.committee_meeting_update(
                    meeting=meeting, actor=request.user, expected_version=form.cleaned_data["version"], **fields
                )
        except StaleVersionError as exc:
            conflict = _show_conflict(form, exc)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("会議を記録しました。続けて合意事項を追加できます。"))
            return redirect("governance:committee-meeting", number=saved.number)
    context = {"form": form, "agenda": agenda, "meeting": meeting, "conflict": conflict}
    return render(request, "governance/committee_meeting_form.html", context)


@login_required
def committee_meeting_create(request):
    return _committee_meeting_form(request, None)


@login_required
def committee_meeting_edit(request, number: int):
    meeting = get_object_or_404(CommitteeMeeting.objects.visible_to(request.user), number=number)
    return _committee_meeting_form(request, meeting)


@login_required
def decision_list_view(request):
    filterset = DecisionFilterSet(request.GET or None, queryset=decision_list(user=request.user))
    context = {"filterset": filterset, "can_record": may_record_governance(request.user)}
    return render(request, "governance/decision_list.html", context | _paginate(request, filterset.qs))


def _decision_or_404(request, reference: str) -> Decision:
    return get_object_or_404(decision_list(user=request.user), reference=reference)


@login_required
def decision_detail(request, reference: str):
    decision = _decision_or_404(request, reference)
    context = {
        "decision": decision,
        "chain": decision_chain(decision),
        "action_items": decision.action_items.select_related("owner_division__bureau"),
        "history": record_history(decision),
        "can_record": may_record_governance(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "governance/decision_detail.html", context)


def _decision_initial(request) -> dict:
    """The meeting from ?meeting=N (else the latest), and what a superseding decision starts from."""
    initial = {}
    number = request.GET.get("meeting", "")
    meetings = CommitteeMeeting.objects.order_by("-held_on", "-number")
    meeting = meetings.filter(number=int(number)).first() if number.isdigit() else meetings.first()
    if meeting is not None:
        initial["meeting"] = meeting
    reference = request.GET.get("supersedes")
    old = Decision.objects.filter(reference=reference).first() if reference else None
    if old is not None:
        initial["supersedes"] = old
        for name in ("title", "kind", "context", "options", "decision_text", "rationale", "consequences"):
            initial[name] = getattr(old, name)
        initial["bureaus"] = list(old.bureaus.all())
        initial["related_projects"] = list(old.related_projects.all())
    return initial


@login_required
def decision_create(request):
    _ensure_may_record(request)
    form = DecisionForm(request.POST or None, initial=None if request.method == "POST" else _decision_initial(request))
    if request.method == "POST" and form.is_valid():
        meeting, old = form.cleaned_data["meeting"], form.cleaned_data["supersedes"]
        try:
            if old is None:
                decision = services.decision_record(meeting=meeting, actor=request.user, **form.fields_for_service())
            else:
                decision = services.decision_supersede(
                    decision=old, meeting=meeting, actor=request.user, **form.fields_for_service()
                )
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("合意事項 %(ref)s を記録しました。") % {"ref": decision.reference})
            then = request.POST.get("then")
            if then == "decision":
                return redirect(f"{reverse('governance:decision-create')}?meeting={meeting.number}")
            if then == "action-item":
                return redirect("governance:action-item-create", reference=decision.reference)
            return redirect("governance:committee-meeting", number=meeting.number)
    return render(request, "governance/decision_form.html", {"form": form})


@login_required
def decision_edit(request, reference: str):
    _ensure_may_record(request)
    decision = _decision_or_404(request, reference)
    form = DecisionForm(request.POST or None, instance=decision)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(
                decision=decision, actor=request.user, expected_version=form.cleaned_data["version"],
                **form.fields_for_service(),
            )
        except StaleVersionError as exc:
            conflict = _show_conflict(form, exc)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("合意事項を更新しました。"))
            return redirect("governance:decision", reference=decision.reference)
    return render(request, "governance/decision_form.html", {"form": form, "decision": decision, "conflict": conflict})


@login_required
def action_item_create(request, reference: str):
    _ensure_may_record(request)
    decision = _decision_or_404(request, reference)
    form = ActionItemCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_create(decision=decision, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("対応事項を追加しました。"))
            if request.POST.get("then") == "action-item":
                return redirect("governance:action-item-create", reference=decision.reference)
            return redirect("governance:committee-meeting", number=decision.meeting.number)
    return render(request, "governance/action_item_form.html", {"form": form, "decision": decision})


@login_required
def action_item_list_view(request):
    today = timezone.localdate()
    queryset = action_item_list(user=request.user, today=today)
    filterset = ActionItemFilterSet(request.GET or None, queryset=queryset, request=request)
    context = {"filterset": filterset, "today": today, "has_division": bool(roles_of(request.user).division_ids)}
    context |= _paginate(request, filterset.qs)
    context["rows"] = [
        (item, may_change_division_record(request.user, division_id=item.owner_division_id))
        for item in context["page_obj"]
    ]
    return render(request, "governance/action_item_list.html", context)


@login_required
def action_item_detail(request, pk: int):
    today = timezone.localdate()
    item = get_object_or_404(action_item_list(user=request.user, today=today), pk=pk)
    may_change = may_change_division_record(request.user, division_id=item.owner_division_id)
    form = ActionItemUpdateForm(request.POST or None, instance=item) if may_change else None
    if request.method == "POST" and form is None:
        raise PermissionDenied(ACTION_ITEM_OWNERS_ONLY)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_update(
                item=item, actor=request.user, expected_version=form.cleaned_data["version"],
                status=form.cleaned_data["status"], completion_note=form.cleaned_data["completion_note"],
            )
        except StaleVersionError as exc:
            conflict = _show_conflict(form, exc)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("対応事項を更新しました。"))
            return redirect("governance:action-item", pk=item.pk)
    context = {"item": item, "form": form, "conflict": conflict, "history": record_history(item), "today": today}
    return render(request, "governance/action_item_detail.html", context)


# --- council -----------------------------------------------------------------------------------------


@login_required
def council_meeting_list_view(request):
    filterset = CouncilMeetingFilterSet(request.GET or None, queryset=council_meeting_list(user=request.user))
    context = {"filterset": filterset, "can_record": may_record_council(request.user)}
    return render(request, "governance/council_meeting_list.html", context | _paginate(request, filterset.qs))


@login_required
def council_meeting_detail(request, pk: int):
    meeting = get_object_or_404(council_meetings_with_attendees(user=request.user), pk=pk)
    context = {
        "meeting": meeting,
        "member_count": Municipality.objects.count(),
        "can_record": may_record_council(request.user),
    }
    return render(request, "governance/council_meeting_detail.html", context)


def _council_meeting_form(request, meeting: CouncilMeeting | None):
    if not may_record_council(request.user):
        raise PermissionDenied(COUNCIL_SECRETARIAT_ONLY)
    form = CouncilMeetingForm(request.POST or None, instance=meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            if meeting is None:
                saved = services.council_meeting_record(actor=request.user, **form.fields_for_service())
            else:
                saved = services.council_meeting_update(
                    meeting=meeting, actor=request.user, expected_version=form.cleaned_data["version"],
                    **form.fields_for_service(),
                )
        except StaleVersionError as exc:
            conflict = _show_conflict(form, exc)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("会議を記録しました。"))
            return redirect("governance:council-meeting", pk=saved.pk)
    return render(request, "governance/council_meeting_form.html", {"form": form, "meeting": meeting, "conflict": conflict})


@login_required
def council_meeting_create(request):
    return _council_meeting_form(request, None)


@login_required
def council_meeting_edit(request, pk: int):
    return _council_meeting_form(request, get_object_or_404(CouncilMeeting.objects.visible_to(request.user), pk=pk))


@login_required
def municipality_list(request):
    filterset = MunicipalityFilterSet(request.GET or None, queryset=Municipality.objects.visible_to(request.user))
    return render(request, "governance/municipality_list.html", {"filterset": filterset} | _paginate(request, filterset.qs, 50))


# --- municipal DX status -----------------------------------------------------------------------------


def _matrix_filterset(request) -> MunicipalityFilterSet:
    return MunicipalityFilterSet(request.GET or None, queryset=municipalities_with_dx_status(user=request.user))


@login_required
def dx_matrix_view(request):
    filterset = _matrix_filterset(request)
    query = request.GET.urlencode()
    context = {
        "filterset": filterset,
        "matrix": dx_matrix(filterset.qs),
        "statuses": MunicipalDxStatus.Status.choices,
        "export_query": f"?{query}" if query else "",
    }
    return render(request, "governance/dx_matrix.html", context)


@login_required
@require_GET
def dx_matrix_export(request, fmt: str):
    if fmt not in exports.CONTENT_TYPES:
        raise Http404
    table = dx_matrix_table(dx_matrix(_matrix_filterset(request).qs))
    return exports.download(table, fmt=fmt, name=f"dx-status-{timezone.localdate():%Y%m%d}")


@login_required
def dx_status_cell(request, code: str, area: str):
    municipality = get_object_or_404(Municipality.objects.visible_to(request.user).municipal(), code=code)
    if area not in MunicipalDxStatus.FocusArea.values:
        raise Http404
    cell = MunicipalDxStatus.objects.filter(municipality=municipality, focus_area=area).first()
    may_record = may_record_council(request.user)
    if request.method == "POST" and not may_record:
        raise PermissionDenied(COUNCIL_SECRETARIAT_ONLY)
    form, conflict = None, None
    if may_record:
        blank = MunicipalDxStatus(
            municipality=municipality, focus_area=area, status=MunicipalDxStatus.Status.NOT_STARTED,
            as_of=timezone.localdate(),
        )
        form = DxStatusForm(request.POST or None, instance=cell or blank)
    if request.method == "POST" and form.is_valid():
        try:
            services.municipal_dx_status_set(
                municipality=municipality, focus_area=area, actor=request.user,
                expected_version=form.cleaned_data["version"] if cell else None, **form.fields_for_service(),
            )
        except StaleVersionError as exc:
            conflict = _show_conflict(form, exc)
        except ValidationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("対応状況を更新しました。"))
            return redirect(f"{reverse('governance:dx-matrix')}#m-{municipality.code}")
    context = {
        "municipality": municipality,
        "area_label": MunicipalDxStatus.FocusArea(area).label,
        "cell": cell,
        "form": form,
        "conflict": conflict,
        "history": record_history(cell) if cell else [],
    }
    return render(request, "governance/dx_status_cell.html", context)
