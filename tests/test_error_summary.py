"""Every form shows what is wrong at its top: a summary that takes the focus on load and links to each field."""

import pytest

from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_form_with_field_errors_lists_each_with_a_link_to_its_field(client, alice, division):
    ProjectFactory(code="KSC-NEXT", division=division)
    client.force_login(alice)
    html = client.get("/projects/KSC-NEXT/issues/new/").content.decode()
    assert "error-summary" not in html
    html = client.post("/projects/KSC-NEXT/issues/new/", {"kind": "issue"}).content.decode()
    summary = html[html.index('<div class="error-summary"'):html.index("</div>", html.index('<div class="error-summary"'))]
    assert 'tabindex="-1" autofocus' in summary
    assert '<a href="#id_title">件名: この項目は必須です。</a>' in summary
    assert '<a href="#id_raised_on">' in summary


def test_an_error_of_the_whole_form_is_in_the_summary_too(client, alice):
    html = client.post("/accounts/login/", {"username": "alice", "password": "wrong"}).content.decode()
    summary = html[html.index('<div class="error-summary"'):]
    assert "<li>" in summary.split("</ul>")[0]
