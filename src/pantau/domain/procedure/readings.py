"""Readings of unsettled law: which one applies is the agency's choice, made in data.

Where the texts leave a point open (REGULATIONS.md §9), the engine knows a few readings by name
(the vocabulary below) and the data chooses one, nationally by default and per agency by
override, with the parameters the reading needs (a number of days is data, never code). Every
answer that depends on a reading reports the reading it used.

Topics and options:

    summons_deadline      no_deadline | agency_deadline {working_days}
    in_force              calendar_days {days} | working_days {days} | after_remedy_window {days}
    objectable_sanctions  all | except_types {types}
    repeat_reference      last_same_nature | last_any
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from pantau.domain.errors import DataError
from pantau.domain.procedure.law import Basis
from pantau.domain.procedure.steps import WorkingDays


class Topic(StrEnum):
    """An unsettled point of procedure."""

    SUMMONS_DEADLINE = "summons_deadline"
    IN_FORCE = "in_force"
    OBJECTABLE_SANCTIONS = "objectable_sanctions"
    REPEAT_REFERENCE = "repeat_reference"


# topic -> option -> the parameters it needs
OPTIONS: Mapping[Topic, Mapping[str, tuple[str, ...]]] = {
    Topic.SUMMONS_DEADLINE: {"no_deadline": (), "agency_deadline": ("working_days",)},
    Topic.IN_FORCE: {
        "calendar_days": ("days",),
        "working_days": ("days",),
        "after_remedy_window": ("days",),
    },
    Topic.OBJECTABLE_SANCTIONS: {"all": (), "except_types": ("types",)},
    Topic.REPEAT_REFERENCE: {"last_same_nature": (), "last_any": ()},
}

Param = int | tuple[str, ...]


@dataclass(frozen=True)
class Reading:
    """The reading applied to a topic, who chose it, and on what basis."""

    topic: Topic
    option: str
    label_id: str
    basis: Basis
    params: Mapping[str, Param] = field(default_factory=dict)
    chosen_by: str = ""

    def __post_init__(self) -> None:
        needed = OPTIONS[self.topic].get(self.option)
        if needed is None:
            known = ", ".join(OPTIONS[self.topic])
            raise DataError(f"reading {self.topic.value}: unknown option {self.option!r}; "
                            f"known: {known}")
        missing = [name for name in needed if name not in self.params]
        if missing:
            raise DataError(f"reading {self.topic.value}/{self.option} needs {missing[0]!r}")

    def number(self, name: str) -> int:
        value = self.params[name]
        if not isinstance(value, int):
            raise DataError(f"reading {self.topic.value}: {name} must be a whole number")
        return value

    def names(self, name: str) -> tuple[str, ...]:
        value = self.params.get(name, ())
        return value if isinstance(value, tuple) else ()

    def to_json(self) -> dict[str, object]:
        return {
            "topic": self.topic.value,
            "option": self.option,
            "label": self.label_id,
            "basis": self.basis.to_json(),
            "chosen_by": self.chosen_by,
        }


def summons_days(reading: Reading) -> int | None:
    """Working days the direct superior has to summon, or None where no deadline applies."""
    if reading.option == "agency_deadline":
        return reading.number("working_days")
    return None


def in_force_on(
    reading: Reading, received: date, calendar: WorkingDays, remedy_last_day: date | None
) -> date:
    """The day a delivered decision takes effect when no remedy is filed."""
    if reading.option == "working_days":
        return calendar.add_working_days(received, reading.number("days"))
    literal = received + timedelta(days=reading.number("days"))
    if reading.option == "after_remedy_window" and remedy_last_day is not None:
        return max(literal, remedy_last_day + timedelta(days=1))
    return literal


def objectable(reading: Reading, type_id: str) -> bool:
    """Whether an objection lies against a sanction of this type under the reading."""
    return reading.option == "all" or type_id not in reading.names("types")


__all__ = ["OPTIONS", "Reading", "Topic", "in_force_on", "objectable", "summons_days"]
