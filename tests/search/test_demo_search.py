"""The issue's check on the demo data: /search/?q=契約 as staff2 (企業局 水道施設課) finds the electronic-contract
decisions and nothing of the projects staff2 may not see; as pmo it finds the electronic-contract project too."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)


def test_staff2_finds_the_contract_decisions_and_nothing_of_projects_staff2_may_not_see(client, demo):
    staff2 = get_user_model().objects.get(username="staff2")
    visible = set(Project.objects.visible_to(staff2).values_list("pk", flat=True))
    client.force_login(staff2)
    response = client.get("/search/?q=契約")
    counts = {kind.key: count for kind, count, _ in response.context["kind_counts"]}
    assert counts["decision"] >= 1
    decisions = client.get("/search/?q=契約&kind=decision").context["page_obj"]
    assert any("電子契約" in hit.title for hit in decisions)
    for kind in ("project", "status_report", "issue", "finding"):
        for hit in client.get(f"/search/?q=契約&kind={kind}").context["page_obj"]:
            project = hit.record if kind == "project" else hit.record.project
            assert project.pk in visible
    assert "E-CONTRACT" not in response.content.decode()


def test_pmo_finds_the_electronic_contract_project_too(client, demo):
    client.force_login(get_user_model().objects.get(username="pmo"))
    projects = client.get("/search/?q=契約&kind=project").context["page_obj"]
    assert "E-CONTRACT" in [hit.record.code for hit in projects]
    decisions = client.get("/search/?q=契約&kind=decision").context["page_obj"]
    assert any("電子契約" in hit.title for hit in decisions)
