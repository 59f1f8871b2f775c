"""Django settings for pantau (placeholder until the web system lands: see issue 4)."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ.get("PANTAU_SECRET_KEY", "pantau-insecure-development-key")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS: list[str] = ["django.contrib.contenttypes", "django.contrib.auth"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("PANTAU_SQLITE", "pantau.sqlite3"),
    }
}
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
LANGUAGE_CODE = "id"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
