"""The REST API fuzzed against its own OpenAPI schema (schemathesis), signed in as a BKPSDM
admin of a small registry: no server errors, every answer conforms to the schema, and
unauthenticated calls are refused. Examples are bounded so the run stays fast."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from pantau.web.wsgi import application

pytestmark = pytest.mark.slow

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
# Examples are built at collection, before any database exists: the admin's session is
# therefore stored under a fixed key in each test (see `signed_in`).
SESSION_KEY = "pantaufuzzsession0123456789abcdef"


@schema.auth(refresh_interval=None)
class SessionCookie:
    """The schema's cookie auth, filled with the session of a signed-in BKPSDM admin."""

    def get(self, case: Any, ctx: Any) -> str:
        return SESSION_KEY

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.cookies = {**(case.cookies or {}), "sessionid": data}


def _web_fixtures() -> Any:
    """The registry the web suite builds (tests/web/conftest.py), loaded by path."""
    path = Path(__file__).resolve().parents[1] / "web" / "conftest.py"
    name = "pantau_web_test_world"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """Calls go straight to the WSGI app, inside the test's transaction: do not let Django
    close the connection at the end of each request (its test client does the same)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def signed_in(db: None, keep_connection: None) -> None:
    """A BKPSDM admin of the test registry, signed in under SESSION_KEY."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY
    from django.contrib.auth import SESSION_KEY as USER_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    _web_fixtures().build_world()
    user = User.objects.get(username="admin_ktp")
    data = {
        USER_KEY: str(user.pk),
        BACKEND_SESSION_KEY: "pantau.web.access.backends.CaseInsensitiveBackend",
        HASH_SESSION_KEY: user.get_session_auth_hash(),
    }
    Session.objects.create(
        session_key=SESSION_KEY,
        session_data=SessionStore().encode(data),
        expire_date=datetime.now(UTC) + timedelta(hours=1),
    )


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case: Any, signed_in: None) -> None:
    # A report's period is one of three forms the schema can only describe field by field
    # (period, or from and to together, a real date, from before to): a schema-valid mix of
    # them is a 400 that says what to send, so the check that every schema-valid request is
    # accepted does not apply there (the other checks do: no 5xx, answers match the schema).
    mixes = case.operation.path in ("/api/reports/figures", "/api/transparency/{agency}")
    excluded = [schemathesis.checks.positive_data_acceptance] if mixes else []
    response = case.call_and_validate(excluded_checks=excluded)
    if (case.cookies or {}).get("sessionid") == SESSION_KEY:
        assert response.status_code != 401  # signed in: the fuzzing reaches the routes


def test_the_schema_documents_every_registry_route() -> None:
    paths = set(schema.raw_schema["paths"])
    assert {
        "/api/agencies",
        "/api/units",
        "/api/employees",
        "/api/employees/{employee_id}",
    } <= paths
