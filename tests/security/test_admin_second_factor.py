"""With ADMIN_REQUIRE_OTP (on by default in production), the admin wants a TOTP code besides the password,
from a device its user enrolled at /accounts/otp/; without it, the password is enough."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from dx_portal.models import AuditEvent
from tests.security.test_production_settings import run_production

ADMIN = "/admin/"


@pytest.fixture
def otp_required(settings):
    settings.ADMIN_REQUIRE_OTP = True


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def admin_login(client, user, token=""):
    return client.post(reverse("admin:login"), {"username": user.username, "password": "pw", "otp_token": token})


def test_without_the_setting_the_password_opens_the_admin(client, petra):
    client.force_login(petra)
    assert client.get(ADMIN).status_code == 200


@pytest.mark.usefixtures("otp_required")
@pytest.mark.parametrize("who", ["petra", "root"])
def test_pmo_and_superusers_need_the_code_of_their_device(client, request, who):
    user = request.getfixturevalue(who)
    device = enrolled(user)

    response = admin_login(client, user)
    assert response.status_code == 200
    assert "otp_token" in response.context["form"].fields
    assert client.get(ADMIN).status_code == 302  # not verified: sent to the login

    assert admin_login(client, user, code(device)).status_code == 302
    assert client.get(ADMIN).status_code == 200


@pytest.mark.usefixtures("otp_required")
def test_a_wrong_code_is_refused(client, petra):
    device = enrolled(petra)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"

    assert admin_login(client, petra, wrong).status_code == 200
    assert client.get(ADMIN).status_code == 302


@pytest.mark.usefixtures("otp_required")
def test_a_portal_session_with_the_password_only_does_not_open_the_admin(client, petra):
    enrolled(petra)
    client.force_login(petra)

    assert client.get(ADMIN).status_code == 302
    assert client.get(reverse("home"), follow=True).request["PATH_INFO"] == "/my/"  # the portal is unchanged


@pytest.mark.usefixtures("otp_required")
def test_a_pmo_member_enrols_an_app_and_reaches_the_admin(client, petra):
    client.force_login(petra)
    page = client.get(reverse("otp-enrol"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", html).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=petra, confirmed=False)
    assert b32decode(secret) == device.bin_key  # the secret shown is the device's

    response = client.post(reverse("otp-enrol"), {"token": code(device)})

    assert response.status_code == 302 and response.url == ADMIN
    assert TOTPDevice.objects.get(user=petra).confirmed
    assert client.get(ADMIN).status_code == 200  # verified in this session by the code just given
    # The audit log tells who enrolled a device, and from where.
    [event] = AuditEvent.objects.filter(kind=AuditEvent.Kind.DEVICE_ENROLLED)
    assert (event.user, event.ip_address) == (petra, "127.0.0.1")


@pytest.mark.usefixtures("otp_required")
def test_a_wrong_code_does_not_confirm_the_device(client, petra):
    client.force_login(petra)
    client.get(reverse("otp-enrol"))
    device = TOTPDevice.objects.get(user=petra)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("otp-enrol"), {"token": wrong})

    assert response.status_code == 200 and response.context["form"].errors["token"]
    assert not TOTPDevice.objects.get(user=petra).confirmed
    assert client.get(ADMIN).status_code == 302


@pytest.mark.usefixtures("otp_required")
def test_a_password_alone_cannot_replace_an_enrolled_device(client, petra):
    device = enrolled(petra)
    client.force_login(petra)

    page = client.get(reverse("otp-enrol"))

    assert "秘密鍵" not in page.content.decode() and "登録済み" in page.content.decode()
    client.post(reverse("otp-enrol"), {"token": "000000"})
    assert list(TOTPDevice.objects.filter(user=petra)) == [device]


@pytest.mark.usefixtures("otp_required")
def test_a_verified_user_replaces_their_device(client, petra):
    old = enrolled(petra)
    admin_login(client, petra, code(old))
    client.get(reverse("otp-enrol"))
    new = TOTPDevice.objects.get(user=petra, confirmed=False)

    assert client.post(reverse("otp-enrol"), {"token": code(new)}).status_code == 302

    assert list(TOTPDevice.objects.filter(user=petra)) == [new]


def test_the_admin_login_links_to_enrolment(client, settings):
    settings.ADMIN_REQUIRE_OTP = True
    assert reverse("otp-enrol") in client.get(reverse("admin:login")).content.decode()


@pytest.mark.parametrize(("environment", "required"), [({}, "True"), ({"ADMIN_REQUIRE_OTP": "off"}, "False")])
def test_production_asks_for_the_second_factor_unless_told_not_to(environment, required):
    probe = "import django; django.setup(); from django.conf import settings; print(settings.ADMIN_REQUIRE_OTP)"
    result = run_production("-c", probe, **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [required]


def test_a_superuser_deletes_a_lost_device_in_the_admin(client, root, petra):
    device = enrolled(petra)
    client.force_login(root)
    url = f"/admin/otp_totp/totpdevice/{device.pk}/delete/"

    assert client.post(url, {"post": "yes"}).status_code == 302

    assert not TOTPDevice.objects.filter(user=petra).exists()
