"""How the portal shows values to people: dates in 和暦 (or English), fiscal years, yen and person names.

Selectors, templates (through the ``dx`` template library) and exports all import from here, so a value
reads the same on a page, in a table and in a file. Every function here is total: whatever a table holds,
old rows and history rows included, it gives a string and never raises.
"""

import datetime

from django.utils import formats, timezone
from django.utils.translation import get_language

from dx_portal import fiscal

# The dates the portal shows in 和暦: Heisei onwards, to a horizon no plan reaches. dx_portal.validators keeps
# stored dates inside them; a date outside (written before they were bounded) shows in ISO 8601.
FIRST_DATE = datetime.date(1989, 1, 8)
LAST_DATE = datetime.date(2100, 12, 31)
FIRST_FISCAL_YEAR = fiscal.fiscal_year_of(FIRST_DATE) + 1
LAST_FISCAL_YEAR = LAST_DATE.year


def japanese() -> bool:
    """Whether the active language is Japanese. Asking takes about 3 µs, more than formatting a value: a table of many
    rows asks once and hands the answer to ``wareki``, ``in_language`` and ``yen`` as ``ja``."""
    return (get_language() or "ja").startswith("ja")


def _japanese(ja: bool | None) -> bool:
    return japanese() if ja is None else ja


def wareki(value, *, ja: bool | None = None) -> str:
    """令和4年10月4日 in Japanese, 4 Oct 2022 in English (``ja``: the language, when the caller knows it); a datetime
    shows in Tokyo time with hh:mm."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        try:
            local = timezone.localtime(value) if timezone.is_aware(value) else value
        except OverflowError:  # 9999-12-31 23:59 UTC has no Tokyo time
            return value.isoformat(sep=" ", timespec="minutes")
        return f"{wareki(local.date(), ja=ja)} {local:%H:%M}"
    if not isinstance(value, datetime.date):
        return str(value)
    if not FIRST_DATE <= value <= LAST_DATE:
        return value.isoformat()
    if _japanese(ja):
        return fiscal.wareki_date(value)
    return formats.date_format(value, "j M Y")


def fiscal_year(value) -> str:
    """令和4年度 / FY2022, from a fiscal year number."""
    if value in (None, ""):
        return ""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return str(value)
    if not japanese():
        return fiscal.fiscal_year_name_en(year)
    return fiscal.fiscal_year_name(year) if FIRST_FISCAL_YEAR <= year <= LAST_FISCAL_YEAR else f"{year}年度"


def fiscal_year_all_names(value) -> str:
    """平成31年度・令和元年度 for FY2019, where the era changed during the year (one name otherwise); FY2019 in English."""
    if value in (None, ""):
        return ""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return str(value)
    if not japanese():
        return fiscal.fiscal_year_name_en(year)
    if not FIRST_FISCAL_YEAR <= year <= LAST_FISCAL_YEAR:
        return f"{year}年度"
    return "・".join(fiscal.fiscal_year_names(year))


def fiscal_year_short(value) -> str:
    """R4 for FY2022 (as chart axes abbreviate) in Japanese, FY2022 in English."""
    year = int(value)
    if not japanese() or not FIRST_FISCAL_YEAR <= year <= LAST_FISCAL_YEAR:
        return fiscal.fiscal_year_name_en(year)
    return fiscal.fiscal_year_short_name(year)


def month(value) -> str:
    """令和4年10月 in Japanese, Oct 2022 in English, for a date in the month."""
    if not value:
        return ""
    if not FIRST_DATE <= value <= LAST_DATE:
        return f"{value:%Y-%m}"
    return fiscal.wareki_month(value) if japanese() else formats.date_format(value, "M Y")


def month_of_year(value) -> str:
    """10月 in Japanese, Oct in English: a month where the year is said elsewhere (a chart's title)."""
    if not value:
        return ""
    return f"{value.month}月" if japanese() else formats.date_format(value, "M")


def local_name(record) -> str:
    """A record's name in the language of the request: its English name (``name_en``) on an English page
    where it has one, else its Japanese name (``name_ja`` or ``name``)."""
    if record is None:
        return ""
    japanese_name = getattr(record, "name_ja", None) or getattr(record, "name", None) or str(record)
    return in_language(japanese_name, getattr(record, "name_en", ""))


def in_language(japanese_text: str, english_text: str, *, ja: bool | None = None) -> str:
    """The English text on an English page where there is one, else the Japanese (``local_name`` of a row read as
    values)."""
    return english_text if english_text and not _japanese(ja) else japanese_text


def yen(value, *, ja: bool | None = None) -> str:
    """1,234,567円 / ¥1,234,567 (whole yen)."""
    if value in (None, ""):
        return ""
    try:
        amount = f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)
    return f"{amount}円" if _japanese(ja) else f"¥{amount}"


def plain_decimal(value) -> str:
    """92.7, 141162: plain digits, no exponent and no trailing zeros (decimal columns store two places)."""
    try:
        text = format(value, "f")
    except (TypeError, ValueError):
        return "" if value is None else str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def person_name(user) -> str:
    """A user's name as Japanese writes it, family name first; the username when no name is set."""
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()
