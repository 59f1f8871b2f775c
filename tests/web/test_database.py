"""The suite runs on the backend it claims (SQLite, or PostgreSQL in the second pass)."""

from __future__ import annotations

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_database_backend() -> None:
    wanted = "postgresql" if os.environ.get("PANTAU_TEST_DB") == "postgres" else "sqlite"
    assert connection.vendor == wanted
