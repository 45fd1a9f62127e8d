"""Indicators of the digital strategy, their observations per fiscal year and their targets."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dx_portal import fiscal
from dx_portal.formatting import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, local_name
from dx_portal.validators import DATE_VALIDATORS, FISCAL_YEAR_VALIDATORS
from dx_portal.versioned_cache import VersionedQuerySet
from dx_portal.versioning import VersionedRecord
from organisation.permissions import may_view_unpublished_kpis

# Fiscal years the portal can hold: those it shows in 和暦 (the source goes back to FY2015).
FISCAL_YEAR_MIN = FIRST_FISCAL_YEAR
FISCAL_YEAR_MAX = LAST_FISCAL_YEAR
VALUE_MAX_DIGITS = 15
VALUE_DECIMAL_PLACES = 2
PERCENT_MAX = Decimal(100)
# Paths under /kpis/ that are not indicators.
RESERVED_CODES = {"import"}

MONTH_CHOICES = [(month, MONTHS[month]) for month in fiscal.FISCAL_MONTHS]


class IndicatorQuerySet(VersionedQuerySet):
    def visible_to(self, user):
        """Public indicators (open data) for everyone, anonymous visitors included; the rest for logged-in users
        (staff, and REST clients whose token has the kpi:read scope)."""
        return self if may_view_unpublished_kpis(user) else self.filter(is_public=True)


class Indicator(VersionedRecord):
    """A KPI (指標) of the digital strategy, owned by a division and published when public."""

    class Unit(models.TextChoices):
        CASES = "件", _("件")
        PERCENT = "%", _("%")
        PEOPLE = "人", _("人")
        DEVICES = "台", _("台")
        PROCEDURES = "手続", _("手続")
        FORMS = "帳票", _("帳票")
        TASKS = "業務", _("業務")
        FACILITIES = "施設", _("施設")

    class Aggregation(models.TextChoices):
        NEW_IN_PERIOD = "new_in_period", _("期間中の新規")
        CUMULATIVE = "cumulative", _("累計")
        SNAPSHOT = "snapshot", _("時点の値")
        RATIO = "ratio", _("割合")

    class Direction(models.TextChoices):
        HIGHER_IS_BETTER = "higher_is_better", _("高いほど良い")
        LOWER_IS_BETTER = "lower_is_better", _("低いほど良い")

    code = models.SlugField(_("指標コード"), max_length=60, unique=True)
    name_ja = models.CharField(_("指標名"), max_length=200)
    name_en = models.CharField(_("英語名"), max_length=200)
    unit = models.CharField(_("単位"), max_length=4, choices=Unit.choices)
    aggregation = models.CharField(_("集計方法"), max_length=20, choices=Aggregation.choices)
    direction = models.CharField(
        _("評価の方向"), max_length=20, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    division = models.ForeignKey(
        "organisation.Division", on_delete=models.PROTECT, related_name="indicators", verbose_name=_("所管所属")
    )
    source = models.CharField(_("出典"), max_length=300, blank=True)
    licence = models.CharField(_("利用条件（ライセンス）"), max_length=100, default="CC BY 4.0")
    is_public = models.BooleanField(_("公開（オープンデータ）"), default=True)
    description = models.TextField(_("説明"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    # The handout prints a 累計 row under the yearly figures of some new-in-period indicators (RPA), not all.
    total_row = models.BooleanField(
        _("累計行を表示"), default=False, help_text=_("資料の表で、年度ごとの値の下に累計の行を付けます。")
    )


    history = HistoricalRecords()
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("指標")
        verbose_name_plural = _("指標")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name_ja

    @property
    def name(self) -> str:
        """The name in the language of the request."""
        return local_name(self)

    @property
    def is_percentage(self) -> bool:
        return self.unit == self.Unit.PERCENT

    @property
    def adds_up(self) -> bool:
        """New-in-period figures add up to a running total (shown as 累計 beside them)."""
        return self.aggregation == self.Aggregation.NEW_IN_PERIOD

    def clean(self):
        if self.code in RESERVED_CODES:
            raise ValidationError({"code": _("このコードはページのURLに使われているため指定できません。")})

    def value_error(self, value: Decimal | None) -> str | None:
        """What is wrong with a value in this indicator's unit (a percentage lies in 0-100), or None."""
        if value is not None and self.is_percentage and value > PERCENT_MAX:
            return _("割合（%）は0から100の範囲で入力してください。")
        return None


