"""/projects/<code>/edit/: the project's plan, phase and costs."""

import pytest

from projects.models import Project
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, field_error, text

pytestmark = FROZEN
URL = "/projects/EAPP/edit/"


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", name="e-kanagawa 電子申請システム", division=division)


def form_data(**changes):
    return {"name": "e-kanagawa 電子申請システム", "name_en": "", "phase": "testing", "planned_start": "2022-04-01",
            "planned_end": "2024-03-31", "budget_yen": "120000000", "actual_cost_yen": "45000000", "cadence": "monthly",
            "grace_days": "7", "description": "", "version": "1", **changes}


def test_staff_move_the_phase_and_record_costs(client, alice, project):
    client.force_login(alice)
    response = client.post(URL, form_data())
    assert response["Location"] == "/projects/EAPP/"
    page = text(client.get("/projects/EAPP/"))
    assert "案件情報を更新しました。" in page and "フェーズ テスト" in page and "45,000,000円" in page


@pytest.mark.parametrize(("field", "value", "message"), [
    ("budget_yen", "-1", "この値は 0 以上でなければなりません。"),
    ("budget_yen", "1.5", "整数を入力してください。"),
    ("planned_end", "2022-03-31", "終了予定日は開始予定日以降の日付を入力してください。"),
])
def test_a_bad_value_is_refused_at_its_field(client, alice, project, field, value, message):
    client.force_login(alice)
    response = client.post(URL, form_data(**{field: value, "description": "入力途中の概要"}))
    assert field_error(response, field) == message
    assert "入力途中の概要</textarea>" in response.content.decode()
    project.refresh_from_db()
    assert (project.phase, project.version) == (Project.Phase.DEVELOPMENT, 1)


def test_the_page_shows_the_saved_name_while_editing_it(client, alice, project):
    client.force_login(alice)
    response = client.post(URL, form_data(name="", budget_yen="-1"))
    assert "e-kanagawa 電子申請システム EAPP" in text(response)
