"""The portfolio table: one column definition and one row builder for the page, the CSV and the Excel file."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dx_portal.formatting import in_language, japanese
from projects.models import (
    NO_OPEN_RECORDS,
    Health,
    Project,
    ReportState,
    days_since_report_on,
    report_state_on,
    slippage_on,
)

from .selectors import Trend


class Kind(StrEnum):
    """How a cell's value is shown: the page, the CSV and the Excel writer each switch on this."""

    TEXT = "text"
    LINK = "link"  # the project's name, linking to its page
    CHOICE = "choice"  # a TextChoices/IntegerChoices member: shown by its label
    HEALTH = "health"  # a Health member, shown as a badge
    TREND = "trend"
    STATE = "state"  # a ReportState member
    PERCENT = "percent"
    YEN = "yen"
    DATE = "date"
    NUMBER = "number"


NUMERIC_KINDS = frozenset({Kind.PERCENT, Kind.YEN, Kind.NUMBER})


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    kind: Kind
    sortable: bool = False  # sorts by ``ordering=<key>`` (projects.filtersets.PROJECT_ORDERINGS)
    width: int = 10  # in the Excel file, in characters

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


COLUMNS = (
    Column("code", _("案件コード"), Kind.TEXT, sortable=True, width=14),
    Column("name", _("案件名"), Kind.LINK, sortable=True, width=40),
    Column("bureau", _("局"), Kind.TEXT, sortable=True, width=16),
    Column("division", _("所属"), Kind.TEXT, width=22),
    Column("phase", _("フェーズ"), Kind.CHOICE, sortable=True, width=12),
    Column("health", _("健全度"), Kind.HEALTH, sortable=True, width=8),
    Column("pmo_health", _("PMO評価"), Kind.HEALTH, width=8),
    Column("unreviewed", _("PMO確認"), Kind.TEXT, width=10),
    Column("schedule_health", _("スケジュール"), Kind.HEALTH, width=12),
    Column("cost_health", _("コスト"), Kind.HEALTH, width=8),
    Column("scope_health", _("スコープ"), Kind.HEALTH, width=8),
    Column("quality_health", _("品質"), Kind.HEALTH, width=8),
    Column("trend", _("前回比"), Kind.TREND, width=8),
    Column("planned_progress", _("計画進捗率（%）"), Kind.PERCENT, width=14),
    Column("actual_progress", _("実績進捗率（%）"), Kind.PERCENT, sortable=True, width=14),
    Column("budget_yen", _("予算額（円）"), Kind.YEN, sortable=True, width=16),
    Column("actual_cost_yen", _("執行額（円）"), Kind.YEN, sortable=True, width=16),
    Column("last_reported_on", _("最終報告基準日"), Kind.DATE, width=18),
    Column("days_since_report", _("報告からの日数"), Kind.NUMBER, sortable=True, width=14),
    Column("report_state", _("報告状況"), Kind.STATE, width=12),
    Column("contact", _("督促の連絡先"), Kind.TEXT, width=12),
    Column("issues_critical", _("未解決課題（重大）"), Kind.NUMBER, width=18),
    Column("issues_high", _("未解決課題（高）"), Kind.NUMBER, width=16),
    Column("issues_medium", _("未解決課題（中）"), Kind.NUMBER, width=16),
    Column("issues_low", _("未解決課題（低）"), Kind.NUMBER, width=16),
    Column("findings_awaiting", _("回答待ちの指摘"), Kind.NUMBER, width=14),
    Column("next_milestone", _("次のマイルストーン"), Kind.TEXT, width=28),
    Column("next_milestone_on", _("計画日"), Kind.DATE, width=18),
    Column("next_milestone_slippage", _("遅延日数"), Kind.NUMBER, width=10),
)


# Always on the page, and sticky at the table's left edge while it scrolls sideways.
ALWAYS_SHOWN = frozenset({"code", "name"})
# The page's columns until the person chooses (``cols=``): what the CIO and PMO look at first.
DEFAULT_COLUMNS = (
    "code", "name", "bureau", "phase", "health", "pmo_health", "unreviewed", "trend", "actual_progress", "budget_yen",
    "days_since_report", "report_state", "issues_critical", "findings_awaiting", "next_milestone_slippage",
)


