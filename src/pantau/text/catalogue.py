"""The message catalogues: gettext `.po` files in `pantau/locale/<lang>/LC_MESSAGES/`.

Keys (msgid) are stable identifiers such as `finding.elements`; each language's file gives the
text (msgstr), with `%(name)s` placeholders for the message's parameters. The files are read
once per process. `msgfmt --check` accepts them (a test runs it), so translators can use the
usual gettext tools.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pantau.domain.errors import DataError

LANGUAGES = ("id", "en")
LOCALE = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "pantau"


class MissingMessage(DataError):
    """A message key the catalogue of a language does not hold."""


def catalogue_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """Key -> text for one language (the header entry left out)."""
    if lang not in LANGUAGES:
        raise MissingMessage(f"no catalogue for language {lang!r}; use one of {LANGUAGES}")
    return parse_po(catalogue_path(lang).read_text(encoding="utf-8"), str(catalogue_path(lang)))


def parse_po(source: str, name: str = "<po>") -> dict[str, str]:
    """The msgid -> msgstr entries of a .po file (no plural forms, no contexts)."""
    entries: dict[str, str] = {}
    field, parts = "", {"msgid": [], "msgstr": []}  # type: ignore[var-annotated]

    def flush() -> None:
        if parts["msgid"] or parts["msgstr"]:
            key, value = "".join(parts["msgid"]), "".join(parts["msgstr"])
            if key:
                entries[key] = value
        parts["msgid"], parts["msgstr"] = [], []

    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        for keyword in ("msgid", "msgstr"):
            if line.startswith(keyword + " "):
                if keyword == "msgid":
                    flush()
                field, line = keyword, line[len(keyword) :].strip()
                break
        if not field or not line.startswith('"'):
            raise MissingMessage(f"{name}:{number}: expected msgid, msgstr or a quoted string")
        parts[field].append(ast.literal_eval(line))
    flush()
    return entries


__all__ = ["DOMAIN", "LANGUAGES", "LOCALE", "MissingMessage", "catalogue", "parse_po"]
