"""Template filters for dates in 和暦, fiscal years and yen."""

import datetime

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language

from dx_portal import fiscal

register = template.Library()


def _japanese() -> bool:
    return (get_language() or "ja").startswith("ja")


@register.filter
def wareki(value):
    """令和4年10月4日 in Japanese, 4 Oct 2022 in English; a datetime shows in Tokyo time with hh:mm."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        time = local.strftime("%H:%M")
        return f"{wareki(local.date())} {time}"
    if _japanese():
        return fiscal.wareki_date(value)
    return formats.date_format(value, "j M Y")


@register.filter
def fiscal_year(value):
    """令和4年度 / FY2022, from a fiscal year number."""
    if value in (None, ""):
        return ""
    return fiscal.fiscal_year_name(int(value)) if _japanese() else fiscal.fiscal_year_name_en(int(value))


@register.filter
def yen(value):
    """1,234,567円 / ¥1,234,567 (whole yen)."""
    if value in (None, ""):
        return ""
    amount = f"{int(value):,}"
    return f"{amount}円" if _japanese() else f"¥{amount}"
