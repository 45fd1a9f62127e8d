"""The observations CSV: one definition of its columns for the feed, the import and the published Table Schema.

A client that downloads ``/api/v1/kpis/<code>/observations/?format=csv`` can send the same file back to the
import, and validate it against ``/api/v1/kpis/observations.schema.json`` (Frictionless Table Schema).
"""

from dataclasses import dataclass, field

from .models import FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, Indicator, Observation

# Excel writes TRUE and FALSE; the feed writes true and false.
TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    title: str
    description: str
    constraints: dict = field(default_factory=dict)

    def as_field(self) -> dict:
        spec = {"name": self.name, "type": self.type, "title": self.title, "description": self.description}
        if self.type == "boolean":
            spec |= {"trueValues": TRUE_VALUES, "falseValues": FALSE_VALUES}
        if self.constraints:
            spec["constraints"] = self.constraints
        return spec


def _max_length(name: str) -> dict:
    # One more than the field holds: the feed puts an apostrophe before text that starts like a formula.
    return {"maxLength": Observation._meta.get_field(name).max_length + 1}


COLUMNS = (
    Column("indicator_code", "string", "指標コード", "Stable code of the indicator, as in /api/v1/kpis/<code>/.",
           {"required": True, "pattern": "[-a-zA-Z0-9_]+"}),
    Column("fiscal_year", "integer", "年度", "Fiscal year (April to March), named by the calendar year it starts in.",
           {"required": True, "minimum": FISCAL_YEAR_MIN, "maximum": FISCAL_YEAR_MAX}),
    Column("month", "integer", "月", "Calendar month within the fiscal year (1 = January of the following year); "
           "empty for the whole fiscal year.", {"minimum": 1, "maximum": 12}),
    Column("value", "number", "値", "The figure, in the unit of the indicator; a percentage lies in 0-100.",
           {"required": True, "minimum": 0}),
    Column("unit", "string", "単位", "Unit of the indicator (% for a percentage).",
           {"required": True, "enum": list(Indicator.Unit.values)}),
    Column("as_of", "date", "時点", "Date the figure refers to (ISO 8601).", {"required": True}),
    Column("is_provisional", "boolean", "速報値", "true for a provisional figure (速報値) that a final one will replace."),
    Column("is_estimate", "boolean", "概数", "true for an approximate figure (約3万2千件)."),
    Column("note", "string", "備考", "Note on the figure, such as why a cumulative figure went down.",
           _max_length("note")),
    Column("source_document", "string", "出典資料", "Document the figure is quoted from.", _max_length("source_document")),
    Column("source_meeting_or_survey", "string", "会議・調査名", "Meeting or survey the document belongs to.",
           _max_length("source_meeting_or_survey")),
    Column("source_date", "date", "出典の日付", "Date of the source document (ISO 8601)."),
    Column("source_page", "string", "掲載ページ", "Page of the source document.", _max_length("source_page")),
)
COLUMN_NAMES = [column.name for column in COLUMNS]
REQUIRED_COLUMNS = [column.name for column in COLUMNS if column.constraints.get("required")]


def table_schema() -> dict:
    """The Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/) of the CSV."""
    return {
        "title": "KPI observations (実績値)",
        "description": "Observations of the KPIs of the Digital Strategy Office, one row per indicator and period.",
        "fields": [column.as_field() for column in COLUMNS],
        "missingValues": [""],
    }



