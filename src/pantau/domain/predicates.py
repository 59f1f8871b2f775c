"""The vocabulary of rules: named, documented, pure predicates over one activity.

Each predicate answers holds, fails or unknown, names the element it reads (the name that goes
into `missing` when unknown) and says why in Indonesian and English. Policies combine them in
data (YAML) with `all` / `any` / `not` and an `unless` list; Python never names a clause.

A signal that is absent or null is unknown, including `commercial` when the classifier finds
no sign of selling in the text. `content_is(code)` follows SPEC §4: the codes a
person listed in `signals.content` decide; when nobody judged the content, a signal that backs
the code decides when known, then the classifier's suggestions (which only make the element
unknown-but-suggested, never established); a code nothing suggests is not suspected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache
from typing import Any, Protocol

from pantau.domain.activities import Activity, ActivityKind, Location
from pantau.domain.content import ContentSuggestion
from pantau.domain.employees import EmployeeType
from pantau.domain.evaluation import UNREAD, Outcome, PredicateSpec, Truth
from pantau.domain.text import Message, say
from pantau.domain.values import built


class WorkingTime(Protocol):
    """What the calendar answers about the activity's time (see pantau.domain.calendar)."""

    @property
    def working(self) -> bool: ...

    @property
    def local(self) -> datetime: ...

    @property
    def facts(self) -> tuple[Message, ...]: ...

    @property
    def reason(self) -> Message: ...


@dataclass(frozen=True)
class ClassifierView:
    """The classifier's suggestions for one text, mapped to conduct codes and to signals."""

    conduct: Mapping[str, ContentSuggestion] = field(default_factory=dict)
    signals: Mapping[str, ContentSuggestion] = field(default_factory=dict)


@dataclass(frozen=True)
class DutyRecord:
    """What the registry records of surat tugas for the activity: the reference of the
    assignment whose window it overlaps, or None when the registry records none."""

    reference: str | None = None


@dataclass(frozen=True)
class ContentSources:
    """Which signal backs which conduct code (data: policies/content_sources.yaml)."""

    signal_for_code: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def backings(self) -> tuple[str, ...]:
        """Every signal that backs some code, in a fixed order."""
        return tuple(sorted(set(self.signal_for_code.values())))


class Context:
    """One activity with what the predicates read: working time, content sources, classifier.

    The classifier is asked at most once, and only when a predicate needs it.
    """

    __slots__ = ("_classify", "_view", "_working", "activity", "duty", "memo", "sources",
                 "work_time")

    def __init__(
        self,
        activity: Activity,
        work_time: WorkingTime,
        sources: ContentSources = ContentSources(),
        classify: Callable[[str], ClassifierView | None] | None = None,
        duty: DutyRecord | None = None,
        memo: dict[Any, Any] | None = None,
    ) -> None:
        self.activity = activity
        self.duty = duty
        self.work_time = work_time
        self.sources = sources
        self._classify = classify
        self._view: ClassifierView | bool | None = False
        self._working: Outcome | None = None
        # Judgements already made for contexts that read the same (pantau.domain.policies):
        # valid for one set of sources and one classifier, so one memo per checker.
        self.memo = memo

    def may_classify(self) -> bool:
        """Whether `classified()` would ask the classifier (there is one, and a text)."""
        return self._classify is not None and bool(self.activity.text)

    def working_outcome(self) -> Outcome | None:
        """The `during_working_time` outcome of this context, once made (else None)."""
        return self._working

    def classified(self) -> ClassifierView | None:
        """The classifier's view of the text, or None when there is no text or no classifier."""
        if self._view is False:
            text = self.activity.text
            usable = self._classify is not None and text
            self._view = self._classify(text) if usable else None  # type: ignore[misc,arg-type]
        return self._view if isinstance(self._view, ClassifierView) else None


@lru_cache(maxsize=8192)
def _known(name: str, element: str, value: bool, what: Message) -> Outcome:
    if value:
        return Outcome(name, Truth.HOLDS, element, say("outcome.yes", what=what))
    return Outcome(name, Truth.FAILS, element, say("outcome.no", what=what))


@lru_cache(maxsize=1024)
def _unknown(name: str, element: str) -> Outcome:
    return Outcome(name, Truth.UNKNOWN, element, say("outcome.unknown", element=element))


def _suggested(name: str, element: str, code: str, suggestion: ContentSuggestion) -> Outcome:
    words = ", ".join(suggestion.evidence) or "-"
    why = say("outcome.suggested", code=code, score=suggestion.score, words=words)
    return Outcome(name, Truth.UNKNOWN, element, why, suggestion)


def _signal(name: str, signal: str, doc: str) -> Callable[..., Outcome]:
    what = say(f"signal.{signal}")

    def predicate(context: Context, args: tuple[str, ...]) -> Outcome:
        value = context.activity.signals.flag(signal)
        if value is None:
            return _unknown(name, signal)
        return _known(name, signal, value, what)

    predicate.__doc__ = f"Holds when `signals.{signal}` is true: {doc}."
    return predicate


