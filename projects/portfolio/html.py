"""The page's table cells as HTML, by column kind.

Built here rather than in the template: a template loop over 100 rows × 26 cells took most of the page's
time, and the page must stay fast at 5,000 projects. Every value is escaped by ``html.escape``, which writes the same
five entities as Django's ``escape`` without its wrapper for lazy text: through ``format_html`` a cell took about
5 µs (bench/README.md, "Cells written as strings").
"""

from html import escape

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dx_portal.formatting import japanese, wareki, yen

from .columns import Column, Kind, Labels, PortfolioRow

TREND_ARROWS = {1: "↑", 0: "→", -1: "↓"}


# A project code in the URL reversed once per table; each row's code (a slug: nothing to quote) takes its place.
STAND_IN = "0code0"
LABELLED_KINDS = frozenset({Kind.HEALTH, Kind.STATE, Kind.TREND, Kind.CHOICE})


class CellRenderer:
    """Renders rows in the current language; the language is asked, labels are looked up, and a labelled cell (a
    health, a state, a trend, a phase) built, once per render, not once per cell."""

    def __init__(self):
        none = format_html('<span aria-hidden="true">—</span><span class="visually-hidden">{}</span>', _("なし"))
        self.empty = {True: f'<td class="num">{none}</td>', False: f"<td>{none}</td>"}  # by Column.numeric
        self.stale = format_html('<span aria-hidden="true">⚠</span><span class="visually-hidden">{}</span>', _("報告遅延"))
        self.labels = Labels()
        self.japanese = japanese()
        self.labelled = {}
        self.badges = {}
        self.url = reverse("projects:project-detail", args=[STAND_IN]).partition(STAND_IN)

    def cell(self, column: Column, value, row: PortfolioRow) -> str:
        kind = column.kind
        if kind == Kind.LINK:
            before, _stand_in, after = self.url
            url = escape(f"{before}{row.code}{after}")
            return f'<th scope="row" class="sticky-name"><a href="{url}">{escape(value)}</a>{self.badge(row)}</th>'
        if column.key == "code":
            return f'<td class="sticky-code">{escape(value)}</td>'
        if value is None or value == "":
            return self.empty[column.numeric]
        if kind in LABELLED_KINDS:
            if (kind, value) not in self.labelled:
                self.labelled[kind, value] = self.labelled_cell(kind, value)
            return self.labelled[kind, value]
        if kind == Kind.YEN:
            return f'<td class="num">{escape(yen(value, ja=self.japanese))}</td>'
        if kind == Kind.PERCENT:
            return f'<td class="num">{escape(str(value))}%</td>'
        if kind == Kind.DATE:
            return f'<td class="date">{escape(wareki(value, ja=self.japanese))}</td>'
        if column.key == "days_since_report" and row.stale:
            return f'<td class="num flag">{escape(str(value))} {self.stale}</td>'
        return f'<td class="num">{escape(str(value))}</td>' if column.numeric else f"<td>{escape(str(value))}</td>"

    def badge(self, row: PortfolioRow) -> str:
        """The health beside the name, shown on a narrow screen where the health column is off to the side."""
        health = row.values["health"]
        if health not in self.badges:
            self.badges[health] = format_html(
                ' <span class="badge badge--{} name-health">{}</span>', health, self.labels[health]
            ) if health else ""
        return self.badges[health]

    def labelled_cell(self, kind: Kind, value) -> SafeString:
        if kind == Kind.HEALTH:
            return format_html('<td><span class="badge badge--{}">{}</span></td>', value, self.labels[value])
        if kind == Kind.STATE:
            return format_html('<td><span class="badge badge--state-{}">{}</span></td>', value, self.labels[value])
        if kind == Kind.TREND:
            return format_html(
                '<td class="trend trend--{}"><span aria-hidden="true">{}</span> {}</td>',
                value.name.lower(),
                TREND_ARROWS[value],
                self.labels[value],
            )
        return format_html("<td>{}</td>", self.labels[value])  # Kind.CHOICE

    def row(self, row: PortfolioRow, columns: tuple[Column, ...]) -> SafeString:
        """The row's ``<tr>``, marked when the project's report is overdue."""
        # Each cell is escaped already: joining them keeps them safe.
        cells = "".join(self.cell(column, value, row) for column, value in row.cells_of(columns))
        return mark_safe(f'<tr class="is-stale">{cells}</tr>' if row.stale else f"<tr>{cells}</tr>")  # noqa: S308
