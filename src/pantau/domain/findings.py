"""Findings: the answer for one activity, a durable object that explains itself (SPEC §4).

A `Finding` carries everything a reviewer, a case and a letter need, years later: the activity
as checked, the employee the registry found (when it was asked), the working-time answer with
the calendar facts behind it, and every rule breached (`established`) or possibly breached
(`suspected`): the policy and its version, the clause quoted, each element's value and why,
the exceptions considered, the allowed content considered (and what it may exempt), the
aggravating circumstances recorded (they never change the status), what is missing, the
sanction basis for the employee's type and the classifier suggestions used. Its texts are
messages (pantau.domain.text), rendered in either language at the edge. `to_json` /
`finding_from_json` round-trip it without loss.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

from pantau.domain.activities import Activity, activity_from_json, activity_to_json
from pantau.domain.content import ContentSuggestion
from pantau.domain.evaluation import Outcome, Truth
from pantau.domain.policies import Clause, SanctionBasis
from pantau.domain.reasons import LazyReason
from pantau.domain.registry import RegisteredEmployee
from pantau.domain.text import Message, Value, joined, message_from_json, say, to_json

FORMAT = 1  # the version of the stored JSON shape


class Verdict(StrEnum):
    """The verdict of a finding: violation > needs_review > no_violation; invalid input."""

    VIOLATION = "violation"
    NEEDS_REVIEW = "needs_review"
    NO_VIOLATION = "no_violation"
    INVALID = "invalid"


class RuleStatus(StrEnum):
    """Established: every element known to hold. Suspected: none fails, some unknown."""

    ESTABLISHED = "established"
    SUSPECTED = "suspected"


@dataclass(frozen=True)
class PolicyRef:
    """The instrument a rule belongs to, as it was when the finding was made."""

    id: str
    title: str
    version: str = ""
    valid_from: date | None = None


@dataclass(frozen=True)
class RuleFinding:
    """One rule of one policy breached or possibly breached by the activity."""

    policy: PolicyRef
    rule: str
    conduct: str
    clause: Clause
    status: RuleStatus
    elements: tuple[Outcome, ...]
    exceptions: tuple[Outcome, ...] = ()
    missing: tuple[str, ...] = ()
    bases: tuple[SanctionBasis, ...] = ()
    facts: tuple[Message, ...] = ()
    allowances: tuple[Outcome, ...] = ()
    aggravating: tuple[Outcome, ...] = ()

    @property
    def clause_text(self) -> str:
        """The clause reference and its quoted text (legal text: Indonesian only)."""
        return f"{self.clause.reference}: “{self.clause.text}”"

    @property
    def suggestions(self) -> tuple[ContentSuggestion, ...]:
        """The classifier suggestions the elements rest on."""
        return tuple(o.suggestion for o in self._outcomes() if o.suggestion is not None)

    def _outcomes(self) -> tuple[Outcome, ...]:
        return self.elements + self.exceptions

    def explanation(self) -> Value:
        """Why the rule is breached or possibly breached, citing the clause by its reference
        (the quoted text is in `clause_text`, beside it). Its parts are shared values, one per
        head, list of outcomes, bases and facts (violations repeat them), so each is written
        once and then found in the renderer's cache by identity."""
        parts: list[Value] = [
            _head(self.status, self.clause.reference, self.policy.title),
            _listed("finding.elements", self.elements),
            _listed("finding.exceptions", self.exceptions),
        ]
        if self.allowances:
            parts.append(_listed("finding.allowances", self.allowances))
        if self.aggravating:
            parts.append(_listed("finding.aggravating", self.aggravating))
        if self.missing:
            parts.append(_missing(self.missing))
        if self.suggestions:
            parts.append(_AUTOMATIC)
        if self.bases:
            parts.append(_bases_text(self.bases))
        if self.facts:
            parts.append(_facts_text(self.facts))
        return joined(parts, " ")


_TRUTH = {truth: say(f"truth.{truth.value}") for truth in Truth}
_AUTOMATIC = say("finding.automatic")


