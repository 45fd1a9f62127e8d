"""Figures of indicators with their unit: 92.7%, 約32,000件, +5.9ポイント."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dx_portal import formatting
from dx_portal.charts import format_number

from ..models import Indicator

register = template.Library()


def unit_label(unit: str) -> str:
    """件 in Japanese, written right after the number; " items" in English, after a space (but 92.7%)."""
    if unit == Indicator.Unit.PERCENT or (get_language() or "ja").startswith("ja"):
        return unit
    return f" {Indicator.Unit(unit).label}"


@register.filter
def kpi_amount(value, unit: str):
    """A number with its unit: 141,162件, 92.7%."""
    if value in (None, ""):
        return ""
    return f"{format_number(value)}{unit_label(unit)}"


@register.filter
def kpi_value(record):
    """An observation or a target with its indicator's unit, 約 before an estimate."""
    if record is None:
        return ""
    text = kpi_amount(record.value, record.indicator.unit)
    return _("約%(value)s") % {"value": text} if getattr(record, "is_estimate", False) else text


@register.filter
def kpi_change(value, unit: str):
    """A signed difference: +16業務, −2件; a difference of percentages is in points (+5.9ポイント)."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    suffix = _("ポイント") if unit == Indicator.Unit.PERCENT else unit_label(unit)
    return f"{sign}{format_number(abs(value))}{suffix}"


# 平成31年度・令和元年度 for FY2019 (one name where the era did not change), FY2019 in English.
register.filter("fiscal_year_all_names", formatting.fiscal_year_all_names)


@register.filter
def handout_cells(row: dict) -> list[dict]:
    """The cells of a row of a handout table (kpis.handout): each figure as printed, and its marks."""
    return [
        {"text": format_number(value) if value is not None else "—", "provisional": provisional, "estimate": estimate}
        for value, provisional, estimate in zip(row["values"], row["provisional"], row["estimate"], strict=True)
    ]
