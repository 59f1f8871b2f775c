"""The package's public shape: the CLI assembles its groups, the domain imports nothing impure."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from click.testing import CliRunner

from pantau.cli import main

DOMAIN = Path(__file__).resolve().parents[2] / "src" / "pantau" / "domain"


def test_cli_prints_its_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert "pantau" in result.output


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    allowed = set(sys.stdlib_module_names) | {"pantau"}
    offenders = []
    for path in sorted(DOMAIN.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in allowed or (
                    name.startswith("pantau.") and not name.startswith("pantau.domain")
                ):
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []
