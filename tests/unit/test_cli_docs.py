"""docs/cli.md is generated from the commands' --help and must match them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _reference() -> object:
    spec = importlib.util.spec_from_file_location("cli_reference", DOCS / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cli_reference_matches_every_commands_help() -> None:
    rendered = _reference().render()  # type: ignore[attr-defined]
    written = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert written == rendered, "docs/cli.md is stale: run `uv run python docs/cli_reference.py`"


def test_the_reference_lists_every_command_group() -> None:
    rendered = _reference().render()  # type: ignore[attr-defined]
    for command in ("check", "calendar is-working", "calendar add-working-days", "policy lint",
                    "classify", "demo", "serve", "import", "case deadline", "case authority",
                    "case sanction"):
        assert f"## `pantau {command}" in rendered
