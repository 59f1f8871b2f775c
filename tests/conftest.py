"""Suite-wide fixtures.

Tests that need a real PostgreSQL server or a headless Chromium skip locally with a clear
message when these are missing. `.ci/run` sets PANTAU_REQUIRE_ALL=1, which turns every such
skip into a failure, so CI never silently skips them.
"""

from __future__ import annotations

import os
import shutil

import pytest


def require(available: bool, what: str, how: str) -> None:
    """Skip (or, under PANTAU_REQUIRE_ALL=1, fail) when a real dependency is missing."""
    if available:
        return
    message = f"{what} is not available: {how}"
    if os.environ.get("PANTAU_REQUIRE_ALL") == "1":
        pytest.fail(f"PANTAU_REQUIRE_ALL=1 but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The URL of a real PostgreSQL server for the `postgres` tests."""
    url = os.environ.get("PANTAU_TEST_POSTGRES_URL", "")
    require(bool(url), "PostgreSQL", "set PANTAU_TEST_POSTGRES_URL (bash .ci/run does)")
    return url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The path of Debian's chromium for the `browser` tests."""
    path = os.environ.get("PANTAU_CHROMIUM") or shutil.which("chromium") or ""
    require(bool(path) and os.path.exists(path), "Chromium", "apt-get install chromium")
    return path
