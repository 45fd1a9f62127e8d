"""Large information-system projects and what is logged about them (プロジェクトマネジメント支援)."""

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dx_portal.validators import DATE_VALIDATORS
from dx_portal.versioned_cache import VersionedQuerySet
from dx_portal.versioning import VersionedRecord
from organisation.permissions import visible_division_filter

from . import schedule


def choice_rank(field: str, choices) -> Case:
    """A choice's place in its list (順調 < 注意 < 遅延; 企画 < ... < 終了) as a number in SQL; NULL when empty.

    What sorts health and phase by meaning rather than alphabetically, and what the portfolio's trend subtracts.
    """
    ranks = (When(**{field: value}, then=Value(rank)) for rank, value in enumerate(choices))
    return Case(*ranks, default=None, output_field=IntegerField())


class Health(models.TextChoices):
    GREEN = "green", _("順調")
    YELLOW = "yellow", _("注意")
    RED = "red", _("遅延")


# Worse is larger: trend and "PMO sees more risk" compare these ranks.
HEALTH_RANK = {Health.GREEN: 0, Health.YELLOW: 1, Health.RED: 2}


@dataclass(frozen=True)
class PortfolioRating:
    """The rating the portfolio shows for a project, and PMO's independent rating beside it."""

    health: str  # what the portfolio shows and counts
    pmo_health: str  # PMO's latest rating ("" when PMO has rated no report yet)
    unreviewed: bool  # the latest report awaits PMO's review (未確認)


@functools.cache  # a pure function of three small choices; the health history calls it per project and month
def portfolio_rating(*, self_health: str, reviewed_pmo_health: str, last_pmo_health: str) -> PortfolioRating:
    """The one rule for the portfolio's rating (pages, API and exports read what it stored on the project).

    A report PMO has reviewed shows PMO's rating. One not yet reviewed is 未確認 and shows the worse of the
    division's new self-rating and PMO's last rating of an earlier report: a self-assessment never hides a
    worse independent rating.
    """
    if reviewed_pmo_health:
        return PortfolioRating(reviewed_pmo_health, reviewed_pmo_health, unreviewed=False)
    if not self_health:
        return PortfolioRating("", last_pmo_health, unreviewed=False)
    worse = max((self_health, last_pmo_health), key=lambda health: HEALTH_RANK.get(health, -1))
    return PortfolioRating(worse, last_pmo_health, unreviewed=True)


def _trend(previous, health: str) -> int | None:
    """``health`` against the previous submitted report's (PMO's rating where reviewed, else the division's): 1 better,
    0 the same, -1 worse; None without a previous report."""
    if previous is None or not health:
        return None
    before, now = HEALTH_RANK[previous.pmo_health or previous.health], HEALTH_RANK[health]
    return (before > now) - (before < now)


# ``rated_until`` of a project's latest report: a date rather than NULL, so that "the reports that were the latest at
# some day of a window" is one range of an index (status_report_rated_idx).
RATED_WHILE_LATEST = datetime.date.max


def rate_reports(reports) -> tuple[PortfolioRating, int | None]:
    """Rate a project's submitted reports, oldest first: each is given (``rated_health``) the portfolio's rating while
    it was the latest, by ``portfolio_rating`` against PMO's last rating of the reports before it, and until when
    (``rated_until``: the next one's 基準日, RATED_WHILE_LATEST for the last). Returns the project's rating (the last
    report's) and its trend against the report before (``Project.trend``)."""
    rating, last_pmo_health = portfolio_rating(self_health="", reviewed_pmo_health="", last_pmo_health=""), ""
    for index, report in enumerate(reports):
        rating = portfolio_rating(self_health=report.health, reviewed_pmo_health=report.pmo_health,
                                  last_pmo_health=last_pmo_health)
        report.rated_health = rating.health
        report.rated_until = reports[index + 1].as_of if index + 1 < len(reports) else RATED_WHILE_LATEST
        last_pmo_health = report.pmo_health or last_pmo_health
    return rating, _trend(reports[-2] if len(reports) > 1 else None, rating.health)


