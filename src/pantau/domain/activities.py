"""Activities: what an employee did on (or off) social media, as the check contract carries it.

`parse_activity` turns one decoded JSON object (SPEC §4) into an `Activity`, or raises
`InvalidActivity` / `InvalidDatetime` naming the field and how to fix it. Unknown fields are
ignored. A signal that is absent or null stays `None` (unknown); it is never taken as false.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from pantau.domain.employees import EmployeeType
from pantau.domain.errors import InvalidActivity, InvalidDatetime
from pantau.domain.values import built


class ActivityKind(StrEnum):
    """What the activity is: a post of some kind, a reaction, or an offline observation."""

    LIVE = "live"
    VIDEO = "video"
    POST = "post"
    STORY = "story"
    COMMENT = "comment"
    SHARE = "share"
    REACTION = "reaction"
    OFFLINE = "offline"


class Location(StrEnum):
    """Where the activity took place (`signals.location`)."""

    OFFICE = "office"
    WORKSPACE = "workspace"
    FIELD = "field"
    CAFE = "cafe"  # a cafe, coffee shop or warung kopi
    PUBLIC = "public"  # another public place
    HOME = "home"
    UNKNOWN = "unknown"


BOOLEAN_SIGNALS: tuple[str, ...] = (
    "official_duty",
    "leader_permission",
    "uniform_visible",
    "asn_identity_shown",
    "commercial",
    "confidential_material",
    "content_creator",
    "conflict_of_interest",
    "allowed_content",
)


@dataclass(frozen=True)
class EmployeeRef:
    """The employee as the activity names them; every field may be unknown."""

    nip: str | None = None
    name: str | None = None
    type: EmployeeType | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Signals:
    """Observations and records about the activity. `None` means unknown.

    `content_creator`: the activity is content-creator or influencer work, not an ordinary
    personal post. `conflict_of_interest`: the content or activity may conflict with the
    employee's post. `allowed_content`: a person judged the content to be of the kind a policy
    expressly allows (it defeats only the elements the policy's allowance names).
    """

    official_duty: bool | None = None
    leader_permission: bool | None = None
    uniform_visible: bool | None = None
    asn_identity_shown: bool | None = None
    commercial: bool | None = None
    confidential_material: bool | None = None
    content_creator: bool | None = None
    conflict_of_interest: bool | None = None
    allowed_content: bool | None = None
    location: Location | None = None
    on_leave: bool = False
    content: frozenset[str] | None = None

    def flag(self, name: str) -> bool | None:
        """The value of one boolean signal by its field name."""
        value: bool | None = getattr(self, name)
        return value


@dataclass(frozen=True)
class Activity:
    """One activity to check (SPEC §4)."""

    id: str | int
    agency: str
    kind: ActivityKind
    started_at: datetime
    ended_at: datetime | None = None
    platform: str | None = None
    account: str | None = None
    account_type: str | None = None
    employee: EmployeeRef = EmployeeRef()
    text: str | None = None
    signals: Signals = Signals()


def parse_datetime(value: object, field: str) -> datetime:
    """An ISO 8601 datetime with an offset, or InvalidDatetime naming the field."""
    if not isinstance(value, str):
        raise InvalidDatetime(
            f"field '{field}': expected an ISO 8601 string with an offset such as "
            f"'2026-02-03T09:15:00+07:00', got {value!r}"
        )
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidDatetime(
            f"field '{field}': {value!r} is not an ISO 8601 datetime; "
            "write it like '2026-02-03T09:15:00+07:00'"
        ) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        written = parsed.isoformat()  # a date alone reads as its midnight
        raise InvalidDatetime(
            f"field '{field}': {value!r} has no UTC offset; add one, e.g. "
            f"'{written}+07:00' for WIB"
        )
    return require_convertible(parsed, f"field '{field}': {value!r}")


def require_convertible(moment: datetime, what: str) -> datetime:
    """`moment` (aware), or InvalidDatetime, naming it as `what`, when it is too near the
    first or the last date a datetime holds to be converted between time zones."""
    if not _CONVERTIBLE[0] <= moment <= _CONVERTIBLE[1]:
        raise InvalidDatetime(
            f"{what} is too near the first or the last date a datetime can hold (years 1 "
            "and 9999) to be converted between time zones"
        )
    return moment


# A moment a day or more from either end of what a datetime can hold: any zone can show it
# (every offset is under a day); one nearer an end may overflow when converted.
_CONVERTIBLE = (datetime.min.replace(tzinfo=UTC) + timedelta(days=1),
                datetime.max.replace(tzinfo=UTC) - timedelta(days=1))


def _text(obj: Mapping[str, Any], field: str, prefix: str = "") -> str | None:
    value = obj.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidActivity(f"field '{prefix}{field}': expected a string, got {value!r}")
    return value


def _required(obj: Mapping[str, Any], field: str) -> Any:
    value = obj.get(field)
    if value is None:
        raise InvalidActivity(f"missing field '{field}': every activity needs it (SPEC §4)")
    if value == "":
        raise InvalidActivity(f"field '{field}' is empty: every activity needs it (SPEC §4)")
    return value


_MEMBERS: dict[type[StrEnum], dict[str, StrEnum]] = {}


def _choice(value: object, enum: type[StrEnum], field: str) -> Any:
    members = _MEMBERS.get(enum)
    if members is None:
        members = _MEMBERS[enum] = {member.value: member for member in enum}
    member = members.get(value) if isinstance(value, str) else None
    if member is None:
        allowed = ", ".join(member.value for member in enum)
        raise InvalidActivity(f"field '{field}': {value!r} is not one of {allowed}")
    return member


def _employee(value: object) -> EmployeeRef:
    if value is None:
        return EmployeeRef()
    if not isinstance(value, Mapping):
        raise InvalidActivity(f"field 'employee': expected an object, got {value!r}")
    raw_type = value.get("type")
    kind = None if raw_type is None else _choice(raw_type, EmployeeType, "employee.type")
    return EmployeeRef(
        nip=_text(value, "nip", "employee."),
        name=_text(value, "name", "employee."),
        type=kind,
        unit=_text(value, "unit", "employee."),
    )


def _flag(signals: Mapping[str, Any], name: str) -> bool | None:
    value = signals.get(name)
    if value is None or isinstance(value, bool):
        return value
    raise InvalidActivity(
        f"field 'signals.{name}': expected true, false or null (unknown), got {value!r}"
    )


def _content(value: object) -> frozenset[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise InvalidActivity(
            f"field 'signals.content': expected a list of conduct codes, got {value!r}"
        )
    return frozenset(value)


def _signals(value: object) -> Signals:
    if value is None:
        return Signals()
    if not isinstance(value, Mapping):
        raise InvalidActivity(f"field 'signals': expected an object, got {value!r}")
    flags = {name: _flag(value, name) for name in BOOLEAN_SIGNALS}
    raw_location = value.get("location")
    location = (
        None if raw_location is None else _choice(raw_location, Location, "signals.location")
    )
    return Signals(
        **flags,
        location=location,
        on_leave=_flag(value, "on_leave") is True,
        content=_content(value.get("content")),
    )


def _identifier(obj: Mapping[str, Any]) -> str | int:
    value = _required(obj, "id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidActivity(f"field 'id': expected a string or an integer, got {value!r}")
    return value


def parse_activity(obj: object) -> Activity:
    """One activity from a decoded JSON value; unknown fields are ignored."""
    if type(obj) is dict:
        found = _plain_activity(obj)
        if found is not None:
            return found
    return _parsed_activity(obj)


def _parsed_activity(obj: object) -> Activity:
    """`parse_activity` field by field: every shape, every error message."""
    if not isinstance(obj, Mapping):
        raise InvalidActivity("an activity must be a JSON object {...}, one a line")
    identifier = _identifier(obj)
    agency = _required(obj, "agency")
    if not isinstance(agency, str):
        raise InvalidActivity(f"field 'agency': expected an agency id string, got {agency!r}")
    kind = _choice(_required(obj, "kind"), ActivityKind, "kind")
    started = parse_datetime(_required(obj, "started_at"), "started_at")
    raw_end = obj.get("ended_at")
    ended = None if raw_end is None else parse_datetime(raw_end, "ended_at")
    if ended is not None and ended < started:
        raise InvalidActivity(
            f"field 'ended_at': {raw_end} is before started_at; swap them or drop ended_at"
        )
    return Activity(
        id=identifier,
        agency=agency,
        kind=kind,
        started_at=started,
        ended_at=ended,
        platform=_text(obj, "platform"),
        account=_text(obj, "account"),
        account_type=_text(obj, "account_type"),
        employee=_employee(obj.get("employee")),
        text=_text(obj, "text"),
        signals=_signals(obj.get("signals")),
    )


# ----- the fast path of parse_activity ------------------------------------------------------
# `pantau check` parses every line; the generated __init__ of a frozen dataclass sets each field
# through object.__setattr__ (about 2.5 µs for Signals alone), and the field-by-field checks
# above call a function per field. `_plain_activity` reads the common, valid shape of a line in
# one pass and builds the value objects without their __init__ (pantau.domain.values); any
# value it does not recognise sends the line to the full parser, which then gives the same
# activity or the precise error.

_KINDS: dict[object, ActivityKind] = {kind.value: kind for kind in ActivityKind}
_LOCATIONS: dict[object, Location] = {location.value: location for location in Location}
_TYPES: dict[object, EmployeeType] = {kind.value: kind for kind in EmployeeType}
NO_EMPLOYEE = EmployeeRef()  # the employee and signals of an activity that names none
NO_SIGNALS = Signals()
_STR, _NONE = str, type(None)


def plain_datetime(value: object) -> datetime | None:
    """`parse_datetime` of a well-formed value; None when it would raise."""
    if type(value) is not _STR:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None or not 1 < parsed.year < 9999:
        return None  # years 1 and 9999: the full parser sees whether zones can show it
    return parsed


def _plain_employee(value: dict[str, Any]) -> EmployeeRef | None:
    nip, name, unit = value.get("nip"), value.get("name"), value.get("unit")
    raw_type = value.get("type")
    kind = _TYPES.get(raw_type) if type(raw_type) is _STR else None
    if kind is None and raw_type is not None:
        return None
    for text in (nip, name, unit):
        if text is not None and type(text) is not _STR:
            return None
    return built(EmployeeRef, {"nip": nip, "name": name, "type": kind, "unit": unit})


def _plain_content(raw: list[Any]) -> frozenset[str] | None:
    """`signals.content` as a set of codes (one shared value per list of codes met); None when
    some code is not a string."""
    try:
        key = tuple(raw)
        found = _CONTENTS.get(key)
    except TypeError:  # a list or an object among the codes
        return None
    if found is None:
        if not all(type(code) is _STR for code in raw):
            return None
        if len(_CONTENTS) >= _CONTENTS_LIMIT:
            _CONTENTS.clear()
        found = _CONTENTS[key] = frozenset(raw)
    return found


# Lists of codes read before, by their codes: only valid lists are kept, and a key equal to a
# kept one holds equal strings (a string never equals a number), so a hit is the set the full
# reading would give. Bounded.
_CONTENTS: dict[tuple[Any, ...], frozenset[str]] = {}
_CONTENTS_LIMIT = 100_000


def _plain_signals(value: dict[str, Any]) -> Signals | None:
    get = value.get
    fields = {name: get(name) for name in BOOLEAN_SIGNALS}
    for flag in fields.values():
        if flag is not None and flag is not True and flag is not False:
            return None
    raw_location = get("location")
    location = _LOCATIONS.get(raw_location) if type(raw_location) is _STR else None
    on_leave = get("on_leave")
    raw_content = get("content")
    if ((location is None and raw_location is not None)
            or (on_leave is not None and on_leave is not True and on_leave is not False)):
        return None
    if raw_content is None:
        content = None
    elif type(raw_content) is not list or (content := _plain_content(raw_content)) is None:
        return None
    fields["location"] = location
    fields["on_leave"] = on_leave is True
    fields["content"] = content
    return built(Signals, fields)


def _plain_activity(obj: dict[str, Any]) -> Activity | None:
    """The activity `parse_activity` reads from `obj`, when every field has its common valid
    form (strings, known choices, aware datetimes in order); None sends `obj` to the full
    parser. A test holds the two equal on valid and broken lines."""
    get = obj.get
    identifier, agency = get("id"), get("agency")
    if not ((type(identifier) is _STR and identifier) or type(identifier) is int):
        return None
    if type(agency) is not _STR or not agency:
        return None
    raw_kind = get("kind")
    kind = _KINDS.get(raw_kind) if type(raw_kind) is _STR else None
    started = plain_datetime(get("started_at"))
    if kind is None or started is None:
        return None
    raw_end = get("ended_at")
    ended = None
    if raw_end is not None:
        ended = plain_datetime(raw_end)
        if ended is None or ended < started:
            return None
    platform, account, account_type, text = (
        get("platform"), get("account"), get("account_type"), get("text"))
    for value in (platform, account, account_type, text):
        if value is not None and type(value) is not _STR:
            return None
    raw_employee, raw_signals = get("employee"), get("signals")
    employee = (NO_EMPLOYEE if raw_employee is None
                else _plain_employee(raw_employee) if type(raw_employee) is dict else None)
    signals = (NO_SIGNALS if raw_signals is None
               else _plain_signals(raw_signals) if type(raw_signals) is dict else None)
    if employee is None or signals is None:
        return None
    return built(Activity, {
        "id": identifier, "agency": agency, "kind": kind, "started_at": started,
        "ended_at": ended, "platform": platform, "account": account,
        "account_type": account_type, "employee": employee, "text": text, "signals": signals,
    })


def _signals_json(signals: Signals) -> dict[str, Any]:
    found: dict[str, Any] = {name: signals.flag(name) for name in BOOLEAN_SIGNALS}
    found["location"] = signals.location.value if signals.location is not None else None
    found["on_leave"] = signals.on_leave
    if signals.content is not None:
        found["content"] = sorted(signals.content)
    return found


def activity_to_json(activity: Activity) -> dict[str, Any]:
    """The activity in the SPEC §4 shape; `parse_activity` reads it back unchanged."""
    employee = activity.employee
    found: dict[str, Any] = {
        "id": activity.id,
        "agency": activity.agency,
        "kind": activity.kind.value,
        "started_at": activity.started_at.isoformat(),
        "ended_at": activity.ended_at.isoformat() if activity.ended_at is not None else None,
        "platform": activity.platform,
        "account": activity.account,
        "account_type": activity.account_type,
        "employee": {
            "nip": employee.nip,
            "name": employee.name,
            "type": employee.type.value if employee.type is not None else None,
            "unit": employee.unit,
        },
        "text": activity.text,
        "signals": _signals_json(activity.signals),
    }
    return found


def activity_from_json(data: object) -> Activity:
    """An activity `activity_to_json` wrote (InvalidActivity when it is not one)."""
    return parse_activity(data)


__all__ = [
    "BOOLEAN_SIGNALS",
    "NO_EMPLOYEE",
    "NO_SIGNALS",
    "Activity",
    "ActivityKind",
    "EmployeeRef",
    "Location",
    "Signals",
    "activity_from_json",
    "activity_to_json",
    "parse_activity",
    "parse_datetime",
    "plain_datetime",
    "require_convertible",
]
