"""Reads of the kpis app that span relations: each owns its queries and starts from ``visible_to(user)``."""

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Prefetch, QuerySet, Sum

from dx_portal.formatting import fiscal_year
from dx_portal.history import HistoryEntry, Source, history
from organisation.permissions import may_change_division_record
from organisation.roles import roles_of

from .models import Indicator, Observation, PlanItem, Target


class IndicatorHidden(Exception):
    """The indicator exists but is not public, and the user is anonymous: ask them to log in or send a token."""

def indicators_for_list(*, user) -> QuerySet:
    """Indicators the user may see, each with its whole-year observations and its targets in year order."""
    return (
        Indicator.objects.visible_to(user)
        .select_related("division")
        .prefetch_related(
            Prefetch(
                "observations",
                queryset=Observation.objects.filter(month__isnull=True).order_by("fiscal_year"),
                to_attr="yearly_observations",
            ),
            Prefetch("targets", queryset=Target.objects.order_by("fiscal_year"), to_attr="target_list"),
            Prefetch(
                "plan_items",
                queryset=PlanItem.objects.select_related("plan", "parent__plan").order_by(
                    "plan__order", "plan_id", "order", "pk"
                ),
                to_attr="plan_item_list",
            ),
        )
    )


def indicator_get(*, user, code: str, queryset: QuerySet | None = None) -> Indicator:
    """The indicator of ``code`` if the user may see it; IndicatorHidden when only logging in would show it.

    Raises Indicator.DoesNotExist when there is none.
    """
    queryset = Indicator.objects.visible_to(user) if queryset is None else queryset
    try:
        return queryset.get(code=code)
    except Indicator.DoesNotExist:
        if Indicator.objects.filter(code=code).exists():
            raise IndicatorHidden(code) from None
        raise


def indicator_for_page(*, user, code: str) -> Indicator:
    return indicator_get(user=user, code=code, queryset=indicators_for_list(user=user).select_related("division__bureau"))


def indicators_changeable_by(user) -> list[Indicator]:
    """Indicators whose figures the user may record: their owning division's members and PMO."""
    if not roles_of(user).authenticated:
        return []
    indicators = Indicator.objects.select_related("division").order_by("sort_order", "code")
    return [i for i in indicators if may_change_division_record(user, division_id=i.division_id)]


def observations_for_feed(indicator: Indicator) -> QuerySet:
    return indicator.observations.select_related("indicator").order_by("fiscal_year", "month")


# --- derived figures ---------------------------------------------------------------------------------------


@dataclass
class YearFigure:
    """One fiscal year of an indicator: its figure, running total (for new-in-period figures) and target."""

    fiscal_year: int
    observation: Observation | None
    cumulative: Decimal | None
    target: Target | None

    @property
    def target_gap(self) -> Decimal | None:
        """The figure less its target: negative while a higher-is-better target is still ahead."""
        if self.observation is None or self.target is None:
            return None
        return self.observation.value - self.target.value


@dataclass
class IndicatorSummary:
    """What the list shows of an indicator: its latest whole-year figure, the change on the year before, its
    latest target and the values of its trend."""

    indicator: Indicator
    latest: Observation | None
    previous: Observation | None
    target: Target | None
    trend: list[Decimal] = field(default_factory=list)

    @property
    def partial_year(self) -> bool:
        """The latest figure counts only part of its year (a provisional new-in-period figure): no fair change."""
        return bool(self.latest and self.latest.is_provisional and self.indicator.adds_up)

    @property
    def change(self) -> Decimal | None:
        if self.latest is None or self.previous is None or self.partial_year:
            return None
        return self.latest.value - self.previous.value

    @property
    def improved(self) -> bool | None:
        change = self.change
        if not change:
            return None
        higher = self.indicator.direction == Indicator.Direction.HIGHER_IS_BETTER
        return (change > 0) == higher

    @property
    def met_target(self) -> bool | None:
        if self.latest is None or self.target is None or self.target.fiscal_year != self.latest.fiscal_year:
            return None
        higher = self.indicator.direction == Indicator.Direction.HIGHER_IS_BETTER
        return self.latest.value >= self.target.value if higher else self.latest.value <= self.target.value


def indicator_summary(indicator: Indicator) -> IndicatorSummary:
    """From the prefetched lists of ``indicators_for_list``: no query."""
    yearly = indicator.yearly_observations
    latest = yearly[-1] if yearly else None
    previous = next((o for o in yearly if latest and o.fiscal_year == latest.fiscal_year - 1), None)
    targets = indicator.target_list
    target = next((t for t in targets if latest and t.fiscal_year == latest.fiscal_year), targets[-1] if targets else None)
    return IndicatorSummary(indicator, latest, previous, target, [o.value for o in yearly])