@lru_cache(maxsize=1024)
def _head(status: RuleStatus, reference: str, title: str) -> Message:
    return say(f"finding.head.{status.value}", reference=reference, title=title)


@lru_cache(maxsize=16384)
def _listed(key: str, outcomes: tuple[Outcome, ...]) -> Message:
    """`finding.elements` (or another list) of the outcomes: outcomes compare by identity and
    are shared by the judgements that hold them, so is this message."""
    return say(key, items=_outcomes_text(outcomes))


@lru_cache(maxsize=1024)
def _missing(missing: tuple[str, ...]) -> Message:
    return say("finding.missing", items=", ".join(missing))


@lru_cache(maxsize=1024)
def _bases_text(bases: tuple[SanctionBasis, ...]) -> Message:
    return say("finding.basis", items=joined(_basis_text(b) for b in bases))


@lru_cache(maxsize=4096)
def _facts_text(facts: tuple[Message, ...]) -> Message:
    return say("finding.facts", items=joined(facts))


@lru_cache(maxsize=16384)
def _outcome_text(outcome: Outcome) -> Message:
    """`during_working_time terpenuhi (...)`; outcomes are shared, so is this message."""
    return say("finding.outcome", predicate=outcome.predicate, value=_TRUTH[outcome.truth],
               why=outcome.why)


def _outcomes_text(outcomes: tuple[Outcome, ...]) -> Value:
    if not outcomes:
        return say("finding.none")
    return joined(_outcome_text(o) for o in outcomes)


def _basis_text(basis: SanctionBasis) -> Message:
    if basis.cited and basis.cited != basis.applicable:
        return say("finding.basis_cited", type=basis.employee_type,
                   applicable=basis.applicable, cited=basis.cited)
    return say("finding.basis_item", type=basis.employee_type, applicable=basis.applicable)


@dataclass(frozen=True)
class WorkTime(LazyReason):
    """What the calendar answered about the activity's time: the local time, whether it was
    working time, why, and the calendar facts used. The check may build it with the reason's
    parts; the reason is then made when first read (pantau.domain.reasons)."""

    local: datetime
    working: bool
    reason: Message
    facts: tuple[Message, ...] = ()


@dataclass(frozen=True)
class Finding:
    """The answer for one activity."""

    activity: Activity
    violations: tuple[RuleFinding, ...]
    work_time: WorkTime
    employee: RegisteredEmployee | None = None
    versions: tuple[tuple[str, str], ...] = field(default=())

    @property
    def activity_id(self) -> str | int:
        return self.activity.id

    @property
    def verdict(self) -> Verdict:
        """violation if any rule is established, else needs_review if any is suspected."""
        if not self.violations:
            return Verdict.NO_VIOLATION
        statuses = {v.status for v in self.violations}
        if RuleStatus.ESTABLISHED in statuses:
            return Verdict.VIOLATION
        if RuleStatus.SUSPECTED in statuses:
            return Verdict.NEEDS_REVIEW
        return Verdict.NO_VIOLATION

    @property
    def suggestions(self) -> tuple[ContentSuggestion, ...]:
        """Every classifier suggestion the finding rests on (once each)."""
        found: dict[str, ContentSuggestion] = {}
        for violation in self.violations:
            for suggestion in violation.suggestions:
                found.setdefault(suggestion.code, suggestion)
        return tuple(found.values())

    def to_json(self) -> dict[str, Any]:
        """The finding as stored: every fact behind it, messages as keys and parameters."""
        return {
            "format": FORMAT,
            "activity": activity_to_json(self.activity),
            "verdict": self.verdict.value,
            "employee": self.employee.to_record() if self.employee is not None else None,
            "work_time": {
                "local": self.work_time.local.isoformat(),
                "working": self.work_time.working,
                "reason": to_json(self.work_time.reason),
                "facts": [to_json(fact) for fact in self.work_time.facts],
            },
            "versions": dict(self.versions),
            "violations": [_violation_json(v) for v in self.violations],
        }


