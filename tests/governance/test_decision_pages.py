"""The decision log (合意事項): searchable list, a decision with its supersede chain and history, and its forms."""

import datetime

import pytest

from governance.models import Decision
from governance.services import decision_supersede, decision_update
from tests.governance.factories import CommitteeMeetingFactory, DecisionFactory
from tests.organisation.factories import BureauFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def decision_data(meeting, **overrides):
    data = {
        "meeting": str(meeting.number), "supersedes": "", "title": "電子契約の導入", "kind": "decision", "status": "agreed",
        "context": "", "options": "", "decision_text": "事業者に十分な説明を行った上で導入する。", "rationale": "",
        "consequences": "",
    }
    return data | overrides


def test_the_log_finds_a_decision_by_a_word_of_its_title_or_body(client, alice):
    DecisionFactory(title="収入証紙の廃止", decision_text="キャッシュレス決済を導入する。")
    DecisionFactory(title="電子決裁率100%に向けた取組")
    client.force_login(alice)
    by_title = client.get("/governance/decisions/", {"search": "証紙"}).text
    assert "収入証紙の廃止" in by_title and "電子決裁率100%" not in by_title
    by_body = client.get("/governance/decisions/", {"search": "キャッシュレス"}).text
    assert "収入証紙の廃止" in by_body and "電子決裁率100%" not in by_body


def test_the_log_filters_by_status_bureau_and_project(client, alice, division):
    bureau, project = BureauFactory(code="accounting", name="会計局"), ProjectFactory(code="CASHLESS", division=division)
    cashless = DecisionFactory(title="キャッシュレス化", status=Decision.Status.AGREED)
    cashless.bureaus.add(bureau)
    cashless.related_projects.add(project)
    DecisionFactory(title="窓口の決済手段", status=Decision.Status.PROPOSED)
    client.force_login(alice)
    for query in ({"status": "agreed"}, {"bureau": "accounting"}, {"project": "CASHLESS"}):
        text = client.get("/governance/decisions/", query).text
        assert "キャッシュレス化" in text and "窓口の決済手段" not in text, query


def test_a_bad_filter_value_is_shown_at_the_field_not_a_server_error(client, alice):
    client.force_login(alice)
    response = client.get("/governance/decisions/", {"status": "maybe", "held_from": "昨日", "page": "x"})
    assert response.status_code == 200
    assert 'id="id_status_error"' in response.text and 'id="id_held_from_error"' in response.text


def test_a_decision_shows_its_record_chain_and_history(client, petra, alice):
    old = DecisionFactory(title="RPAの全庁展開", meeting=CommitteeMeetingFactory(number=1, held_on=datetime.date(2021, 6, 22)))
    new = decision_supersede(
        decision=old, meeting=CommitteeMeetingFactory(number=3, held_on=datetime.date(2022, 3, 15)), actor=petra,
        title="RPA・AI-OCRの利用拡大", decision_text="AI-OCRと組み合わせて拡大する。", rationale="手書き帳票が残るため。",
    )
    client.force_login(alice)
    text = client.get(f"/governance/decisions/{new.reference}/").text
    assert "手書き帳票が残るため。" in text
    assert "改定の経緯" in text and f'href="/governance/decisions/{old.reference}/"' in text
    old_page = client.get(f"/governance/decisions/{old.reference}/").text
    assert "改定済" in old_page and "合意 → 改定済" in old_page


def test_an_unknown_decision_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get("/governance/decisions/99-1/").status_code == 404


@pytest.mark.parametrize("person, status", [("petra", 200), ("carl", 200), ("alice", 403), ("mallory", 403), ("dana", 403)])
def test_only_pmo_and_the_cio_open_the_decision_forms(client, request, person, status):
    decision = DecisionFactory()
    client.force_login(request.getfixturevalue(person))
    assert client.get("/governance/decisions/new/").status_code == status
    assert client.get(f"/governance/decisions/{decision.reference}/edit/").status_code == status
    assert client.get(f"/governance/decisions/{decision.reference}/action-items/new/").status_code == status