def official_duty(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when `signals.official_duty` is true: for official duty. When it is null and the
    registry is configured (the record of assignments), a surat tugas covering the activity
    makes it hold and no recorded surat tugas makes it fail."""
    value = context.activity.signals.official_duty
    if value is not None:
        return _known("official_duty", "official_duty", value, _OFFICIAL_DUTY)
    duty = context.duty
    if duty is None:
        return _unknown("official_duty", "official_duty")
    if duty.reference is None:
        return Outcome("official_duty", Truth.FAILS, "official_duty", say("duty.none_recorded"))
    return Outcome("official_duty", Truth.HOLDS, "official_duty",
                   say("duty.recorded", reference=duty.reference))


_OFFICIAL_DUTY = say("signal.official_duty")


def kind_is(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when the activity's kind is one of the arguments (live, video, post, ...)."""
    return _kind_is(context.activity.kind, args)


@lru_cache(maxsize=1024)
def _kind_is(kind: ActivityKind, args: tuple[str, ...]) -> Outcome:
    name = kind.value
    return _known("kind_is", "kind", name in args, say("what.kind", kind=name))


_LIVE = say("what.live")


def is_live(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when the activity is a live stream."""
    return _known("is_live", "kind", context.activity.kind is ActivityKind.LIVE, _LIVE)


def during_working_time(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when any part of [started_at, ended_at) overlaps the employee's working time."""
    found = context._working
    if found is None:  # one outcome a context: it says the activity's own reason
        answer = context.work_time
        truth = Truth.HOLDS if answer.working else Truth.FAILS
        # Outcome(...), built in one step (one an activity: pantau.domain.values)
        found = context._working = built(Outcome, {
            "predicate": "during_working_time", "truth": truth, "element": "working_time",
            "why": answer.reason, "suggestion": None})
    return found


def location_is(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when `signals.location` is one of the arguments; null or `unknown` is unknown."""
    location = context.activity.signals.location
    if location is None or location is Location.UNKNOWN:
        return _unknown("location_is", "location")
    what = say("what.location", location=location.value, allowed=", ".join(args))
    return _known("location_is", "location", location.value in args, what)


def employee_type_in(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when the employee's type (CPNS as PNS, part-time PPPK as PPPK) is an argument."""
    kind = context.activity.employee.type
    if kind is None and set(args) >= JUDGED_TYPES:
        return Outcome("employee_type_in", Truth.HOLDS, "employee.type", say("outcome.everyone"))
    if kind is None:
        return _unknown("employee_type_in", "employee.type")
    return _type_in(kind, args)


@lru_cache(maxsize=1024)
def _type_in(kind: EmployeeType, args: tuple[str, ...]) -> Outcome:
    judged = kind.judged_as.value
    what = say("what.employee_type", type=kind.value, allowed=", ".join(args))
    return _known("employee_type_in", "employee.type", judged in args, what)


def account_type_is(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when `account_type` (personal, official, ...) is one of the arguments."""
    account = context.activity.account_type
    if account is None:
        return _unknown("account_type_is", "account_type")
    what = say("what.account", account=account, allowed=", ".join(args))
    return _known("account_type_is", "account_type", account in args, what)


def commercial(context: Context, args: tuple[str, ...]) -> Outcome:
    """`signals.commercial`; when null, the classifier's `commercial` suggestion (if any text)
    makes it unknown-but-suggested. When null and the classifier finds nothing it stays
    unknown: finding no sign of selling in a text does not show that nothing is sold."""
    value = context.activity.signals.commercial
    if value is not None:
        return _known("commercial", "commercial", value, _COMMERCIAL)
    view = context.classified()
    suggestion = None if view is None else view.signals.get("commercial")
    if suggestion is not None:
        return _suggested("commercial", "commercial", "commercial", suggestion)
    if view is None:
        return _unknown("commercial", "commercial")
    return _COMMERCIAL_NOT_SUGGESTED


_COMMERCIAL_NOT_SUGGESTED = Outcome("commercial", Truth.UNKNOWN, "commercial",
                                    say("outcome.commercial_not_suggested"))


def _content_by_person(code: str, content: frozenset[str]) -> Outcome:
    return _person_judged(code, code in content)


@lru_cache(maxsize=256)
def _person_judged(code: str, listed: bool) -> Outcome:
    why = say("content.established" if listed else "content.not_established", code=code)
    return Outcome("content_is", Truth.HOLDS if listed else Truth.FAILS, "content", why)


# SPEC §4: without `signals.content` only the classifier (or an observed signal that backs the
# code, e.g. `commercial`) may make a content code suspected; with neither, it is not suspected.
_NOT_JUDGED = Outcome("content_is", Truth.FAILS, "content", say("content.not_judged"))
_COMMERCIAL = say("what.commercial")


def content_is(context: Context, args: tuple[str, ...]) -> Outcome:
    """Whether the content falls under conduct code `args[0]` (see the module docstring)."""
    code = args[0]
    signals = context.activity.signals
    if signals.content is not None:
        return _content_by_person(code, signals.content)
    backing = context.sources.signal_for_code.get(code)
    if backing is not None and signals.flag(backing) is not None:
        what = say("what.observed", signal=backing, code=code)
        return _known("content_is", backing, bool(signals.flag(backing)), what)
    view = context.classified()
    suggestion = None if view is None else view.conduct.get(code)
    if suggestion is None and backing is not None and view is not None:
        suggestion = view.signals.get(backing)
    if suggestion is None and backing is not None:
        return _unknown("content_is", backing)  # an observed signal, absent: unknown (SPEC §4)
    if view is None:
        return _NOT_JUDGED
    if suggestion is None:
        return Outcome("content_is", Truth.FAILS, "content",
                       say("content.no_indication", code=code))
    return _suggested("content_is", "content", code, suggestion)


# ----- what each predicate reads (PredicateSpec.reads) ---------------------------------------
# Each is the value its predicate's outcome rests on, whatever its arguments (see compile_key:
# a rule reads each value once however many of its calls read it), as an attribute path from
# the context or a function. The one outcome that also names the activity itself,
# `during_working_time`'s reason, is the context's own (`Context.working_outcome`): a judgement
# looked up is given the context's outcome in its place.

def _reads_duty(context: Context, args: tuple[str, ...]) -> object:
    value = context.activity.signals.official_duty
    return value if value is not None else context.duty  # None and DutyRecord(None) differ


def _reads_commercial(context: Context, args: tuple[str, ...]) -> object:
    value = context.activity.signals.commercial
    if value is None and context.may_classify():
        return UNREAD
    return value


def _reads_content(context: Context, args: tuple[str, ...]) -> object:
    # The same for every code (one read serves every `content_is` of a rule): the listed
    # codes, else the value of every signal that backs some code (a tuple, never equal to a
    # frozenset), unless the classifier would be asked.
    signals = context.activity.signals
    if signals.content is not None:
        return signals.content
    if context.may_classify():
        return UNREAD
    return tuple([signals.flag(backing) for backing in context.sources.backings])


KINDS = tuple(kind.value for kind in ActivityKind)
LOCATIONS = tuple(location.value for location in Location)
TYPES = tuple(kind.value for kind in EmployeeType)
JUDGED_TYPES = {kind.judged_as.value for kind in EmployeeType}

_SIGNAL_PREDICATES = {
    "leader_permission": ("leader_permission", "with the unit head's permission"),
    "shows_uniform": ("uniform_visible", "the uniform or service attributes are visible"),
    "asn_identity_shown": ("asn_identity_shown", "the ASN identity is shown"),
    "confidential_material": ("confidential_material", "confidential documents or data are shown"),
    "content_creator": ("content_creator", "the activity is content-creator or influencer work"),
    "conflict_of_interest": ("conflict_of_interest",
                             "the content or activity may conflict with the employee's post"),
    "allowed_content": ("allowed_content",
                        "a person judged the content of the kind the policy expressly allows"),
}


def _registry() -> dict[str, PredicateSpec[Context]]:
    specs: list[PredicateSpec[Context]] = [
        PredicateSpec("kind_is", kind_is, kind_is.__doc__ or "", 1, None, KINDS,
                      reads="activity.kind"),
        PredicateSpec("is_live", is_live, is_live.__doc__ or "", reads="activity.kind"),
        PredicateSpec("official_duty", official_duty, official_duty.__doc__ or "",
                      reads=_reads_duty),
        PredicateSpec("during_working_time", during_working_time,
                      during_working_time.__doc__ or "", reads="work_time.working"),
        PredicateSpec("location_is", location_is, location_is.__doc__ or "", 1, None, LOCATIONS,
                      reads="activity.signals.location"),
        PredicateSpec("employee_type_in", employee_type_in, employee_type_in.__doc__ or "",
                      1, None, TYPES, reads="activity.employee.type"),
        PredicateSpec("account_type_is", account_type_is, account_type_is.__doc__ or "", 1, None,
                      reads="activity.account_type"),
        PredicateSpec("commercial", commercial, commercial.__doc__ or "",
                      reads=_reads_commercial),
        PredicateSpec("content_is", content_is, content_is.__doc__ or "", 1, 1,
                      reads=_reads_content),
    ]
    for name, (signal, doc) in _SIGNAL_PREDICATES.items():
        function = _signal(name, signal, doc)
        specs.append(PredicateSpec(name, function, function.__doc__ or "",
                                   reads=f"activity.signals.{signal}"))
    return {spec.name: spec for spec in specs}


PREDICATES: Mapping[str, PredicateSpec[Context]] = _registry()

__all__ = [
    "PREDICATES",
    "ClassifierView",
    "ContentSources",
    "Context",
    "DutyRecord",
    "WorkingTime",
]
