"""Watching a project from its page: a button for whoever may see it; its health changes then reach them."""

import datetime

from projects.models import ProjectWatch
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import FROZEN, file_report, text
from tests.workbench.helpers import RED

pytestmark = FROZEN


def test_a_person_who_may_see_the_project_watches_and_unwatches_it(client, division, carl):
    project = ProjectFactory(code="EAPP", division=division)
    client.force_login(carl)
    assert "ウォッチする" in text(client.get("/projects/EAPP/"))
    response = client.post("/projects/EAPP/watch/")
    assert response["Location"] == "/projects/EAPP/"
    assert ProjectWatch.objects.filter(project=project, user=carl).exists()
    page = text(client.get("/projects/EAPP/"))
    assert "この案件をウォッチしています。" in page and "ウォッチをやめる" in page
    # Twice is still one watch.
    client.post("/projects/EAPP/watch/")
    assert ProjectWatch.objects.filter(project=project).count() == 1
    client.post("/projects/EAPP/unwatch/")
    assert not ProjectWatch.objects.exists()
    assert "この案件のウォッチをやめました。" in text(client.get("/projects/EAPP/"))


def test_a_project_one_may_not_see_cannot_be_watched(client, division, charlie):
    ProjectFactory(code="EAPP", division=division)
    client.force_login(charlie)
    assert client.post("/projects/EAPP/watch/").status_code == 404
    assert not ProjectWatch.objects.exists()


def test_watching_needs_a_post(client, division, carl):
    ProjectFactory(code="EAPP", division=division)
    client.force_login(carl)
    assert client.get("/projects/EAPP/watch/").status_code == 405


def test_the_watcher_finds_the_health_change_in_the_inbox(client, division, alice, carl):
    project = ProjectFactory(code="EAPP", name="電子申請システム", division=division)
    client.force_login(carl)
    client.post("/projects/EAPP/watch/")
    file_report(project, alice, datetime.date(2022, 9, 30), **RED)
    assert "ウォッチ中の「電子申請システム」の健全度が—から遅延に変わりました。" in text(client.get("/notifications/"))
