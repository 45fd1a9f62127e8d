"""Settings shared by every environment; values come from the environment (django-environ).

https://docs.djangoproject.com/en/5.2/ref/settings/
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# https://docs.djangoproject.com/en/5.2/ref/settings/#debug
DEBUG = env.bool("DEBUG", default=False)
# https://docs.djangoproject.com/en/5.2/ref/settings/#secret-key
# No default here: local.py and test.py give one; production must be told.
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# How many reverse proxies in front of us append to X-Forwarded-For (0: trust only REMOTE_ADDR).
# Login lockouts, rate limits and the audit log all take the client address from here.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

INSTALLED_APPS = [
    "organisation.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "dx_portal",
    "organisation",
    "governance",
    "projects",
    "kpis",
    "webhooks",
    "workbench",
    "inquiries",
    "search",
]

MIDDLEWARE = [
    # Outermost but for the security headers: its duration covers every other middleware.
    "django.middleware.security.SecurityMiddleware",
    "dx_portal.access_log.AccessLogMiddleware",
    "dx_portal.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After AuthenticationMiddleware: marks request.user verified once a second factor was given.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "dx_portal.middleware.TokenAuditMiddleware",
    "dx_portal.middleware.PrivateCacheMiddleware",
    "dx_portal.api.idempotency.IdempotencyKeyMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dx_portal.urls"
WSGI_APPLICATION = "dx_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisation.context_processors.navigation",
                "workbench.context_processors.workbench",
            ],
        },
    },
    # The charts' SVG and the portfolio's fragments (dx_portal.jinja2 says why); pages are the template language's.
    {
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "OPTIONS": {"environment": "dx_portal.jinja2.environment"},
    },
]
# Forms and widgets render through Jinja2 (dx_portal.forms.FormRenderer says why).
FORM_RENDERER = "dx_portal.forms.FormRenderer"

# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
# SQLite is the embedded default; DATABASE_URL=postgres://... for PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Opening a PostgreSQL connection (a new server process) costs more than most of our requests do: keep
# each worker's connection for a while, checked before reuse.
# https://docs.djangoproject.com/en/5.2/ref/databases/#persistent-connections
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web server and a Celery worker write at once: WAL and a busy timeout avoid "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The portfolio's one large query is costed high enough for PostgreSQL to JIT-compile it on every
    # request (about 1 s at 5,000 projects); plain execution takes a fifth of that.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Planning a list's query cost as much as running it (1.4 of 2.7 ms for the projects API's 100 rows): a
    # statement run a second time on a connection is prepared and planned once (psycopg's automatic prepared
    # statements, which need server-side binding). Off behind a pooler that shares connections per transaction.
    if env.bool("DB_PREPARED_STATEMENTS", default=True):
        DATABASES["default"]["OPTIONS"].update({"server_side_binding": True, "prepare_threshold": 2})
    # QuerySet.iterator() reads through a server-side cursor (declared, fetched and closed: three round trips), and
    # every form's choice list is read so: the portfolio's three lists, of six to eight rows, took 5.2 ms against 3.2
    # read plainly. What we iterate is at most an export of a few thousand rows, which fits in memory read whole.
    # (Needed behind a pooler that shares connections per transaction, too.)
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# https://docs.djangoproject.com/en/5.2/topics/i18n/
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Attachments: local files under MEDIA_ROOT by default; ATTACHMENT_STORAGE=storages.backends.s3.S3Storage (with
    # requirements-s3.txt and django-storages' AWS_* settings) for any S3-compatible store. Never served as
    # MEDIA_URL: only through the view that checks who may see the record.
    "default": {"BACKEND": env.str("ATTACHMENT_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)

# E-mail: https://docs.djangoproject.com/en/5.2/topics/email/
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# A mail server that stops answering must not hold the reminder sweep (and its claims) indefinitely.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="dx-portal@pref.example.lg.jp")
# Inquiries (照会): the chaser (督促) before the deadline goes this many business days before it.
INQUIRY_CHASER_BUSINESS_DAYS_BEFORE = env.int("INQUIRY_CHASER_BUSINESS_DAYS_BEFORE", default=2)
# Absolute links in e-mails (reminders) start here.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# Celery: https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = False
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# The open-data catalog (/api/v1/catalog/): who publishes it, in both languages.
OPEN_DATA_PUBLISHER = env.str("OPEN_DATA_PUBLISHER", default="デジタル戦略推進本部")
OPEN_DATA_PUBLISHER_EN = env.str("OPEN_DATA_PUBLISHER_EN", default="Digital Strategy Headquarters")
OPEN_DATA_CATALOG_TITLE = env.str("OPEN_DATA_CATALOG_TITLE", default="DX ポータル オープンデータ")
OPEN_DATA_CATALOG_TITLE_EN = env.str("OPEN_DATA_CATALOG_TITLE_EN", default="DX Portal open data")

# Webhooks: attempts per delivery (with backoff), and failed deliveries in a row before a receiver is stopped.
WEBHOOKS_MAX_ATTEMPTS = env.int("WEBHOOKS_MAX_ATTEMPTS", default=6)
WEBHOOKS_DISABLE_AFTER_FAILURES = env.int("WEBHOOKS_DISABLE_AFTER_FAILURES", default=5)
# Deliveries to private addresses (an intranet receiver, a test's local one): off unless set.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", default=False)

# DRF: https://www.django-rest-framework.org/api-guide/settings/
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "dx_portal.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["organisation.api.permissions.TokenScopePermission"],
    "DEFAULT_RENDERER_CLASSES": ["dx_portal.api.renderers.JSONRenderer"],
    # JSON in, JSON out: no form or multipart bodies to parse (and to fuzz).
    "DEFAULT_PARSER_CLASSES": ["dx_portal.api.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "dx_portal.api.filters.UpdatedSinceFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "dx_portal.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    # Adds the error responses, the token scopes and anonymous access to every operation.
    "DEFAULT_SCHEMA_CLASS": "dx_portal.api.schema.PortalAutoSchema",
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": True,
    "EXCEPTION_HANDLER": "dx_portal.api.exceptions.exception_handler",
    # Our throttles read the rates below on every request, so tests (and operators) can change them.
    "DEFAULT_THROTTLE_CLASSES": [
        "dx_portal.api.throttling.AnonymousRateThrottle",
        "dx_portal.api.throttling.ClientRateThrottle",
        "dx_portal.api.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_RATE_ANON", default="60/min"),  # per client address, no token
        "user": env.str("API_RATE_USER", default="600/min"),  # per token, or per user of a session
        "feeds": env.str("API_RATE_FEEDS", default="120/min"),  # extra, for views with throttle_scope = "feeds"
        # Bad tokens per client address; beyond it a token is not even looked up (429).
        "failed_auth": env.str("API_RATE_FAILED_AUTH", default="20/min"),
        # Password-reset requests per client address (the login pages' form, not the API): each sends an e-mail.
        "password_reset": env.str("RATE_PASSWORD_RESET", default="5/hour"),
    },
    # Without this DRF would believe any X-Forwarded-For header a client sends.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
# Tokens are django-rest-knox tokens (stored as a SHA-512 digest) on our own model with scopes.
KNOX_TOKEN_MODEL = "dx_portal.ApiToken"
REST_KNOX = {"TOKEN_TTL": None, "AUTH_HEADER_PREFIX": "Token"}

SPECTACULAR_SETTINGS = {
    "TITLE": "DX Portal API",
    "DESCRIPTION": "Portfolio, projects, KPI feeds and governance records of the Digital Strategy Office.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # English operationIds and titles, for the classes and functions of generated clients.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "dx_portal.api.schema_names.english_identifiers",
    ],
    # One name per choice set used in several places (drf-spectacular warns about each otherwise).
    "ENUM_NAME_OVERRIDES": {
        "HealthEnum": "projects.models.Health",
        "ProjectIssueKindEnum": "projects.models.ProjectIssue.Kind",
        "ProjectIssueStatusEnum": "projects.models.ProjectIssue.Status",
        "FindingStatusEnum": "projects.models.Finding.Status",
        "AgendaKindEnum": "governance.models.AgendaKind",
        "PhaseEnum": "projects.models.Project.Phase",  # a project's phase, and a gate's two ends
        "WebhookEventEnum": "webhooks.models.Event",
        # One classification for records, minutes and attachments alike.
        "DisclosureEnum": "dx_portal.disclosure.Disclosure",
        "WithholdingGroundEnum": "dx_portal.disclosure.WithholdingGround",
    },
    # No badge fetched from validator.swagger.io: the docs load nothing from outside.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "dx_portal.json_logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # One JSON line per request (dx_portal/access_log.py) on standard output, for the log collector.
        "access": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "dx_portal.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        # WeasyPrint (PDF) logs every step of every page at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
# API token reads are counted per process and written to the audit log by a thread once a minute
# (dx_portal/usage.py); the tests flush by hand.
DX_TOKEN_USE_FLUSH = True
# The cached answers of dx_portal.versioned_cache; the benchmark switches them off to time fresh answers.
DX_ANSWER_CACHE = env.bool("DX_ANSWER_CACHE", default=True)

# load_demo creates users with a known password: allowed only where DEBUG is on (and in tests).
DX_DEMO_ALLOWED = env.bool("DX_DEMO_ALLOWED", default=DEBUG)
DX_DEMO_PASSWORD = "dx-demo-2022"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username and address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "organisation.backends.RoleBackend",
]

# Sign-in with the office directory (LDAP / Active Directory): only when LDAP_SERVER_URI is set.
LDAP_SERVER_URI = env.str("LDAP_SERVER_URI", default="")
if LDAP_SERVER_URI:
    from .directory import ldap_settings, with_directory_backend

    globals().update(ldap_settings(env))
    AUTHENTICATION_BACKENDS = with_directory_backend(AUTHENTICATION_BACKENDS)

# A second factor (TOTP, django-otp) for the admin: superusers and PMO enrol a device at /accounts/otp/.
ADMIN_REQUIRE_OTP = env.bool("ADMIN_REQUIRE_OTP", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="DXポータル")

# Caches: https://docs.djangoproject.com/en/5.2/topics/cache/
# Rate limits live here; production shares them between processes through Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dx-portal"}}
# For a Redis cache: seconds to wait for it before answering without it (redis-py's default is 5).
REDIS_TIMEOUTS = {
    "socket_connect_timeout": env.float("REDIS_TIMEOUT", default=0.5),
    "socket_timeout": env.float("REDIS_TIMEOUT", default=0.5),
}

# Login throttling (django-axes): https://django-axes.readthedocs.io/en/latest/4_configuration.html
# Five wrong passwords for one username from one address lock that pair out for 15 minutes.
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# 15 minutes from the lockout, not from the latest attempt during it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "dx_portal.audit.client_ip"
# Logins are recorded in our own audit log (dx_portal.AuditEvent); axes keeps only the attempt counters.
AXES_DISABLE_ACCESS_LOG = True

# Security headers in every environment, so that a page that breaks under them breaks early.
# https://docs.djangoproject.com/en/5.2/ref/middleware/#module-django.middleware.security
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A working day: a session left open on a shared office PC does not outlive it.
SESSION_COOKIE_AGE = 60 * 60 * 8

# Content Security Policy (django-csp 4): https://django-csp.readthedocs.io/en/latest/configuration.html
# No inline script or style anywhere: templates load /static/ files only. /api/docs/ adds one hash.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
