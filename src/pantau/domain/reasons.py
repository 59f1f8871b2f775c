"""The working-time reason of an activity, kept as its parts until someone reads it.

Every activity's reason names its own minute (`Selasa 3 Feb 2026 15.50 WIB: jam kerja ...`),
so `pantau check` makes one for every line and mostly only writes it out. The calendar keeps
the reason's parts, `(when_key, when_params, why)`, in the answer instead of two `Message`
objects; `reason` is made from them the first time it is read, the same message the calendar
used to make (`reason_message`), and the writer may write the text from the parts directly
(pantau.text.render_reason).
"""

from __future__ import annotations

from typing import Any

from pantau.domain.text import Message, Value

# (the `when` message's key and parameters, the `why` message)
ReasonParts = tuple[str, tuple[tuple[str, Value], ...], Message]

REASON_KEY = "time.reason"


def reason_message(parts: ReasonParts) -> Message:
    """`time.reason` with `when` (a date and a clock, or a stretch of time) and `why`."""
    when_key, when_params, why = parts
    return Message(REASON_KEY, (("when", Message(when_key, when_params)), ("why", why)))


class LazyReason:
    """For a frozen dataclass with a `reason: Message` field and no slots: an instance built
    (pantau.domain.values.built) with `_parts` in place of `reason` makes its reason when
    first read, and keeps it, so every reader gets the same object. Equality, hashing and
    printing read `reason` like any field, so such an instance equals one built whole."""

    __dict__: dict[str, Any]

    def __getattr__(self, name: str) -> Any:  # called only when `name` is not found
        state = self.__dict__
        if name == "reason" and "_parts" in state:
            made = state["reason"] = reason_message(state["_parts"])
            return made
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def reason_state(value: Any) -> tuple[Message | None, ReasonParts | None]:
    """The reason of a `LazyReason` already made (None when not yet) and the parts it is made
    from (None when it was built whole, or when `value` keeps its reason otherwise)."""
    state = value.__dict__
    return state.get("reason"), state.get("_parts")


__all__ = ["REASON_KEY", "LazyReason", "ReasonParts", "reason_message", "reason_state"]
