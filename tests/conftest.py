"""Named people shared by every test: Alice and Bob work in the owning division, Charlie in another;
Mallory manages Alice's division; Dana directs Alice's bureau; Petra is PMO, Carl the CIO, Audrey an
auditor, and Fiona a REST client."""

import uuid

import pytest
import redis
from django.conf import settings

from dx_portal import usage
from organisation.models import DivisionMembership
from tests.organisation.factories import (
    BureauFactory,
    BureauMembershipFactory,
    DivisionFactory,
    DivisionMembershipFactory,
    UserFactory,
)

# Playwright, Chromium and axe for any test module that asks for ``page`` (tests/browser/harness.py); one
# block at the end of the run naming the tests a missing system part kept from running (tests/missing_dependencies.py).
pytest_plugins = ["tests.missing_dependencies", "tests.browser.harness"]


@pytest.fixture
def bureau(db):
    return BureauFactory(code="policy", name="政策局")


@pytest.fixture
def division(bureau):
    return DivisionFactory(bureau=bureau, code="dx-office", name="デジタル戦略本部室")


@pytest.fixture
def other_division(db):
    return DivisionFactory(bureau=BureauFactory(code="public-enterprise", name="企業局"), code="water", name="水道施設課")


@pytest.fixture
def alice(division):
    return DivisionMembershipFactory(user=UserFactory(username="alice"), division=division).user


@pytest.fixture
def bob(division):
    return DivisionMembershipFactory(user=UserFactory(username="bob"), division=division).user


@pytest.fixture
def mallory(division):
    return DivisionMembershipFactory(
        user=UserFactory(username="mallory"), division=division, role=DivisionMembership.Role.MANAGER
    ).user


@pytest.fixture
def charlie(other_division):
    return DivisionMembershipFactory(user=UserFactory(username="charlie"), division=other_division).user


@pytest.fixture
def dana(bureau):
    return BureauMembershipFactory(user=UserFactory(username="dana"), bureau=bureau).user


@pytest.fixture
def petra(db):
    return UserFactory(username="petra", groups=["pmo"])


@pytest.fixture
def carl(db):
    return UserFactory(username="carl", groups=["cio"])


@pytest.fixture
def audrey(db):
    return UserFactory(username="audrey", groups=["auditor"])


@pytest.fixture
def fiona(db):
    return UserFactory(username="fiona", groups=["api-client"])


@pytest.fixture
def nobody(db):
    """Logged in, but in no division and no role."""
    return UserFactory(username="nobody")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids repeat across rolled-back tests, so cached reads keyed on
    them (the portfolio's health history) must not outlive their test."""
    from django.core.cache import cache

    from dx_portal.versioned_cache import forget_entries_held

    cache.clear()
    forget_entries_held()
    yield
    cache.clear()
    forget_entries_held()


@pytest.fixture
def redis_commands(settings, monkeypatch):
    """The portal's cache on the broker's Redis (database 8), and the commands each round trip sent to it; skipped
    without Redis."""
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip("needs Redis: set CELERY_BROKER_URL=redis://...")
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "dx_portal.cache.ResilientRedisCache",
            "LOCATION": settings.CELERY_BROKER_URL.rsplit("/", 1)[0] + "/8",
            "KEY_PREFIX": "test-redis-commands",
        }
    }
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "600/min", "feeds": "120/min", "failed_auth": "20/min"},
    }
    trips: list[list[str]] = []
    connection_class = redis.connection.Connection
    send_command, pack_commands = connection_class.send_command, connection_class.pack_commands

    def sent(self, *args, **kwargs):
        trips.append([str(args[0])])
        return send_command(self, *args, **kwargs)

    def pipelined(self, commands):  # a pipeline: one round trip, several commands
        trips.append([str(command[0]) for command in commands])
        return pack_commands(self, commands)

    monkeypatch.setattr(connection_class, "send_command", sent)
    monkeypatch.setattr(connection_class, "pack_commands", pipelined)
    yield trips
    cache.clear()


@pytest.fixture
def paul(db):
    """A second PMO member: the other editor in lost-update races."""
    return UserFactory(username="paul", groups=["pmo"])


@pytest.fixture(autouse=True)
def _japanese_after_each_test():
    """A request in English leaves English active in the thread (LocaleMiddleware activates and never resets, as
    a server's next request activates again): the next test must not read its labels in English."""
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _no_token_use_left_over():
    """Token reads are counted in the process until a flush: none of a rolled-back test reaches the next one."""
    usage.discard()
    yield
    usage.discard()


@pytest.fixture
def empty_database_url(tmp_path, django_db_blocker):
    """The URL of an empty database of its own beside the test database, for an upgrade probe run in its own process
    (the suite itself runs without migrations)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        return
    import psycopg

    name = f"upgrade_{uuid.uuid4().hex[:12]}"
    params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"], "password": db["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{db['USER']}:{db['PASSWORD']}@{params['host']}:{params['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
