"""Local use: DEBUG on, the SQLite file, e-mails written to var/mail, no Redis needed."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="local-only-insecure-key-do-not-deploy")
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
# Without Redis, kombu's filesystem transport carries tasks between the web process, beat and the worker.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
_queue = BASE_DIR / "var" / "celery"
# kombu keeps its exchange table in "control_folder", relative to the working directory unless told.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "data_folder_in": str(_queue), "data_folder_out": str(_queue), "control_folder": str(_queue / "control"),
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DX_DEMO_ALLOWED = True
# Shared by the web server, the worker and management commands (load_demo, imports), so that a change
# made by one is seen by the others' cached pages; production uses Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(BASE_DIR / "var" / "cache")}
}
