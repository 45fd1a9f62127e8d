"""Examples of the KPI feeds in the OpenAPI schema (what a client reads, field for field)."""

from drf_spectacular.utils import OpenApiExample

INDICATOR = {
    "code": "e-approval-rate",
    "name_ja": "電子決裁率",
    "name_en": "Share of approvals made electronically",
    "unit": "%",
    "aggregation": "ratio",
    "direction": "higher_is_better",
    "division": {"code": "digital-strategy", "name": "デジタル戦略課", "name_en": "Digital Strategy Division"},
    "source": "次世代育成・デジタル戦略推進特別委員会資料",
    "licence": "CC BY 4.0",
    "is_public": True,
    "description": "",
    "updated_at": "2022-05-31T10:00:00+09:00",
    "links": {
        "self": "https://dx.example.lg.jp/api/v1/kpis/e-approval-rate/",
        "observations": "https://dx.example.lg.jp/api/v1/kpis/e-approval-rate/observations/",
        "observations_csv": "https://dx.example.lg.jp/api/v1/kpis/e-approval-rate/observations/?format=csv",
        "table_schema": "https://dx.example.lg.jp/api/v1/kpis/observations.schema.json",
        "page": "https://dx.example.lg.jp/kpis/e-approval-rate/",
    },
}

OBSERVATION = {
    "indicator_code": "e-approval-rate",
    "fiscal_year": 2021,
    "month": None,
    "value": "92.7",
    "unit": "%",
    "as_of": "2022-03-31",
    "is_provisional": False,
    "is_estimate": False,
    "note": "",
    "source_document": "デジタル戦略の推進について",
    "source_meeting_or_survey": "次世代育成・デジタル戦略推進特別委員会",
    "source_date": "2022-05-31",
    "source_page": "3",
    "period_start": "2021-04-01",
    "period_end": "2022-03-31",
    "version": 1,
    "updated_at": "2022-05-31T10:00:00+09:00",
}

INDICATORS = [OpenApiExample("e-approval-rate", value=INDICATOR, response_only=True)]
OBSERVATIONS = [OpenApiExample("FY2021", value=OBSERVATION, response_only=True)]
