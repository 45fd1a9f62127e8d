"""What our optimisations assume of the libraries' private internals. Each is kept only for the figure in
its comment; when a library changes under it, these fail before production does.

- dx_portal.cache.PooledRedisCacheClient: Django's RedisCacheClient asks ``get_client()`` for a client
  on every operation, and builds one from ``_client`` and ``_get_connection_pool(write)``.
- dx_portal.cache.ResilientRedisCache.count_and_read: values read in its script are decoded with the client's
  ``_serializer``, as ``get_many`` decodes them.
- dx_portal.api.authentication.ApiTokenAuthentication._cleanup_token: knox calls it for each candidate token
  and skips the ones it refuses.
- organisation.roles._memberships: hand-written SQL over our tables and Django's user-group table.
- dx_portal/settings/base.py on PostgreSQL: psycopg prepares a statement run again on a connection, which Django's
  server-side binding and ``prepare_threshold`` options ask of it.
"""

import datetime
import inspect

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import connection
from django.db.models import CharField, Value
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.auth import TokenAuthentication
from rest_framework.test import APIClient

from dx_portal.cache import PooledRedisCacheClient, ResilientRedisCache
from dx_portal.models import ApiToken
from dx_portal.tokens import api_token_issue
from organisation.models import BureauMembership, DivisionMembership
from organisation.roles import _memberships
from tests.organisation.factories import BureauMembershipFactory, DivisionMembershipFactory, UserFactory


def test_djangos_redis_client_still_takes_its_clients_from_get_client():
    for operation in ("get", "set", "add", "incr", "delete", "get_many", "set_many", "touch", "has_key", "clear"):
        assert "self.get_client(" in inspect.getsource(getattr(RedisCacheClient, operation)), operation
    assert list(inspect.signature(RedisCacheClient.get_client).parameters) == ["self", "key", "write"]
    assert list(inspect.signature(RedisCacheClient._get_connection_pool).parameters) == ["self", "write"]
    assert list(inspect.signature(RedisCacheClient._get_connection_pool_index).parameters) == ["self", "write"]
    assert "self._client(connection_pool=" in inspect.getsource(RedisCacheClient.get_client)
    assert "self._serializer.loads(" in inspect.getsource(RedisCacheClient.get_many)


def test_one_client_serves_every_operation_of_a_pool():
    cache = ResilientRedisCache("redis://127.0.0.1:6379/14", {})  # building a client connects to nothing
    assert isinstance(cache._cache, PooledRedisCacheClient)
    assert cache._cache.get_client(write=True) is cache._cache.get_client("any-key", write=True)


def test_knox_still_asks_cleanup_token_and_skips_the_tokens_it_refuses():
    source = inspect.getsource(TokenAuthentication.authenticate_credentials)
    assert "if self._cleanup_token(auth_token):\n                continue" in source


@pytest.mark.django_db
def test_an_expired_token_is_refused_and_kept_for_the_audit_and_a_good_one_costs_no_extra_query():
    user = UserFactory(groups=["api-client"])
    expired, expired_key = api_token_issue(user=user, scopes=["kpi:read"])
    ApiToken.objects.filter(pk=expired.pk).update(expiry=timezone.now() - datetime.timedelta(days=1))
    _, key = api_token_issue(user=user, scopes=["kpi:read"])
    client = APIClient()

    assert client.get("/api/v1/kpis/", HTTP_AUTHORIZATION=f"Token {expired_key}").status_code == 401
    assert ApiToken.objects.filter(pk=expired.pk).exists()
    cache.clear()  # the token's lookup from the database, not the cached one of a minute
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/kpis/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    # The token's own lookup only: knox's clean-up would read all the user's tokens as well.
    assert len([query for query in queries if "governance_apitoken" in query["sql"]]) == 1


@pytest.mark.django_db
def test_the_role_sql_gives_what_the_orms_union_gives():
    user = UserFactory(groups=["pmo", "auditor"])
    DivisionMembershipFactory(user=user)
    DivisionMembershipFactory(user=user, role=DivisionMembership.Role.MANAGER)
    BureauMembershipFactory(user=user)
    DivisionMembershipFactory()  # someone else's
    # Ended yesterday, starting tomorrow: not in effect today.
    today = timezone.localdate()
    DivisionMembershipFactory(user=user, end_on=today - datetime.timedelta(days=1))
    BureauMembershipFactory(user=user, start_on=today + datetime.timedelta(days=1))
    text = CharField()
    orm = (
        DivisionMembership.objects.in_effect(today).filter(user=user)
        .values_list(Value("division", output_field=text), "division_id", "role")
        .union(
            BureauMembership.objects.in_effect(today).filter(user=user).values_list(
                Value("bureau", output_field=text), "bureau_id", Value("", output_field=text)
            ),
            Group.objects.filter(user=user).values_list(Value("group", output_field=text), "id", "name"),
            all=True,
        )
    )
    assert sorted(_memberships(user, today)) == sorted(orm) and len(orm) == 5


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_a_statement_run_again_on_a_connection_is_prepared():
    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%governance_division%"])
            return cursor.fetchone()[0]

    before = prepared()
    for _ in range(3):
        list(DivisionMembership.objects.filter(user_id=0).values_list("division_id", flat=True))
    assert prepared() == before + 1
