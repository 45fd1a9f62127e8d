"""Whatever a user typed comes back as text, never as markup: one payload per page that shows user text.

Each case stores ``XSS_PAYLOAD`` where a user could put it, then opens the page that shows it. Add a case
per page that shows a free-text field.
"""

import pytest

from dx_portal.models import AuditEvent
from tests.security.pages import XSS_PAYLOAD, assert_shows_escaped


def full_name_in_the_header(client, alice, **_):
    alice.first_name = XSS_PAYLOAD
    alice.save()
    client.force_login(alice)
    return client.get("/no-such-page/")


def name_in_the_admin_welcome(client, petra, **_):
    petra.first_name = XSS_PAYLOAD
    petra.save()
    client.force_login(petra)
    return client.get("/admin/")


def username_typed_at_the_login_form(client, **_):
    return client.post("/accounts/login/", {"username": XSS_PAYLOAD, "password": "wrong"})


def username_typed_at_login_in_the_audit_log(client, petra, **_):
    client.post("/accounts/login/", {"username": XSS_PAYLOAD, "password": "wrong"})
    client.force_login(petra)
    return client.get("/admin/dx_portal/auditevent/")


def user_agent_in_an_audit_event(client, petra, **_):
    client.post("/accounts/login/", {"username": "x", "password": "wrong"}, HTTP_USER_AGENT=XSS_PAYLOAD)
    client.force_login(petra)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    return client.get(f"/admin/dx_portal/auditevent/{event.pk}/change/")


CASES = [
    full_name_in_the_header,
    name_in_the_admin_welcome,
    username_typed_at_the_login_form,
    username_typed_at_login_in_the_audit_log,
    user_agent_in_an_audit_event,
]


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_the_page_shows_the_payload_escaped(client, alice, petra, case):
    assert_shows_escaped(case(client, alice=alice, petra=petra))


def test_the_check_fails_on_a_page_that_shows_the_payload_raw():
    class Page:
        content = f"<p>{XSS_PAYLOAD}</p>".encode()

    with pytest.raises(AssertionError):
        assert_shows_escaped(Page())