class Severity(models.TextChoices):
    LOW = "low", _("低")
    MEDIUM = "medium", _("中")
    HIGH = "high", _("高")
    CRITICAL = "critical", _("重大")


class ReportState(models.TextChoices):
    """Where a project stands against its reporting cadence."""

    FRESH = "fresh", _("最新")
    DUE = "due", _("報告期限")
    OVERDUE = "overdue", _("報告遅延")
    ESCALATED = "escalated", _("PMOへ報告")


def report_state_on(
    today: datetime.date, due_on: datetime.date | None, overdue_on: datetime.date | None, escalate_on: datetime.date | None
) -> ReportState:
    """Where a project with these dates (Project.report_due_on and the two after it) stands on ``today``."""
    if due_on is None or today < due_on:
        return ReportState.FRESH
    if today < overdue_on:
        return ReportState.DUE
    if today < escalate_on:
        return ReportState.OVERDUE
    return ReportState.ESCALATED


def days_since_report_on(today: datetime.date, last_reported_on: datetime.date | None) -> int | None:
    """Days from the last report's as-of date (Project.last_reported_on) to ``today``; None before any report."""
    return (today - last_reported_on).days if last_reported_on else None


def slippage_on(
    today: datetime.date, planned_on: datetime.date, forecast_on: datetime.date | None, actual_on: datetime.date | None
) -> int:
    """Days late (positive) or early (negative) against plan. Reached: by the actual date. Not reached: by the
    forecast, or by today once the planned date has passed, whichever is later: a milestone whose day came and went
    without an actual date is late even when nobody moved its forecast."""
    if actual_on:
        return (actual_on - planned_on).days
    reference = forecast_on or planned_on
    if today > planned_on:
        reference = max(reference, today)
    return (reference - planned_on).days


def late_from(today: datetime.date, planned_on: datetime.date, forecast_on: datetime.date | None) -> datetime.date:
    """The first day the ``slippage_on`` of a milestone not reached is positive, as known on ``today``: the day after
    its plan, or today already when its forecast is after its plan (what Project.milestone_late_on keeps)."""
    after_plan = planned_on + datetime.timedelta(days=1)
    if forecast_on and forecast_on > planned_on:
        return min(after_plan, today)
    return after_plan


# The project's milestone columns when it has no milestone left to reach.
NO_OPEN_MILESTONE = {
    "next_milestone_name": "", "next_milestone_planned_on": None, "next_milestone_forecast_on": None,
    "milestone_late_on": None,
}


def milestone_columns(open_milestones: Iterable, today: datetime.date) -> dict[int, dict]:
    """By project, the values of its milestone columns (those of NO_OPEN_MILESTONE): its next milestone and the first
    day one of its milestones is late, from the milestones not reached, ordered by project, planned date and pk."""
    columns = {}
    for milestone in open_milestones:
        late = late_from(today, milestone.planned_on, milestone.forecast_on)
        if milestone.project_id in columns:
            fields = columns[milestone.project_id]
            fields["milestone_late_on"] = min(fields["milestone_late_on"], late)
        else:
            columns[milestone.project_id] = {
                "next_milestone_name": milestone.name, "next_milestone_planned_on": milestone.planned_on,
                "next_milestone_forecast_on": milestone.forecast_on, "milestone_late_on": late,
            }
    return columns


# The project's counts of open records when it has none: its open issues and risks by severity, and PMO's findings
# awaiting the division's answer (services.projects_refresh_open_counts keeps them).
NO_OPEN_RECORDS = {"issues_critical": 0, "issues_high": 0, "issues_medium": 0, "issues_low": 0, "findings_awaiting": 0}


def open_record_counts(issues: models.QuerySet, findings: models.QuerySet) -> dict[int, dict]:
    """By project, the values of its open-record columns (those of NO_OPEN_RECORDS), counted from ``issues`` and
    ``findings`` (those of the projects to count), for each project that has any."""
    counts = {}
    open_issues = issues.filter(status__in=ProjectIssue.OPEN_STATUSES).values("project", "severity")
    for row in open_issues.order_by().annotate(n=Count("pk")):
        counts.setdefault(row["project"], dict(NO_OPEN_RECORDS))[f"issues_{row['severity']}"] = row["n"]
    awaiting = findings.filter(status=Finding.Status.OPEN).values("project")
    for row in awaiting.order_by().annotate(n=Count("pk")):
        counts.setdefault(row["project"], dict(NO_OPEN_RECORDS))["findings_awaiting"] = row["n"]
    return counts


