"""The architecture, generated from tests/unit/parts.yaml: a forbidden import fails here.

The domain imports only itself and the standard library; rules, classify, text, importing and
demo never import the web or the CLI; the web never imports the CLI. Every import counts,
also one inside a function.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
import yaml

SRC = Path(__file__).resolve().parents[2] / "src"
SPEC = yaml.safe_load((Path(__file__).with_name("parts.yaml")).read_text(encoding="utf-8"))
PARTS: dict[str, list[str]] = SPEC["parts"]
RULES: dict[str, dict[str, list[str]]] = SPEC["rules"]


def part_of(module: str) -> str | None:
    for part, prefixes in PARTS.items():
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return part
    return None


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, module: str | None = None) -> list[tuple[int, str]]:
    """(line, module) for every import in a file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = (module or module_name(path)).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


def modules_of(part: str) -> list[Path]:
    return sorted(
        path for path in (SRC / "pantau").rglob("*.py")
        if part_of(module_name(path)) == part and "migrations" not in path.parts
    )


def forbidden(part: str, name: str) -> bool:
    """Whether the rule of `part` forbids importing module `name`."""
    rule = RULES[part]
    if name == "__future__":
        return False
    target = part_of(name)
    if "only" in rule:
        stdlib = target is None and name.split(".")[0] in sys.stdlib_module_names
        return not stdlib and target not in rule["only"]
    return target in rule.get("never", [])


def violations(part: str) -> list[str]:
    return [
        f"{path.relative_to(SRC)}:{line} imports {name}"
        for path in modules_of(part)
        for line, name in imports(path)
        if forbidden(part, name)
    ]


@pytest.mark.parametrize("part", sorted(RULES))
def test_each_part_imports_only_what_it_may(part: str) -> None:
    assert modules_of(part), f"part {part} has no modules: is parts.yaml up to date?"
    assert violations(part) == []


def test_every_module_belongs_to_a_part() -> None:
    loose = [
        module_name(path) for path in (SRC / "pantau").rglob("*.py")
        if part_of(module_name(path)) is None and module_name(path) != "pantau"
    ]
    assert loose == [], "add these packages to tests/unit/parts.yaml"


def test_the_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    """The checker itself can fail: what a domain or web module must not import is found,
    relative imports and imports inside functions included."""
    bad = tmp_path / "x.py"
    bad.write_text("import json\nimport django\ndef f():\n    from ..web import urls\n"
                   "from . import text\n")
    found = {name: forbidden("domain", name) for _, name in imports(bad, "pantau.domain.x")}
    assert found == {"json": False, "django": True, "pantau.web": True, "pantau.domain": False}
    assert forbidden("web", "pantau.commands.check") and not forbidden("web", "pantau.domain")
