"""Every write to projects and what is logged about them; the form views, the API and the admin call these."""

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dx_portal.errors import AS_OF_IN_FUTURE, PROJECT_CHANGE_REFUSED
from dx_portal.formatting import wareki
from dx_portal.versioning import lock_at_version, save_audited
from organisation.models import Division, Notification
from organisation.notifications import label, notify
from organisation.permissions import (
    may_approve_division_reports,
    may_change_division_record,
    may_view_division_record,
    may_write_findings,
)
from organisation.selectors import division_members

from .models import (
    NO_OPEN_MILESTONE,
    NO_OPEN_RECORDS,
    Finding,
    GateReview,
    Health,
    Milestone,
    MonthEndRating,
    Project,
    ProjectIssue,
    ProjectWatch,
    RatedMonth,
    Severity,
    StatusReport,
    gates_crossed,
    milestone_columns,
    month_end,
    open_record_counts,
    rate_reports,
)

# What each versioned edit may change; the rest (owner division, who wrote it, timestamps) is fixed.
PROJECT_EDITABLE = frozenset(
    {"name", "name_en", "phase", "planned_start", "planned_end", "budget_yen", "actual_cost_yen", "cadence",
     "report_business_days", "grace_days", "description"}
)
# Moving a project to another division, giving it another PMO contact, or placing it under the plan is PMO's call.
PROJECT_PMO_EDITABLE = frozenset({"division", "pmo_contact", "plan_items"})
ISSUE_EDITABLE = frozenset(
    {"kind", "title", "description", "severity", "status", "owner", "due_on", "raised_on", "resolved_on",
     "likelihood", "impact"}
)
MILESTONE_EDITABLE = frozenset({"name", "planned_on", "forecast_on", "actual_on"})
REPORT_EDITABLE = frozenset(
    {"as_of", "health", "schedule_health", "cost_health", "scope_health", "quality_health", "planned_progress",
     "actual_progress", "summary", "next_steps"}
)
ACTUAL_IN_FUTURE = gettext_lazy("実績日に未来の日付は指定できません。予定は見込日に入力してください。")


def _ensure_may_change(actor, project: Project) -> None:
    if not may_change_division_record(actor, division_id=project.division_id):
        raise PermissionDenied(PROJECT_CHANGE_REFUSED)


def _ensure_pmo(actor) -> None:
    if not may_write_findings(actor):
        raise PermissionDenied(_("この操作はデジタル戦略本部室（PMO）のみ行えます。"))


def _ensure_not_future(field: str, day: datetime.date | None, message: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: message})


def _ensure_not_before_start(field: str, day: datetime.date | None, project: Project) -> None:
    if day and day < project.planned_start:
        raise ValidationError(
            {
                field: _("案件の開始予定日（%(start)s）以降の日付を入力してください。") % {"start": wareki(project.planned_start)}
            }
        )


def _assign(instance: models.Model, changes: dict[str, Any], editable: Iterable[str]) -> None:
    unknown = set(changes) - set(editable)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(instance, name, value)


def project_refresh_latest_report(*, project: Project, actor=None) -> None:
    """Point the project at its latest submitted report (by as-of date) and take its date and, by
    ``portfolio_rating``, its health from it; rate every submitted report for the health history."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    previous_health = locked.health
    reports = list(locked.status_reports.order_by("as_of", "pk"))
    before = {report.pk: (report.rated_health, report.rated_until) for report in reports}
    submitted = [report for report in reports if report.status == StatusReport.Status.SUBMITTED]
    rating, trend = rate_reports(submitted)
    for report in reports:
        if report.status != StatusReport.Status.SUBMITTED:
            report.rated_health, report.rated_until = "", None
    changed = [report for report in reports if (report.rated_health, report.rated_until) != before[report.pk]]
    StatusReport.objects.bulk_update(changed, ["rated_health", "rated_until"])
    _rate_month_ends(locked, submitted)
    latest = submitted[-1] if submitted else None
    locked.latest_report = latest
    locked.health, locked.pmo_health, locked.health_unreviewed = rating.health, rating.pmo_health, rating.unreviewed
    locked.trend = trend
    locked.last_reported_on = latest.as_of if latest else None
    if actor is not None:
        locked._history_user = actor
    locked.save(update_fields=["latest_report", "health", "pmo_health", "health_unreviewed", "trend", "last_reported_on"])
    if locked.health != previous_health:
        _notify_watchers(locked, previous_health, actor)
    for name in ("latest_report", "health", "pmo_health", "health_unreviewed", "trend", "last_reported_on",
                 "report_due_on", "report_overdue_on", "report_escalate_on"):
        setattr(project, name, getattr(locked, name))


def _closed_months(first: datetime.date, today: datetime.date) -> list[datetime.date]:
    """The first days of the months from ``first``'s to the last one ended before ``today``."""
    months, month, current = [], first.replace(day=1), today.replace(day=1)
    while month < current:
        months.append(month)
        month += relativedelta(months=1)
    return months


def _rate_month_ends(project: Project, submitted: list[StatusReport]) -> None:
    """The project's MonthEndRating rows again, from its rated reports: under the project's lock, as
    month_end_ratings_fill takes it, so neither writes from reports the other is changing."""
    rows = []
    for month in _closed_months(submitted[0].as_of, timezone.localdate()) if submitted else []:
        day = month_end(month)
        rated = next((report for report in submitted if report.was_rated_on(day)), None)
        if rated is not None:
            rows.append(MonthEndRating(project=project, month=month, health=rated.rated_health))
    MonthEndRating.objects.filter(project=project).delete()
    MonthEndRating.objects.bulk_create(rows)


@transaction.atomic
def month_end_ratings_fill(*, every_month: bool = False) -> int:
    """Store every project's rating at the end of each closed month not stored yet (RatedMonth), or, with
    ``every_month``, of every month since the first report (after a bulk load that bypassed the services). Rows a
    project's own changes wrote stay. Returns how many months were filled. The health history counts a month not
    filled from the reports' spans: this makes it faster, never different."""
    first = StatusReport.objects.filter(status=StatusReport.Status.SUBMITTED).order_by("as_of").values_list(
        "as_of", flat=True).first()
    if first is None:
        return 0
    months = _closed_months(first, timezone.localdate())
    if not every_month:
        filled = set(RatedMonth.objects.filter(month__in=months).values_list("month", flat=True))
        months = [month for month in months if month not in filled]
    if not months:
        return 0
    # Every project locked, as _rate_month_ends locks its own: no report changes while its spans are read.
    list(Project.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
    for month in months:
        rated = StatusReport.objects.filter(StatusReport.rated_on(month_end(month))).values_list("project_id", "rated_health")
        MonthEndRating.objects.bulk_create(
            (MonthEndRating(project_id=project_id, month=month, health=health) for project_id, health in rated.iterator()),
            batch_size=2000, ignore_conflicts=True,
        )
    RatedMonth.objects.bulk_create([RatedMonth(month=month) for month in months], ignore_conflicts=True)
    return len(months)


def _project_params(project: Project, **more) -> dict:
    return {"project": project.code, "project_name": project.name, **more}


def _health_label(health: str) -> str:
    return label(Health(health).label) if health else ""


def _notify_watchers(project: Project, previous_health: str, actor) -> None:
    """Those who watch the project, and may still see it, hear that its health (as the portfolio shows it) changed."""
    watches = list(project.watches.select_related("user"))
    if not watches:
        return
    bureau_id = Division.objects.values_list("bureau_id", flat=True).get(pk=project.division_id)
    watchers = [
        watch.user for watch in watches
        if may_view_division_record(watch.user, division_id=project.division_id, bureau_id=bureau_id)
    ]
    notify(
        recipients=watchers, kind=Notification.Kind.WATCHED_HEALTH_CHANGED, actor=actor,
        params=_project_params(
            project, health_label=_health_label(project.health), previous_label=_health_label(previous_health)
        ),
        url=reverse("projects:project-detail", args=[project.code]),
    )


def _notify_report_author(report: StatusReport, kind: str, actor, url: str, **params) -> None:
    notify(
        recipients=[report.submitted_by], kind=kind, actor=actor, url=url,
        params=_project_params(report.project, as_of=report.as_of.isoformat(), **params),
    )


@transaction.atomic
def project_watch(*, project: Project, actor) -> ProjectWatch:
    """Follow a project the person may see (project_get has checked that): told when its health changes."""
    watch, _created = ProjectWatch.objects.get_or_create(project=project, user=actor)
    return watch


@transaction.atomic
def project_unwatch(*, project: Project, actor) -> None:
    ProjectWatch.objects.filter(project=project, user=actor).delete()


@transaction.atomic
def project_watch_hand_over(*, watch: ProjectWatch, successor) -> None:
    """A leaver's watch passes to their successor in the division (the hand-over after a transfer)."""
    ProjectWatch.objects.get_or_create(project=watch.project, user=successor)
    watch.delete()


@transaction.atomic
def project_create(
    *,
    actor,
    code: str,
    name: str,
    division: Division,
    planned_start: datetime.date,
    planned_end: datetime.date,
    phase: str = Project.Phase.PLANNING,
    name_en: str = "",
    pmo_contact=None,
    budget_yen: int = 0,
    actual_cost_yen: int = 0,
    cadence: str = Project.Cadence.MONTHLY,
    report_business_days: int = 5,
    grace_days: int = 7,
    description: str = "",
    plan_items: Iterable = (),
) -> Project:
    """Register a large project (PMO keeps the portfolio, so PMO registers its projects)."""
    _ensure_pmo(actor)
    project = Project(
        code=code, name=name, name_en=name_en, division=division, pmo_contact=pmo_contact, phase=phase,
        planned_start=planned_start, planned_end=planned_end, budget_yen=budget_yen, actual_cost_yen=actual_cost_yen,
        cadence=cadence, report_business_days=report_business_days, grace_days=grace_days, description=description,
    )
    save_audited(project, actor)
    if plan_items := list(plan_items):
        project.plan_items.set(plan_items)
    return project


@transaction.atomic
def project_update(*, project: Project, actor, expected_version: int, **changes: Any) -> Project:
    """Change a project's plan, phase or costs; refused when someone saved it since ``expected_version``."""
    _ensure_may_change(actor, project)
    if PROJECT_PMO_EDITABLE & changes.keys():
        _ensure_pmo(actor)
    current = lock_at_version(Project, pk=project.pk, expected_version=expected_version)
    from_phase = current.phase
    plan_items = changes.pop("plan_items", None)
    _assign(current, changes, PROJECT_EDITABLE | PROJECT_PMO_EDITABLE)
    _ensure_no_returned_gate(current, from_phase, current.phase)
    save_audited(current, actor, next_version=True)
    if plan_items is not None:
        current._history_user = actor
        current.plan_items.set(plan_items)
    return current


def _ensure_no_returned_gate(project: Project, from_phase: str, to_phase: str) -> None:
    """A move forward may not pass a gate whose latest review returned the project (差戻し).

    A review is not required for every phase change (企画 has no gate, and a project may be moved back at any
    time); a returned gate stays shut until a newer review of it passes the project, with or without conditions.
    """
    for gate in gates_crossed(from_phase, to_phase):
        latest = (
            GateReview.objects.filter(project=project, from_phase=gate[0], to_phase=gate[1])
            .order_by("-reviewed_on", "-pk").first()
        )
        if latest is not None and latest.outcome == GateReview.Outcome.RETURNED:
            raise ValidationError({"phase": _(
                "「%(gate)s」のゲートレビューが差戻し（%(day)s）のため、フェーズを進められません。"
                "新しいゲートレビューで通過または条件付き通過となってから変更してください。"
            ) % {"gate": latest.gate_label, "day": wareki(latest.reviewed_on)}})


@transaction.atomic
def gate_review_record(
    *,
    project: Project,
    actor,
    from_phase: str,
    to_phase: str,
    outcome: str,
    reviewed_on: datetime.date,
    summary: str,
    conditions: Iterable[Finding] = (),
    decision=None,
) -> GateReview:
    """PMO records a gate review of a phase change; a passed-on-conditions review names its conditions (findings
    of the project). A review is never edited: a later review of the same gate supersedes it."""
    _ensure_pmo(actor)
    _ensure_not_future("reviewed_on", reviewed_on, _("レビュー日に未来の日付は指定できません。"))
    conditions = list(conditions)
    if any(finding.project_id != project.pk for finding in conditions):
        raise ValidationError({"conditions": _("条件にはこの案件の助言・指摘を選択してください。")})
    if outcome == GateReview.Outcome.CONDITIONAL and not conditions:
        raise ValidationError({"conditions": _("条件付き通過では、条件とする助言・指摘を選択してください。")})
    if outcome != GateReview.Outcome.CONDITIONAL and conditions:
        raise ValidationError({"conditions": _("条件を付けられるのは条件付き通過の場合のみです。")})
    review = GateReview(
        project=project, from_phase=from_phase, to_phase=to_phase, outcome=outcome, reviewed_on=reviewed_on,
        reviewer=actor, summary=summary, decision=decision,
    )
    save_audited(review, actor)
    review.conditions.set(conditions)
    return review


REPORT_DUPLICATE = gettext_lazy("この基準日の進捗報告は既に登録されています。別の基準日を入力してください。")


def _check_report_date(project: Project, as_of: datetime.date, *, report: StatusReport | None = None) -> None:
    """A report's 基準日: not before the project started, not in the future, free for the project, and (for a
    new report) not older than the latest one — an amendment may move an existing report's date back."""
    if as_of < project.planned_start:
        raise ValidationError(
            {"as_of": _("基準日は案件の開始予定日（%(start)s）以降の日付を入力してください。")
             % {"start": wareki(project.planned_start)}}
        )
    _ensure_not_future("as_of", as_of, AS_OF_IN_FUTURE)
    others = StatusReport.objects.filter(project=project).exclude(status=StatusReport.Status.WITHDRAWN)
    if report is not None:
        others = others.exclude(pk=report.pk)
    # The unique constraint still guards a race (save_audited turns it into the same field error).
    if others.filter(as_of=as_of).exists():
        raise ValidationError({"as_of": str(REPORT_DUPLICATE)})
    if report is None:
        latest = others.order_by("-as_of").values_list("as_of", flat=True).first()
        if latest is not None and as_of < latest:
            raise ValidationError(
                {"as_of": _(
                    "基準日は最新の進捗報告の基準日（%(latest)s）より後の日付を入力してください。"
                    "誤りの訂正は、その報告の修正から行ってください。"
                ) % {"latest": wareki(latest)}}
            )


@transaction.atomic
def status_report_submit(
    *,
    project: Project,
    actor,
    as_of: datetime.date,
    health: str,
    schedule_health: str,
    cost_health: str,
    scope_health: str,
    quality_health: str,
    planned_progress: int,
    actual_progress: int,
    summary: str,
    next_steps: str = "",
) -> StatusReport:
    """File a status report. Where the division requires it, the report waits for its manager's approval;
    otherwise it is submitted at once and becomes the project's current health when it is the latest."""
    _ensure_may_change(actor, project)
    locked = Project.objects.select_for_update().select_related("division").get(pk=project.pk)
    _check_report_date(locked, as_of)
    needs_approval = locked.division.requires_report_approval
    report = StatusReport(
        project=project,
        as_of=as_of,
        health=health,
        schedule_health=schedule_health,
        cost_health=cost_health,
        scope_health=scope_health,
        quality_health=quality_health,
        planned_progress=planned_progress,
        actual_progress=actual_progress,
        summary=summary,
        next_steps=next_steps,
        submitted_by=actor,
        submitted_at=timezone.now(),
        status=StatusReport.Status.AWAITING_APPROVAL if needs_approval else StatusReport.Status.SUBMITTED,
    )
    save_audited(report, actor, duplicate={"as_of": str(REPORT_DUPLICATE)})
    if not needs_approval:
        project_refresh_latest_report(project=project, actor=actor)
    return report


@transaction.atomic
def status_report_amend(*, report: StatusReport, actor, expected_version: int, reason: str, **changes: Any) -> StatusReport:
    """Correct a report until PMO has reviewed it, with a reason; the earlier version stays in the history.

    A returned report, once corrected, goes back to the division manager.
    """
    _ensure_may_change(actor, report.project)
    if not reason.strip():
        raise ValidationError({"reason": _("修正の理由を入力してください。")})
    current = lock_at_version(StatusReport, pk=report.pk, expected_version=expected_version)
    if current.status == StatusReport.Status.WITHDRAWN or current.reviewed_at is not None:
        raise ValidationError(_("PMOが確認済みの進捗報告や取り下げた進捗報告は修正できません。"))
    _assign(current, changes, REPORT_EDITABLE)
    _check_report_date(current.project, current.as_of, report=current)
    if current.status == StatusReport.Status.RETURNED:
        current.status = StatusReport.Status.AWAITING_APPROVAL
    current.change_reason = reason
    save_audited(current, actor, next_version=True, duplicate={"as_of": str(REPORT_DUPLICATE)})
    project_refresh_latest_report(project=current.project, actor=actor)
    return current


@transaction.atomic
def status_report_withdraw(*, report: StatusReport, actor, expected_version: int, reason: str) -> StatusReport:
    """Withdraw a report filed in error (kept, never deleted): it stops counting for health and reminders."""
    _ensure_may_change(actor, report.project)
    if not reason.strip():
        raise ValidationError({"reason": _("取下げの理由を入力してください。")})
    current = lock_at_version(StatusReport, pk=report.pk, expected_version=expected_version)
    if current.status == StatusReport.Status.WITHDRAWN:
        raise ValidationError(_("この進捗報告は既に取り下げられています。"))
    current.status = StatusReport.Status.WITHDRAWN
    current.change_reason = reason
    save_audited(current, actor, next_version=True)
    project_refresh_latest_report(project=current.project, actor=actor)
    return current


def _awaiting_approval(report: StatusReport, actor, expected_version: int) -> StatusReport:
    if not may_approve_division_reports(actor, division_id=report.project.division_id):
        raise PermissionDenied(_("進捗報告の承認は所管所属の所属長のみ行えます。"))
    current = lock_at_version(StatusReport, pk=report.pk, expected_version=expected_version)
    if current.status != StatusReport.Status.AWAITING_APPROVAL:
        raise ValidationError(_("この進捗報告は承認待ちではありません。"))
    return current


@transaction.atomic
def status_report_approve(*, report: StatusReport, actor, expected_version: int, comment: str = "") -> StatusReport:
    """The division manager approves a report: it is submitted from now on."""
    current = _awaiting_approval(report, actor, expected_version)
    current.status = StatusReport.Status.SUBMITTED
    current.approval_comment = comment
    current.approved_by = actor
    current.approved_at = current.submitted_at = timezone.now()
    save_audited(current, actor, next_version=True)
    project_refresh_latest_report(project=current.project, actor=actor)
    return current


@transaction.atomic
def status_report_return(*, report: StatusReport, actor, expected_version: int, comment: str) -> StatusReport:
    """The division manager returns a report to its staff with a comment saying what to correct."""
    if not comment.strip():
        raise ValidationError({"comment": _("差戻しの理由を入力してください。")})
    current = _awaiting_approval(report, actor, expected_version)
    current.status = StatusReport.Status.RETURNED
    current.approval_comment = comment
    save_audited(current, actor, next_version=True)
    _notify_report_author(
        current, Notification.Kind.REPORT_RETURNED, actor,
        url=reverse("projects:report-amend", args=[current.project.code, current.pk]),
    )
    return current


@transaction.atomic
def status_report_review(*, report: StatusReport, actor,
    expected_version: int, pmo_health: str, pmo_comment: str = "") -> StatusReport:
    """PMO's own rating beside the division's; it becomes the project's health when the report is the latest."""
    _ensure_pmo(actor)
    if not pmo_health:
        raise ValidationError({"pmo_health": _("PMO評価を選択してください。")})
    current = lock_at_version(StatusReport, pk=report.pk, expected_version=expected_version)
    if current.status != StatusReport.Status.SUBMITTED:
        raise ValidationError(_("提出済の進捗報告のみ確認できます。"))
    current.pmo_health = pmo_health
    current.pmo_comment = pmo_comment
    current.reviewed_by = actor
    current.reviewed_at = timezone.now()
    save_audited(current, actor, next_version=True)
    project_refresh_latest_report(project=current.project, actor=actor)
    _notify_report_author(
        current, Notification.Kind.REPORT_REVIEWED, actor,
        url=reverse("projects:project-detail", args=[current.project.code]) + "#reports",
        health_label=_health_label(pmo_health),
    )
    return current


def _settle_resolution(issue: ProjectIssue) -> None:
    """A resolved issue has a resolution date (today unless given); a reopened one has none."""
    if issue.status != ProjectIssue.Status.RESOLVED:
        issue.resolved_on = None
    elif issue.resolved_on is None:
        issue.resolved_on = timezone.localdate()


@transaction.atomic
def issue_raise(
    *,
    project: Project,
    actor,
    title: str,
    kind: str = ProjectIssue.Kind.ISSUE,
    description: str = "",
    severity: str = Severity.MEDIUM,
    status: str = ProjectIssue.Status.OPEN,
    owner: str = "",
    due_on: datetime.date | None = None,
    raised_on: datetime.date | None = None,
    resolved_on: datetime.date | None = None,
    likelihood: int | None = None,
    impact: int | None = None,
) -> ProjectIssue:
    """Record an issue or a risk of a project (raised today unless another date is given)."""
    _ensure_may_change(actor, project)
    _ensure_not_future("raised_on", raised_on, _("発生日に未来の日付は指定できません。"))
    issue = ProjectIssue(
        project=project, kind=kind, title=title, description=description, severity=severity, status=status,
        owner=owner, due_on=due_on, raised_on=raised_on or timezone.localdate(), resolved_on=resolved_on,
        likelihood=likelihood, impact=impact,
    )
    _settle_resolution(issue)
    save_audited(issue, actor)
    projects_refresh_open_counts(project_ids=[project.pk])
    return issue


@transaction.atomic
def issue_update(*, issue: ProjectIssue, actor, expected_version: int, **changes: Any) -> ProjectIssue:
    """Change an issue or risk; resolving it dates the resolution. Refused when someone saved it since ``expected_version``."""
    _ensure_may_change(actor, issue.project)
    _ensure_not_future("raised_on", changes.get("raised_on"), _("発生日に未来の日付は指定できません。"))
    current = lock_at_version(ProjectIssue, pk=issue.pk, expected_version=expected_version)
    _assign(current, changes, ISSUE_EDITABLE)
    _settle_resolution(current)
    save_audited(current, actor, next_version=True)
    projects_refresh_open_counts(project_ids=[current.project_id])
    return current


@transaction.atomic
def finding_write(
    *,
    project: Project,
    actor,
    category: str,
    title: str,
    body: str,
    response_due_on: datetime.date,
    severity: str = Severity.MEDIUM,
) -> Finding:
    """PMO's advice or finding to the owning division, awaiting its answer."""
    _ensure_pmo(actor)
    finding = Finding(
        project=project, category=category, title=title, body=body, severity=severity,
        response_due_on=response_due_on, written_by=actor, written_at=timezone.now(),
    )
    save_audited(finding, actor)
    projects_refresh_open_counts(project_ids=[project.pk])
    notify(
        recipients=division_members(project.division_id), kind=Notification.Kind.FINDING_WRITTEN, actor=actor,
        params=_project_params(project, title=title),
        url=reverse("projects:finding-answer", args=[project.code, finding.pk]),
    )
    return finding


@transaction.atomic
def finding_answer(*, finding: Finding, actor, expected_version: int, response: str) -> Finding:
    """The owning division's answer to a finding; PMO then closes it (or it is answered again)."""
    _ensure_may_change(actor, finding.project)
    if not response.strip():
        raise ValidationError({"response": _("回答を入力してください。")})
    current = lock_at_version(Finding, pk=finding.pk, expected_version=expected_version)
    if current.status == Finding.Status.CLOSED:
        raise ValidationError(_("完了した助言・指摘には回答できません。"))
    current.response = response
    current.status = Finding.Status.ANSWERED
    current.answered_by = actor
    current.answered_at = timezone.now()
    save_audited(current, actor, next_version=True)
    projects_refresh_open_counts(project_ids=[current.project_id])
    return current


@transaction.atomic
def finding_close(*, finding: Finding, actor, expected_version: int) -> Finding:
    """PMO closes a finding once the answer (or the situation) settles it."""
    _ensure_pmo(actor)
    current = lock_at_version(Finding, pk=finding.pk, expected_version=expected_version)
    if current.status == Finding.Status.CLOSED:
        raise ValidationError(_("この助言・指摘は既に完了しています。"))
    current.status = Finding.Status.CLOSED
    save_audited(current, actor, next_version=True)
    projects_refresh_open_counts(project_ids=[current.project_id])
    return current


@transaction.atomic
def milestone_create(
    *,
    project: Project,
    actor,
    name: str,
    planned_on: datetime.date,
    forecast_on: datetime.date | None = None,
    actual_on: datetime.date | None = None,
) -> Milestone:
    _ensure_may_change(actor, project)
    _ensure_not_future("actual_on", actual_on, ACTUAL_IN_FUTURE)
    _ensure_not_before_start("actual_on", actual_on, project)
    milestone = Milestone(project=project, name=name, planned_on=planned_on, forecast_on=forecast_on, actual_on=actual_on)
    save_audited(milestone, actor)
    projects_refresh_milestones(project_ids=[project.pk])
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, actor, expected_version: int, **changes: Any) -> Milestone:
    """Move a milestone's forecast or record its actual date; refused when someone saved it since ``expected_version``."""
    _ensure_may_change(actor, milestone.project)
    _ensure_not_future("actual_on", changes.get("actual_on"), ACTUAL_IN_FUTURE)
    current = lock_at_version(Milestone, pk=milestone.pk, expected_version=expected_version)
    _assign(current, changes, MILESTONE_EDITABLE)
    if "actual_on" in changes:
        _ensure_not_before_start("actual_on", current.actual_on, milestone.project)
    save_audited(current, actor, next_version=True)
    projects_refresh_milestones(project_ids=[current.project_id])
    return current


