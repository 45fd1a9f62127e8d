"""The admin for the governance bodies: PMO sees and corrects them there; decisions are never deleted."""

import datetime

import pytest

from governance.models import Decision
from tests.governance.factories import (
    ActionItemFactory,
    CouncilMeetingFactory,
    DecisionFactory,
    MunicipalDxStatusFactory,
)
from tests.organisation.factories import UserFactory
from tests.projects.helpers import FROZEN, served_form

pytestmark = [pytest.mark.django_db, FROZEN]
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


def test_an_admin_edit_goes_through_the_service_moves_the_version_on_and_is_kept_in_history(client, petra):
    item = ActionItemFactory()
    client.force_login(petra)
    url = f"/admin/governance/actionitem/{item.pk}/change/"
    response = client.post(url, served_form(client, url, status="done", completion_note="説明資料を配布した。"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.completed_on, item.version) == ("done", datetime.date(2022, 10, 4), 2)
    assert item.history.first().history_user == petra


def test_division_staff_have_no_admin(client, alice):
    client.force_login(alice)
    assert client.get("/admin/governance/decision/").status_code == 302
