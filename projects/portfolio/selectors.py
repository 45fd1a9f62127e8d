"""Reads behind the portfolio: a fixed number of queries whatever the number of projects.

The rows are one annotated query (no per-row queries); the summary one (counts and totals grouped by bureau,
health and phase); the twelve-month health history none while cached (PROJECT_DATA), else
two (the months stored and their count; a third counts the reports' spans for a month not stored yet), today's
counts being the summary's.
Every read starts from ``Project.objects.visible_to(user)`` through ``portfolio_filterset``.
"""

import datetime
import functools
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dx_portal.pagination import in_order
from projects.caching import PROJECT_DATA
from projects.filtersets import ProjectListFilterSet, ProjectOrderingFilter
from projects.models import NO_OPEN_RECORDS, Health, MonthEndRating, Project, RatedMonth, StatusReport, month_end
from projects.selectors import division_reachable, exception_flag

# Projects without a report yet have no health: counted apart, never as green.
UNREPORTED = "unreported"
HEALTH_KEYS = (*Health.values, UNREPORTED)
HEALTH_LABELS = {**dict(Health.choices), UNREPORTED: _("未報告")}


class Trend(models.IntegerChoices):
    """Current health against the previous report's (the sign of the change in rank)."""

    BETTER = 1, _("改善")
    SAME = 0, _("横ばい")
    WORSE = -1, _("悪化")


# ?sort= of links saved before the portfolio sorted by ``ordering``, to its ordering key; others are ignored.
LEGACY_SORTS = {
    "code": "code",
    "name": "name",
    "bureau": "bureau",
    "phase": "phase",
    "health": "health",
    "progress": "actual_progress",
    "budget": "budget_yen",
    "cost": "actual_cost_yen",
    "days": "days_since_report",
}


# The portfolio's default order: the exceptions (projects.selectors.exception_rules) first, the largest budget
# first among them, then the rest by code.
EXCEPTIONS_FIRST = "exceptions"


