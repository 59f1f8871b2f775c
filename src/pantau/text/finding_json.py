"""The finding of SPEC §4 as JSON text, written directly.

`FindingWriter(lang).line(finding)` is the same text as
`json.dumps(finding_output(finding, lang, show_nip), ensure_ascii=False)` (a test holds them
equal on a generated corpus), at a fraction of the cost: a violation's JSON is rendered once
per shape and kept. The shape of a violation is the violation with the working-time reason
left as a hole (the reason names the minute of the activity, everything else repeats across
activities); the activity's reason is written into the hole.
"""

from __future__ import annotations

import json
from datetime import date, datetime, tzinfo
from json.encoder import encode_basestring  # the C encoder json.dumps uses for ensure_ascii=False
from typing import Any, cast

from pantau.domain.evaluation import Outcome
from pantau.domain.findings import Finding, RuleFinding
from pantau.domain.reasons import reason_state
from pantau.domain.text import Message
from pantau.text import language, render_once, render_reason
from pantau.text.findings import violation_output

# A private-use character: no catalogue, clause or reason has it (checked when a shape is kept).
HOLE = "\ue000"
_LIMIT = 50_000
# Stands for a reason not yet made (pantau.domain.reasons): no outcome's `why` is it.
_NOT_MADE = cast(Message, object())


# `json.dumps(value, ensure_ascii=False)` makes an encoder for every call; one made once writes
# the same text (the same options).
_dumps = json.JSONEncoder(ensure_ascii=False).encode


# The text of a local time, `datetime.isoformat()`, from parts kept per day: the date and
# the offset of a day whose offset does not change within it (isoformat builds both with a
# generic formatter for every call, the largest part of writing a finding), and the clock.
_CLOCK_ISO = tuple(f"{minute // 60:02d}:{minute % 60:02d}:" for minute in range(24 * 60))
_SECONDS_ISO = tuple(f"{second:02d}" for second in range(60))
_DAYS_LIMIT = 100_000


class _IsoTimes:
    """`isoformat()` of aware local times (a test holds it equal on every minute of days with
    and without an offset change, with seconds and microseconds)."""

    def __init__(self) -> None:
        # (date, tzinfo) -> (the date with "T", the offset), or None for a day whose offset
        # changes (then isoformat writes it); the tzinfo is held by the key
        self._days: dict[tuple[date, tzinfo], tuple[str, str] | None] = {}

    def text(self, moment: datetime) -> str:
        zone = moment.tzinfo
        if zone is None or moment.microsecond:
            return moment.isoformat()
        day = moment.date()
        parts = self._days.get((day, zone), _UNKNOWN_DAY)
        if parts is _UNKNOWN_DAY:
            parts = self._day(day, zone)
        if parts is None:
            return moment.isoformat()
        return (f"{parts[0]}{_CLOCK_ISO[moment.hour * 60 + moment.minute]}"
                f"{_SECONDS_ISO[moment.second]}{parts[1]}")

    def _day(self, day: date, zone: tzinfo) -> tuple[str, str] | None:
        first = datetime(day.year, day.month, day.day, tzinfo=zone)
        last = datetime(day.year, day.month, day.day, 23, 59, 59, 999_999, tzinfo=zone)
        offset = first.utcoffset()
        parts = None
        if (offset is not None and offset == last.utcoffset()
                and offset == last.replace(fold=1).utcoffset()
                and offset == first.replace(fold=1).utcoffset()):
            written = first.isoformat()  # 'YYYY-MM-DDT00:00:00' and the offset
            parts = (written[:11], written[19:])
        if len(self._days) >= _DAYS_LIMIT:
            self._days.clear()
        self._days[(day, zone)] = parts
        return parts


_UNKNOWN_DAY: Any = object()


