"""The personnel list (氏名, 職員番号, メール, 所属コード, 役割): every row checked, nothing saved unless all are right."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from dx_portal.models import AuditEvent
from organisation.models import BureauMembership, DivisionMembership, Person
from tests.organisation.factories import UserFactory

User = get_user_model()
HEADER = "氏名,職員番号,メール,所属コード,役割\r\n"


def upload(client, text: str, *, encoding="utf-8-sig"):
    csv_file = SimpleUploadedFile("people.csv", text.encode(encoding), content_type="text/csv")
    return client.post("/people/import/", {"file": csv_file}, follow=True)


@pytest.mark.django_db
def test_a_personnel_list_creates_and_updates_people_and_places_them(client, petra, division, bureau):
    known = UserFactory(username="suzuki", last_name="鈴木", first_name="一")
    Person.objects.create(user=known, staff_number="S0002")
    client.force_login(petra)
    response = upload(client, HEADER + (
        f"山田 太郎,S0001,taro@pref.example.lg.jp,{division.code},担当者\r\n"
        f"鈴木　一郎,S0002,ichiro@pref.example.lg.jp,{division.code},所属長\r\n"
        f"佐藤 花子,S0003,,{bureau.code},局長\r\n"
    ), encoding="cp932")
    assert "2人を新たに登録し、1人を更新しました。" in response.content.decode()
    taro = User.objects.get(username="S0001")
    assert (taro.last_name, taro.first_name, taro.has_usable_password()) == ("山田", "太郎", False)
    assert DivisionMembership.objects.get(user=taro).role == "staff"
    known.refresh_from_db()
    assert (known.username, known.first_name) == ("suzuki", "一郎")
    assert DivisionMembership.objects.get(user=known).role == "manager"
    assert BureauMembership.objects.filter(user__person__staff_number="S0003", bureau=bureau).exists()
    assert AuditEvent.objects.filter(kind="person_created", user=petra).count() == 2


@pytest.mark.django_db
def test_one_wrong_row_saves_nothing_and_every_wrong_row_is_named(client, petra, division):
    client.force_login(petra)
    response = upload(client, HEADER + (
        f"山田 太郎,S0001,taro@pref.example.lg.jp,{division.code},担当者\r\n"
        f"鈴木 一郎,S0002,not-an-address,{division.code},担当者\r\n"
        "佐藤 花子,S0003,,no-such-division,担当者\r\n"
        f"田中 次郎,S0001,,{division.code},係長\r\n"
        f",S0004,,{division.code},担当者\r\n"
    ))
    errors = [(e.row, e.field) for e in response.context["result"].errors]
    assert errors == [(3, "メール"), (4, "所属コード"), (5, "職員番号"), (6, "氏名")]
    assert not Person.objects.exists() and not DivisionMembership.objects.exists()
    assert not AuditEvent.objects.filter(kind="person_created").exists()
    assert "件の誤りがあるため、何も登録していません" in response.content.decode()


@pytest.mark.django_db
def test_a_file_without_the_columns_is_refused_at_its_header(client, petra):
    client.force_login(petra)
    response = upload(client, "name,number\r\n山田,1\r\n")
    errors = {(e.row, e.field) for e in response.context["result"].errors}
    assert {(1, "氏名"), (1, "職員番号"), (1, "name")} <= errors
    assert not Person.objects.exists()
