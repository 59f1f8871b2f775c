"""Every deployment setting of pantau, declared once with its help text.

`settings.py` reads them; README's "Running the system" lists them; a test fails when one is
undocumented (Datasette's rule).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

INSECURE_SECRET_KEY = "pantau-insecure-development-key"


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, its default and what it does."""

    name: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.name, self.default)

    def flag(self) -> bool:
        return self.value().strip().lower() in {"1", "true", "yes", "on"}


def _default_database_url() -> str:
    return f"sqlite:///{Path.cwd() / 'pantau.sqlite3'}"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "PANTAU_DATABASE_URL",
        "",
        "Database URL. Empty: a SQLite file pantau.sqlite3 in the working directory. "
        "PostgreSQL for several users: postgresql://USER:PASSWORD@HOST:5432/NAME.",
    ),
    Setting(
        "PANTAU_SECRET_KEY",
        INSECURE_SECRET_KEY,
        "Django's secret key. `pantau serve` refuses to start with the default.",
    ),
    Setting("PANTAU_DEBUG", "0", "1 shows Django's debug pages. Never in a deployment."),
    Setting(
        "PANTAU_ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names the server answers to.",
    ),
    Setting(
        "PANTAU_SECURE",
        "0",
        "1 (set by `pantau serve`): secure cookies, HSTS, HTTPS behind a proxy "
        "sending X-Forwarded-Proto.",
    ),
    Setting(
        "PANTAU_CSRF_TRUSTED_ORIGINS",
        "",
        "Comma-separated origins (https://pantau.example.go.id) allowed to post forms.",
    ),
    Setting(
        "PANTAU_STATIC_ROOT",
        "",
        "Where `pantau serve` collects static files. Empty: ./staticfiles.",
    ),
    Setting(
        "PANTAU_TRUSTED_PROXY_HEADER",
        "",
        "Header in which the reverse proxy in front of pantau sends the client's address "
        "(X-Forwarded-For: the last address; X-Real-IP). Read for login lockouts and rate "
        "limits only when set, and then only it. Empty: the connection's address. Set it only "
        "when pantau is reachable through that proxy alone.",
    ),
    Setting(
        "PANTAU_LOGIN_FAILURE_LIMIT",
        "5",
        "Failed logins of one user name from one address before that login is locked for that "
        "address (others keep signing in).",
    ),
    Setting(
        "PANTAU_LOCKOUT_HOURS",
        "1",
        "Hours a locked-out login stays locked.",
    ),
    Setting(
        "PANTAU_EVIDENCE_ROOT",
        "",
        "Folder for evidence files (the default filesystem storage). Empty: ./evidence.",
    ),
    Setting(
        "PANTAU_EVIDENCE_STORAGE",
        "",
        "Another Django storage for evidence, as JSON: {\"BACKEND\": \"storages.backends.s3."
        "S3Storage\", \"OPTIONS\": {...}} for an S3-compatible store (install django-storages).",
    ),
    Setting(
        "PANTAU_UPLOAD_LIMIT_MB",
        "50",
        "Largest evidence file a complaint or report may upload, in megabytes.",
    ),
    Setting(
        "PANTAU_PUBLIC_RATE",
        "5/h",
        "Complaints one address may file (per hour `/h`, per minute `/m`) before it must wait.",
    ),
    Setting(
        "PANTAU_STATUS_RATE",
        "30/h",
        "Receipt-code lookups one address may make before it must wait.",
    ),
    Setting(
        "PANTAU_IMPORT_LIMIT_MB",
        "10",
        "Largest registry file (CSV or XLSX) an import reads, in megabytes, on the web and in "
        "`pantau import`.",
    ),
    Setting(
        "PANTAU_IMPORT_MAX_ROWS",
        "100000",
        "Most data rows one import file may hold (the header not counted); a longer file is "
        "refused with the count and how to split it.",
    ),
    Setting(
        "PANTAU_IMPORT_MAX_COLUMNS",
        "200",
        "Most columns one import file may use; a value further right (a stray cell in column "
        "XFD) is refused naming the cell.",
    ),
    Setting(
        "PANTAU_IMPORT_MAX_UNZIPPED_MB",
        "100",
        "Most megabytes an XLSX workbook may unpack to (a workbook is a zip: 100 KB on disk can "
        "unpack to gigabytes); a bigger one is refused before it is read.",
    ),
    Setting(
        "PANTAU_EMAIL_BACKEND",
        "django.core.mail.backends.console.EmailBackend",
        "How notifications are sent (Django email backend). The console backend prints them.",
    ),
    Setting(
        "PANTAU_EMAIL_FROM",
        "pantau@localhost",
        "Sender address of notifications.",
    ),
    Setting(
        "PANTAU_PUBLIC_MIN_COUNT",
        "5",
        "Smallest count the public transparency pages show; a count above zero and below it "
        "is shown as \"< N\" (and a median of fewer cases is not shown), so that no small "
        "group points at a person.",
    ),
)


def setting(name: str) -> Setting:
    """The declared setting called `name` (KeyError names the known ones)."""
    for item in SETTINGS:
        if item.name == name:
            return item
    known = ", ".join(item.name for item in SETTINGS)
    raise KeyError(f"unknown setting {name!r}; known: {known}")


def database_url() -> str:
    """The configured database URL, or the default SQLite file in the working directory."""
    return setting("PANTAU_DATABASE_URL").value() or _default_database_url()


def csv_setting(name: str) -> list[str]:
    return [part.strip() for part in setting(name).value().split(",") if part.strip()]
