"""Django settings for pantau. Every value a deployment may change comes from `config.SETTINGS`
(environment variables with help text); nothing else here is meant to be edited."""

from __future__ import annotations

import json
from pathlib import Path

import dj_database_url

from pantau.web.config import csv_setting, database_url, setting
from pantau.web.security import POLICY

BASE_DIR = Path(__file__).resolve().parent
SECURE = setting("PANTAU_SECURE").flag()
SECRET_KEY = setting("PANTAU_SECRET_KEY").value()
DEBUG = setting("PANTAU_DEBUG").flag()
ALLOWED_HOSTS = csv_setting("PANTAU_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = csv_setting("PANTAU_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "pantau.web.access.admin_config.PantauAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "ninja",
    "pantau.web.audit",
    "pantau.web.access",
    "pantau.web.registry",
    "pantau.web.intake",
    "pantau.web.review",
    "pantau.web.cases",
    "pantau.web.reports",
    "pantau.web.privacy",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "pantau.web.errors.ApiErrorsAsJson",
    "pantau.web.errors.PagesTakeGetAndPost",
    "pantau.web.security.ContentSecurityPolicy",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pantau.web.language.IndonesianFirstMiddleware",
    "django.middleware.common.CommonMiddleware",
    "pantau.web.input.RefuseUnstorableText",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pantau.web.audit.trail.AuditActorMiddleware",
    "pantau.web.zone.AgencyZoneMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "pantau.web.access.backends.CaseInsensitiveBackend",
]

ROOT_URLCONF = "pantau.web.urls"
WSGI_APPLICATION = "pantau.web.wsgi.application"

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
                "pantau.web.pages.scope_context",
            ],
        },
    }
]

DATABASES = {"default": dj_database_url.parse(database_url(), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": "test_pantau"}
else:
    # SQLite for several readers and one writer at a time: write-ahead log, wait for a lock
    # instead of failing, and take the write lock when a transaction starts (the audit chain
    # reads its last entry and appends inside one transaction).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(setting("PANTAU_STATIC_ROOT").value() or Path.cwd() / "staticfiles")
WHITENOISE_USE_FINDERS = True
# The demo and the tests serve static files straight from the app (nothing collected);
# `pantau serve` collects them into STATIC_ROOT and serves that, without rescanning.
WHITENOISE_AUTOREFRESH = not SECURE
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "evidence": json.loads(setting("PANTAU_EVIDENCE_STORAGE").value() or "null") or {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": setting("PANTAU_EVIDENCE_ROOT").value()
                    or str(Path.cwd() / "evidence"), "base_url": None},
    },
}
UPLOAD_LIMIT_BYTES = int(float(setting("PANTAU_UPLOAD_LIMIT_MB").value()) * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMPORT_LIMIT_BYTES = int(float(setting("PANTAU_IMPORT_LIMIT_MB").value()) * 1024 * 1024)
IMPORT_MAX_ROWS = int(setting("PANTAU_IMPORT_MAX_ROWS").value())
IMPORT_MAX_COLUMNS = int(setting("PANTAU_IMPORT_MAX_COLUMNS").value())
IMPORT_MAX_UNZIPPED_BYTES = int(float(setting("PANTAU_IMPORT_MAX_UNZIPPED_MB").value())
                                * 1024 * 1024)
# A registry file larger than this is previewed and written by the background worker, with
# its progress on the page; a smaller one within the request.
IMPORT_INLINE_BYTES = 256 * 1024
PUBLIC_RATE = setting("PANTAU_PUBLIC_RATE").value()
STATUS_RATE = setting("PANTAU_STATUS_RATE").value()
PUBLIC_MIN_COUNT = int(setting("PANTAU_PUBLIC_MIN_COUNT").value())

# Background work (re-checks, notifications, poster frames): Django's tasks framework (the
# django-tasks backport), stored in the database; `pantau demo` starts a worker, `pantau
# worker` runs one beside `pantau serve`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Rate limits count in the database cache, shared by every server process.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "pantau_cache"},
}
RATELIMIT_USE_CACHE = "default"

EMAIL_BACKEND = setting("PANTAU_EMAIL_BACKEND").value()
DEFAULT_FROM_EMAIL = setting("PANTAU_EMAIL_FROM").value()

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = int(setting("PANTAU_LOGIN_FAILURE_LIMIT").value())
AXES_COOLOFF_TIME = float(setting("PANTAU_LOCKOUT_HOURS").value())
# Locked by user name and address together, the address read as rate limits read it (from
# PANTAU_TRUSTED_PROXY_HEADER behind a proxy): a wrong password typed at one desk locks that
# login at that desk only, never every user behind the proxy.
TRUSTED_PROXY_HEADER = setting("PANTAU_TRUSTED_PROXY_HEADER").value().strip()
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "pantau.web.addresses.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "pantau.web.access.views.locked_out"
AXES_USERNAME_CALLABLE = "pantau.web.access.backends.axes_username"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "pantau.web.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = "" if DEBUG else POLICY
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = 31_536_000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_SSL_REDIRECT = SECURE
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
