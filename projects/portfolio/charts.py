"""The portfolio's two charts, drawn by the shared SVG helpers (dx_portal.charts), each with its table."""

from django.utils.translation import gettext as _

from dx_portal import charts
from dx_portal.formatting import local_name, month, month_of_year

from .selectors import HEALTH_LABELS, UNREPORTED, MonthHealth, PortfolioSummary

# Colour is never the only cue: each health also has its own fill pattern, and the legend names it.
_LOOK = {
    "green": (charts.GREEN, "solid"),
    "yellow": (charts.YELLOW, "hatch"),
    "red": (charts.RED, "cross"),
    UNREPORTED: (charts.GREY, "dots"),
}


def _segments(keys) -> list[charts.Segment]:
    return [charts.Segment(key, str(HEALTH_LABELS[key]), *_LOOK[key]) for key in keys]


def health_by_bureau_chart(summary: PortfolioSummary) -> charts.Chart:
    keys = list(_LOOK)
    return charts.stacked_bar_chart(
        title=_("局別の健全度"),
        groups=[local_name(bureau) for bureau in summary.by_bureau],
        segments=_segments(keys),
        counts=[[bureau.by_health[key] for key in keys] for bureau in summary.by_bureau],
        group_header=_("局"),
    )


def health_history_chart(history: list[MonthHealth]) -> charts.Chart:
    """Per month, the projects by the health of their latest report as of the month's end (or today)."""
    keys = [key for key in _LOOK if key != UNREPORTED]
    return charts.stacked_bar_chart(
        title=_("健全度の推移（%(first)s〜%(last)s、各月末時点の最新報告）")
        % {"first": month(history[0].month), "last": month(history[-1].month)},
        # Twelve consecutive months never repeat a month number; the title names the years.
        groups=[month_of_year(row.month) for row in history],
        segments=_segments(keys),
        counts=[[row.by_health[key] for key in keys] for row in history],
        group_header=_("月"),
        orientation="vertical",
    )