class Observation(VersionedRecord):
    """A figure (実績値) of an indicator for a fiscal year, or for one month of it, with its source."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations", verbose_name=_("指標"))
    fiscal_year = models.PositiveSmallIntegerField(
        _("年度"), validators=FISCAL_YEAR_VALIDATORS, help_text=_("西暦の年度（例: 2022 = 令和4年度）")
    )
    # Null for the whole fiscal year; else a calendar month within it (1 = January of the year after it starts).
    month = models.PositiveSmallIntegerField(
        _("月"), null=True, blank=True, choices=MONTH_CHOICES, help_text=_("空欄は年度全体の値")
    )
    value = models.DecimalField(
        _("値"), max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES, validators=[MinValueValidator(0)]
    )
    as_of = models.DateField(
        _("時点"), help_text=_("値の基準日（例: 年度途中の速報値なら集計した日）"), validators=DATE_VALIDATORS
    )
    is_provisional = models.BooleanField(_("速報値"), default=False)
    is_estimate = models.BooleanField(_("概数（約）"), default=False, help_text=_("「約3万2千件」のような概数"))
    note = models.CharField(_("備考"), max_length=300, blank=True)
    source_document = models.CharField(_("出典資料"), max_length=300, blank=True)
    source_meeting_or_survey = models.CharField(_("会議・調査名"), max_length=300, blank=True)
    source_date = models.DateField(_("出典の日付"), null=True, blank=True, validators=DATE_VALIDATORS)
    source_page = models.CharField(_("掲載ページ"), max_length=20, blank=True)


    history = HistoricalRecords()
    objects = VersionedQuerySet.as_manager()

    class Meta:
        verbose_name = _("実績値")
        verbose_name_plural = _("実績値")
        ordering = ["indicator", "fiscal_year", "month"]
        constraints = [
            # NULL never equals NULL in a unique index, so the whole-year period needs its own constraint.
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"],
                condition=Q(month__isnull=True),
                name="observation_one_per_fiscal_year",
                violation_error_message=_("この指標のこの年度の実績値は既に登録されています。"),
            ),
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year", "month"],
                condition=Q(month__isnull=False),
                name="observation_one_per_month",
                violation_error_message=_("この指標のこの月の実績値は既に登録されています。"),
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12), name="observation_month_1_to_12"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="observation_value_not_negative"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=FISCAL_YEAR_MIN, fiscal_year__lte=FISCAL_YEAR_MAX),
                name="observation_fiscal_year_range",
            ),
        ]
        indexes = [
            # The observations feed: one indicator, a range of fiscal years, in period order.
            models.Index(fields=["indicator", "fiscal_year", "month"], name="observation_feed_idx"),
            # The feed's ETag and Last-Modified: the latest change among one indicator's observations.
            models.Index(fields=["indicator", "updated_at"], name="observation_changed_idx"),
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.period_label}"

    @property
    def period_start(self) -> datetime.date:
        if self.month is None:
            return fiscal.fiscal_year_start(self.fiscal_year)
        return fiscal.fiscal_month_start(self.fiscal_year, self.month)

    @property
    def period_end(self) -> datetime.date:
        if self.month is None:
            return fiscal.fiscal_year_end(self.fiscal_year)
        return fiscal.fiscal_month_end(self.fiscal_year, self.month)

    @property
    def period_label(self) -> str:
        """令和4年度, or 令和4年度 1月 for January 2023; FY2022 and FY2022 January in English."""
        english = (get_language() or "ja").startswith("en")
        name = fiscal.fiscal_year_name_en(self.fiscal_year) if english else fiscal.fiscal_year_name(self.fiscal_year)
        return name if self.month is None else f"{name} {MONTHS[self.month]}"

    @property
    def period_key(self) -> tuple[int, int]:
        """Sorts periods in time order: months of a fiscal year run April to March."""
        return self.fiscal_year, -1 if self.month is None else fiscal.fiscal_month_index(self.month)

    def clean(self):
        errors = {}
        if self.indicator_id is not None and (message := self.indicator.value_error(self.value)):
            errors["value"] = [message]
        if self.as_of and self.fiscal_year and FISCAL_YEAR_MIN <= self.fiscal_year <= FISCAL_YEAR_MAX:
            if self.month is None or 1 <= self.month <= 12:
                if self.as_of < self.period_start:
                    errors["as_of"] = [_("時点は対象期間の開始日以降の日付にしてください。")]
        if errors:
            raise ValidationError(errors)


class Target(VersionedRecord):
    """The target value (目標値) of an indicator for a fiscal year, such as an e-approval rate of 100%."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("指標"))
    fiscal_year = models.PositiveSmallIntegerField(
        _("年度"), validators=FISCAL_YEAR_VALIDATORS, help_text=_("西暦の年度（例: 2022 = 令和4年度）")
    )
    value = models.DecimalField(
        _("目標値"), max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("備考"), max_length=300, blank=True)


    history = HistoricalRecords()
    objects = VersionedQuerySet.as_manager()

    class Meta:
        verbose_name = _("目標値")
        verbose_name_plural = _("目標値")
        ordering = ["indicator", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "fiscal_year"], name="target_one_per_fiscal_year"),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator_id} {fiscal.fiscal_year_name(self.fiscal_year)}"

    def clean(self):
        if self.indicator_id is not None and (message := self.indicator.value_error(self.value)):
            raise ValidationError({"value": message})


