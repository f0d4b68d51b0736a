"""Settings for the LSP back-office, read from the environment.

Development needs only ``DJANGO_DEBUG=1`` (``make run`` sets it): SQLite in ``db.sqlite3``, Celery
tasks run eagerly, emails go to the console. ``DEBUG`` is off by default, and then ``DJANGO_SECRET_KEY``
is required; production also sets ``DJANGO_ALLOWED_HOSTS``, ``DATABASE_URL`` (Postgres) and
``CELERY_BROKER_URL`` (Redis). See README.md.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

# Off unless turned on: a deployment that forgets the variable does not run in debug. `make run`,
# `make test` (tests/settings.py) and `make bench` turn it on for local work.
DEBUG = env.bool("DJANGO_DEBUG", default=False)

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
SECRET_KEY = env("DJANGO_SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and SECRET_KEY in ("", _DEV_SECRET_KEY):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set when DEBUG is off (the default). In production set DJANGO_SECRET_KEY "
        "to a long random value; for local development set DJANGO_DEBUG=1 (make run does)."
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    # Django REST Framework itself is not an installed app: its Indonesian catalog would replace Django's own
    # form messages ("Bidang ini tidak boleh kosong." → "Bidang ini harus diisi."); the API needs only its
    # token model and drf-spectacular's templates.
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "lsp",
    "asesi",
    "asesor",
    "asesmen",
    "sertifikat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lsp.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lsp.urls"

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
                "lsp.context_processors.lsp",
            ],
        },
    },
]

WSGI_APPLICATION = "lsp.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections on Postgres (a new connection per request costs more than most pages), checked
# before reuse so a restarted database is not an error page. SQLite opens a file: nothing to keep.
_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=600 if _POSTGRES else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("DJANGO_CONN_HEALTH_CHECKS", default=_POSTGRES)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "lsp.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "lsp.auth.EmailOrUsernameBackend"]
# Brute-force protection (django-axes): 5 wrong passwords for one account from one address lock that
# pair for 15 minutes; a successful login resets the count. Locking by the pair means an attacker
# cannot lock a real user out from everywhere.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "lsp.auth.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "lsp.auth.client_ip"
# How many reverse proxies append to X-Forwarded-For in front of the app (0: use the socket address).
LSP_TRUSTED_PROXY_COUNT = env.int(
    "LSP_TRUSTED_PROXY_COUNT", default=1 if env.bool("DJANGO_BEHIND_PROXY", default=False) else 0
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Uploaded documents are personal data: they live outside any served directory and are only
# streamed by views that check role and ownership. There is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media-not-served/"
# Several web nodes and workers share one media store: an S3-compatible object store (django-storages)
# when DJANGO_S3_BUCKET is set (objects private; downloads still go through the views that check the
# user), else the local folder MEDIA_ROOT (one machine, or a shared mount).
S3_BUCKET = env("DJANGO_S3_BUCKET", default="")
if S3_BUCKET:
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("DJANGO_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("DJANGO_S3_REGION", default="") or None,
            "access_key": env("DJANGO_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("DJANGO_S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env("DJANGO_S3_PREFIX", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "addressing_style": env("DJANGO_S3_ADDRESSING_STYLE", default="") or None,
        },
    }
else:
    _DEFAULT_STORAGE = {"BACKEND": "lsp.storage.PrivateFileSystemStorage"}
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": env(
            "DJANGO_STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="LSP <noreply@lsp.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -------------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
# No result backend unless asked for: nothing in the app waits for a task's result (the rows say how a
# PDF, an email or an export went), and a Redis result backend that lost its connection makes the web
# process raise "must be restarted" on every later enqueue (tests/ops/test_faults.py).
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="") or None
# Without a broker every task runs in-process, so `make run` works on any machine.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True  # in development a failing task raises, not vanishes
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # the outbox sweeps: what was saved while the broker was down (or whose worker died) is enqueued again
    "notification-retry-failed": {"task": "lsp.tasks.notification_retry_failed", "schedule": 5 * 60},
    "ekspor-sweep": {"task": "lsp.tasks.ekspor_sweep", "schedule": 5 * 60},
    "sertifikat-pdf-sweep": {"task": "sertifikat.tasks.pdf_sweep", "schedule": 5 * 60},
    # asesor certificate expiry (90/30/7 days) and short-recognition reminders, daily at 06:00 local time
    "asesor-reminders-daily": {
        "task": "asesor.tasks.asesor_reminders_daily",
        "schedule": crontab(hour=6, minute=0),
    },
    # competency certificate expiry reminders (90/30/7 days, with catch-up), daily at 06:10 local time
    "sertifikat-reminders-daily": {
        "task": "sertifikat.tasks.sertifikat_reminders_daily",
        "schedule": crontab(hour=6, minute=10),
    },
    # surveillance of competency certificates (LSP_SURVEILANS_BULAN after issue), daily at 06:20
    "sertifikat-surveilans-daily": {
        "task": "sertifikat.tasks.surveilans_daily",
        "schedule": crontab(hour=6, minute=20),
    },
}

# --- LSP rules that an LSP may configure ----------------------------------------------------------
LSP_UPLOAD_MAX_BYTES = env.int("LSP_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
LSP_IMPORT_MAX_BYTES = env.int("LSP_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
LSP_IMPORT_MAX_ROWS = env.int("LSP_IMPORT_MAX_ROWS", default=5000)
LSP_LOGO_MAX_BYTES = env.int("LSP_LOGO_MAX_BYTES", default=1024 * 1024)
LSP_ASESOR_RECOGNITION_MIN = env.int("LSP_ASESOR_RECOGNITION_MIN", default=6)
# Asesi one asesor may assess on one day (asesmen scheduling guard, docs/domain.md R23).
LSP_ASESI_PER_ASESOR_PER_HARI = env.int("LSP_ASESI_PER_ASESOR_PER_HARI", default=10)
LSP_REMINDER_DAYS = [int(d) for d in env.list("LSP_REMINDER_DAYS", default=["90", "30", "7"])]
# Certificates (sertifikat app): number formats (fields: urut, tahun, kode_lsp, jenjang, sektor, skema; see
# sertifikat/domain.py; BNSP style e.g. "63111 2511 {jenjang} {urut:07d} {tahun}"), the public verification
# page's limit per client address and minute, and the surveillance delay after issue.
LSP_SERTIFIKAT_NOMOR_FORMAT = env("LSP_SERTIFIKAT_NOMOR_FORMAT", default="LSP-{kode_lsp}/{tahun}/{urut:06d}")
LSP_SERTIFIKAT_REGISTRASI_FORMAT = env(
    "LSP_SERTIFIKAT_REGISTRASI_FORMAT", default="{sektor} {kode_lsp} {urut:05d} {tahun}"
)
LSP_VERIFIKASI_PER_MINUTE = env.int("LSP_VERIFIKASI_PER_MINUTE", default=60)
LSP_SURVEILANS_BULAN = env.int("LSP_SURVEILANS_BULAN", default=12)
# FR.AK.04: days after a BK decision (its local day) during which the asesi may appeal (R44)
LSP_MASA_BANDING_HARI = env.int("LSP_MASA_BANDING_HARI", default=14)
# Public complaint form: submissions per client address per hour
LSP_PENGADUAN_PER_JAM = env.int("LSP_PENGADUAN_PER_JAM", default=5)

# --- REST API (/api/v1/, lsp/api.py) ------------------------------------------------------------------
# Session (the browser; CSRF enforced on writes) or a token (``Authorization: Token <key>``, from
# ``manage.py api_token``). JSON only; cursor pages; django-filter FilterSets shared with the web lists.
# Anonymous calls (the public skema list) are limited per client address and minute (0: no limit); the
# public certificate verification keeps its own limit (LSP_VERIFIKASI_PER_MINUTE).
LSP_API_ANON_PER_MINUTE = env.int("LSP_API_ANON_PER_MINUTE", default=120)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",  # first: an anonymous call gets 401 + WWW-Authenticate
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "lsp.api_pagination.Cursor",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sistem Sertifikasi LSP — API",
    "DESCRIPTION": (
        "REST API v1 of the LSP back-office. Authenticate with a session (the browser; send the CSRF token "
        "on writes) or a token: `Authorization: Token <key>` (`manage.py api_token <username>`). Each user "
        "sees exactly what the web pages show them. Lists page with a cursor: follow `next`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "lsp.api.document_errors"],
    "ENUM_NAME_OVERRIDES": {
        "StatusPermohonanEnum": "asesi.domain.Status",
        "StatusJadwalEnum": "asesmen.domain.StatusJadwal",
        "StatusRekamanEnum": "asesmen.domain_pelaksanaan.StatusRekaman",
        "VerdictEnum": "asesmen.domain_pelaksanaan.Verdict",
        "StatusSertifikatEnum": "sertifikat.domain.Status",
        "StatusAsesorEnum": "asesor.domain.StatusAsesor",
    },
}
# Absolute base URL for links in emails (confirmation, activation, status changes).
LSP_SITE_URL = env("LSP_SITE_URL", default="http://127.0.0.1:8000")

# --- Content-Security-Policy (django-csp) -------------------------------------------------------------
# Only the app's own static files run or style pages: no inline <script>, <style> or style="" (behaviour
# lives in static/js/lsp.js). ``data:`` images are Bootstrap's own SVG icons inside bootstrap.min.css.
# A response that already carries a policy keeps it (documents are served with ``sandbox``).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Cache (shared by every worker process: Redis in production) ---------------------------------------
# The email throttles below count in it, so with several gunicorn workers it must be shared.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# Emails a visitor can make the app send (registration, password reset, confirmation and activation
# resends): per action, at most PER_ACCOUNT for one account or address typed and PER_ADDRESS from one
# client address (lsp.auth.client_ip) in each window of MINUTES.
LSP_EMAIL_THROTTLE_PER_ACCOUNT = env.int("LSP_EMAIL_THROTTLE_PER_ACCOUNT", default=3)
LSP_EMAIL_THROTTLE_PER_ADDRESS = env.int("LSP_EMAIL_THROTTLE_PER_ADDRESS", default=10)
LSP_EMAIL_THROTTLE_MINUTES = env.int("LSP_EMAIL_THROTTLE_MINUTES", default=60)
# The LSP profile (name, logo) is on every page: cached this long, and forgotten whenever it is saved.
LSP_PROFILE_CACHE_SECONDS = env.int("LSP_PROFILE_CACHE_SECONDS", default=300)
# The home pages' charts (lsp.charts) count over whole tables: their figures are kept this long; 0: off.
LSP_DASHBOARD_CACHE_SECONDS = env.int("LSP_DASHBOARD_CACHE_SECONDS", default=60)
# The landing and login pages, rendered once for every anonymous visitor (``lsp.pagecache``); 0: off.
LSP_PAGE_CACHE_SECONDS = env.int("LSP_PAGE_CACHE_SECONDS", default=0 if DEBUG else 300)

# --- Production hardening (all on when DEBUG is off; `check --deploy` must be clean) -------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
    if env.bool("DJANGO_BEHIND_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}
ADMIN_URL = env("DJANGO_ADMIN_URL", default="django-admin/")
