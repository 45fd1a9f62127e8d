"""The demo needs no superuser: pmo manages people, and the auditor finds the demo token and who issued it."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def test_the_auditor_sees_the_demo_token_and_that_pmo_issued_it(client, demo):
    client.force_login(User.objects.get(username="auditor"))
    entries = client.get("/audit/", {"kind": "token_issued"}).context["page_obj"].object_list
    assert [(e.who, "demo feed client" in e.subject, "(feed)" in e.subject) for e in entries] == [("相模 PMO", True, True)]


def test_pmo_manages_people_without_a_superuser(client, demo):
    assert not User.objects.filter(is_superuser=True).exists()
    client.force_login(User.objects.get(username="pmo"))
    assert "/people/staff/" in client.get("/people/").content.decode()
    assert client.get("/people/staff/").status_code == 200
    nav = client.get("/people/").context["nav_items"]
    assert {"/people/", "/audit/"} <= {item["url"] for item in nav}
