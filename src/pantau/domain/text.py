"""What the domain says, as catalogue keys with parameters; the words are chosen at the edge.

The domain never picks a language. It returns `Message`s: a key of the message catalogue
(`pantau/locale/<lang>/LC_MESSAGES/pantau.po`) and named parameters. `pantau.text.render`
turns a message into Indonesian or English text for the CLI, the web pages and documents, so
a finding stored today can be rendered again, in either language, years later.

Parameter values are plain values (str, int, float, bool), nested messages, or:

- `Term`: a name that law-as-data gives in both languages (a holiday, a week, a schedule);
- `DayName`, `LongDate`, `ShortDate`, `Clock`, `Span`: dates and times, written the way
  each language writes them (`Selasa 3 Feb 2026 09.15` / `Tuesday 3 Feb 2026 09:15`);
- `Join`: several values written one after the other with a separator.

Every value is immutable and hashable, so renderings can be cached, and round-trips through
JSON without loss (`to_json` / `from_json`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

_set = object.__setattr__


@dataclass(frozen=True, slots=True)
class Term:
    """A name law-as-data gives in Indonesian and English (e.g. a holiday's name)."""

    id: str
    en: str


@dataclass(frozen=True, slots=True)
class DayName:
    """The weekday of a date: `Selasa` / `Tuesday`."""

    day: date


@dataclass(frozen=True, slots=True)
class LongDate:
    """A date with its weekday: `Selasa 3 Feb 2026` / `Tuesday 3 Feb 2026`."""

    day: date


@dataclass(frozen=True, slots=True)
class ShortDate:
    """A date: `3 Feb 2026` (month names per language)."""

    day: date


@dataclass(frozen=True, slots=True)
class Clock:
    """A time of day in minutes after midnight: `07.30` / `07:30`."""

    minutes: int


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a day in minutes: `12.00–13.00` / `12:00–13:00`."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Join:
    """Values written one after the other, separated by `separator` (the same in every
    language: `; ` between facts, `, ` inside a list)."""

    items: tuple[Value, ...]
    separator: str = "; "
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.items, self.separator)))

    def __hash__(self) -> int:  # computed once: renderings are cached by value
        return self._hash


@dataclass(frozen=True, slots=True, init=False)
class Message:
    """A catalogue key and its named parameters."""

    key: str
    params: tuple[tuple[str, Value], ...] = ()
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)

    def __init__(self, key: str, params: tuple[tuple[str, Value], ...] = ()) -> None:
        # Written by hand: the generated __init__ costs twice as much, and a check builds a
        # few messages for every activity (the reason names its minute).
        _set(self, "key", key)
        _set(self, "params", params)
        _set(self, "_hash", None)

    def __hash__(self) -> int:
        # Computed once, when first asked (renderings are cached by value); a message that is
        # rendered once and never looked up (an activity's reason) is never hashed.
        found = self._hash
        if found is None:
            found = hash((self.key, self.params))
            _set(self, "_hash", found)
        return found

    def hashed(self) -> bool:
        """Whether the hash was ever asked for (as every message kept in a cache was)."""
        return self._hash is not None

    def param(self, name: str) -> Value | None:
        """The value of one parameter (None when absent)."""
        return next((value for key, value in self.params if key == name), None)


Value = (
    str | int | float | bool | Message | Term | DayName | LongDate | ShortDate | Clock | Span | Join
)


def say(key: str, **params: Value) -> Message:
    """A message: `say("leave.detail", detail="cuti tahunan")`."""
    return Message(key, tuple(params.items()))


def joined(items: Any, separator: str = "; ") -> Join:
    """`Join` of an iterable of values."""
    return Join(tuple(items), separator)


# ----- JSON ---------------------------------------------------------------------------------
_DATES: dict[str, type[DayName | LongDate | ShortDate]] = {
    "day_name": DayName,
    "long_date": LongDate,
    "short_date": ShortDate,
}


def to_json(value: Value) -> Any:
    """A JSON value for a message or parameter (plain values stay as they are)."""
    if isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Message):
        return {"key": value.key, "params": {name: to_json(item) for name, item in value.params}}
    if isinstance(value, Term):
        return {"term": {"id": value.id, "en": value.en}}
    if isinstance(value, Clock):
        return {"clock": value.minutes}
    if isinstance(value, Span):
        return {"span": [value.start, value.end]}
    if isinstance(value, Join):
        return {"join": [to_json(item) for item in value.items], "separator": value.separator}
    tag = next(name for name, kind in _DATES.items() if isinstance(value, kind))
    return {tag: value.day.isoformat()}


def from_json(data: Any) -> Value:
    """The value `to_json` wrote (ValueError for anything else)."""
    if isinstance(data, str | bool | int | float):
        return data
    if not isinstance(data, dict):
        raise ValueError(f"not a message value: {data!r}")
    if "key" in data:
        params = data.get("params") or {}
        return Message(str(data["key"]), tuple((k, from_json(v)) for k, v in params.items()))
    if "term" in data:
        return Term(str(data["term"]["id"]), str(data["term"]["en"]))
    if "clock" in data:
        return Clock(int(data["clock"]))
    if "span" in data:
        return Span(int(data["span"][0]), int(data["span"][1]))
    if "join" in data:
        return Join(tuple(from_json(item) for item in data["join"]), str(data["separator"]))
    for tag, kind in _DATES.items():
        if tag in data:
            return kind(date.fromisoformat(data[tag]))
    raise ValueError(f"not a message value: {data!r}")


def message_from_json(data: Any) -> Message:
    """A message `to_json` wrote (ValueError for anything else)."""
    value = from_json(data)
    if not isinstance(value, Message):
        raise ValueError(f"not a message: {data!r}")
    return value


__all__ = [
    "Clock",
    "DayName",
    "Join",
    "LongDate",
    "Message",
    "ShortDate",
    "Span",
    "Term",
    "Value",
    "from_json",
    "joined",
    "message_from_json",
    "say",
    "to_json",
]
