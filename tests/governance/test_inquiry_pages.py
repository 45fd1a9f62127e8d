"""Inquiries (照会): the secretariat sends one, enters or imports the answers, sees who is late and the results."""

import csv
import datetime
import io

import pytest
import time_machine
from openpyxl import load_workbook

from governance.models import Municipality
from inquiries.models import Answer, Inquiry, Question
from tests.governance.factories import MunicipalityFactory
from tests.governance.helpers import token_client
from tests.governance.inquiry_factories import AnswerFactory, InquiryFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(db):
    """Two designated cities, a city, a town and a village, and the prefecture."""
    MunicipalityFactory(code="140007", name="神奈川県", kind=Municipality.Kind.PREFECTURE)
    return {
        "yokohama": MunicipalityFactory(code="141003", name="横浜市", kind=Municipality.Kind.DESIGNATED_CITY),
        "kawasaki": MunicipalityFactory(code="141305", name="川崎市", kind=Municipality.Kind.DESIGNATED_CITY),
        "yokosuka": MunicipalityFactory(code="142018", name="横須賀市", kind=Municipality.Kind.CITY),
        "hayama": MunicipalityFactory(code="143014", name="葉山町", kind=Municipality.Kind.TOWN),
        "kiyokawa": MunicipalityFactory(code="144029", name="清川村", kind=Municipality.Kind.VILLAGE),
    }


@pytest.fixture
def inquiry(members, petra):
    inquiry = InquiryFactory(created_by=petra, recipients=list(members.values()))
    QuestionFactory(inquiry=inquiry, order=1, text="移行計画の策定状況")
    QuestionFactory(inquiry=inquiry, order=2, text="対象システム数", kind=Question.Kind.NUMBER, choices="")
    QuestionFactory(inquiry=inquiry, order=3, text="移行予定日", kind=Question.Kind.DATE, choices="", required=False)
    QuestionFactory(inquiry=inquiry, order=4, text="課題", kind=Question.Kind.TEXT, choices="", required=False)
    return inquiry


def _questions(*rows) -> dict:
    data = {"questions-TOTAL_FORMS": str(len(rows)), "questions-INITIAL_FORMS": "0"}
    for index, (text, kind, choices) in enumerate(rows):
        data |= {f"questions-{index}-text": text, f"questions-{index}-kind": kind, f"questions-{index}-choices": choices,
                 f"questions-{index}-required": "on"}
    return data


def _fields(inquiry: Inquiry) -> dict[int, str]:
    return {q.order: f"q{q.pk}" for q in inquiry.questions.all()}


# --- sending --------------------------------------------------------------------------------------------


def test_a_forged_question_count_is_refused_without_building_a_thousand_questions(client, petra, members):
    client.force_login(petra)
    data = {"title": "標準化の状況", "body": "", "sent_on": "2022-09-01", "deadline": "2022-09-30", "audience": "towns",
            **_questions(("移行計画の策定状況", "choice", "策定済\n未着手")), "questions-TOTAL_FORMS": "1000"}
    response = client.post("/governance/inquiries/new/", data)
    assert response.status_code == 200 and len(response.context["questions"].forms) == 50
    assert not Inquiry.objects.exists()


@time_machine.travel(datetime.datetime(2022, 9, 1, 10, tzinfo=datetime.UTC))
def test_the_secretariat_sends_an_inquiry_to_the_towns_and_villages(client, petra, members):
    client.force_login(petra)
    response = client.post("/governance/inquiries/new/", {
        "title": "標準化の状況", "body": "", "sent_on": "2022-09-01", "deadline": "2022-09-30", "audience": "towns",
        **_questions(("移行計画の策定状況", "choice", "策定済\n未着手"), ("対象システム数", "number", "")),
    })
    inquiry = Inquiry.objects.get()
    assert response.status_code == 302 and response.url == f"/governance/inquiries/{inquiry.pk}/"
    assert {m.name for m in inquiry.recipients.all()} == {"葉山町", "清川村"}
    assert [(q.order, q.kind, q.choice_list) for q in inquiry.questions.all()] == [
        (1, "choice", ["策定済", "未着手"]), (2, "number", []),
    ]
    assert inquiry.created_by == petra


def test_all_33_means_every_municipality_but_never_the_prefecture(client, petra, members):
    client.force_login(petra)
    client.post("/governance/inquiries/new/", {
        "title": "全団体照会", "sent_on": "2022-09-01", "deadline": "2022-09-30", "audience": "all",
        **_questions(("課題", "text", "")),
    })
    assert Inquiry.objects.get().recipients.count() == len(members)


