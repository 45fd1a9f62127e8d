"""Every write to indicators, observations and targets; the form views, the API, the CSV import and the admin
call these."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dx_portal.csv_import import HEADER_ROW, ImportResult, RowError, read_rows, too_many_columns, validation_errors
from dx_portal.errors import StaleVersionError
from dx_portal.formatting import plain_decimal
from dx_portal.versioning import lock_at_version, save_audited
from organisation.permissions import may_change_division_record, may_write_findings

from .csv_format import COLUMN_NAMES, REQUIRED_COLUMNS
from .forms import ObservationRowForm
from .models import Indicator, Observation, Plan, PlanItem, Target


def ensure_may_change(actor, indicator: Indicator) -> None:
    if not may_change_division_record(actor, division_id=indicator.division_id):
        raise PermissionDenied(_("この指標を更新する権限がありません。所管所属またはデジタル戦略本部室が登録します。"))


def _current_for_period(model, *, expected_version: int | None, already_recorded: str, **period):
    """The record of a period, locked, ready to be revised; a new one when the period has none.

    A period already recorded is revised only by an edit that names the version it started from.
    """
    if not model.objects.filter(**period).exists():
        return model(**period)
    if expected_version is None:
        raise ValidationError({"fiscal_year": already_recorded})
    current = lock_at_version(model, expected_version=expected_version, **period)
    current.version += 1
    return current


def _full_clean(instance: models.Model, errors: dict | None = None) -> None:
    """Validate the instance, reporting the caller's own ``errors`` together with the model's."""
    errors = dict(errors or {})
    try:
        instance.full_clean()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors[name] = [*errors.get(name, []), *messages]
    if errors:
        raise ValidationError(errors)


def _check_cumulative(observation: Observation) -> None:
    """A cumulative figure never goes down from one period to the next, unless a note says why."""
    if observation.indicator.aggregation != Indicator.Aggregation.CUMULATIVE or observation.note.strip():
        return
    others = sorted(
        Observation.objects.filter(indicator=observation.indicator, month__isnull=observation.month is None)
        .exclude(pk=observation.pk)
        .only("fiscal_year", "month", "value", "note"),
        key=lambda o: o.period_key,
    )
    earlier = [o for o in others if o.period_key < observation.period_key]
    later = [o for o in others if o.period_key > observation.period_key]
    unit = observation.indicator.unit
    if earlier and observation.value < earlier[-1].value:
        neighbour, message = earlier[-1], _("累計値が前の期間（%(period)s: %(value)s%(unit)s）より小さくなっています。")
    elif later and observation.value > later[0].value and not later[0].note.strip():
        neighbour, message = later[0], _("累計値が次の期間（%(period)s: %(value)s%(unit)s）より大きくなっています。")
    else:
        return
    message %= {"period": neighbour.period_label, "value": plain_decimal(neighbour.value), "unit": unit}
    raise ValidationError({"value": message + _("理由を備考に記入すると登録できます。")})


@transaction.atomic
def observation_record(
    *,
    actor,
    indicator: Indicator,
    fiscal_year: int,
    month: int | None = None,
    value: Decimal,
    as_of: datetime.date,
    is_provisional: bool = False,
    is_estimate: bool = False,
    note: str = "",
    source_document: str = "",
    source_meeting_or_survey: str = "",
    source_date: datetime.date | None = None,
    source_page: str = "",
    expected_version: int | None = None,
) -> Observation:
    """Record the figure of a period (a fiscal year, or a month of one): a new observation, or a revision of
    the one there, such as the final figure replacing a provisional one; the history keeps the old one.

    A revision names the version it started from (``expected_version``) and is refused with
    StaleVersionError when someone saved in between.
    """
    ensure_may_change(actor, indicator)
    already = _("この期間の実績値は既に登録されています。値を直す場合は、登録済みの実績値を修正してください。")
    observation = _current_for_period(
        Observation, expected_version=expected_version, already_recorded=already,
        indicator=indicator, fiscal_year=fiscal_year, month=month,
    )
    observation.indicator = indicator
    observation.value = value
    observation.as_of = as_of
    observation.is_provisional = is_provisional
    observation.is_estimate = is_estimate
    observation.note = note
    observation.source_document = source_document
    observation.source_meeting_or_survey = source_meeting_or_survey
    observation.source_date = source_date
    observation.source_page = source_page
    future = as_of and as_of > timezone.localdate()
    _full_clean(observation, {"as_of": [_("時点に未来の日付は指定できません。")]} if future else None)
    _check_cumulative(observation)
    save_audited(observation, actor, validate=False, duplicate={"fiscal_year": already})
    return observation


@transaction.atomic
def target_set(
    *,
    actor,
    indicator: Indicator,
    fiscal_year: int,
    value: Decimal,
    note: str = "",
    expected_version: int | None = None,
) -> Target:
    """Set the target of a fiscal year; changing an existing target names the version it started from."""
    ensure_may_change(actor, indicator)
    already = _("この年度の目標値は既に登録されています。")
    target = _current_for_period(
        Target, expected_version=expected_version, already_recorded=already, indicator=indicator, fiscal_year=fiscal_year
    )
    target.value = value
    target.note = note
    _full_clean(target)
    save_audited(target, actor, validate=False, duplicate={"fiscal_year": already})
    return target


@transaction.atomic
def indicator_save(*, actor, indicator: Indicator, expected_version: int | None = None) -> Indicator:
    """Create an indicator, or save the changes made to one (which name the version they started from)."""
    ensure_may_change(actor, indicator)
    if indicator.pk:
        current = lock_at_version(Indicator, pk=indicator.pk, expected_version=expected_version)
        ensure_may_change(actor, current)
        indicator.version = current.version + 1
    _full_clean(indicator)
    save_audited(indicator, actor, validate=False, duplicate={"code": _("この指標コードは既に使われています。")})
    return indicator


# --- the strategy plans ------------------------------------------------------------------------------------

PLAN_KEEPERS_ONLY = _("計画の柱・施策はデジタル戦略本部室（PMO）が管理します。")


def _ensure_keeps_plans(actor) -> None:
    # The plan is the Digital Strategy Office's own: the office that keeps the portfolio keeps its plan tree.
    if not may_write_findings(actor):
        raise PermissionDenied(PLAN_KEEPERS_ONLY)


@transaction.atomic
def plan_save(*, actor, plan: Plan, expected_version: int | None = None) -> Plan:
    """Create a plan, or save the changes made to one (which name the version they started from)."""
    _ensure_keeps_plans(actor)
    if plan.pk:
        plan.version = lock_at_version(Plan, pk=plan.pk, expected_version=expected_version).version + 1
    save_audited(plan, actor, duplicate={"code": _("この計画コードは既に使われています。")})
    return plan


@transaction.atomic
def plan_item_save(
    *, actor, item: PlanItem, indicators: list[Indicator] | None = None, expected_version: int | None = None
) -> PlanItem:
    """Create a pillar or measure, or save the changes made to one; ``indicators`` (when given) are the indicators
    that measure it, from now on."""
    _ensure_keeps_plans(actor)
    if item.pk:
        item.version = lock_at_version(PlanItem, pk=item.pk, expected_version=expected_version).version + 1
    save_audited(item, actor, duplicate={"code": _("この項目コードは既に使われています。")})
    if indicators is not None:
        item.indicators.set(indicators)
    return item


# --- CSV import ------------------------------------------------------------------------------------------

@transaction.atomic
def observations_import(*, actor, data: bytes, dry_run: bool = False) -> ImportResult:
    """Import observations from a CSV in the columns of the feed, all or nothing.

    Every row is checked (its values, the indicator, the user's right to record it, the rules of
    ``observation_record``) and every rejected row reported; when any row fails nothing is saved. A row for a
    period already recorded replaces its figure (a final figure replacing a provisional one), with history.
    """
    result = ImportResult()
    rows, result.errors = read_rows(data, required=REQUIRED_COLUMNS, known=COLUMN_NAMES)
    codes = {row.get("indicator_code") or "" for row in rows}
    indicators = {i.code: i for i in Indicator.objects.select_related("division").filter(code__in=codes)}
    recorded = Observation.objects.filter(indicator__in=indicators.values()).only("indicator", "fiscal_year", "month", "version")
    versions = {(o.indicator_id, o.fiscal_year, o.month): o.version for o in recorded}
    seen: dict[tuple, int] = {}
    for number, row in enumerate(rows, start=HEADER_ROW + 1):
        errors = _import_row(actor, number, row, indicators, versions, seen, result)
        result.errors.extend(errors)
    if result.errors or dry_run:
        transaction.set_rollback(True)
    return result


def _import_row(actor, number: int, row: dict, indicators: dict, versions: dict, seen: dict, result: ImportResult):
    if errors := too_many_columns(number, row):
        return errors
    form = ObservationRowForm(data={name: (value or "").strip() for name, value in row.items()})
    if not form.is_valid():
        return [RowError(number, name, str(message)) for name, messages in form.errors.items() for message in messages]
    values = form.cleaned_data
    indicator = indicators.get(values.pop("indicator_code"))
    if indicator is None:
        return [RowError(number, "indicator_code", _("この指標コードの指標はありません。"))]
    unit = values.pop("unit")
    if unit != indicator.unit:
        message = _("単位が指標の単位（%(unit)s）と異なります。") % {"unit": indicator.unit}
        return [RowError(number, "unit", message)]
    period = (indicator.pk, values["fiscal_year"], values["month"])
    if period in seen:
        message = _("%(row)s行目と同じ指標・期間の行です。") % {"row": seen[period]}
        return [RowError(number, "fiscal_year", message)]
    seen[period] = number
    try:
        observation = observation_record(actor=actor, indicator=indicator, expected_version=versions.get(period), **values)
    except PermissionDenied as exc:
        return [RowError(number, "indicator_code", str(exc))]
    except StaleVersionError as exc:
        return [RowError(number, "", str(exc))]
    except ValidationError as exc:
        return validation_errors(number, exc)
    if observation.version == 1:
        result.created += 1
    else:
        result.updated += 1
    return []
