"""load_demo: the organisation and demo users, idempotent, refused in production settings."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from dx_portal.models import ApiToken
from organisation.models import Division
from organisation.roles import roles_of

PORTAL_APPS = {"governance", "projects", "kpis", "auth"}


def row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in PORTAL_APPS}


@pytest.mark.django_db
def test_running_it_twice_changes_nothing():
    call_command("load_demo")
    first = row_counts()
    call_command("load_demo")
    assert row_counts() == first


@pytest.mark.django_db
def test_the_demo_users_have_their_roles():
    call_command("load_demo")
    User = get_user_model()
    assert roles_of(User.objects.get(username="cio")).is_cio
    assert roles_of(User.objects.get(username="pmo")).is_pmo
    assert roles_of(User.objects.get(username="auditor")).is_auditor
    staff, staff2 = User.objects.get(username="staff"), User.objects.get(username="staff2")
    assert roles_of(staff).division_ids and roles_of(staff2).division_ids
    assert roles_of(staff).division_ids.isdisjoint(roles_of(staff2).division_ids)
    assert Division.objects.filter(bureau__name="企業局").exists()


@pytest.mark.django_db
def test_the_feed_client_gets_one_token_printed_once(capsys):
    call_command("load_demo")
    assert "API token for 'feed'" in capsys.readouterr().out
    call_command("load_demo")
    assert "API token for 'feed'" not in capsys.readouterr().out
    assert ApiToken.objects.filter(user__username="feed").count() == 1


@pytest.mark.django_db
def test_it_refuses_to_create_demo_users_in_production(settings):
    settings.DX_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="refused in production"):
        call_command("load_demo")
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_the_feed_client_has_no_password_to_log_in_with():
    call_command("load_demo")
    assert not get_user_model().objects.get(username="feed").has_usable_password()
