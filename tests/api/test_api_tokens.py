"""API tokens: hashed, scoped, expiring, revocable, with their last use recorded."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import path
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from dx_portal import usage
from dx_portal.models import ApiToken
from dx_portal.tokens import api_token_issue, api_token_revoke


class ProbeView(APIView):
    required_scopes = {"read": "kpi:read", "write": "projects:write"}

    def get(self, request):
        return Response({"user": request.user.username})

    def post(self, request):
        return Response({"ok": True})


urlpatterns = [path("probe/", ProbeView.as_view())]
pytestmark = pytest.mark.urls(__name__)


def get(key, method="get"):
    client = APIClient()
    return getattr(client, method)("/probe/", HTTP_AUTHORIZATION=f"Token {key}")


def test_the_key_is_not_stored_only_its_digest(fiona):
    token, key = api_token_issue(user=fiona, scopes=["kpi:read"])
    stored = ApiToken.objects.get(pk=token.pk)
    assert key not in (stored.digest, stored.token_key)
    assert key.startswith(stored.token_key)


def test_a_token_reads_what_its_scope_allows(fiona):
    _, key = api_token_issue(user=fiona, scopes=["kpi:read"])
    response = get(key)
    assert response.status_code == 200
    assert response.json() == {"user": "fiona"}


def test_a_token_without_the_scope_is_forbidden(fiona):
    _, key = api_token_issue(user=fiona, scopes=["kpi:read"])
    assert get(key, "post").status_code == 403


def test_a_wrong_key_is_refused(fiona):
    api_token_issue(user=fiona, scopes=["kpi:read"])
    assert get("0" * 64).status_code == 401


def test_an_expired_token_is_refused_but_kept_for_the_audit(fiona):
    with time_machine.travel(datetime.datetime(2022, 10, 1, tzinfo=datetime.UTC)):
        token, key = api_token_issue(user=fiona, scopes=["kpi:read"], expires_in_days=30)
    with time_machine.travel(datetime.datetime(2022, 11, 1, tzinfo=datetime.UTC)):
        assert get(key).status_code == 401
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_a_revoked_token_is_refused(fiona):
    token, key = api_token_issue(user=fiona, scopes=["kpi:read"])
    api_token_revoke(token=token)
    assert get(key).status_code == 401


def test_the_last_use_is_written_by_the_minute_s_flush_not_by_the_request(fiona):
    token, key = api_token_issue(user=fiona, scopes=["kpi:read"])
    start = datetime.datetime(2022, 10, 4, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        get(key)
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        get(key)
        token.refresh_from_db()
        assert token.last_used_at is None
        usage.flush()
    token.refresh_from_db()
    assert token.last_used_at == start + datetime.timedelta(seconds=30)


def test_unknown_scopes_are_refused(fiona):
    with pytest.raises(ValueError, match="unknown scope"):
        api_token_issue(user=fiona, scopes=["kpi:delete"])


def test_issue_token_prints_a_working_key_once(fiona, capsys):
    call_command("issue_token", "fiona", "--scope", "kpi:read", "--expires-days", "10")
    key = capsys.readouterr().out.strip()
    assert get(key).status_code == 200
    assert ApiToken.objects.get(user=fiona).expiry is not None


def test_a_rest_client_cannot_read_through_a_session(fiona):
    client = APIClient()
    client.force_login(fiona)
    assert client.get("/probe/").status_code == 403