class FindingWriter:
    """Writes findings as SPEC §4 JSON text in one language (NIP masked unless `show_nip`)."""

    def __init__(self, lang: str = "id", show_nip: bool = False) -> None:
        self.lang = language(lang)
        self.show_nip = show_nip
        self._shapes: dict[tuple[Any, ...], str | None] = {}
        self._holes: dict[tuple[Any, ...], Outcome] = {}
        # The text of a violation object already written, by identity: a violation's text is
        # its own (violation_output(violation) reads nothing else), and the checker hands the
        # same rule finding to every activity that reads alike (pantau.rules.checker). Kept
        # for shapes without the reason's hole only: a violation that names an activity's
        # reason is made for that activity and not met again.
        self._written: dict[int, tuple[RuleFinding, str]] = {}
        self._templates: dict[int, tuple[RuleFinding, Outcome, str | None]] = {}
        self._times = _IsoTimes()

    def line(self, finding: Finding) -> str:
        """The finding's JSON text (one line, without the newline)."""
        work = finding.work_time
        made, parts = reason_state(work)
        if parts is not None:  # the text of the reason made from them, made or not
            reason = encode_basestring(render_reason(parts, self.lang))
            if made is None:  # no outcome holds a reason not yet made
                made = _NOT_MADE
        else:
            made = work.reason
            reason = encode_basestring(render_once(made, self.lang))
        violations = finding.violations
        listed = ", ".join([self._violation(v, made, reason) for v in violations]
                           ) if violations else ""
        verdict = finding.verdict._value_  # `.value` is a property written in Python
        identifier = finding.activity.id
        named = encode_basestring(identifier) if isinstance(identifier, str) else _dumps(
            identifier)
        working = "true" if work.working else "false"
        employee = "" if finding.employee is None else (
            ', "employee": ' + _dumps(finding.employee.to_json(self.show_nip)))
        local = self._times.text(work.local)
        # one f-string: one allocation for the line
        return (f'{{"activity_id": {named}, "verdict": "{verdict}", '
                f'"violations": [{listed}], "work_time": {{"local": "{local}", '
                f'"working": {working}, "reason": {reason}}}{employee}}}')

    def _violation(self, violation: RuleFinding, reason: Message, reason_json: str) -> str:
        written = self._written.get(id(violation))
        if written is not None and written[0] is violation:
            return written[1]
        template = violation.__dict__.get("_template")  # see pantau.rules.checker._rebased
        if template is not None and template[2].why is reason:
            shape = self._template_shape(*template)
            if shape is not None and HOLE in shape:
                return shape.replace(HOLE, reason_json[1:-1])
        key = self._key(violation, reason)
        found = self._shapes[key] if key in self._shapes else self._shape(violation, key)
        if found is None:  # a shape that could not be kept: rendered whole
            return _dumps(violation_output(violation, self.lang))
        if HOLE in found:
            return found.replace(HOLE, reason_json[1:-1])
        if len(self._written) >= _LIMIT:
            self._written.clear()
        self._written[id(violation)] = (violation, found)
        return found

    def _template_shape(self, base: RuleFinding, old: Outcome, new: Outcome) -> str | None:
        """The shape of a violation made from `base` by putting outcome `new` in place of
        `old` (the same outcome for another activity's reason): `base`'s shape with the hole
        where `old`'s reason is. The holes of the two are the same outcome (the predicate,
        truth, element and suggestion, which the checker's key holds equal), so are their
        shapes. Kept by the identity of `base`, the entry holding it."""
        kept = self._templates.get(id(base))
        if kept is not None and kept[0] is base and kept[1] is old:
            return kept[2]
        key = self._key(base, old.why)
        found = self._shapes[key] if key in self._shapes else self._shape(base, key)
        if len(self._templates) >= _LIMIT:
            self._templates.clear()
        self._templates[id(base)] = (base, old, found)
        return found

    def _key(self, v: RuleFinding, reason: Message) -> tuple[Any, ...]:
        return (v.policy, v.rule, v.conduct, v.clause, v.status, self._holed(v.elements, reason),
                self._holed(v.exceptions, reason), v.missing, v.bases, v.facts,
                self._holed(v.allowances, reason), self._holed(v.aggravating, reason))

    def _holed(self, outcomes: tuple[Outcome, ...], reason: Message) -> tuple[Outcome, ...]:
        """The outcomes with the one that says the reason replaced by its hole."""
        for outcome in outcomes:
            if outcome.why is reason:
                return tuple(self._hole(o) if o.why is reason else o for o in outcomes)
        return outcomes

    def _hole(self, outcome: Outcome) -> Outcome:
        key = (outcome.predicate, outcome.truth, outcome.element, outcome.suggestion)
        found = self._holes.get(key)
        if found is None:
            why = cast(Message, HOLE)  # render() writes a plain string as it is
            found = Outcome(outcome.predicate, outcome.truth, outcome.element, why,
                            outcome.suggestion)
            self._holes[key] = found
        return found

    def _shape(self, violation: RuleFinding, key: tuple[Any, ...]) -> str | None:
        """The violation's JSON with the hole where the reason goes; None when the text
        has the hole character elsewhere (then it is never kept)."""
        holes = sum(1 for part in (5, 6, 10, 11) for o in key[part] if o.why is HOLE)
        shape = RuleFinding(violation.policy, violation.rule, violation.conduct,
                            violation.clause, violation.status, key[5], key[6], key[7], key[8],
                            key[9], key[10], key[11])
        text = _dumps(violation_output(shape, self.lang))
        kept: str | None = text if text.count(HOLE) == holes else None
        if len(self._shapes) >= _LIMIT:
            self._shapes.clear()
        self._shapes[key] = kept
        return kept


__all__ = ["HOLE", "FindingWriter"]