def test_save_and_add_another_leads_to_the_next_decision_of_the_same_meeting(client, petra):
    meeting = CommitteeMeetingFactory(number=5)
    client.force_login(petra)
    response = client.post("/governance/decisions/new/", decision_data(meeting, then="decision"))
    assert response.status_code == 302 and response.url == "/governance/decisions/new/?meeting=5"
    assert 'value="5" selected' in client.get(response.url).text
    assert Decision.objects.get().reference == "5-1"


def test_superseding_from_a_decision_prefills_the_form_and_marks_the_old_one(client, petra):
    old = DecisionFactory(title="電子契約の実証実験", context="契約事務の効率化", meeting=CommitteeMeetingFactory(number=2))
    later = CommitteeMeetingFactory(number=4, held_on=datetime.date(2022, 12, 1))
    client.force_login(petra)
    form = client.get(f"/governance/decisions/new/?supersedes={old.reference}&meeting=4").text
    assert "電子契約の実証実験" in form and "契約事務の効率化" in form
    response = client.post("/governance/decisions/new/", decision_data(later, supersedes=old.reference, then="meeting"))
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == Decision.Status.SUPERSEDED
    assert Decision.objects.get(meeting=later).supersedes == old


def test_a_missing_decision_text_is_shown_at_the_field_and_nothing_is_saved(client, petra):
    meeting = CommitteeMeetingFactory()
    client.force_login(petra)
    response = client.post("/governance/decisions/new/", decision_data(meeting, decision_text="", title="書きかけの件名"))
    assert response.status_code == 200
    assert 'id="id_decision_text_error"' in response.text and 'value="書きかけの件名"' in response.text
    assert not Decision.objects.exists()


def test_an_id_beyond_any_database_integer_is_not_a_choice_at_the_field(client, petra):
    meeting = CommitteeMeetingFactory()
    client.force_login(petra)
    response = client.post("/governance/decisions/new/", decision_data(meeting, related_projects="99999999999999999999"))
    assert response.status_code == 200 and 'id="id_related_projects_error"' in response.text
    assert not Decision.objects.exists()


def test_superseding_an_already_superseded_decision_is_refused_at_the_field(client, petra):
    old = DecisionFactory()
    decision_supersede(decision=old, meeting=old.meeting, actor=petra, title="後継", decision_text="後継の決定")
    client.force_login(petra)
    response = client.post("/governance/decisions/new/", decision_data(old.meeting, supersedes=old.reference))
    assert response.status_code == 200 and 'id="id_supersedes_error"' in response.text
    assert Decision.objects.count() == 2


def test_an_edit_that_lost_the_race_shows_what_changed(client, petra, carl):
    decision = DecisionFactory(title="元の件名")
    client.force_login(petra)
    decision_update(decision=decision, actor=carl, expected_version=1, title="CIOが直した件名", decision_text="本文")
    response = client.post(
        f"/governance/decisions/{decision.reference}/edit/",
        decision_data(decision.meeting, title="PMOが直した件名", version="1"),
    )
    assert response.status_code == 200
    assert "CIOが直した件名" in response.text and 'value="PMOが直した件名"' in response.text
    decision.refresh_from_db()
    assert decision.title == "CIOが直した件名"


@pytest.mark.parametrize("size", [1, 8])
def test_the_log_runs_a_fixed_number_of_queries(client, alice, carl, size, django_assert_num_queries):
    bureau, project = BureauFactory(), ProjectFactory()
    for _ in range(size):
        decision = DecisionFactory(supersedes=DecisionFactory(status=Decision.Status.SUPERSEDED))
        decision.bureaus.add(bureau)
        decision.related_projects.add(project)
        decision.agreed_by.add(carl)
    client.force_login(alice)
    with django_assert_num_queries(12):  # with the header's counts
        assert client.get("/governance/decisions/").status_code == 200


def test_a_decision_names_only_the_related_projects_the_reader_may_see(client, alice, petra, division, other_division):
    decision = DecisionFactory(title="電子契約の全庁導入")
    decision.related_projects.add(
        ProjectFactory(code="OWN", division=division), ProjectFactory(code="WATER", division=other_division)
    )
    client.force_login(alice)
    for path in (f"/governance/decisions/{decision.reference}/", "/governance/decisions/"):
        text = client.get(path).text
        assert "OWN" in text and "WATER" not in text, path
    client.force_login(petra)
    assert "WATER" in client.get(f"/governance/decisions/{decision.reference}/").text
