"""Fast, isolated settings for the test suite."""

from .base import *  # noqa: F403
from .base import LOGGING, REST_FRAMEWORK, env

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="memory://")
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
DX_DEMO_ALLOWED = True
# The test client's login() calls authenticate() without a request, which django-axes refuses;
# tests/security turn axes on to lock out through the real login form.
AXES_ENABLED = False
# Every test shares one client address and one cache: no rate limits unless a test sets them.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]),
}
# No access log and no flushing thread: tests read the log with caplog and call dx_portal.usage.flush().
LOGGING = {
    **LOGGING,
    "loggers": {"dx_portal.access": {"handlers": [], "level": "WARNING", "propagate": True}},
}
DX_TOKEN_USE_FLUSH = False
# The admin without a second factor: tests that need it turn it on.
ADMIN_REQUIRE_OTP = False
MEDIA_ROOT = str(BASE_DIR / "var" / "test-media")  # noqa: F405
