"""Production: DEBUG off, secrets from the environment with no default, HTTPS only.

https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_TIMEOUTS, SECRET_KEY, env

DEBUG = env.bool("DEBUG", default=False)
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment (at least 50 random characters) for production; "
        "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

# https://docs.djangoproject.com/en/5.2/ref/settings/#csrf-trusted-origins (e.g. https://dx.pref.example.lg.jp)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Rate limits and cached reads shared by every web process: Redis (a different db from Celery's). It
# fails open (dx_portal.cache): short timeouts, so that a Redis that hangs costs little.
# https://docs.djangoproject.com/en/5.2/topics/cache/#redis
CACHES = {
    "default": {
        "BACKEND": "dx_portal.cache.ResilientRedisCache",
        "LOCATION": env.str("REDIS_CACHE_URL", default=env.str("CACHE_URL", default="redis://127.0.0.1:6379/1")),
        "OPTIONS": REDIS_TIMEOUTS,
    }
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The admin asks superusers and PMO for a second factor (TOTP) unless told otherwise.
ADMIN_REQUIRE_OTP = env.bool("ADMIN_REQUIRE_OTP", default=True)
# Never demo users with known passwords in production, whatever the environment says.
DX_DEMO_ALLOWED = False