def chosen_columns(values: list[str], *, default: tuple[str, ...] | None = DEFAULT_COLUMNS) -> tuple[Column, ...]:
    """The columns ``cols=`` names (repeated, or comma-separated; ``all`` for every one), in the table's order, the
    code and name always; ``default`` (every column when None) when it names none we know."""
    keys = {key.strip() for value in values for key in value.split(",")}
    if "all" in keys:
        return COLUMNS
    if not keys & {column.key for column in COLUMNS}:
        keys = set(default) if default is not None else {column.key for column in COLUMNS}
    return tuple(column for column in COLUMNS if column.key in keys or column.key in ALWAYS_SHOWN)


class Labels(dict):
    """Choice labels in the current language, each translated once: a lazy label costs a gettext at every use.

    Keyed by the choice member; the portfolio's choices (health, phase, report state, trend) share no value.
    """

    def __missing__(self, member) -> str:
        label = self[member] = str(member.label)
        return label


@dataclass(frozen=True)
class PortfolioRow:
    code: str
    stale: bool  # flagged on the page: overdue or escalated
    values: dict[str, object]

    @property
    def cells(self) -> list[tuple[Column, object]]:
        return self.cells_of(COLUMNS)

    def cells_of(self, columns: tuple[Column, ...]) -> list[tuple[Column, object]]:
        return [(column, self.values[column.key]) for column in columns]


REPORT_HEALTHS = ("schedule_health", "cost_health", "scope_health", "quality_health")


def _health(value: str | None) -> Health | None:
    return Health(value) if value else None


class TableLanguage:
    """The current language as a table's rows need it, asked once per table, not once per row: whether it is Japanese,
    and the flag texts translated."""

    def __init__(self):
        self.japanese = japanese()
        self.unreviewed = str(_("未確認"))
        self.no_contact = str(_("連絡先なし"))


def portfolio_row(row: dict, *, today: datetime.date, language: TableLanguage | None = None) -> PortfolioRow:
    """One row from a row of ``selectors.portfolio_rows`` (no query: everything is joined or annotated)."""
    language = language or TableLanguage()
    ja = language.japanese
    state = report_state_on(today, row["report_due_on"], row["report_overdue_on"], row["report_escalate_on"])
    # The next milestone is one not reached yet: no actual date.
    planned_on = row["next_milestone_planned_on"]
    slippage = slippage_on(today, planned_on, row["next_milestone_forecast_on"], None) if planned_on else None
    values = {
        "code": row["code"],
        "name": in_language(row["name"], row["name_en"], ja=ja),
        "bureau": in_language(row["division__bureau__name"], row["division__bureau__name_en"], ja=ja),
        "division": in_language(row["division__name"], row["division__name_en"], ja=ja),
        "phase": Project.Phase(row["phase"]),
        "health": _health(row["health"]),
        "pmo_health": _health(row["pmo_health"]),
        "unreviewed": language.unreviewed if row["health_unreviewed"] else "",
        # The latest report's columns are None for a project with no report yet.
        **{name: _health(row[f"latest_report__{name}"]) for name in REPORT_HEALTHS},
        "trend": Trend(row["trend"]) if row["trend"] is not None else None,
        "planned_progress": row["latest_report__planned_progress"],
        "actual_progress": row["latest_report__actual_progress"],
        "budget_yen": row["budget_yen"],
        "actual_cost_yen": row["actual_cost_yen"],
        "last_reported_on": row["last_reported_on"],
        "days_since_report": days_since_report_on(today, row["last_reported_on"]),
        "report_state": state,
        "contact": "" if row["division_reachable"] else language.no_contact,
        **{name: row[name] for name in NO_OPEN_RECORDS},
        "next_milestone": row["next_milestone_name"] or "",
        "next_milestone_on": planned_on,
        "next_milestone_slippage": slippage,
    }
    return PortfolioRow(code=row["code"], stale=state in (ReportState.OVERDUE, ReportState.ESCALATED), values=values)
