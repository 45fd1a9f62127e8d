"""The benchmark (bench/run.py): production-like (DEBUG off, every middleware on, the audit log written), on
127.0.0.1 over plain HTTP, with rate limits out of the load tool's way and bench/urls.py's floor view.

Never deploy with these: the secret key is in the source.
"""

from .base import *  # noqa: F403
from .base import LOGGING, MIDDLEWARE, REDIS_TIMEOUTS, REST_FRAMEWORK, env

DEBUG = False
SECRET_KEY = "bench-only-key-not-secret-4c8f0a1e9b7d2c6f5e3a8b1d0c9f7e6a5b4c3d2e1f0a9b8"
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
# No collectstatic step: the pages are measured, not their static files.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# As in production: one cache shared by the workers (rate limits, cached answers and their versions).
CACHES = {
    "default": {
        "BACKEND": "dx_portal.cache.ResilientRedisCache",
        "LOCATION": env.str("REDIS_CACHE_URL", default="redis://127.0.0.1:6379/3"),
        "OPTIONS": REDIS_TIMEOUTS,
    }
}
# Outermost, so that it counts every query of a request (sessions, authentication, the audit log too).
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
# The throttles still run (and cost what they cost), but never refuse the load tool.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "10000000/min"),
}
# generate_load_data creates the bench users with the demo password.
DX_DEMO_ALLOWED = True
# As in production, with the access log (one JSON line a request, into gunicorn's log file).
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}
