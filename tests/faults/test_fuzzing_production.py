"""schemathesis against the portal as it is deployed: gunicorn, production settings, the cache in a Redis
of the test's own, on the demo data; no operation may answer 500 or anything the schema does not
document. The in-process variant is tests/api/test_schemathesis.py."""

import io

import pytest
from django.core.management import call_command

from dx_portal.models import ApiToken
from dx_portal.tokens import api_token_issue
from tests.api.test_schemathesis import fuzz
from tests.faults.harness import RedisServer, SharedDatabase, gunicorn, production_env, stop

pytestmark = pytest.mark.faults


@pytest.fixture
def portal(transactional_db, django_user_model, tmp_path):
    """gunicorn with production settings on this test's database, with the demo loaded; yields its URL and
    a token of PMO with every scope."""
    call_command("load_demo", stdout=io.StringIO())
    _, key = api_token_issue(user=django_user_model.objects.get(username="pmo"), scopes=ApiToken.Scope.values)
    database = SharedDatabase(tmp_path)
    database.publish()
    redis = RedisServer(tmp_path)
    redis.start()
    # The limits as deployed would answer most of the fuzzing 429: documented, but it tests little.
    env = production_env(database.url, redis.url, CELERY_BROKER_URL=redis.url, API_RATE_USER="100000/min")
    server, base = gunicorn(env, tmp_path / "gunicorn.log")
    try:
        yield base, key
    finally:
        stop(server)
        redis.stop()


def test_the_production_server_survives_fuzzing(portal, tmp_path):
    base, key = portal
    fuzz(base, key, tmp_path)
