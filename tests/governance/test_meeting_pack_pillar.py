"""A pack for one pillar of the plan (``?pillar=<code>``): the page, pack.pdf and pack.xlsx show that pillar's
projects and KPI tables only; the chooser sits on the page and issuing still issues the whole pack."""

import io

import pytest
from openpyxl import load_workbook

from governance.models import IssuedPack
from kpis.models import PlanItem
from projects.models import Project
from projects.selectors import in_pillar
from tests.governance.pdf_helpers import needs_pdf, pdf_text
from tests.governance.test_meeting_pack import agenda_projects, demo, demo_client  # noqa: F401

pytestmark = pytest.mark.django_db
LIVES = "かながわICT・データ利活用推進計画 柱Ⅰ くらしの情報化"
OFFICE = "かながわICT・データ利活用推進計画 柱Ⅱ 行政の情報化"


def test_the_page_limits_the_pack_to_the_pillar_chosen(client, demo):  # noqa: F811
    url = f"/governance/committee/{demo.number}/pack/"
    whole = demo_client(client, "cio").get(url).content.decode()
    assert LIVES in whole and OFFICE in whole  # a KPI table per pillar
    assert '<select name="pillar"' in whole  # the chooser, on screen only (.pack-tools)
    html = client.get(url, {"pillar": "kanagawa-ict-2"}).content.decode()
    assert f"<dd>{OFFICE}</dd>" in html  # the cover says which pillar
    assert "電子決裁率（全庁平均）" in html and "電子申請・届出件数" not in html
    # Only the pillar's projects are left in the exceptions and the agenda's projects.
    shown = lambda page: {p.code for p in Project.objects.all() if f">{p.code}" in page or f"{p.code} " in page}  # noqa: E731
    ours = set(in_pillar(Project.objects.all(), PlanItem.objects.get(code="kanagawa-ict-2")).values_list("code", flat=True))
    assert shown(whole) - ours and shown(html) and shown(html) <= ours
    # The downloads keep the pillar.
    assert "pack.xlsx?pillar=kanagawa-ict-2" in html and "pack.pdf?pillar=kanagawa-ict-2" in html


def test_an_unknown_pillar_is_not_found(client, demo):  # noqa: F811
    assert demo_client(client, "cio").get(f"/governance/committee/{demo.number}/pack/", {"pillar": "nope"}).status_code == 404


def test_the_workbook_for_a_pillar_has_its_kpi_table_only(client, demo):  # noqa: F811
    response = demo_client(client, "cio").get(f"/governance/committee/{demo.number}/pack.xlsx", {"pillar": "kanagawa-ict-1"})
    rows = list(load_workbook(io.BytesIO(response.content))["KPI"].iter_rows(values_only=True))
    assert {row[0] for row in rows[1:]} == {LIVES}
    assert any(row[1] == "電子申請・届出件数" for row in rows)


@needs_pdf
def test_the_pdf_for_a_pillar_holds_the_e_approval_table(client, demo):  # noqa: F811
    response = demo_client(client, "pmo").get(f"/governance/committee/{demo.number}/pack.pdf", {"pillar": "kanagawa-ict-2"})
    text = pdf_text(response.content)
    assert any("電子決裁率（全庁平均）" in line and "92.7" in line for line in text.splitlines())
    assert "電子申請・届出件数" not in text


def test_issuing_issues_the_whole_pack(client, demo):  # noqa: F811
    client = demo_client(client, "pmo")
    client.post(f"/governance/committee/{demo.number}/pack/issue/?pillar=kanagawa-ict-1")
    data = IssuedPack.objects.get().data
    assert "pillar" not in data
    assert {table["group"] for table in data["kpi_tables"]} >= {LIVES, OFFICE}
