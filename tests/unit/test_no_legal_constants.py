"""Law is data: no agency id, article number or day count in the Python of domain/ and rules/.

Strings in code (not docstrings, which document where the data comes from) and `days=`
arguments are scanned; legal constants belong in policies/ and calendars/ YAML.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "pantau"
SCANNED = [SRC / "domain", SRC / "rules", SRC / "siasn"]

AGENCY = re.compile(r"\b(kab|kota|prov)-[a-z]+(-[a-z]+)*\b")
ARTICLE = re.compile(
    r"\b(Pasal|pasal|ayat|huruf)\s+\d+|\bPP\s*(No\.?\s*)?\d+\s*/\s*\d{4}|"
    r"\b(Nomor|No\.)\s*\d+|\b(SE|Perbup|Perwal|Perpres|Keppres|UU)\s+\d+"
)
DAY_COUNT = re.compile(r"\b\d+\s*(hari|working days?|calendar days?)\b", re.IGNORECASE)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def offences(source: str, name: str) -> list[str]:
    """Legal constants written in the code of one module."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            for pattern in (AGENCY, ARTICLE, DAY_COUNT):
                match = pattern.search(node.value)
                if match:
                    found.append(f"{name}:{node.lineno}: {match.group(0)!r}")
        if isinstance(node, ast.keyword) and node.arg in {"days", "weeks"}:
            value = node.value
            if isinstance(value, ast.Constant) and value.value not in (0, 1):
                found.append(f"{name}:{node.lineno}: {node.arg}={value.value}")
    return found


def test_the_scanner_catches_each_kind_of_constant() -> None:
    code = (
        'AGENCY = "kab-ketapang"\n'
        'BASIS = "PP 94/2021"\n'
        'ARTICLE = "Pasal 26"\n'
        'DEADLINE = timedelta(days=14)\n'
        'TEXT = "dalam 7 hari kerja"\n'
        'def f():\n    """Docstrings may cite PP 94/2021 Pasal 26 and kab-ketapang."""\n'
    )
    assert len(offences(code, "x.py")) == 5


def test_domain_and_rules_carry_no_legal_constants() -> None:
    found = []
    for folder in SCANNED:
        for path in sorted(folder.rglob("*.py")):
            found += offences(path.read_text(encoding="utf-8"), str(path.relative_to(SRC)))
    assert found == [], "move these into YAML data:\n" + "\n".join(found)
