"""The meeting pack of the demo's latest steering-committee meeting: the print page, pack.pdf and pack.xlsx hold the
meeting's title, its agenda projects and the KPI tables (the e-approval rate 令和元年度 … 令和4年度 with 92.7);
issued, the pack no longer changes while a new draft shows the edit."""

import io
import os
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import load_workbook

from governance.models import CommitteeMeeting, CouncilMeeting, IssuedPack
from projects.models import Project
from projects.services import project_update
from tests.governance.pdf_helpers import needs_pdf, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db
E_APPROVAL = ["32.9", "56.8", "86.8", "92.7"]
FISCAL_YEARS = ["令和元年度", "令和2年度", "令和3年度", "令和4年度"]


@pytest.fixture
def demo():
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    return CommitteeMeeting.objects.order_by("-held_on").first()


def demo_client(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def agenda_projects(meeting) -> list[Project]:
    return list(Project.objects.filter(decisions__meeting=meeting).distinct())


def test_the_print_page_is_the_pack_of_the_latest_meeting_without_navigation(client, demo):
    response = demo_client(client, "cio").get(f"/governance/committee/{demo.number}/pack/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"第{demo.number}回 {demo.title}" in html
    assert 'class="site-nav"' not in html and "css/print.css" in html
    for heading in ("議題", "ポートフォリオの概況", "要注意案件", "議題の案件", "諮る事項と選択肢", "対応事項", "KPI"):
        assert heading in html
    for kind in ("報告", "協議", "決定"):
        assert f"<td>{kind}</td>" in html
    for project in agenda_projects(demo):
        assert f"{project.code} {project.name}" in html
    # A draft: the 案 watermark, and no issue button for one who may not issue.
    assert 'class="pack-watermark" aria-hidden="true">案<' in html
    assert "pack/issue/" not in html


@needs_pdf
def test_pack_pdf_holds_the_title_the_e_approval_table_and_every_agenda_project_in_noto_sans_cjk(client, demo, tmp_path):
    response = demo_client(client, "pmo").get(f"/governance/committee/{demo.number}/pack.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    assert demo.title in text
    e_approval = next(line for line in text.splitlines() if "電子決裁率（全庁平均）" in line and "92.7" in line)
    for value in E_APPROVAL:
        assert value in e_approval
    header = next(line for line in text.splitlines() if "令和元年度" in line and "令和4年度" in line)
    assert [name for name in FISCAL_YEARS if name in header] == FISCAL_YEARS
    for project in agenda_projects(demo):
        assert project.code in text
    assert "会議資料（案）" in text  # a draft
    assert "Noto-Sans-CJK-JP" in pdf_fonts(response.content, tmp_path)


def test_pack_xlsx_has_a_sheet_per_section_with_numbers_as_numbers_and_dates_as_dates(client, demo):
    response = demo_client(client, "cio").get(f"/governance/committee/{demo.number}/pack.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["表紙", "議題", "ポートフォリオ", "要注意案件", "議題の案件", "課題と助言・指摘", "合意事項",
                               "対応事項", "KPI"]
    kpis = list(book["KPI"].iter_rows(values_only=True))
    header = list(kpis[0])
    row = next(r for r in kpis if r[1] == "電子決裁率（全庁平均）")
    assert [row[header.index(name)] for name in FISCAL_YEARS] == [32.9, 56.8, 86.8, 92.7]
    rpa_total = next(r for r in kpis if r[1] == "RPA導入業務数 累計")
    assert [rpa_total[header.index(name)] for name in FISCAL_YEARS] == [5, 23, 39, 46]
    assert {r[0] for r in book["議題の案件"].iter_rows(min_row=2, values_only=True)} == {
        p.code for p in agenda_projects(demo)}
    held_on = book["表紙"]["B3"]
    assert held_on.is_date and held_on.value.date() == demo.held_on and "ggge" in held_on.number_format
    budgets = [r[3] for r in book["要注意案件"].iter_rows(min_row=2, values_only=True)]
    assert budgets and all(isinstance(b, int) for b in budgets) and budgets == sorted(budgets, reverse=True)


def _issue(client, meeting):
    response = client.post(f"/governance/committee/{meeting.number}/pack/issue/")
    assert response.status_code == 302
    return IssuedPack.objects.filter(committee_meeting=meeting).order_by("-sequence").first()


def _rename_an_agenda_project(meeting) -> Project:
    project = agenda_projects(meeting)[0]
    pmo = get_user_model().objects.get(username="pmo")
    return project_update(project=project, actor=pmo, expected_version=project.version, name="電子契約の導入（名称変更後）")


def test_an_issued_workbook_is_byte_identical_after_a_project_it_shows_is_edited(client, demo):
    pmo = demo_client(client, "pmo")
    issued = _issue(pmo, demo)
    assert issued.sequence == 1 and issued.issued_by.username == "pmo"
    before = pmo.get(f"/governance/committee/{demo.number}/pack/v1.xlsx").content
    assert before == bytes(issued.xlsx)
    project = _rename_an_agenda_project(demo)

    after = pmo.get(f"/governance/committee/{demo.number}/pack/v1.xlsx").content
    assert after == before
    assert project.name not in IssuedPack.objects.get(pk=issued.pk).data.__repr__()
    assert project.name in pmo.get(f"/governance/committee/{demo.number}/pack/").content.decode()
    # The meeting lists the version with who issued it and its digest; a second issue is version 2.
    page = pmo.get(f"/governance/committee/{demo.number}/").content.decode()
    assert "第1版" in page and issued.xlsx_sha256 in page
    assert _issue(pmo, demo).sequence == 2


@needs_pdf
def test_an_issued_pdf_is_byte_identical_after_an_edit_has_no_watermark_and_a_new_draft_shows_the_edit(client, demo):
    pmo = demo_client(client, "pmo")
    issued = _issue(pmo, demo)
    before = pmo.get(f"/governance/committee/{demo.number}/pack/v1.pdf").content
    assert before == bytes(issued.pdf) and issued.pdf_sha256
    assert "会議資料（案）" not in pdf_text(before)
    project = _rename_an_agenda_project(demo)

    assert pmo.get(f"/governance/committee/{demo.number}/pack/v1.pdf").content == before
    assert project.name not in pdf_text(before)
    assert project.name in pdf_text(pmo.get(f"/governance/committee/{demo.number}/pack.pdf").content)


def test_the_council_meeting_has_its_pack_too(client, demo):
    meeting = CouncilMeeting.objects.order_by("-held_on").first()
    pmo = demo_client(client, "pmo")
    html = pmo.get(f"/governance/council/{meeting.pk}/pack/").content.decode()
    assert meeting.title in html and "フォローアップ事項" in html and "電子決裁率（全庁平均）" in html
    book = load_workbook(io.BytesIO(pmo.get(f"/governance/council/{meeting.pk}/pack.xlsx").content))
    assert book.sheetnames == ["表紙", "議題", "フォローアップ事項", "KPI"]
    assert pmo.post(f"/governance/council/{meeting.pk}/pack/issue/").status_code == 302
    assert meeting.issued_packs.get().sequence == 1


def test_without_weasyprint_pack_pdf_answers_503_with_what_to_install_and_issuing_keeps_the_workbook(
    client, demo, monkeypatch
):
    # As on a server without the optional package: importing it fails.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    pmo = demo_client(client, "pmo")
    response = pmo.get(f"/governance/committee/{demo.number}/pack.pdf")
    assert response.status_code == 503
    assert "requirements-pdf.txt" in response.content.decode() and "fonts-noto-cjk" in response.content.decode()
    issued = _issue(pmo, demo)
    assert issued.pdf is None and issued.pdf_sha256 == "" and issued.xlsx_sha256
    assert pmo.get(f"/governance/committee/{demo.number}/pack/v1.pdf").status_code == 404
    assert pmo.get(f"/governance/committee/{demo.number}/pack/v1.xlsx").status_code == 200
