"""The REST API fuzzed against its own OpenAPI schema (schemathesis), signed in as a BKPSDM
admin of a small registry: no server errors, every answer conforms to the schema, and
unauthenticated calls are refused. Examples are bounded so the run stays fast."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from pantau.web.wsgi import application

pytestmark = pytest.mark.slow

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


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
def session_cookie(db: None, client: Any) -> str:
    from django.contrib.auth.models import User

    _web_fixtures().build_world()
    client.force_login(User.objects.get(username="admin_ktp"))
    return str(client.cookies["sessionid"].value)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case: Any, session_cookie: str) -> None:
    response = case.call_and_validate(headers={"Cookie": f"sessionid={session_cookie}"})
    assert response.status_code != 401  # signed in: the fuzzing reaches the routes


def test_the_schema_documents_every_registry_route() -> None:
    paths = set(schema.raw_schema["paths"])
    assert {
        "/api/agencies",
        "/api/units",
        "/api/employees",
        "/api/employees/{employee_id}",
    } <= paths
