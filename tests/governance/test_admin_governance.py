"""The admin for the governance bodies: PMO sees and corrects them there; decisions are never deleted."""

import pytest

from governance.models import Decision
from tests.governance.factories import (
    ActionItemFactory,
    CouncilMeetingFactory,
    DecisionFactory,
    MunicipalDxStatusFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
MODELS = ["committeemeeting", "decision", "actionitem", "municipality", "councilmeeting", "municipaldxstatus"]


@pytest.mark.parametrize("model", MODELS)
def test_pmo_opens_each_list_and_searches_it(client, petra, model):
    ActionItemFactory()
    CouncilMeetingFactory()
    MunicipalDxStatusFactory()
    client.force_login(petra)
    assert client.get(f"/admin/governance/{model}/").status_code == 200
    assert client.get(f"/admin/governance/{model}/", {"q": "電子"}).status_code == 200


@pytest.mark.parametrize("person", ["petra", "root"])
def test_a_decision_cannot_be_deleted_there_even_by_a_superuser(client, request, person):
    user = UserFactory(username="root", is_superuser=True, is_staff=True) if person == "root" else request.getfixturevalue(person)
    decision = DecisionFactory()
    client.force_login(user)
    page = client.get(f"/admin/governance/decision/{decision.pk}/change/")
    assert page.status_code == 200 and f"/admin/governance/decision/{decision.pk}/delete/" not in page.text
    assert client.post(f"/admin/governance/decision/{decision.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_an_admin_edit_moves_the_version_on_and_is_kept_in_history(client, petra):
    item = ActionItemFactory()
    client.force_login(petra)
    response = client.post(f"/admin/governance/actionitem/{item.pk}/change/", {
        "decision": item.decision.pk, "title": "管理画面で修正", "detail": "", "owner_division": item.owner_division.pk,
        "due_on": "2022-12-28", "status": "open", "completion_note": "",
    })
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.version) == ("管理画面で修正", 2)
    assert item.history.first().history_user == petra


def test_division_staff_have_no_admin(client, alice):
    client.force_login(alice)
    assert client.get("/admin/governance/decision/").status_code == 302
