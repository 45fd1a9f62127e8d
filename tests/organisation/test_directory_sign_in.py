"""Sign-in with the office directory, against a real OpenLDAP server (Debian's slapd) that each test starts
on a free port with a small directory: people, portal groups and a division's group."""

import base64
import hashlib
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from dx_portal.models import AuditEvent
from organisation.models import DivisionMembership
from organisation.roles import roles_of
from tests.missing_dependencies import LDAP
from tests.organisation.factories import DivisionMembershipFactory, UserFactory

SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"  # /usr/sbin is often not on a user's PATH
SLAPADD = shutil.which("slapadd") or "/usr/sbin/slapadd"
HAS_LDAP = Path(SLAPD).exists() and Path(SLAPADD).exists() and importlib.util.find_spec("django_auth_ldap") is not None
requires_ldap = pytest.mark.skipif(not HAS_LDAP, reason=LDAP.reason)

BASE = "dc=pref,dc=example,dc=lg,dc=jp"
ADMIN_DN, ADMIN_PW = f"cn=admin,{BASE}", "admin-secret"
PMO_GROUP = f"cn=dx-pmo,ou=groups,{BASE}"
AUDITOR_GROUP = f"cn=audit,ou=groups,{BASE}"
PASSWORDS = {"yamada": "yamada-pass", "sato": "sato-pass", "kato": "kato-pass"}

SLAPD_CONF = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {run}/slapd.pid
argsfile {run}/slapd.args
database mdb
maxsize 10485760
suffix "{base}"
rootdn "{admin_dn}"
rootpw {admin_pw}
directory {run}/db
access to attrs=userPassword by self write by anonymous auth by * none
access to * by users read by * none
"""


def ssha(password: str) -> str:
    """An {SSHA} hash, as slappasswd writes it."""
    salt = os.urandom(8)
    return "{SSHA}" + base64.b64encode(hashlib.sha1(password.encode() + salt).digest() + salt).decode()


def b64(value: str) -> str:
    """LDIF (RFC 2849) carries values that are not ASCII in base64 ("attr:: ...")."""
    return base64.b64encode(value.encode()).decode()


def person(uid: str, last: str, first: str) -> str:
    return f"""dn: uid={uid},ou=people,{BASE}
