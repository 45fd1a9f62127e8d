"""A choice question's answers go into the municipal DX matrix in one reviewed step: preview, then confirm."""

import datetime
import json

import pytest
import time_machine

from governance.models import MunicipalDxStatus, Municipality
from tests.governance.factories import MunicipalDxStatusFactory, MunicipalityFactory
from tests.governance.inquiry_factories import AnswerFactory, InquiryFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_deadline():
    with time_machine.travel(datetime.datetime(2022, 10, 3, 9, tzinfo=datetime.UTC)):
        yield
AREA = MunicipalDxStatus.FocusArea.STANDARDISATION


@pytest.fixture
def question(petra):
    yokohama = MunicipalityFactory(code="141003", name="横浜市", kind=Municipality.Kind.DESIGNATED_CITY)
    hayama = MunicipalityFactory(code="143014", name="葉山町", kind=Municipality.Kind.TOWN)
    kiyokawa = MunicipalityFactory(code="144029", name="清川村", kind=Municipality.Kind.VILLAGE)
    inquiry = InquiryFactory(created_by=petra, recipients=[yokohama, hayama, kiyokawa])
    question = QuestionFactory(inquiry=inquiry, order=1)
    for municipality, choice in ((yokohama, "策定済"), (hayama, "未着手"), (kiyokawa, "策定中")):
        AnswerFactory(inquiry=inquiry, municipality=municipality, values={str(question.pk): choice})
    # Yokohama is already where its answer puts it; Hayama had no status yet.
    MunicipalDxStatusFactory(municipality=yokohama, focus_area=AREA, status=MunicipalDxStatus.Status.DONE)
    MunicipalDxStatusFactory(municipality=kiyokawa, focus_area=AREA, status=MunicipalDxStatus.Status.NOT_STARTED)
    return question


def _url(question):
    return f"/governance/inquiries/{question.inquiry.pk}/dx-status/{question.pk}/"


FORM = {"focus_area": AREA, "as_of": "2022-10-03", "c0": "done", "c1": "in_progress", "c2": "not_started"}


def test_the_preview_shows_only_the_cells_that_change_and_changes_nothing(client, petra, question):
    client.force_login(petra)
    response = client.post(_url(question), {**FORM, "preview": ""})
    assert response.status_code == 200
    assert [(c.municipality.name, c.version, c.status) for c in response.context["changes"]] == [
        ("葉山町", None, "not_started"), ("清川村", 1, "in_progress"),
    ]
    assert MunicipalDxStatus.objects.get(municipality__code="144029").status == "not_started"


def test_confirming_the_preview_sets_those_cells_with_their_history(client, petra, question):
    client.force_login(petra)
    preview = client.post(_url(question), {**FORM, "preview": ""})
    expected = preview.context["form"]["expected"].value()
    response = client.post(_url(question), {**FORM, "expected": expected, "confirm": ""})
    assert response.status_code == 302, response.context["form"].errors
    cells = {c.municipality.code: c for c in MunicipalDxStatus.objects.filter(focus_area=AREA)}
    assert (cells["143014"].status, cells["144029"].status, cells["141003"].status) == ("not_started", "in_progress", "done")
    assert cells["144029"].history.first().history_user == petra
    assert "自治体システム標準化" in cells["144029"].note


def test_a_cell_changed_after_the_preview_refuses_the_whole_step(client, petra, question):
    client.force_login(petra)
    expected = client.post(_url(question), {**FORM, "preview": ""}).context["form"]["expected"].value()
    MunicipalDxStatus.objects.filter(municipality__code="144029", focus_area=AREA).update(version=2, status="planning")
    response = client.post(_url(question), {**FORM, "expected": expected, "confirm": ""})
    assert response.status_code == 200
    assert "もう一度プレビュー" in response.content.decode()
    assert not MunicipalDxStatus.objects.filter(municipality__code="143014").exists()


def test_a_forged_preview_is_refused(client, petra, question):
    client.force_login(petra)
    forged = json.dumps({str(Municipality.objects.get(code="143014").pk): [None, "done"]})
    response = client.post(_url(question), {**FORM, "expected": forged, "confirm": ""})
    assert response.status_code == 200
    assert not MunicipalDxStatus.objects.filter(municipality__code="143014").exists()


def test_only_a_choice_question_goes_into_the_matrix(client, petra, question):
    number = QuestionFactory(inquiry=question.inquiry, order=2, kind="number", choices="")
    client.force_login(petra)
    assert client.get(_url(number)).status_code == 404


def test_division_staff_cannot_change_the_matrix(client, alice, question):
    client.force_login(alice)
    assert client.post(_url(question), {**FORM, "preview": ""}).status_code == 403
