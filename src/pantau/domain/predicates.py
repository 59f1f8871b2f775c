"""The vocabulary of rules: named, documented, pure predicates over one activity.

Each predicate answers holds, fails or unknown, names the element it reads (the name that goes
into `missing` when unknown) and says why in Indonesian and English. Policies combine them in
data (YAML) with `all` / `any` / `not` and an `unless` list; Python never names a clause.

A signal that is absent or null is unknown. `content_is(code)` follows SPEC §4: the codes a
person listed in `signals.content` decide; when nobody judged the content, a signal that backs
the code decides when known, then the classifier's suggestions (which only make the element
unknown-but-suggested, never established); a code nothing suggests is not suspected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Protocol

from pantau.domain.activities import Activity, ActivityKind, Location
from pantau.domain.content import ContentSuggestion
from pantau.domain.employees import EmployeeType
from pantau.domain.evaluation import Outcome, PredicateSpec, Truth


class WorkingTime(Protocol):
    """What the calendar answers about the activity's time (see pantau.domain.calendar)."""

    @property
    def working(self) -> bool: ...

    @property
    def local(self) -> datetime: ...

    @property
    def facts(self) -> tuple[str, ...]: ...

    def reason(self, lang: str = "id") -> str: ...


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


class Context:
    """One activity with what the predicates read: working time, content sources, classifier.

    The classifier is asked at most once, and only when a predicate needs it.
    """

    __slots__ = ("_classify", "_view", "activity", "duty", "sources", "work_time")

    def __init__(
        self,
        activity: Activity,
        work_time: WorkingTime,
        sources: ContentSources = ContentSources(),
        classify: Callable[[str], ClassifierView | None] | None = None,
        duty: DutyRecord | None = None,
    ) -> None:
        self.activity = activity
        self.duty = duty
        self.work_time = work_time
        self.sources = sources
        self._classify = classify
        self._view: ClassifierView | bool | None = False

    def classified(self) -> ClassifierView | None:
        """The classifier's view of the text, or None when there is no text or no classifier."""
        if self._view is False:
            text = self.activity.text
            usable = self._classify is not None and text
            self._view = self._classify(text) if usable else None  # type: ignore[misc,arg-type]
        return self._view if isinstance(self._view, ClassifierView) else None


@lru_cache(maxsize=8192)
def _known(name: str, element: str, value: bool, what_id: str, what_en: str) -> Outcome:
    if value:
        return Outcome(name, Truth.HOLDS, element, f"{what_id}: ya", f"{what_en}: yes")
    return Outcome(name, Truth.FAILS, element, f"{what_id}: tidak", f"{what_en}: no")


@lru_cache(maxsize=1024)
def _unknown(name: str, element: str) -> Outcome:
    return Outcome(
        name,
        Truth.UNKNOWN,
        element,
        f"tidak diketahui: '{element}' kosong atau tidak ada pada data",
        f"unknown: '{element}' is absent or null in the data",
    )


def _suggested(name: str, element: str, code: str, suggestion: ContentSuggestion) -> Outcome:
    words = ", ".join(suggestion.evidence) or "-"
    return Outcome(
        name,
        Truth.UNKNOWN,
        element,
        f"diduga '{code}' oleh klasifikasi otomatis (skor {suggestion.score:.2f}; kata: {words}); "
        "perlu dinilai petugas",
        f"'{code}' suggested by automatic classification (score {suggestion.score:.2f}; "
        f"words: {words}); a person must judge it",
        suggestion,
    )


def _signal(name: str, signal: str, what_id: str, what_en: str) -> Callable[..., Outcome]:
    def predicate(context: Context, args: tuple[str, ...]) -> Outcome:
        value = context.activity.signals.flag(signal)
        if value is None:
            return _unknown(name, signal)
        return _known(name, signal, value, what_id, what_en)

    predicate.__doc__ = f"Holds when `signals.{signal}` is true: {what_en}."
    return predicate