objectClass: inetOrgPerson
uid: {uid}
cn:: {b64(f"{last} {first}")}
sn:: {b64(last)}
givenName:: {b64(first)}
mail: {uid}@pref.example.lg.jp
userPassword: {ssha(PASSWORDS[uid])}
"""


def group(cn: str, *uids: str) -> str:
    members = "".join(f"member: uid={uid},ou=people,{BASE}\n" for uid in uids)
    return f"dn: cn={cn},ou=groups,{BASE}\nobjectClass: groupOfNames\ncn: {cn}\n{members}"


LDIF = "\n".join(
    [
        f"dn: {BASE}\nobjectClass: dcObject\nobjectClass: organization\ndc: pref\no: Example Prefecture\n",
        f"dn: ou=people,{BASE}\nobjectClass: organizationalUnit\nou: people\n",
        f"dn: ou=groups,{BASE}\nobjectClass: organizationalUnit\nou: groups\n",
        person("yamada", "山田", "太郎"),
        person("sato", "佐藤", "花子"),
        person("kato", "加藤", "一郎"),
        group("dx-pmo", "yamada"),
        group("audit", "kato"),
        group("dx-office", "yamada", "sato"),  # named after the division's code
    ]
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def slapd():
    """A slapd of our own: written, loaded and answering in about 0.1 s; stopped after the test."""
    import ldap

    # Not tmp_path: under root it is in a 0700 directory the unprivileged slapd cannot reach.
    run = Path(tempfile.mkdtemp(prefix="dx-slapd-"))
    (run / "db").mkdir()
    (run / "slapd.conf").write_text(SLAPD_CONF.format(run=run, base=BASE, admin_dn=ADMIN_DN, admin_pw=ADMIN_PW))
    (run / "data.ldif").write_text(LDIF, encoding="utf-8")
    as_user = {}
    if os.geteuid() == 0:  # slapd refuses nothing as root, but should not run as root: use its own account
        as_user = {"user": "openldap", "group": "openldap"}
        for path in [run, *run.rglob("*")]:
            shutil.chown(path, "openldap", "openldap")
    loaded = subprocess.run([SLAPADD, "-f", run / "slapd.conf", "-l", run / "data.ldif"], capture_output=True, **as_user)
    assert loaded.returncode == 0, loaded.stderr.decode()
    uri = f"ldap://127.0.0.1:{_free_port()}"
    log = open(run / "slapd.log", "wb")
    # -d 0: stay in the foreground, so that this process is the server and terminate() stops it.
    proc = subprocess.Popen(
        [SLAPD, "-f", run / "slapd.conf", "-h", uri, "-d", "0"], stdout=log, stderr=subprocess.STDOUT, **as_user
    )
    deadline = time.monotonic() + 10
    while True:
        assert proc.poll() is None, (run / "slapd.log").read_text()
        try:
            connection = ldap.initialize(uri)
            connection.simple_bind_s(ADMIN_DN, ADMIN_PW)
            connection.unbind_s()
            break
        except ldap.SERVER_DOWN:
            assert time.monotonic() < deadline, "slapd did not answer within 10 s"
            time.sleep(0.05)
    yield uri
    proc.terminate()
    proc.wait(timeout=10)
    log.close()
    shutil.rmtree(run, ignore_errors=True)


def configure(settings, monkeypatch, uri: str, **extra: str) -> None:
    """The settings the environment below gives (dx_portal/settings/directory.py), as base.py applies them."""
    from dx_portal.settings.directory import ldap_settings, with_directory_backend

    environment = {
        "LDAP_SERVER_URI": uri,
        "LDAP_BIND_DN": ADMIN_DN,
        "LDAP_BIND_PASSWORD": ADMIN_PW,
        "LDAP_USER_SEARCH_BASE": f"ou=people,{BASE}",
        "LDAP_GROUP_SEARCH_BASE": f"ou=groups,{BASE}",
        "LDAP_GROUP_PMO": PMO_GROUP,
        "LDAP_GROUP_AUDITOR": AUDITOR_GROUP,
        "LDAP_TIMEOUT": "2",
        **extra,
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    for name, value in ldap_settings(environ.Env()).items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = with_directory_backend(settings.AUTHENTICATION_BACKENDS)


def sign_in(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def signed_in_user(client):
    return client.get(reverse("home")).wsgi_request.user


@pytest.fixture
def directory(db, slapd, settings, monkeypatch):
    configure(settings, monkeypatch, slapd)
    return slapd


@requires_ldap
def test_a_directory_user_signs_in_and_gets_the_role_of_their_directory_group(client, directory):
    response = sign_in(client, "yamada", "yamada-pass")

    assert response.status_code == 302
    user = signed_in_user(client)
    assert (user.username, user.last_name, user.first_name, user.email) == ("yamada", "山田", "太郎", "yamada@pref.example.lg.jp")
    assert roles_of(user).is_pmo and not roles_of(user).is_auditor
    assert not user.has_usable_password()  # no second password kept in the portal
    assert client.get(reverse("admin:index")).status_code == 200  # PMO's admin


@requires_ldap
def test_each_directory_group_gives_its_own_role_and_no_other(client, directory):
    sign_in(client, "kato", "kato-pass")
    assert roles_of(signed_in_user(client)).is_auditor
    assert not roles_of(signed_in_user(client)).is_pmo
    client.logout()

    sign_in(client, "sato", "sato-pass")
    sato = signed_in_user(client)
    assert sato.username == "sato" and not roles_of(sato).reads_everything


@requires_ldap
def test_a_role_taken_away_in_the_directory_is_gone_at_the_next_sign_in(client, directory):
    import ldap

    sign_in(client, "yamada", "yamada-pass")
    assert roles_of(signed_in_user(client)).is_pmo
    client.logout()
    connection = ldap.initialize(directory)
    connection.simple_bind_s(ADMIN_DN, ADMIN_PW)
    connection.modify_s(PMO_GROUP, [(ldap.MOD_REPLACE, "member", [f"uid=kato,ou=people,{BASE}".encode()])])
    connection.unbind_s()

    sign_in(client, "yamada", "yamada-pass")

    assert signed_in_user(client).username == "yamada"
    assert not roles_of(signed_in_user(client)).is_pmo
    # Each change the directory made is in the audit log; a sign-in that changes nothing adds no line.
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.DIRECTORY_ROLES, username="yamada").order_by("at")
    assert [event.subject for event in events] == ["+pmo", "-pmo"]


@requires_ldap
def test_a_group_named_after_a_division_places_its_members_there_as_staff(
    client, slapd, settings, monkeypatch, division, other_division
):
    configure(settings, monkeypatch, slapd, LDAP_DIVISION_GROUPS="true")
    DivisionMembershipFactory(user=UserFactory(username="yamada"), division=division, role=DivisionMembership.Role.MANAGER)

    sign_in(client, "sato", "sato-pass")
    client.logout()
    sign_in(client, "yamada", "yamada-pass")

    assert set(DivisionMembership.objects.values_list("user__username", "division__code", "role")) == {
        ("sato", "dx-office", "staff"),
        ("yamada", "dx-office", "manager"),  # the portal's record of a manager stands
    }


@requires_ldap
def test_a_wrong_directory_password_is_refused_and_local_accounts_still_sign_in(client, directory, alice):
    assert sign_in(client, "yamada", "wrong").status_code == 200
    assert not signed_in_user(client).is_authenticated

    assert sign_in(client, "alice", "pw").status_code == 302
    assert signed_in_user(client).username == "alice"


@requires_ldap
def test_local_accounts_sign_in_while_the_directory_does_not_answer(client, settings, monkeypatch, alice):
    configure(settings, monkeypatch, f"ldap://127.0.0.1:{_free_port()}")  # nothing listens there

    assert sign_in(client, "yamada", "yamada-pass").status_code == 200
    assert sign_in(client, "alice", "pw").status_code == 302
    assert signed_in_user(client).username == "alice"


@requires_ldap
def test_a_person_deactivated_in_the_portal_cannot_sign_in_with_the_directory(client, directory):
    UserFactory(username="sato", is_active=False)

    assert sign_in(client, "sato", "sato-pass").status_code == 200
    assert not signed_in_user(client).is_authenticated


def test_a_directory_configured_without_its_package_is_a_clear_start_up_error(monkeypatch):
    from dx_portal.settings.directory import ldap_settings

    monkeypatch.setenv("LDAP_SERVER_URI", "ldap://127.0.0.1:389")
    monkeypatch.setitem(sys.modules, "ldap", None)  # as on a machine without requirements-ldap.txt

    with pytest.raises(ImproperlyConfigured, match="pip install -r requirements-ldap.txt"):
        ldap_settings(environ.Env())