def _violation_json(violation: RuleFinding) -> dict[str, Any]:
    policy = violation.policy
    return {
        "policy": {
            "id": policy.id,
            "title": policy.title,
            "version": policy.version,
            "valid_from": policy.valid_from.isoformat() if policy.valid_from else None,
        },
        "rule": violation.rule,
        "conduct": violation.conduct,
        "clause": {"reference": violation.clause.reference, "text": violation.clause.text},
        "status": violation.status.value,
        "elements": [_outcome_json(o) for o in violation.elements],
        "exceptions": [_outcome_json(o) for o in violation.exceptions],
        "missing": list(violation.missing),
        "bases": [
            {"employee_type": b.employee_type, "applicable": b.applicable, "cited": b.cited,
             "note": b.note}
            for b in violation.bases
        ],
        "facts": [to_json(fact) for fact in violation.facts],
        "allowances": [_outcome_json(o) for o in violation.allowances],
        "aggravating": [_outcome_json(o) for o in violation.aggravating],
    }


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    suggestion = outcome.suggestion
    return {
        "predicate": outcome.predicate,
        "element": outcome.element,
        "truth": outcome.truth.value,
        "why": to_json(outcome.why),
        "suggestion": None if suggestion is None else {
            "code": suggestion.code, "score": suggestion.score,
            "evidence": list(suggestion.evidence),
        },
    }


def _outcome_from(data: dict[str, Any]) -> Outcome:
    raw = data.get("suggestion")
    suggestion = None
    if raw is not None:
        suggestion = ContentSuggestion(raw["code"], float(raw["score"]), tuple(raw["evidence"]))
    return Outcome(data["predicate"], Truth(data["truth"]), data["element"],
                   message_from_json(data["why"]), suggestion)


def _violation_from(data: dict[str, Any]) -> RuleFinding:
    policy = data["policy"]
    valid_from = policy.get("valid_from")
    return RuleFinding(
        policy=PolicyRef(policy["id"], policy["title"], policy.get("version", ""),
                         date.fromisoformat(valid_from) if valid_from else None),
        rule=data["rule"],
        conduct=data["conduct"],
        clause=Clause(data["clause"]["reference"], data["clause"]["text"]),
        status=RuleStatus(data["status"]),
        elements=tuple(_outcome_from(o) for o in data["elements"]),
        exceptions=tuple(_outcome_from(o) for o in data["exceptions"]),
        missing=tuple(data["missing"]),
        bases=tuple(SanctionBasis(b["employee_type"], b["applicable"], b.get("cited"),
                                  b.get("note")) for b in data["bases"]),
        facts=tuple(message_from_json(f) for f in data["facts"]),
        allowances=tuple(_outcome_from(o) for o in data.get("allowances") or ()),
        aggravating=tuple(_outcome_from(o) for o in data.get("aggravating") or ()),
    )


def finding_from_json(data: dict[str, Any]) -> Finding:
    """The finding `Finding.to_json` wrote (KeyError / ValueError when it is not one)."""
    if data.get("format") != FORMAT:
        raise ValueError(f"finding format {data.get('format')!r} is not {FORMAT}")
    work = data["work_time"]
    employee = data.get("employee")
    return Finding(
        activity=activity_from_json(data["activity"]),
        violations=tuple(_violation_from(v) for v in data["violations"]),
        work_time=WorkTime(
            datetime.fromisoformat(work["local"]),
            bool(work["working"]),
            message_from_json(work["reason"]),
            tuple(message_from_json(f) for f in work["facts"]),
        ),
        employee=RegisteredEmployee.from_record(employee) if employee else None,
        versions=tuple(sorted((data.get("versions") or {}).items())),
    )


__all__ = [
    "FORMAT",
    "Finding",
    "PolicyRef",
    "RuleFinding",
    "RuleStatus",
    "Verdict",
    "WorkTime",
    "finding_from_json",
]