@transaction.atomic
def projects_refresh_milestones(*, project_ids: Iterable[int]) -> None:
    """Keep on each project its next milestone (the first not reached, by plan) and the first day one of its
    milestones is late (``models.late_from``): what the portfolio's rows and exceptions read."""
    _keep_on_projects(project_ids, NO_OPEN_MILESTONE, lambda locked: milestone_columns(
        Milestone.objects.filter(project__in=locked, actual_on__isnull=True).order_by("project", "planned_on", "pk"),
        timezone.localdate(),
    ))


@transaction.atomic
def projects_refresh_open_counts(*, project_ids: Iterable[int]) -> None:
    """Keep on each project its open issues and risks by severity and its findings awaiting an answer
    (``models.open_record_counts``): what the portfolio's rows and the projects API read."""
    _keep_on_projects(project_ids, NO_OPEN_RECORDS, lambda locked: open_record_counts(
        ProjectIssue.objects.filter(project__in=locked), Finding.objects.filter(project__in=locked)
    ))


def _keep_on_projects(project_ids: Iterable[int], empty: dict, columns_of: Callable[[list[int]], dict]) -> None:
    """Write the columns of ``empty`` on the projects: ``columns_of(their ids)`` by project, ``empty`` for the rest."""
    # Locked first, as the latest report's refresh does: two people saving records of one project at once each read
    # the other's once it is committed, so neither's columns are lost.
    locked = list(Project.objects.select_for_update().filter(pk__in=list(project_ids)).values_list("pk", flat=True))
    columns = dict.fromkeys(locked, empty) | columns_of(locked)
    Project.objects.bulk_update(
        [Project(pk=pk, **fields) for pk, fields in columns.items()], list(empty), batch_size=500
    )