class PortfolioOrderingFilter(ProjectOrderingFilter):
    """PROJECT_ORDERINGS and ``exceptions``, the default."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra["choices"] = [(EXCEPTIONS_FIRST, _("要対応の案件を先頭に")), *self.extra["choices"]]

    def filter(self, qs, value):
        keys = self.keys(value)
        if keys and keys != [EXCEPTIONS_FIRST]:
            return super().filter(qs, [key for key in keys if key != EXCEPTIONS_FIRST])
        qs = qs.annotate(is_exception=exception_flag(timezone.localdate()))
        exception_budget = Case(When(is_exception=True, then=F("budget_yen")), default=None)
        # NULL (a rule's column unknown, say no report yet) is no exception: last, as false, on every database.
        return qs.order_by(F("is_exception").desc(nulls_last=True), exception_budget.desc(nulls_last=True), "code")


class PortfolioFilterSet(ProjectListFilterSet):
    """The project list's filters with the portfolio's ordering (exceptions first by default)."""

    ordering = PortfolioOrderingFilter()


def portfolio_filterset(*, user, data) -> PortfolioFilterSet:
    """The one FilterSet of page and exports (filters and ``ordering``), over the projects the user may see."""
    sort = (data.get("sort") or "").strip()
    key = LEGACY_SORTS.get(sort.removeprefix("-"))
    if key and "ordering" not in data:
        data = data.copy()
        data["ordering"] = f"-{key}" if sort.startswith("-") else key
    return PortfolioFilterSet(data, queryset=Project.objects.visible_to(user))


# What columns.portfolio_row reads, no more: every other column read was a value converted for nothing (about 2 ms of
# a page of 100 rows), and long texts would fill a 5,000-row export.
PORTFOLIO_ROW_FIELDS = (
    "code", "name", "name_en", "phase", "health", "pmo_health", "health_unreviewed", "trend", "budget_yen",
    "actual_cost_yen", "last_reported_on", "report_due_on", "report_overdue_on", "report_escalate_on",
    "division__name", "division__name_en", "division__bureau__name", "division__bureau__name_en",
    *(f"latest_report__{name}" for name in ("schedule_health", "cost_health", "scope_health", "quality_health",
                                            "planned_progress", "actual_progress")),
    "next_milestone_name", "next_milestone_planned_on", "next_milestone_forecast_on", *NO_OPEN_RECORDS,
)


def portfolio_rows(projects: QuerySet[Project], *, today: datetime.date | None = None) -> QuerySet:
    """Every column of the portfolio table in one query, as values (columns.portfolio_row): the latest report
    joined, the rest kept on the project (its next milestone, its open issues and findings); whether the division is
    reached, as of ``today`` (default: today).

    ``projects`` is a filtered and ordered ``visible_to`` queryset (``portfolio_filterset(...).qs``). Values, not
    model instances: building a project, its division, bureau and latest report for each row took 2.8 ms of a
    100-row page on SQLite, and an export builds 5,000.
    """
    return projects.annotate(division_reachable=division_reachable(today)).values(
        "pk", *PORTFOLIO_ROW_FIELDS, "division_reachable"
    )


@functools.lru_cache(maxsize=1)
def _every_row(today: datetime.date) -> QuerySet:
    # Built once a day, filtered per page: building it took 2.5 ms of an uncached page (bench/README.md).
    return portfolio_rows(Project.objects.all(), today=today)


def portfolio_page(ids, *, today: datetime.date) -> list[dict]:
    """The rows of ``portfolio_rows`` for the projects of ``ids`` (a page of them, sorted and read through visible_to),
    in that order (dx_portal.pagination.in_order: joining every project's latest report before the sort read all the
    reports, 75 ms of SQL at 5,000 projects on PostgreSQL)."""
    ids = list(ids)
    return in_order(_every_row(today).filter(pk__in=ids), ids, key=lambda row: row["pk"])


@dataclass(frozen=True)
class BureauHealth:
    code: str
    name: str
    name_en: str
    by_health: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_health.values())


@dataclass(frozen=True)
class PortfolioSummary:
    """The portfolio at a glance, for the filtered set of projects."""

    as_of: datetime.date
    total: int
    by_health: dict[str, int]
    by_phase: dict[str, int]
    by_bureau: list[BureauHealth]
    stale: int
    budget_yen: int
    actual_cost_yen: int


def portfolio_summary(projects: QuerySet[Project], *, today: datetime.date) -> PortfolioSummary:
    """Counts by health, phase and bureau, the stale count and the money totals: one query, grouped by bureau,
    health and phase (at most a few hundred groups), summed here. (A total per count, each its own filtered
    COUNT, took half the summary's 5 ms to build and compile.)"""
    groups = (
        projects.values("division__bureau__code", "division__bureau__name", "division__bureau__name_en", "health", "phase")
        .annotate(
            n=Count("pk"),
            # The rule of ProjectQuerySet.stale: the grace period after the due date has passed.
            stale=Count("pk", filter=Q(report_overdue_on__lte=today)),
            budget_yen=Coalesce(Sum("budget_yen"), 0),
            actual_cost_yen=Coalesce(Sum("actual_cost_yen"), 0),
        )
        .order_by("division__bureau__sort_order", "division__bureau__code")
    )
    by_health = dict.fromkeys(HEALTH_KEYS, 0)
    by_phase = dict.fromkeys(Project.Phase.values, 0)
    bureaus: dict[str, BureauHealth] = {}
    stale = budget_yen = actual_cost_yen = 0
    for row in groups:
        code, health = row["division__bureau__code"], row["health"] or UNREPORTED
        if code not in bureaus:
            bureaus[code] = BureauHealth(
                code=code, name=row["division__bureau__name"], name_en=row["division__bureau__name_en"],
                by_health=dict.fromkeys(HEALTH_KEYS, 0),
            )
        bureaus[code].by_health[health] += row["n"]
        by_health[health] += row["n"]
        by_phase[row["phase"]] += row["n"]
        stale += row["stale"]
        # SUM of a bigint is a decimal on PostgreSQL: money stays whole yen.
        budget_yen += int(row["budget_yen"])
        actual_cost_yen += int(row["actual_cost_yen"])
    return PortfolioSummary(
        as_of=today,
        total=sum(by_health.values()),
        by_health=by_health,
        by_phase=by_phase,
        by_bureau=list(bureaus.values()),
        stale=stale,
        budget_yen=budget_yen,
        actual_cost_yen=actual_cost_yen,
    )


@dataclass(frozen=True)
class MonthHealth:
    """How many projects were green, yellow and red as of a month's end: their latest report then, rated as the
    portfolio rates it (an unreviewed report no better than PMO's last rating)."""

    month: datetime.date  # the first of the month; counted as of its last day, or today for the current month
    by_health: dict[str, int]


def month_ends(today: datetime.date, months: int) -> list[tuple[datetime.date, datetime.date]]:
    """(first day, as-of day) of the last ``months`` months, oldest first; the current month is as of today."""
    first = today.replace(day=1)
    result = []
    for back in range(months - 1, -1, -1):
        start = first - relativedelta(months=back)
        result.append((start, min(month_end(start), today)))
    return result


def portfolio_health_history(
    projects: QuerySet[Project], *, today: datetime.date, now: dict[str, int], months: int = 12
) -> list[MonthHealth]:
    """Health over the last months, cached under PROJECT_DATA: keyed by the query selecting the projects
    (filters and visibility) and the day; not by the page, which the page's own cache is. ``now``: the projects'
    count by health today (``portfolio_summary``'s, which has counted them)."""
    parts = (str(projects.order_by().query), today, months)
    return PROJECT_DATA.cached(
        "portfolio-health-history", parts, lambda: _health_history(projects, today, months, now), 60 * 60 * 24
    )


def _health_history(projects: QuerySet[Project], today: datetime.date, months: int, now: dict[str, int]) -> list[MonthHealth]:
    """Each month end's counts: a closed month's from its stored ratings (RatedMonth, MonthEndRating), or from the
    reports' spans while it is not stored yet; today's from the projects' health (``now``).
    (Counting the spans of all twelve took 15 ms at 1,000 projects on SQLite and 60 at 5,000 on PostgreSQL.)"""
    ends = month_ends(today, months)
    closed = ends[:-1]
    stored = set(RatedMonth.objects.filter(month__in=[start for start, _as_of in closed]).values_list("month", flat=True))
    counts = {
        **_stored_counts(projects, stored),
        **_span_counts(projects, [(start, as_of) for start, as_of in closed if start not in stored]),
        # A project's health is its latest report's rating, the report rated today (PostgreSQL scanned every report to
        # find those: 34 ms at 5,000 projects).
        **{(ends[-1][0], health): count for health, count in now.items()},
    }
    # A project with no report yet by a month end has no health that month: it is not drawn.
    return [
        MonthHealth(month=start, by_health={health: counts.get((start, health), 0) for health in Health.values})
        for start, _as_of in ends
    ]


def _stored_counts(projects: QuerySet[Project], months: set[datetime.date]) -> dict:
    """{(month, health): projects} of the stored months: one scan of a range of the index (month, health, project),
    each row's project checked by EXISTS (with IN, or a list of months, SQLite seeks per project and month: 13 ms
    against 3 at 1,000 projects)."""
    if not months:
        return {}
    ratings = MonthEndRating.objects.filter(month__range=(min(months), max(months)))
    # With no condition on the projects (every project: the CIO's portfolio unfiltered) the check is for nothing:
    # 3.6 → 1.2 ms at 1,000 projects on SQLite.
    if projects.query.where:
        ratings = ratings.filter(Exists(projects.order_by().filter(pk=OuterRef("project_id"))))
    rows = ratings.values("month", "health").order_by().annotate(n=Count("*"))
    return {(row["month"], row["health"]): row["n"] for row in rows if row["month"] in months}


def _span_counts(projects: QuerySet[Project], ends: list[tuple[datetime.date, datetime.date]]) -> dict:
    """{(month, health): projects} at each (month, as-of day) of ``ends``, from the reports rated on that day
    (``rated_health`` until ``rated_until``, by models.rate_reports): one conditional count per day."""
    if not ends:
        return {}
    spans = StatusReport.objects.filter(
        project__in=projects.order_by().values("pk"), status=StatusReport.Status.SUBMITTED,
        rated_until__gt=ends[0][1], as_of__lte=ends[-1][1],
    )
    rows = spans.values("rated_health").order_by("rated_health").annotate(**{
        f"n_{index}": Count("pk", filter=StatusReport.rated_on(as_of)) for index, (_start, as_of) in enumerate(ends)
    })
    return {(start, row["rated_health"]): row[f"n_{index}"] for row in rows for index, (start, _as_of) in enumerate(ends)}
