"""How the portal shows values to people: dates in 和暦 (or English), fiscal years, yen and person names.

Selectors, templates (through the ``dx`` template library) and exports all import from here, so a value
reads the same on a page, in a table and in a file.
"""

import datetime

from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dx_portal import fiscal


def japanese() -> bool:
    return (get_language() or "ja").startswith("ja")


def wareki(value) -> str:
    """令和4年10月4日 in Japanese, 4 Oct 2022 in English; a datetime shows in Tokyo time with hh:mm."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return f"{wareki(local.date())} {local:%H:%M}"
    if japanese():
        return fiscal.wareki_date(value)
    return formats.date_format(value, "j M Y")


def fiscal_year(value) -> str:
    """令和4年度 / FY2022, from a fiscal year number."""
    if value in (None, ""):
        return ""
    return fiscal.fiscal_year_name(int(value)) if japanese() else fiscal.fiscal_year_name_en(int(value))


def yen(value) -> str:
    """1,234,567円 / ¥1,234,567 (whole yen)."""
    if value in (None, ""):
        return ""
    amount = f"{int(value):,}"
    return f"{amount}円" if japanese() else f"¥{amount}"


def person_name(user) -> str:
    """A user's name as Japanese writes it, family name first; the username when no name is set."""
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


def field_value(record, field) -> str:
    """A record's stored value of a model field as pages show it ('' when empty): choice labels, related records,
    yes or no, dates in 和暦, yen."""
    value = getattr(record, field.attname)
    if value in (None, ""):
        return ""
    if isinstance(value, bool):
        return _("はい") if value else _("いいえ")
    if field.many_to_one:
        return str(getattr(record, field.name))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return wareki(value)
    if field.name.endswith("_yen"):
        return yen(value)
    return str(value)
