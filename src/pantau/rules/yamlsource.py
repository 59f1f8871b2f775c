"""Read YAML law-as-data with line numbers, so that errors say file, line and field.

Every mapping read through `read_yaml` is a `LineDict`: a dict that remembers the line it
starts on. `Where` carries the file and line into error messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pantau.domain.errors import DataError


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers its first line (1-based)."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings are LineDicts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict(loader.construct_pairs(node, deep=True))
    result.line = node.start_mark.line + 1
    return result


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date or datetime; an impossible one (2026-01-32) stays text for a precise error."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


@dataclass(frozen=True)
class Where:
    """A place in a data file: its path (relative, as a user would look for it) and line."""

    path: str
    line: int = 0

    def at(self, item: Any, field: str | None = None) -> Where:
        """The place of a mapping (or of one field's mapping value) read from this file."""
        target = item.get(field) if field is not None and isinstance(item, dict) else item
        line = getattr(target, "line", 0) or getattr(item, "line", 0) or self.line
        return Where(self.path, line)

    def say(self, field: str, problem: str) -> str:
        """`calendars/x.yaml:12: field 'date': <problem>`."""
        line = f":{self.line}" if self.line else ""
        return f"{self.path}{line}: field {field!r}: {problem}"


def read_yaml(path: Path, root: Path) -> tuple[LineDict, Where]:
    """The top mapping of a YAML file and its Where; DataError when it cannot be read."""
    where = Where(path.relative_to(root).as_posix())
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise DataError(f"{where.path}{line}: not valid YAML ({error}); fix the syntax") from None
    if not isinstance(data, LineDict):
        raise DataError(f"{where.path}: the file must hold a mapping at the top")
    return data, Where(where.path, 1)


def mapping(raw: dict[str, Any], field: str, where: Where) -> dict[str, Any]:
    """A required mapping field."""
    value = raw.get(field)
    if not isinstance(value, dict):
        raise DataError(where.say(field, "is required and must be a mapping"))
    return value


def text(raw: dict[str, Any], field: str, where: Where) -> str:
    """A required, non-empty text field."""
    value = raw.get(field)
    if not isinstance(value, str) or not value.strip():
        raise DataError(where.say(field, "is required and must be non-empty text"))
    return value


__all__ = ["LineDict", "Where", "mapping", "read_yaml", "text"]