@dataclass
class PillarGroup:
    """The rows of the list under one pillar (柱) of a plan; ``pillar`` is None for indicators under none."""

    pillar: PlanItem | None
    rows: list[IndicatorSummary]


def pillar_of(indicator: Indicator) -> PlanItem | None:
    """The pillar of the first plan the indicator serves (a measure's parent, or a top-level item itself)."""
    items = indicator.plan_item_list
    return (items[0].parent or items[0]) if items else None


def pillar_place(pillar: PlanItem | None) -> tuple:
    """Where a pillar's group sorts: pillars in their plan's order, the indicators under no pillar last."""
    return (1, 0, 0, 0) if pillar is None else (0, pillar.plan.order, pillar.plan_id, pillar.order)


def group_by_pillar(rows: list[IndicatorSummary]) -> list[PillarGroup]:
    """The rows by pillar, pillars in their plan's order, the rows under no pillar last; no query."""
    groups: dict[int | None, PillarGroup] = {}
    for row in rows:
        pillar = pillar_of(row.indicator)
        groups.setdefault(pillar.pk if pillar else None, PillarGroup(pillar, [])).rows.append(row)
    return sorted(groups.values(), key=lambda group: pillar_place(group.pillar))


def indicator_years(indicator: Indicator) -> list[YearFigure]:
    """Every fiscal year with a figure or a target, in order, from the prefetched lists of ``indicators_for_list``."""
    figures = {o.fiscal_year: o for o in indicator.yearly_observations}
    targets = {t.fiscal_year: t for t in indicator.target_list}
    years, running = [], Decimal(0)
    for year in sorted(figures.keys() | targets.keys()):
        observation = figures.get(year)
        cumulative = None
        if indicator.adds_up and observation is not None:
            running += observation.value
            cumulative = running
        years.append(YearFigure(year, observation, cumulative, targets.get(year)))
    return years


def indicator_months(indicator: Indicator) -> list[Observation]:
    return sorted(indicator.observations.filter(month__isnull=False), key=lambda o: o.period_key)


# --- history ----------------------------------------------------------------------------------------------


def indicator_history(indicator: Indicator) -> list[HistoryEntry]:
    """Every change to the indicator, its observations and its targets, newest first, with what each changed."""
    # Every observation and target row is the indicator's; the sort order only places it in lists.
    hidden = frozenset({"indicator", "sort_order"})
    return history(
        Source(Indicator.history.filter(id=indicator.pk), label=lambda row: row.name_ja, exclude=hidden),
        Source(Observation.history.filter(indicator_id=indicator.pk), label=lambda row: row.instance.period_label,
               exclude=hidden),
        Source(Target.history.filter(indicator_id=indicator.pk), label=lambda row: fiscal_year(row.fiscal_year),
               exclude=hidden),
    )


# --- feed validators -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Validator:
    """What a feed's ETag and Last-Modified come from: the latest change, the row count (which a deletion changes)
    and the sum of the versions (which every edit through a service raises), in one aggregate instead of rendering
    the body."""

    last_modified: datetime.datetime | None
    fingerprint: str

    def etag(self, *variant: str) -> str:
        digest = hashlib.sha256("|".join([self.fingerprint, *variant]).encode()).hexdigest()[:32]
        return f'"{digest}"'


def _validator(*parts: tuple[datetime.datetime | None, int, int]) -> Validator:
    moments = [moment for moment, *_ in parts if moment is not None]
    fingerprint = ";".join(f"{m.isoformat() if m else ''}/{count}/{versions}" for m, count, versions in parts)
    return Validator(max(moments) if moments else None, fingerprint)


def _aggregate(queryset: QuerySet) -> tuple[datetime.datetime | None, int, int]:
    row = queryset.aggregate(latest=Max("updated_at"), count=Count("pk"), versions=Sum("version"))
    return row["latest"], row["count"], row["versions"] or 0


def indicators_validator(*, user) -> Validator:
    return _validator(_aggregate(Indicator.objects.visible_to(user)))


def indicator_validator(indicator: Indicator) -> Validator:
    return _validator((indicator.updated_at, 1, indicator.version), _aggregate(indicator.targets.all()))


def handout_validator(*, user) -> Validator:
    """The handout tables change with the indicators, their figures and the plan's pillars: three aggregates."""
    indicators = Indicator.objects.visible_to(user)
    return _validator(
        _aggregate(indicators), _aggregate(Observation.objects.filter(indicator__in=indicators)), _aggregate(PlanItem.objects)
    )


def observations_validator(indicator: Indicator) -> Validator:
    return _validator((indicator.updated_at, 1, indicator.version), _aggregate(indicator.observations.all()))