class Plan(VersionedRecord):
    """A strategy plan the KPIs and projects serve: the prefecture's かながわICT・データ利活用推進計画, or the
    national 自治体DX推進計画 whose focus areas (重点取組事項) every municipality works on."""

    code = models.SlugField(_("計画コード"), max_length=40, unique=True)
    name = models.CharField(_("計画名"), max_length=200)
    issuer = models.CharField(_("策定者"), max_length=100)
    period = models.CharField(_("計画期間"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("計画")
        verbose_name_plural = _("計画")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class PlanItem(VersionedRecord):
    """A pillar (柱) of a plan, or a measure (施策・重点取組事項) under a pillar or directly under the plan.

    Two levels at most: 柱Ⅰ くらしの情報化 holds ① to ③. Indicators are linked here; projects link to the items
    from their side (projects sit above kpis)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items", verbose_name=_("計画"))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("柱")
    )
    code = models.SlugField(_("項目コード"), max_length=60, unique=True)
    number = models.CharField(_("番号"), max_length=10, help_text=_("柱Ⅰ、① など資料の表記"))
    title = models.CharField(_("名称"), max_length=200)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="plan_items", verbose_name=_("指標"))
    history = HistoricalRecords(m2m_fields=[indicators])
    objects = VersionedQuerySet.as_manager()

    class Meta:
        verbose_name = _("計画の柱・施策")
        verbose_name_plural = _("計画の柱・施策")
        ordering = ["plan__order", "order", "pk"]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}"

    def clean(self):
        if self.parent_id is None:
            return
        if self.parent.parent_id is not None:
            raise ValidationError({"parent": _("柱の下の施策の下には項目を置けません（2階層まで）。")})
        if self.plan_id is not None and self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("同じ計画の柱を選択してください。")})
        if self.pk is not None and self.children.exists():
            raise ValidationError({"parent": _("施策を持つ柱は、他の柱の下に置けません。")})
