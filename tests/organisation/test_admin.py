"""The organisation and the API tokens in the admin, at their new addresses: PMO keeps them, nobody else; a
token revoked there is in the audit log with who revoked it."""

import pytest

from dx_portal.models import ApiToken, AuditEvent
from dx_portal.tokens import api_token_issue

pytestmark = pytest.mark.django_db
LISTS = ["organisation/bureau", "organisation/division", "organisation/bureaumembership", "dx_portal/apitoken"]


@pytest.mark.parametrize("model", LISTS)
def test_pmo_opens_each_list_and_an_auditor_does_not(client, petra, audrey, division, model):
    client.force_login(petra)
    assert client.get(f"/admin/{model}/").status_code == 200
    client.force_login(audrey)
    assert client.get(f"/admin/{model}/").status_code == 302


def test_pmo_revokes_a_token_there(client, petra, fiona):
    token, _ = api_token_issue(user=fiona, scopes=["kpi:read"])
    client.force_login(petra)
    response = client.post("/admin/dx_portal/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    revoked = AuditEvent.objects.get(kind=AuditEvent.Kind.TOKEN_REVOKED)
    assert (revoked.user, revoked.token_key) == (petra, token.token_key)
