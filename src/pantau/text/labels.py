"""One label catalogue for every vocabulary: the words a person reads for a coded value.

`label(member, lang)` gives the label of an enum member (`EmployeeType.PPPK_PARUH_WAKTU` →
`PPPK Paruh Waktu`), from the message catalogue key `label.<vocabulary>.<value>`. The web
builds its model `choices` from the same labels, so a code is never shown raw.
"""

from __future__ import annotations

from enum import StrEnum

from pantau.domain.access import Role
from pantau.domain.activities import ActivityKind, Location
from pantau.domain.employees import EmployeeType, PositionLevel
from pantau.domain.intake import DismissalReason, Source, Status
from pantau.domain.organisation import AccountType, Platform, UnitKind
from pantau.domain.text import Message, say
from pantau.text import render

VOCABULARIES: dict[type[StrEnum], str] = {
    EmployeeType: "employee_type",
    PositionLevel: "position_level",
    Role: "role",
    ActivityKind: "activity_kind",
    Location: "location",
    UnitKind: "unit_kind",
    Platform: "platform",
    AccountType: "account_type",
    Source: "source",
    Status: "status",
    DismissalReason: "dismissal_reason",
}


def label_message(member: StrEnum) -> Message:
    """The message that names a member of a known vocabulary (KeyError for others)."""
    return say(f"label.{VOCABULARIES[type(member)]}.{member.value}")


def label(member: StrEnum, lang: str = "id") -> str:
    """The label of a vocabulary member in `lang`."""
    return render(label_message(member), lang)


def label_of(vocabulary: type[StrEnum], value: str | None, lang: str = "id") -> str:
    """The label of a stored value; the value itself when it is not (or no longer) a member."""
    if not value:
        return ""
    try:
        return label(vocabulary(value), lang)
    except ValueError:
        return value


__all__ = ["VOCABULARIES", "label", "label_message", "label_of"]
