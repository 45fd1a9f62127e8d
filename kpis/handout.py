"""The KPI tables as the committee handout prints them: fiscal years as columns under their 和暦 names, a row per
indicator (and a 累計 row under those the handout totals), provisional figures marked (速報値), the source beneath;
one table per pillar of the plan.

Shown on /kpis/, in the meeting packs and exported as CSV and Excel (/kpis/table.csv, /kpis/table.xlsx). The
tables are plain values (numbers stay Decimals, years stay numbers), so a page, a PDF and a workbook print the
same figures and a pack can keep them as JSON.
"""

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from dx_portal.exports import Table
from dx_portal.formatting import fiscal_year, wareki

from .models import Indicator, PlanItem
from .selectors import indicators_for_list, pillar_of, pillar_place


@dataclass(frozen=True)
class HandoutRow:
    indicator: str  # the indicator's name
    label: str  # the same, or 累計 under it
    unit: str
    values: list[Decimal | None]  # one per column of the table's years
    provisional: list[bool]
    estimate: list[bool]
    is_total: bool = False


@dataclass
class HandoutTable:
    group: str
    years: list[int]
    rows: list[HandoutRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what each provisional figure counts up to
    sources: list[str] = field(default_factory=list)

    @property
    def year_names(self) -> list[str]:
        return [fiscal_year(year) for year in self.years]


def table_group(indicator: Indicator) -> PlanItem | None:
    """The pillar whose table the indicator sits in: that of the first plan it serves, as /kpis/ groups them
    (None: the table of indicators under no pillar, printed last)."""
    return pillar_of(indicator)


def _group_title(pillar: PlanItem | None) -> str:
    return f"{pillar.plan.name} {pillar.label}" if pillar else _("その他の指標")


def _plain(value: Decimal) -> Decimal:
    """5 and 92.7, not the stored 5.00 and 92.70: the figure as printed, in JSON and CSV too."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _rows(indicator: Indicator, years: list[int]) -> list[HandoutRow]:
    figures = {o.fiscal_year: o for o in indicator.yearly_observations}
    found = [figures.get(year) for year in years]
    rows = [HandoutRow(
        indicator=indicator.name, label=indicator.name, unit=indicator.unit,
        values=[_plain(o.value) if o else None for o in found],
        provisional=[bool(o and o.is_provisional) for o in found],
        estimate=[bool(o and o.is_estimate) for o in found],
    )]
    if indicator.total_row:
        running, totals = Decimal(0), []
        for observation in found:
            running += observation.value if observation else 0
            totals.append(_plain(running) if observation else None)
        rows.append(HandoutRow(
            indicator=indicator.name, label=_("累計"), unit=indicator.unit, values=totals, provisional=rows[0].provisional,
            estimate=rows[0].estimate, is_total=True,
        ))
    return rows


def _notes(indicator: Indicator) -> list[str]:
    return [
        _("%(name)s: %(year)sは%(as_of)s時点の速報値") % {
            "name": indicator.name, "year": fiscal_year(o.fiscal_year), "as_of": wareki(o.as_of)}
        for o in indicator.yearly_observations if o.is_provisional
    ]


def handout_tables(indicators) -> list[HandoutTable]:
    """One table per pillar of ``indicators`` (from ``indicators_for_list``): pillars in their plan's order, the
    indicators under none last, indicators in their own order. No query beyond theirs."""
    groups: dict[int | None, tuple[PlanItem | None, list[Indicator]]] = {}
    for indicator in sorted(indicators, key=lambda indicator: (indicator.sort_order, indicator.code)):
        pillar = table_group(indicator)
        groups.setdefault(pillar.pk if pillar else None, (pillar, []))[1].append(indicator)
    tables = []
    for pillar, members in sorted(groups.values(), key=lambda group: pillar_place(group[0])):
        years = sorted({o.fiscal_year for indicator in members for o in indicator.yearly_observations})
        if not years:
            continue
        table = HandoutTable(group=_group_title(pillar), years=years)
        for indicator in members:
            table.rows += _rows(indicator, years)
            table.notes += _notes(indicator)
            if indicator.source and indicator.source not in table.sources:
                table.sources.append(indicator.source)
        tables.append(table)
    return tables


def serves(indicator: Indicator, pillar: PlanItem) -> bool:
    """The indicator measures the pillar or a measure under it (from the prefetched plan items: no query)."""
    return any(pillar.pk in (item.pk, item.parent_id) for item in indicator.plan_item_list)


def kpi_handout(*, user, pillar: PlanItem | None = None, indicators: list[Indicator] | None = None) -> list[dict]:
    """The handout's tables of every indicator the user may see (those serving ``pillar`` when given), as plain
    values (what pages, packs and exports read, and what an issued pack keeps as JSON). ``indicators``: the
    user's ``indicators_for_list`` when the caller has read them already (no query then)."""
    if indicators is None:
        indicators = indicators_for_list(user=user)
    if pillar is not None:
        indicators = [indicator for indicator in indicators if serves(indicator, pillar)]
    return [{**asdict(table), "year_names": table.year_names} for table in handout_tables(indicators)]


def handout_table_export(tables: list[dict]) -> Table:
    """Every table of ``kpi_handout`` as one sheet (or CSV): a line per row, the fiscal years of all tables as
    columns, numbers as numbers; which figures are provisional and the source at the end of each line."""
    years = sorted({year for table in tables for year in table["years"]})
    header = [_("区分"), _("指標"), _("単位"), *(fiscal_year(year) for year in years), _("速報値"), _("出典")]
    rows = []
    for table in tables:
        for row in table["rows"]:
            values = dict(zip(table["years"], row["values"], strict=True))
            provisional = {year for year, flag in zip(table["years"], row["provisional"], strict=True) if flag}
            label = f"{row['indicator']} {row['label']}" if row["is_total"] else row["label"]
            rows.append([
                table["group"], label, row["unit"], *(values.get(year) for year in years),
                "、".join(fiscal_year(year) for year in years if year in provisional), "；".join(table["sources"]),
            ])
    return Table(
        title=_("KPI"), header=header, rows=rows, widths=[18, 36, 6, *[12] * len(years), 14, 40], freeze_panes="D2"
    )