def test_a_choice_question_without_choices_is_refused_next_to_its_field(client, petra, members):
    client.force_login(petra)
    response = client.post("/governance/inquiries/new/", {
        "title": "照会", "sent_on": "2022-09-01", "deadline": "2022-09-30", "audience": "selected",
        "selected": [members["hayama"].pk], **_questions(("移行計画", "choice", "")),
    })
    assert response.status_code == 200
    assert "選択肢を2つ以上" in response.content.decode()
    assert not Inquiry.objects.exists()


def test_division_staff_may_read_inquiries_but_not_send_one(client, alice, inquiry):
    client.force_login(alice)
    assert client.get(f"/governance/inquiries/{inquiry.pk}/").status_code == 200
    assert client.get("/governance/inquiries/new/").status_code == 403
    assert client.get(f"/governance/inquiries/{inquiry.pk}/answers/141003/").status_code == 403


# --- answering on the page ------------------------------------------------------------------------------


def test_an_answer_is_checked_by_question_kind(client, petra, inquiry):
    client.force_login(petra)
    q = _fields(inquiry)
    url = f"/governance/inquiries/{inquiry.pk}/answers/141003/"
    response = client.post(url, {q[1]: "未定", q[2]: "十二", q[3]: "2025/13/01"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {q[1], q[2], q[3]}
    assert not Answer.objects.exists()


def test_the_secretariat_enters_a_municipalitys_answer_with_who_and_when(client, petra, inquiry):
    client.force_login(petra)
    q = _fields(inquiry)
    with time_machine.travel(datetime.datetime(2022, 9, 20, 1, tzinfo=datetime.UTC), tick=False):
        response = client.post(
            f"/governance/inquiries/{inquiry.pk}/answers/141003/",
            {q[1]: "策定中", q[2]: "20", q[3]: "2025-03-31", q[4]: "人材不足"},
        )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.municipality.code == "141003"
    assert answer.entered_by == petra and answer.source == Answer.Source.FORM
    assert answer.answered_at == datetime.datetime(2022, 9, 20, 1, tzinfo=datetime.UTC)
    assert [answer.value_for(question) for question in inquiry.questions.all()] == ["策定中", "20", "2025-03-31", "人材不足"]


def test_a_correction_started_before_anothers_is_shown_the_conflict(client, petra, inquiry):
    client.force_login(petra)
    q = _fields(inquiry)
    AnswerFactory(inquiry=inquiry, municipality=Municipality.objects.get(code="141003"), version=2,
                  values={str(inquiry.questions.get(order=1).pk): "策定済"})
    response = client.post(
        f"/governance/inquiries/{inquiry.pk}/answers/141003/", {q[1]: "未着手", q[2]: "3", "version": "1"}
    )
    assert response.status_code == 200 and response.context["conflict"]
    assert Answer.objects.get().values[str(inquiry.questions.get(order=1).pk)] == "策定済"


def test_a_municipality_that_was_not_asked_has_no_answer_page(client, petra, inquiry):
    MunicipalityFactory(code="142051", name="藤沢市")
    client.force_login(petra)
    assert client.get(f"/governance/inquiries/{inquiry.pk}/answers/142051/").status_code == 404


# --- the workbook out and back ----------------------------------------------------------------------------


def _filled(client, inquiry, code: str, answers: dict[int, object]) -> bytes:
    response = client.get(f"/governance/inquiries/{inquiry.pk}/workbook.xlsx?code={code}")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["回答"]
    assert sheet["B4"].value == code
    for order, value in answers.items():
        assert sheet[f"A{7 + order}"].value == order
        sheet[f"D{7 + order}"] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(client, inquiry, content: bytes):
    upload = io.BytesIO(content)
    upload.name = "kaitou.xlsx"
    return client.post(f"/governance/inquiries/{inquiry.pk}/import/", {"file": upload})


def test_a_returned_workbook_is_recorded_as_that_municipalitys_answer(client, petra, inquiry):
    client.force_login(petra)
    content = _filled(client, inquiry, "143014", {1: "策定済", 2: 12, 3: datetime.datetime(2025, 3, 31)})
    response = _upload(client, inquiry, content)
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert (answer.municipality.name, answer.source, answer.entered_by) == ("葉山町", Answer.Source.WORKBOOK, petra)
    assert [answer.value_for(q) for q in inquiry.questions.all()] == ["策定済", "12", "2025-03-31", ""]


def test_a_workbook_with_a_wrong_cell_records_nothing_and_names_every_cell(client, petra, inquiry):
    client.force_login(petra)
    content = _filled(client, inquiry, "143014", {1: "たぶん", 2: "多数", 3: "来年"})
    response = _upload(client, inquiry, content)
    assert response.status_code == 200
    assert [error.field for error in response.context["errors"]] == ["D8", "D9", "D10"]
    assert "D9" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_workbook_of_another_inquiry_is_refused(client, petra, inquiry, members):
    other = InquiryFactory(recipients=list(members.values()))
    QuestionFactory(inquiry=other, order=1)
    client.force_login(petra)
    content = _filled(client, other, "143014", {1: "策定済"})
    response = _upload(client, inquiry, content)
    assert [error.field for error in response.context["errors"]] == ["B2"]
    assert not Answer.objects.exists()


def test_a_file_that_is_no_workbook_is_refused(client, petra, inquiry):
    client.force_login(petra)
    response = _upload(client, inquiry, b"%PDF-1.7 not a workbook")
    assert response.status_code == 200 and response.context["errors"]


# --- who is late, and the results -----------------------------------------------------------------------


def _answer(inquiry, code, choice, number):
    first, second = inquiry.questions.get(order=1), inquiry.questions.get(order=2)
    return AnswerFactory(
        inquiry=inquiry, municipality=Municipality.objects.get(code=code), values={str(first.pk): choice, str(second.pk): number}
    )


@time_machine.travel(datetime.datetime(2022, 10, 3, 9, tzinfo=datetime.UTC))
def test_after_the_deadline_the_page_lists_who_is_late(client, alice, inquiry):
    _answer(inquiry, "141003", "策定済", "20")
    _answer(inquiry, "141305", "策定中", "10")
    client.force_login(alice)
    response = client.get(f"/governance/inquiries/{inquiry.pk}/")
    assert [state.municipality.name for state in response.context["late"]] == ["横須賀市", "葉山町", "清川村"]
    assert "5団体中 2団体が回答済" in response.content.decode()


@time_machine.travel(datetime.datetime(2022, 9, 29, 9, tzinfo=datetime.UTC))
def test_nobody_is_late_before_the_deadline(client, alice, inquiry):
    client.force_login(alice)
    assert client.get(f"/governance/inquiries/{inquiry.pk}/").context["late"] == []


def test_the_results_count_each_choice_and_total_the_numbers(client, alice, inquiry):
    _answer(inquiry, "141003", "策定済", "20")
    _answer(inquiry, "141305", "策定済", "10")
    _answer(inquiry, "143014", "未着手", "1.5")
    client.force_login(alice)
    results = client.get(f"/governance/inquiries/{inquiry.pk}/").context["results"]
    assert results[0].counts == [("策定済", 2), ("策定中", 0), ("未着手", 1)]
    assert (str(results[1].total), str(results[1].mean), str(results[1].maximum)) == ("31.5", "10.50", "20")


def test_the_results_download_as_csv_one_row_per_municipality(client, alice, inquiry):
    _answer(inquiry, "141003", "策定済", "20")
    client.force_login(alice)
    response = client.get(f"/governance/inquiries/{inquiry.pk}/results.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["団体コード", "団体名"] and rows[0][6] == "1. 移行計画の策定状況"
    assert rows[1][:2] == ["141003", "横浜市"] and rows[1][6:8] == ["策定済", "20"]
    assert rows[2][3] == "未回答"
    assert client.get(f"/governance/inquiries/{inquiry.pk}/results.xlsx").status_code == 200


def test_the_register_lists_inquiries_in_a_fixed_number_of_queries(client, alice, members, django_assert_num_queries):
    client.force_login(alice)
    InquiryFactory(recipients=list(members.values()))
    # Session, user, roles, the row count, the header's counts, the rows.
    with django_assert_num_queries(6) as one:
        client.get("/governance/inquiries/")
    for _ in range(5):
        InquiryFactory(recipients=list(members.values()))
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/governance/inquiries/")
    assert len(response.context["page_obj"]) == 6


def test_the_api_lists_an_inquiry_with_its_answers_and_who_is_late(fiona, inquiry):
    _answer(inquiry, "141003", "策定済", "20")
    with time_machine.travel(datetime.datetime(2022, 10, 3, 9, tzinfo=datetime.UTC)):
        body = token_client(fiona).get(f"/api/v1/inquiries/{inquiry.pk}/").json()
    assert body["recipients"] == ["141003", "141305", "142018", "143014", "144029"]
    assert body["questions"][0]["choices"] == ["策定済", "策定中", "未着手"]
    assert body["answers"][0]["municipality"] == "141003"
    assert body["answers"][0]["values"] == {"1": "策定済", "2": "20", "3": "", "4": ""}
    assert body["late"] == ["141305", "142018", "143014", "144029"]

