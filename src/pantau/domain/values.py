"""Frozen value objects built without their generated __init__, for the hot path of the check.

The __init__ a frozen dataclass is given sets each field through object.__setattr__ (about
0.25 µs a field); `pantau check` builds several such objects for every activity. `built` fills
the instance's __dict__ in one step instead. The object is the same: equal to the one the
constructor makes, as immutable, hashed and printed alike.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")
_new = object.__new__


def built(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of the frozen dataclass `cls` (without __slots__ or __post_init__) holding
    `fields`: every field, in the order of the class, as `cls(**fields)` would."""
    made = _new(cls)
    made.__dict__.update(fields)
    return made


__all__ = ["built"]
