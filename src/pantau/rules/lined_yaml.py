"""YAML that remembers where each value was written, for errors that name the line.

`load_lined(path)` returns plain dicts and lists (subclasses `LinedDict` / `LinedList`) whose
`line` is the 1-based line of the node and whose `lines` maps each key or index to the line of
its value. Duplicate keys are an error, not a silent overwrite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pantau.domain.errors import DataError


class LinedDict(dict[Any, Any]):
    """A mapping from YAML with the line of each key."""

    line: int = 0
    lines: dict[Any, int]


class LinedList(list[Any]):
    """A sequence from YAML with the line of each item."""

    line: int = 0
    lines: dict[int, int]


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    result = LinedDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            raise DataError(
                f"{node.start_mark.name}:{line}: key '{key}' is written twice "
                f"(first on line {result.lines[key]}); keep one"
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LinedList:
    result = LinedList()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for index, item in enumerate(node.value):
        result.append(loader.construct_object(item, deep=True))
        result.lines[index] = item.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_lined(path: Path) -> Any:
    """The YAML document in `path`, with line numbers; DataError when it is not valid YAML."""
    text = path.read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=_make_loader(path))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else 0
        raise DataError(
            f"{path}:{line}: not valid YAML ({error.problem}); fix the syntax on that line"
        ) from None


def _make_loader(path: Path) -> type[_Loader]:
    name = str(path)

    class _Named(_Loader):
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.name = name

    return _Named


def line_of(container: Any, key: Any) -> int:
    """The line of `key` inside a LinedDict or LinedList, or of the container, or 0."""
    lines = getattr(container, "lines", {})
    return int(lines.get(key, getattr(container, "line", 0)))


__all__ = ["LinedDict", "LinedList", "line_of", "load_lined"]