class ProjectQuerySet(VersionedQuerySet):
    def visible_to(self, user):
        q = visible_division_filter(user)
        return self if q is None else self.filter(q)

    def stale(self, today: datetime.date):
        """Past the grace period after the due date: overdue or escalated."""
        return self.filter(report_overdue_on__lte=today)


class Project(VersionedRecord):
    """A large information-system project (案件) owned by a division and supported by the PMO."""

    class Phase(models.TextChoices):
        PLANNING = "planning", _("企画")
        REQUIREMENTS = "requirements", _("要件定義")
        DEVELOPMENT = "development", _("設計・開発")
        TESTING = "testing", _("テスト")
        MIGRATION = "migration", _("移行")
        OPERATION = "operation", _("運用")
        CLOSED = "closed", _("終了")

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", _("毎週")
        BIWEEKLY = "biweekly", _("隔週")
        MONTHLY = "monthly", _("毎月")
        QUARTERLY = "quarterly", _("四半期")

    code = models.CharField(
        _("案件コード"),
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9-]*$", _("英数字とハイフンで入力してください。"))],
    )
    name = models.CharField(_("案件名"), max_length=200)
    name_en = models.CharField(_("英語名"), max_length=200, blank=True)
    division = models.ForeignKey(
        "organisation.Division", on_delete=models.PROTECT, related_name="projects", verbose_name=_("所管所属")
    )
    pmo_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PMO担当"),
    )
    phase = models.CharField(_("フェーズ"), max_length=20, choices=Phase.choices, default=Phase.PLANNING)
    planned_start = models.DateField(_("開始予定日"), validators=DATE_VALIDATORS)
    planned_end = models.DateField(_("終了予定日"), validators=DATE_VALIDATORS)
    budget_yen = models.PositiveBigIntegerField(_("予算額（円）"), default=0)
    actual_cost_yen = models.PositiveBigIntegerField(_("執行額（円）"), default=0)
    cadence = models.CharField(_("報告頻度"), max_length=10, choices=Cadence.choices, default=Cadence.MONTHLY)
    report_business_days = models.PositiveSmallIntegerField(
        _("報告期限（期間末から何開庁日目）"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("報告は対象期間（週・隔週・月・四半期）の末日から、この開庁日数の後が期限です。"),
    )
    grace_days = models.PositiveSmallIntegerField(
        _("報告猶予日数"), default=7, validators=[MaxValueValidator(60)]
    )
    description = models.TextField(_("概要"), blank=True)
    # The pillars and measures of the strategy plans it serves (kpis sits below projects: the link is kept here).
    plan_items = models.ManyToManyField(
        "kpis.PlanItem", blank=True, related_name="projects", verbose_name=_("計画の柱・施策")
    )

    # Denormalised from the latest report so that lists and the portfolio never scan report history.
    latest_report = models.ForeignKey(
        "StatusReport", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("最新報告")
    )
    health = models.CharField(_("健全度"), max_length=10, choices=Health.choices, blank=True)
    # PMO's latest independent rating and whether the latest report still awaits it: see portfolio_rating().
    pmo_health = models.CharField(_("PMO評価"), max_length=10, choices=Health.choices, blank=True)
    health_unreviewed = models.BooleanField(_("PMO未確認"), default=False)
    # 1 better, 0 the same, -1 worse than the previous report; NULL without one (rate_reports).
    trend = models.SmallIntegerField(_("前回比"), null=True, blank=True, editable=False)
    last_reported_on = models.DateField(_("最終報告基準日"), null=True, blank=True, validators=DATE_VALIDATORS)
    # Derived from the above and the cadence in save(): the reminder sweep and the stale filter use them.
    report_due_on = models.DateField(_("次回報告期限"), null=True, blank=True)
    report_overdue_on = models.DateField(_("報告遅延日"), null=True, blank=True)
    report_escalate_on = models.DateField(_("PMO報告日"), null=True, blank=True)
    # Denormalised from the milestones by services.projects_refresh_milestones whenever one is saved, so that the
    # portfolio's rows and its exceptions read columns, not subqueries over every project's milestones.
    next_milestone_name = models.CharField(_("次のマイルストーン"), max_length=200, blank=True, editable=False)
    next_milestone_planned_on = models.DateField(_("次のマイルストーンの計画日"), null=True, blank=True, editable=False)
    next_milestone_forecast_on = models.DateField(_("次のマイルストーンの見込日"), null=True, blank=True, editable=False)
    milestone_late_on = models.DateField(_("マイルストーン遅延日"), null=True, blank=True, editable=False)
    # Counted from the issues and findings by services.projects_refresh_open_counts whenever one is saved, so that the
    # portfolio's rows and the projects API read columns, not five subqueries per project.
    issues_critical = models.PositiveIntegerField(_("未解決課題（重大）"), default=0, editable=False)
    issues_high = models.PositiveIntegerField(_("未解決課題（高）"), default=0, editable=False)
    issues_medium = models.PositiveIntegerField(_("未解決課題（中）"), default=0, editable=False)
    issues_low = models.PositiveIntegerField(_("未解決課題（低）"), default=0, editable=False)
    findings_awaiting = models.PositiveIntegerField(_("回答待ちの指摘"), default=0, editable=False)


    history = HistoricalRecords(
        excluded_fields=[
            "latest_report", "pmo_health", "health_unreviewed", "trend", "report_due_on", "report_overdue_on",
            "report_escalate_on", "next_milestone_name", "next_milestone_planned_on", "next_milestone_forecast_on",
            "milestone_late_on", *NO_OPEN_RECORDS,
        ],
        m2m_fields=[plan_items],
    )
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(planned_end__gte=F("planned_start")), name="project_end_after_start"),
        ]
        indexes = [
            # The reminder sweep and the stale filter: projects whose report is due by a date.
            models.Index(fields=["report_due_on"], name="project_report_due_idx"),
            models.Index(fields=["report_overdue_on"], name="project_report_overdue_idx"),
            # Portfolio filters.
            models.Index(fields=["health"], name="project_health_idx"),
            models.Index(fields=["phase"], name="project_phase_idx"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.refresh_schedule()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "report_due_on", "report_overdue_on", "report_escalate_on"}
        super().save(*args, **kwargs)

    def clean(self):
        # The same rule as the check constraint, but as a message at the field.
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError({"planned_end": _("終了予定日は開始予定日以降の日付を入力してください。")})

    def schedule_from(self, last_reported_on: datetime.date | None) -> tuple[datetime.date, datetime.date, datetime.date] | None:
        """Due, overdue and escalation dates after a report on ``last_reported_on`` (None once closed)."""
        if self.phase == self.Phase.CLOSED:
            return None
        return schedule.report_schedule(
            cadence=self.cadence, start=self.planned_start, last_reported_on=last_reported_on,
            business_days=self.report_business_days, grace_days=self.grace_days,
        )

    def refresh_schedule(self) -> None:
        self.report_due_on, self.report_overdue_on, self.report_escalate_on = self.schedule_from(
            self.last_reported_on
        ) or (None, None, None)

    def report_state(self, today: datetime.date) -> ReportState:
        return report_state_on(today, self.report_due_on, self.report_overdue_on, self.report_escalate_on)

    def days_since_report(self, today: datetime.date) -> int | None:
        return days_since_report_on(today, self.last_reported_on)

    @property
    def budget_remaining_yen(self) -> int:
        return self.budget_yen - self.actual_cost_yen


class StatusReport(models.Model):
    """A status report (進捗報告): the division's self-assessment and, once reviewed, PMO's rating.

    Where the division requires it, the 所属長 approves a report before it counts (awaiting approval →
    submitted, or returned with a comment and then corrected and sent again). Only submitted reports give
    the project its health and end its reminders; a withdrawn one is kept, never deleted.
    """

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting", _("所属長承認待ち")
        RETURNED = "returned", _("差戻し")
        SUBMITTED = "submitted", _("提出済")
        WITHDRAWN = "withdrawn", _("取下げ")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_reports", verbose_name=_("案件"))
    as_of = models.DateField(_("基準日"), validators=DATE_VALIDATORS)
    health = models.CharField(_("全体評価"), max_length=10, choices=Health.choices)
    schedule_health = models.CharField(_("スケジュール"), max_length=10, choices=Health.choices)
    cost_health = models.CharField(_("コスト"), max_length=10, choices=Health.choices)
    scope_health = models.CharField(_("スコープ"), max_length=10, choices=Health.choices)
    quality_health = models.CharField(_("品質"), max_length=10, choices=Health.choices)
    planned_progress = models.PositiveSmallIntegerField(
        _("計画進捗率（%）"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    actual_progress = models.PositiveSmallIntegerField(
        _("実績進捗率（%）"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    summary = models.TextField(_("概況"))
    next_steps = models.TextField(_("今後の予定"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("報告者")
    )
    submitted_at = models.DateTimeField(_("報告日時"))
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    approval_comment = models.TextField(_("所属長コメント"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("承認者")
    )
    approved_at = models.DateTimeField(_("承認日時"), null=True, blank=True)
    # Why the last amendment or the withdrawal was made; every earlier version stays in the history.
    change_reason = models.TextField(_("修正・取下げの理由"), blank=True)

    pmo_health = models.CharField(_("PMO評価"), max_length=10, choices=Health.choices, blank=True)
    pmo_comment = models.TextField(_("PMOコメント"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("PMO確認者")
    )
    reviewed_at = models.DateTimeField(_("PMO確認日時"), null=True, blank=True)

    version = models.PositiveIntegerField(_("版"), default=1)
    # Incremental sync (``?updated_since=`` on the API): every save moves it, a withdrawal too.
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    # What the portfolio showed from this report's 基準日 until the next submitted report's (``rated_until``,
    # exclusive; RATED_WHILE_LATEST while it is the latest; NULL unless submitted): derived from the project's reports by
    # services.project_refresh_latest_report whenever one changes, so that the twelve-month health history
    # counts rows instead of looking each project's reports up at every month end.
    rated_health = models.CharField(_("表示された評価"), max_length=10, choices=Health.choices, blank=True, editable=False)
    rated_until = models.DateField(_("表示の終了日"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["rated_health", "rated_until"])

    objects = VersionedQuerySet.as_manager()

    class Meta:
        verbose_name = _("進捗報告")
        verbose_name_plural = _("進捗報告")
        ordering = ["-as_of"]
        constraints = [
            # A withdrawn report frees its date for the report that replaces it.
            models.UniqueConstraint(
                fields=["project", "as_of"], condition=~Q(status="withdrawn"), name="status_report_one_per_day"
            ),
            models.CheckConstraint(condition=Q(planned_progress__lte=100), name="status_report_planned_progress_max_100"),
            models.CheckConstraint(condition=Q(actual_progress__lte=100), name="status_report_actual_progress_max_100"),
        ]
        indexes = [
            # The reports that were a project's latest at some day of the health history's window, with all the
            # history reads (an index only read).
            models.Index(fields=["project", "status", "rated_until", "as_of", "rated_health"], name="status_report_rated_idx"),
        ]

    def __str__(self):
        return f"{self.project.code} {self.as_of}"

    @property
    def unreviewed(self) -> bool:
        """A submitted report PMO has not reviewed yet (未確認)."""
        return self.status == self.Status.SUBMITTED and self.reviewed_at is None

    @property
    def effective_health(self) -> str:
        """The portfolio's rating: PMO's where PMO has reviewed, else the division's own."""
        return self.pmo_health or self.health

    @property
    def ratings_differ(self) -> bool:
        return bool(self.pmo_health) and self.pmo_health != self.health

    @property
    def pmo_sees_more_risk(self) -> bool:
        return bool(self.pmo_health) and HEALTH_RANK[self.pmo_health] > HEALTH_RANK[self.health]

    @staticmethod
    def rated_on(day: datetime.date) -> Q:
        """The submitted reports that were their project's latest on ``day``, rated ``rated_health`` then."""
        return Q(status=StatusReport.Status.SUBMITTED, as_of__lte=day, rated_until__gt=day)

    def was_rated_on(self, day: datetime.date) -> bool:
        """``rated_on`` for a report in hand (rated by rate_reports)."""
        return self.status == self.Status.SUBMITTED and self.as_of <= day < self.rated_until


def month_end(month: datetime.date) -> datetime.date:
    """The last day of the month starting on ``month``."""
    return month + relativedelta(months=1, days=-1)


class MonthEndRating(models.Model):
    """A project's rating in the portfolio at the end of a closed month (its report ``rated_on`` that day), kept by
    services as its reports change: the health history counts one row a project and month, not every report's span
    at every month end."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # its first day; rated as of its last
    health = models.CharField(max_length=10, choices=Health.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "project"], name="month_end_rating_one_per_month")]
        # The history's count reads a range of months in the index alone, grouped in its order.
        indexes = [models.Index(fields=["month", "health", "project"], name="month_end_rating_count_idx")]

    def __str__(self):
        return f"{self.project_id} {self.month:%Y-%m} {self.health}"


class RatedMonth(models.Model):
    """A closed month whose every project's MonthEndRating is stored (services.month_end_ratings_fill); the history
    counts the months without one from the reports' spans."""

    month = models.DateField(primary_key=True)

    def __str__(self):
        return f"{self.month:%Y-%m}"


class ProjectIssue(VersionedRecord):
    """An issue or a risk (課題・リスク) of a project; a risk also has likelihood and impact (1-5)."""

    class Kind(models.TextChoices):
        ISSUE = "issue", _("課題")
        RISK = "risk", _("リスク")

    class Status(models.TextChoices):
        OPEN = "open", _("未対応")
        IN_PROGRESS = "in_progress", _("対応中")
        RESOLVED = "resolved", _("解決済")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="issues", verbose_name=_("案件"))
    kind = models.CharField(_("種別"), max_length=10, choices=Kind.choices, default=Kind.ISSUE)
    title = models.CharField(_("件名"), max_length=200)
    description = models.TextField(_("内容"), blank=True)
    severity = models.CharField(_("重要度"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, default=Status.OPEN)
    owner = models.CharField(_("担当"), max_length=100, blank=True)
    due_on = models.DateField(_("対応期限"), null=True, blank=True, validators=DATE_VALIDATORS)
    raised_on = models.DateField(_("発生日"), validators=DATE_VALIDATORS)
    resolved_on = models.DateField(_("解決日"), null=True, blank=True, validators=DATE_VALIDATORS)
    likelihood = models.PositiveSmallIntegerField(
        _("発生可能性（1-5）"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    impact = models.PositiveSmallIntegerField(
        _("影響度（1-5）"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    history = HistoricalRecords()

    objects = VersionedQuerySet.as_manager()

    class Meta:
        verbose_name = _("課題・リスク")
        verbose_name_plural = _("課題・リスク")
        ordering = ["status", "-severity", "due_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("raised_on")),
                name="issue_resolved_not_before_raised",
            ),
            models.CheckConstraint(
                condition=Q(likelihood__isnull=True) | Q(likelihood__gte=1, likelihood__lte=5),
                name="issue_likelihood_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(impact__isnull=True) | Q(impact__gte=1, impact__lte=5), name="issue_impact_1_to_5"
            ),
        ]
        # The portfolio counts open issues by severity per project.
        indexes = [models.Index(fields=["project", "status", "severity"], name="issue_open_by_severity_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        # The same rule as the check constraint, but as a message at the field.
        if self.raised_on and self.resolved_on and self.resolved_on < self.raised_on:
            errors["resolved_on"] = _("解決日は発生日以降の日付を入力してください。")
        if self.raised_on and self.due_on and self.due_on < self.raised_on:
            errors["due_on"] = _("対応期限は発生日以降の日付を入力してください。")
        if self.kind == self.Kind.RISK:
            for name in ("likelihood", "impact"):
                if getattr(self, name) is None:
                    errors[name] = _("リスクでは発生可能性と影響度を1〜5で入力してください。")
        if errors:
            raise ValidationError(errors)

    @property
    def risk_score(self) -> int | None:
        return self.likelihood * self.impact if self.likelihood and self.impact else None


class Finding(models.Model):
    """A PMO finding or advice (助言・指摘) to the owning division, and the division's answer."""

    class Category(models.TextChoices):
        SCHEDULE = "schedule", _("スケジュール")
        COST = "cost", _("コスト")
        SCOPE = "scope", _("スコープ")
        QUALITY = "quality", _("品質")
        SECURITY = "security", _("セキュリティ")
        PROCUREMENT = "procurement", _("調達・契約")
        GOVERNANCE = "governance", _("体制・ガバナンス")
        OTHER = "other", _("その他")

    class Status(models.TextChoices):
        OPEN = "open", _("回答待ち")
        ANSWERED = "answered", _("回答済")
        CLOSED = "closed", _("完了")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="findings", verbose_name=_("案件"))
    category = models.CharField(_("区分"), max_length=20, choices=Category.choices)
    title = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("助言・指摘内容"))
    severity = models.CharField(_("重要度"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    response_due_on = models.DateField(_("回答期限"), validators=DATE_VALIDATORS)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("記載者")
    )
    written_at = models.DateTimeField(_("記載日時"))
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.OPEN)
    response = models.TextField(_("所管所属の回答"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("回答者")
    )
    answered_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版"), default=1)
    # Incremental sync (``?updated_since=`` on the API): every save moves it, a withdrawal too.
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    history = HistoricalRecords()

    objects = VersionedQuerySet.as_manager()

    class Meta:
        verbose_name = _("助言・指摘")
        verbose_name_plural = _("助言・指摘")
        ordering = ["status", "response_due_on"]
        # The portfolio counts findings awaiting an answer; the digest lists those past due.
        indexes = [models.Index(fields=["status", "response_due_on"], name="finding_awaiting_idx")]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    """A milestone with planned, forecast and actual dates; its slippage is the schedule variance."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("案件"))
    name = models.CharField(_("マイルストーン"), max_length=200)
    planned_on = models.DateField(_("計画日"), validators=DATE_VALIDATORS)
    forecast_on = models.DateField(_("見込日"), null=True, blank=True, validators=DATE_VALIDATORS)
    actual_on = models.DateField(_("実績日"), null=True, blank=True, validators=DATE_VALIDATORS)
    version = models.PositiveIntegerField(_("版"), default=1)
    # Incremental sync (``?updated_since=`` on the API): every save moves it, a withdrawal too.
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    history = HistoricalRecords()

    objects = VersionedQuerySet.as_manager()

    class Meta:
        verbose_name = _("マイルストーン")
        verbose_name_plural = _("マイルストーン")
        ordering = ["planned_on"]
        indexes = [models.Index(fields=["project", "actual_on", "planned_on"], name="milestone_next_idx")]

    def __str__(self):
        return self.name

    def slippage_on(self, today: datetime.date) -> int:
        """Days late (positive) or early (negative) against plan (the module's ``slippage_on``)."""
        return slippage_on(today, self.planned_on, self.forecast_on, self.actual_on)

    def forecast_passed(self, today: datetime.date) -> bool:
        """A forecast date gone by with no actual date: the forecast itself is out of date."""
        return self.actual_on is None and self.forecast_on is not None and self.forecast_on < today

    @property
    def slippage_days(self) -> int:
        return self.slippage_on(timezone.localdate())

    @property
    def is_forecast_passed(self) -> bool:
        return self.forecast_passed(timezone.localdate())


class Reminder(models.Model):
    """A stale-status reminder sent (or being sent) for one project, due date and level: at most one each."""

    class Level(models.TextChoices):
        DUE = "due", _("報告期限")
        OVERDUE = "overdue", _("報告遅延")
        ESCALATED = "escalated", _("PMOへのエスカレーション")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("案件"))
    due_on = models.DateField(_("報告期限"))
    level = models.CharField(_("段階"), max_length=10, choices=Level.choices)
    recipients = models.TextField(_("送信先"), blank=True)
    claimed_at = models.DateTimeField(_("処理開始日時"))
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("督促")
        verbose_name_plural = _("督促")
        ordering = ["-claimed_at"]
        constraints = [
            # Exactly once: a second sweep (concurrent or retried) cannot claim the same reminder.
            models.UniqueConstraint(fields=["project", "due_on", "level"], name="reminder_once_per_level")
        ]

    def __str__(self):
        return f"{self.project.code} {self.due_on} {self.get_level_display()}"


class PmoDigest(models.Model):
    """The PMO's daily digest of overdue projects, unanswered findings and past-due action items."""

    sent_on = models.DateField(_("送信日"), unique=True)
    recipients = models.TextField(_("送信先"), blank=True)
    claimed_at = models.DateTimeField(_("処理開始日時"))
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("PMO日次ダイジェスト")
        verbose_name_plural = _("PMO日次ダイジェスト")
        ordering = ["-sent_on"]

    def __str__(self):
        return str(self.sent_on)


class ProjectWatch(models.Model):
    """A person follows a project: they are told when its health changes."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="watches", verbose_name=_("案件"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_watches", verbose_name=_("利用者")
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("案件のウォッチ")
        verbose_name_plural = _("案件のウォッチ")
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="project_watch_unique")]

    def __str__(self):
        return f"{self.user} → {self.project.code}"


# The gates a project passes on its way to operation (企画 is before the first gate, 終了 after the last).
GATE_PHASES = (
    Project.Phase.REQUIREMENTS, Project.Phase.DEVELOPMENT, Project.Phase.TESTING, Project.Phase.MIGRATION,
    Project.Phase.OPERATION,
)
GATES = tuple(zip(GATE_PHASES, GATE_PHASES[1:], strict=False))


def gates_crossed(from_phase: str, to_phase: str) -> list[tuple[str, str]]:
    """The gates a move from one phase to another passes forward (none for a move back or sideways)."""
    order = Project.Phase.values
    start, end = order.index(from_phase), order.index(to_phase)
    return [(a, b) for a, b in GATES if start <= order.index(a) and order.index(b) <= end]


class GateReview(VersionedRecord):
    """PMO's review (ゲートレビュー) of a project at a phase change: passed, passed on conditions (findings), or returned.

    A returned (差戻し) gate blocks the phase change until a newer review of the same gate lets it pass.
    """

    class Outcome(models.TextChoices):
        PASSED = "passed", _("通過")
        CONDITIONAL = "conditional", _("条件付き通過")
        RETURNED = "returned", _("差戻し")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="gate_reviews", verbose_name=_("案件"))
    from_phase = models.CharField(_("移行前フェーズ"), max_length=20, choices=Project.Phase.choices)
    to_phase = models.CharField(_("移行後フェーズ"), max_length=20, choices=Project.Phase.choices)
    outcome = models.CharField(_("判定"), max_length=12, choices=Outcome.choices)
    reviewed_on = models.DateField(_("レビュー日"), validators=DATE_VALIDATORS)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("レビュー担当")
    )
    summary = models.TextField(_("所見"))
    conditions = models.ManyToManyField(
        Finding, blank=True, related_name="gate_reviews", verbose_name=_("条件（助言・指摘）")
    )
    # Named as a string: the committee's records sit above projects, and no Python here imports them.
    decision = models.ForeignKey(
        "governance.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="gate_reviews",
        verbose_name=_("委員会の決定"),
    )
    history = HistoricalRecords(m2m_fields=[conditions])

    objects = VersionedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ゲートレビュー")
        verbose_name_plural = _("ゲートレビュー")
        ordering = ["-reviewed_on", "-pk"]
        # The phase check: the latest review of one gate of one project.
        indexes = [models.Index(fields=["project", "from_phase", "to_phase", "reviewed_on"], name="gate_review_latest_idx")]

    def __str__(self):
        return f"{self.project_id} {self.get_from_phase_display()} → {self.get_to_phase_display()}"

    @property
    def gate_label(self) -> str:
        return f"{self.get_from_phase_display()} → {self.get_to_phase_display()}"

    def clean(self):
        if self.from_phase and self.to_phase and (self.from_phase, self.to_phase) not in GATES:
            raise ValidationError({"to_phase": _("ゲートレビューは次のフェーズへの移行について記録してください。")})
