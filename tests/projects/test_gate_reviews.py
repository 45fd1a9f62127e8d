"""Gate reviews: PMO records them at a phase change, and a returned (差戻し) gate stops the project moving past it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.models import Finding, GateReview, Project
from projects.services import finding_close, gate_review_record, project_update
from tests.projects.factories import FindingFactory, ProjectFactory
from tests.projects.helpers import FROZEN, field_error, session_client, text, token_client

pytestmark = FROZEN

RETURNED_MESSAGE = (
    "「テスト → 移行」のゲートレビューが差戻し（令和4年10月3日）のため、フェーズを進められません。"
    "新しいゲートレビューで通過または条件付き通過となってから変更してください。"
)


@pytest.fixture
def project(division):
    return ProjectFactory(code="EAPP", division=division, phase=Project.Phase.TESTING)


def review(project, petra, outcome, *, day=datetime.date(2022, 10, 3), conditions=(), **fields):
    return gate_review_record(
        project=project, actor=petra, from_phase=fields.get("from_phase", Project.Phase.TESTING),
        to_phase=fields.get("to_phase", Project.Phase.MIGRATION), outcome=outcome, reviewed_on=day,
        summary="移行判定基準の確認", conditions=conditions,
    )


def test_a_project_cannot_move_past_a_returned_gate(project, petra, alice):
    review(project, petra, GateReview.Outcome.RETURNED)
    with pytest.raises(ValidationError) as error:
        project_update(project=project, actor=alice, expected_version=1, phase=Project.Phase.MIGRATION)
    assert error.value.message_dict == {"phase": [RETURNED_MESSAGE]}
    # Nor jump over it to operation.
    with pytest.raises(ValidationError):
        project_update(project=project, actor=alice, expected_version=1, phase=Project.Phase.OPERATION)
    project.refresh_from_db()
    assert (project.phase, project.version) == (Project.Phase.TESTING, 1)


def test_a_new_review_that_passes_the_gate_opens_it(project, petra, alice):
    review(project, petra, GateReview.Outcome.RETURNED, day=datetime.date(2022, 9, 20))
    review(project, petra, GateReview.Outcome.PASSED, day=datetime.date(2022, 10, 3))
    moved = project_update(project=project, actor=alice, expected_version=1, phase=Project.Phase.MIGRATION)
    assert moved.phase == Project.Phase.MIGRATION


def test_no_review_is_needed_where_none_returned_the_project(project, alice):
    # The rule blocks only after a 差戻し: phase changes without a review stay as they were.
    moved = project_update(project=project, actor=alice, expected_version=1, phase=Project.Phase.MIGRATION)
    assert moved.phase == Project.Phase.MIGRATION


def test_moving_back_is_never_blocked(project, petra, alice):
    review(project, petra, GateReview.Outcome.RETURNED, from_phase=Project.Phase.DEVELOPMENT,
           to_phase=Project.Phase.TESTING)
    moved = project_update(project=project, actor=alice, expected_version=1, phase=Project.Phase.DEVELOPMENT)
    assert moved.phase == Project.Phase.DEVELOPMENT


def test_the_api_refuses_the_move_with_a_400_at_phase(project, petra, alice):
    review(project, petra, GateReview.Outcome.RETURNED)
    response = session_client(alice).patch(
        "/api/v1/projects/EAPP/", {"phase": "migration", "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"phase": [RETURNED_MESSAGE]}


def test_the_edit_page_shows_the_refusal_at_the_phase_field(client, project, petra, alice):
    review(project, petra, GateReview.Outcome.RETURNED)
    client.force_login(alice)
    response = client.post("/projects/EAPP/edit/", {
        "version": 1, "name": project.name, "phase": "migration", "planned_start": "2022-04-01",
        "planned_end": "2024-03-31", "budget_yen": project.budget_yen, "actual_cost_yen": project.actual_cost_yen,
        "cadence": "monthly", "grace_days": 7,
    })
    assert field_error(response, "phase") == RETURNED_MESSAGE


def test_only_pmo_records_a_review(project, alice, carl):
    for person in (alice, carl):
        with pytest.raises(PermissionDenied):
            review(project, person, GateReview.Outcome.PASSED)


def test_a_conditional_pass_needs_findings_of_the_project_as_conditions(project, petra, division):
    with pytest.raises(ValidationError) as error:
        review(project, petra, GateReview.Outcome.CONDITIONAL)
    assert list(error.value.message_dict) == ["conditions"]
    elsewhere = FindingFactory(project=ProjectFactory(division=division))
    with pytest.raises(ValidationError) as error:
        review(project, petra, GateReview.Outcome.CONDITIONAL, conditions=[elsewhere])
    assert list(error.value.message_dict) == ["conditions"]


def test_a_gate_is_between_consecutive_phases(project, petra):
    with pytest.raises(ValidationError) as error:
        review(project, petra, GateReview.Outcome.PASSED, from_phase=Project.Phase.REQUIREMENTS,
               to_phase=Project.Phase.TESTING)
    assert list(error.value.message_dict) == ["to_phase"]


def test_the_review_is_kept_in_the_history_with_its_conditions(project, petra):
    finding = FindingFactory(project=project)
    recorded = review(project, petra, GateReview.Outcome.CONDITIONAL, conditions=[finding])
    # The row, then its conditions: both by PMO, the latest naming the finding.
    assert [entry.history_user for entry in recorded.history.all()] == [petra, petra]
    assert [row.finding_id for row in recorded.history.latest().conditions.all()] == [finding.pk]


def test_the_project_page_shows_the_gate_history(client, project, petra, alice):
    finding = FindingFactory(project=project, title="移行リハーサルの判定基準")
    review(project, petra, GateReview.Outcome.CONDITIONAL, conditions=[finding])
    client.force_login(alice)
    page = text(client.get("/projects/EAPP/"))
    assert "令和4年10月3日 テスト → 移行 条件付き通過 移行判定基準の確認 移行リハーサルの判定基準（回答待ち）" in page
    assert "ゲートレビューを記録する" not in page


def test_pmo_records_a_review_on_its_page(client, project, petra):
    finding = FindingFactory(project=project)
    client.force_login(petra)
    form = client.get("/projects/EAPP/gate-reviews/new/")
    assert 'value="testing" selected' in form.content.decode()
    response = client.post("/projects/EAPP/gate-reviews/new/", {
        "from_phase": "testing", "to_phase": "migration", "outcome": "conditional", "reviewed_on": "2022-10-04",
        "summary": "移行判定基準を条件に通過", "conditions": [finding.pk],
    })
    assert response["Location"] == "/projects/EAPP/#gates"
    assert list(GateReview.objects.get().conditions.all()) == [finding]


def test_a_conditional_pass_without_conditions_is_an_error_at_the_field(client, project, petra):
    client.force_login(petra)
    response = client.post("/projects/EAPP/gate-reviews/new/", {
        "from_phase": "testing", "to_phase": "migration", "outcome": "conditional", "reviewed_on": "2022-10-04",
        "summary": "条件付き",
    })
    assert field_error(response, "conditions") == "条件付き通過では、条件とする助言・指摘を選択してください。"
    assert not GateReview.objects.exists()


@pytest.mark.parametrize(("person", "status"), [("alice", 403), ("carl", 403), ("charlie", 404), ("petra", 200)])
def test_who_may_open_the_review_form(client, request, project, person, status):
    client.force_login(request.getfixturevalue(person))
    assert client.get("/projects/EAPP/gate-reviews/new/").status_code == status


def test_the_portfolio_filters_projects_whose_conditions_are_open(client, project, petra, carl, division):
    finding = FindingFactory(project=project)
    review(project, petra, GateReview.Outcome.CONDITIONAL, conditions=[finding])
    ProjectFactory(code="OTHER", division=division)
    client.force_login(carl)
    # The table's rows (the exceptions panel above them lists every exception whatever the filter).
    assert [p["code"] for p in client.get("/portfolio/", {"conditions_open": "true"}).context["page_obj"]] == ["EAPP"]
    finding_close(finding=finding, actor=petra, expected_version=1)
    assert Finding.objects.get().status == Finding.Status.CLOSED
    assert [p["code"] for p in client.get("/portfolio/", {"conditions_open": "true"}).context["page_obj"]] == []


def test_the_api_lists_reviews_of_visible_projects(project, petra, charlie, division, other_division):
    review(project, petra, GateReview.Outcome.RETURNED)
    hidden = ProjectFactory(code="HIDDEN", division=other_division, phase=Project.Phase.TESTING)
    review(hidden, petra, GateReview.Outcome.PASSED)
    own = token_client(charlie, "projects:read").get("/api/v1/gate-reviews/").json()
    assert [row["project"] for row in own["results"]] == ["HIDDEN"]
    rows = session_client(petra).get("/api/v1/gate-reviews/", {"outcome": "returned"}).json()["results"]
    assert [(row["project"], row["from_phase"], row["to_phase"], row["outcome"]) for row in rows] == [
        ("EAPP", "testing", "migration", "returned")
    ]
    assert session_client(petra).get("/api/v1/gate-reviews/", {"project": "HIDDEN"}).json()["count"] == 1
    nested = session_client(petra).get("/api/v1/projects/EAPP/gate-reviews/").json()
    assert [row["outcome"] for row in nested["results"]] == ["returned"]
    assert token_client(charlie, "projects:read").get("/api/v1/projects/EAPP/gate-reviews/").status_code == 404


def test_the_gate_review_list_runs_a_fixed_number_of_queries(project, petra, django_assert_num_queries):
    client = token_client(petra, "projects:read")
    for n in range(2):
        review(project, petra, GateReview.Outcome.CONDITIONAL, conditions=[FindingFactory(project=project)],
               day=datetime.date(2022, 9, 1 + n))
    client.get("/api/v1/gate-reviews/")
    # The count, the rows with their project, reviewer and decision, their conditions (the token's lookup, with its
    # user's roles, is cached, and its use is counted, not written).
    with django_assert_num_queries(3) as few:
        client.get("/api/v1/gate-reviews/")
    for n in range(8):
        review(project, petra, GateReview.Outcome.PASSED, day=datetime.date(2022, 9, 10 + n))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/api/v1/gate-reviews/")


def test_the_api_gives_the_reviews_changed_since(project, petra, time_machine):
    review(project, petra, GateReview.Outcome.RETURNED, day=datetime.date(2022, 9, 20))
    time_machine.shift(datetime.timedelta(hours=2))
    review(project, petra, GateReview.Outcome.PASSED)
    client = session_client(petra)
    rows = client.get("/api/v1/gate-reviews/", {"updated_since": "2022-10-04T10:30:00+09:00"}).json()["results"]
    assert [row["outcome"] for row in rows] == ["passed"]
    assert client.get("/api/v1/gate-reviews/", {"updated_since": "soon"}).status_code == 400
