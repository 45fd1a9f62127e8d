"""Production settings, loaded as production loads them (a separate process): HTTPS only, secure
cookies, HSTS, the policy, Redis for rate limits, and `check --deploy` clean."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
client = Client()
# The manifest storage needs collectstatic; which file names the page links to is not under test here.
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
    secure = client.get("/accounts/login/", secure=True)
    plain = client.get("/accounts/login/")
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "hsts": secure.get("Strict-Transport-Security"),
    "csp": secure.get("Content-Security-Policy"),
    "csrf_cookie_secure": bool(secure.cookies["csrftoken"]["secure"]),
    "session_cookie": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY],
    "cache": [settings.CACHES["default"]["BACKEND"], settings.CACHES["default"]["LOCATION"]],
}))
"""


def run_production(*args, **env):
    # Not the test run's own switches (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process).
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "dx_portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": "sqlite://:memory:",
        **env,
    }
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_production_sends_https_only_with_hsts_secure_cookies_and_the_policy():
    result = run_production("-c", PROBE, ALLOWED_HOSTS="testserver", REDIS_CACHE_URL="redis://cache.internal:6379/2")
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain"] == [301, "https://testserver/accounts/login/"]
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in seen["csp"] and "unsafe-inline" not in seen["csp"]
    assert seen["csrf_cookie_secure"] is True
    assert seen["session_cookie"] == [True, True]
    assert seen["cache"] == ["dx_portal.cache.ResilientRedisCache", "redis://cache.internal:6379/2"]


def test_check_deploy_finds_nothing_to_warn_about():
    result = run_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