def official_duty(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when `signals.official_duty` is true: for official duty. When it is null and the
    registry is configured (the record of assignments), a surat tugas covering the activity
    makes it hold and no recorded surat tugas makes it fail."""
    value = context.activity.signals.official_duty
    if value is not None:
        return _known("official_duty", "official_duty", value, "untuk tugas kedinasan",
                      "for official duty")
    duty = context.duty
    if duty is None:
        return _unknown("official_duty", "official_duty")
    if duty.reference is None:
        return Outcome("official_duty", Truth.FAILS, "official_duty",
                       "tidak ada surat tugas tercatat di registri",
                       "no surat tugas (official assignment) is recorded in the registry")
    return Outcome("official_duty", Truth.HOLDS, "official_duty",
                   f"surat tugas {duty.reference} tercatat di registri",
                   f"surat tugas (official assignment) {duty.reference} is recorded in the "
                   "registry")


def kind_is(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when the activity's kind is one of the arguments (live, video, post, ...)."""
    return _kind_is(context.activity.kind, args)


@lru_cache(maxsize=1024)
def _kind_is(kind: ActivityKind, args: tuple[str, ...]) -> Outcome:
    name = kind.value
    return _known("kind_is", "kind", name in args, f"jenis kegiatan '{name}'", f"kind '{name}'")


def is_live(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when the activity is a live stream."""
    live = context.activity.kind is ActivityKind.LIVE
    return _known("is_live", "kind", live, "siaran langsung (live)", "a live stream")


def during_working_time(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when any part of [started_at, ended_at) overlaps the employee's working time."""
    answer = context.work_time
    truth = Truth.HOLDS if answer.working else Truth.FAILS
    return Outcome("during_working_time", truth, "working_time", answer.reason("id"),
                   answer.reason("en"))


def location_is(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when `signals.location` is one of the arguments; null or `unknown` is unknown."""
    location = context.activity.signals.location
    if location is None or location is Location.UNKNOWN:
        return _unknown("location_is", "location")
    return _known("location_is", "location", location.value in args,
                  f"lokasi '{location.value}' ({', '.join(args)})",
                  f"location '{location.value}' ({', '.join(args)})")


def employee_type_in(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when the employee's type (CPNS as PNS, part-time PPPK as PPPK) is an argument."""
    kind = context.activity.employee.type
    if kind is None and set(args) >= JUDGED_TYPES:
        return Outcome("employee_type_in", Truth.HOLDS, "employee.type",
                       "berlaku bagi semua pegawai", "applies to every employee")
    if kind is None:
        return _unknown("employee_type_in", "employee.type")
    return _type_in(kind, args)


@lru_cache(maxsize=1024)
def _type_in(kind: EmployeeType, args: tuple[str, ...]) -> Outcome:
    judged = kind.judged_as.value
    return _known("employee_type_in", "employee.type", judged in args,
                  f"pegawai {kind.value} termasuk yang diatur ({', '.join(args)})",
                  f"employee type {kind.value} is in scope ({', '.join(args)})")


def account_type_is(context: Context, args: tuple[str, ...]) -> Outcome:
    """Holds when `account_type` (personal, official, ...) is one of the arguments."""
    account = context.activity.account_type
    if account is None:
        return _unknown("account_type_is", "account_type")
    return _known("account_type_is", "account_type", account in args,
                  f"akun '{account}' ({', '.join(args)})",
                  f"account '{account}' ({', '.join(args)})")


def commercial(context: Context, args: tuple[str, ...]) -> Outcome:
    """`signals.commercial`; when null, the classifier's `commercial` suggestion (if any text)."""
    value = context.activity.signals.commercial
    if value is not None:
        return _known("commercial", "commercial", value, "kegiatan komersial", "commercial")
    view = context.classified()
    if view is None:
        return _unknown("commercial", "commercial")
    suggestion = view.signals.get("commercial")
    if suggestion is None:
        return Outcome("commercial", Truth.FAILS, "commercial",
                       "tidak ada indikasi komersial pada teks (klasifikasi otomatis)",
                       "no indication of commercial activity in the text (classifier)")
    return _suggested("commercial", "commercial", "commercial", suggestion)


def _content_by_person(code: str, content: frozenset[str]) -> Outcome:
    return _person_judged(code, code in content)


@lru_cache(maxsize=256)
def _person_judged(code: str, listed: bool) -> Outcome:
    return Outcome(
        "content_is", Truth.HOLDS if listed else Truth.FAILS, "content",
        f"petugas {'menetapkan' if listed else 'tidak menetapkan'} konten sebagai '{code}'",
        f"a person {'established' if listed else 'did not establish'} the content as '{code}'",
    )


# SPEC §4: without `signals.content` only the classifier (or an observed signal that backs the
# code, e.g. `commercial`) may make a content code suspected; with neither, it is not suspected.
_NOT_JUDGED = Outcome(
    "content_is", Truth.FAILS, "content",
    "konten belum dinilai petugas dan tidak ada indikasi dari klasifikasi otomatis",
    "no person has judged the content and no automatic classification suggests it",
)


def content_is(context: Context, args: tuple[str, ...]) -> Outcome:
    """Whether the content falls under conduct code `args[0]` (see the module docstring)."""
    code = args[0]
    signals = context.activity.signals
    if signals.content is not None:
        return _content_by_person(code, signals.content)
    backing = context.sources.signal_for_code.get(code)
    if backing is not None and signals.flag(backing) is not None:
        return _known("content_is", backing, bool(signals.flag(backing)),
                      f"'{backing}' teramati ({code})", f"'{backing}' observed ({code})")
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
                       f"tidak ada indikasi '{code}' pada teks (klasifikasi otomatis)",
                       f"no indication of '{code}' in the text (automatic classification)")
    return _suggested("content_is", "content", code, suggestion)


KINDS = tuple(kind.value for kind in ActivityKind)
LOCATIONS = tuple(location.value for location in Location)
TYPES = tuple(kind.value for kind in EmployeeType)
JUDGED_TYPES = {kind.judged_as.value for kind in EmployeeType}

_SIGNAL_PREDICATES = {
    "leader_permission": ("leader_permission", "dengan izin pimpinan unit",
                          "with the unit head's permission"),
    "shows_uniform": ("uniform_visible", "seragam atau atribut dinas terlihat",
                      "the uniform or service attributes are visible"),
    "asn_identity_shown": ("asn_identity_shown", "identitas ASN ditampilkan",
                           "the ASN identity is shown"),
    "confidential_material": ("confidential_material", "dokumen atau data rahasia tampak",
                              "confidential documents or data are shown"),
}


def _registry() -> dict[str, PredicateSpec[Context]]:
    specs: list[PredicateSpec[Context]] = [
        PredicateSpec("kind_is", kind_is, kind_is.__doc__ or "", 1, None, KINDS),
        PredicateSpec("is_live", is_live, is_live.__doc__ or ""),
        PredicateSpec("official_duty", official_duty, official_duty.__doc__ or ""),
        PredicateSpec("during_working_time", during_working_time,
                      during_working_time.__doc__ or ""),
        PredicateSpec("location_is", location_is, location_is.__doc__ or "", 1, None, LOCATIONS),
        PredicateSpec("employee_type_in", employee_type_in, employee_type_in.__doc__ or "",
                      1, None, TYPES),
        PredicateSpec("account_type_is", account_type_is, account_type_is.__doc__ or "", 1, None),
        PredicateSpec("commercial", commercial, commercial.__doc__ or ""),
        PredicateSpec("content_is", content_is, content_is.__doc__ or "", 1, 1),
    ]
    for name, (signal, what_id, what_en) in _SIGNAL_PREDICATES.items():
        function = _signal(name, signal, what_id, what_en)
        specs.append(PredicateSpec(name, function, function.__doc__ or ""))
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
