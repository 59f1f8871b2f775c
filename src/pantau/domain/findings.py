"""Findings: the answer for one activity, explaining itself (SPEC §4).

A finding lists every rule breached (`established`) or possibly breached (`suspected`), each
with the clause it cites, the value of each element and why, the exceptions considered, the
sanction basis for the employee's type and the calendar facts used. Indonesian by default,
English with lang="en".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pantau.domain.evaluation import Outcome, Truth
from pantau.domain.policies import Judgement, Policy, SanctionBasis
from pantau.domain.predicates import WorkingTime


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


_VALUE = {
    "id": {Truth.HOLDS: "terpenuhi", Truth.FAILS: "tidak terpenuhi",
           Truth.UNKNOWN: "belum diketahui"},
    "en": {Truth.HOLDS: "holds", Truth.FAILS: "fails", Truth.UNKNOWN: "unknown"},
}
_WORDS = {
    "id": {
        RuleStatus.ESTABLISHED: "Terbukti melanggar",
        RuleStatus.SUSPECTED: "Diduga melanggar",
        "elements": "Unsur",
        "exceptions": "Pengecualian dipertimbangkan",
        "none": "tidak ada",
        "missing": "Perlu dilengkapi",
        "basis": "Dasar sanksi",
        "cited": "dikutip dalam instrumen",
        "facts": "Fakta kalender",
        "auto": "Klasifikasi otomatis tidak pernah menetapkan pelanggaran; petugas memutuskan.",
    },
    "en": {
        RuleStatus.ESTABLISHED: "Breaches",
        RuleStatus.SUSPECTED: "Possibly breaches",
        "elements": "Elements",
        "exceptions": "Exceptions considered",
        "none": "none",
        "missing": "To be completed",
        "basis": "Sanction basis",
        "cited": "cited in the instrument",
        "facts": "Calendar facts",
        "auto": "Automatic classification never establishes a violation; a person decides.",
    },
}


def _language(lang: str) -> str:
    return "en" if lang == "en" else "id"


def _outcome_text(outcome: Outcome, lang: str) -> str:
    return f"{outcome.predicate} {_VALUE[lang][outcome.truth]} ({outcome.why(lang)})"


def _basis_text(basis: SanctionBasis, lang: str) -> str:
    text = f"{basis.employee_type}: {basis.applicable}"
    if basis.cited and basis.cited != basis.applicable:
        text += f" ({_WORDS[lang]['cited']}: {basis.cited})"
    return text


@dataclass(frozen=True)
class RuleFinding:
    """One rule of one policy breached or possibly breached by the activity."""

    policy: Policy
    judgement: Judgement
    employee_type: str | None
    facts: tuple[str, ...] = ()

    @property
    def status(self) -> RuleStatus:
        """Established when every element holds, else suspected."""
        if self.judgement.truth is Truth.HOLDS:
            return RuleStatus.ESTABLISHED
        return RuleStatus.SUSPECTED

    @property
    def clause(self) -> str:
        """The clause reference and its quoted text."""
        clause = self.judgement.rule.clause
        return f"{clause.reference}: “{clause.text}”"

    def explanation(self, lang: str = "id") -> str:
        """Why the rule is breached or possibly breached, citing the clause by its reference
        (the quoted text is in `clause`, beside it)."""
        lang = _language(lang)
        words = _WORDS[lang]
        judgement = self.judgement
        reference = judgement.rule.clause.reference
        parts = [f"{words[self.status]} {reference} [{self.policy.title}]."]
        elements = "; ".join(_outcome_text(o, lang) for o in judgement.elements.outcomes)
        parts.append(f"{words['elements']}: {elements}.")
        exceptions = "; ".join(_outcome_text(o, lang) for o in judgement.exceptions.outcomes)
        parts.append(f"{words['exceptions']}: {exceptions or words['none']}.")
        if judgement.missing:
            parts.append(f"{words['missing']}: {', '.join(judgement.missing)}.")
        if any(o.suggestion is not None for o in self._outcomes()):
            parts.append(words["auto"])
        bases = self.policy.basis_for(self.employee_type)
        if bases:
            parts.append(f"{words['basis']}: {'; '.join(_basis_text(b, lang) for b in bases)}.")
        if self.facts:
            parts.append(f"{words['facts']}: {'; '.join(self.facts)}.")
        return " ".join(parts)

    def _outcomes(self) -> tuple[Outcome, ...]:
        return self.judgement.elements.outcomes + self.judgement.exceptions.outcomes

    def to_json(self, lang: str = "id") -> dict[str, Any]:
        """The violation object of SPEC §4."""
        rule = self.judgement.rule
        return {
            "policy": self.policy.id,
            "rule": rule.id,
            "conduct": rule.conduct,
            "status": self.status.value,
            "missing": list(self.judgement.missing),
            "clause": self.clause,
            "explanation": self.explanation(lang),
        }


@dataclass(frozen=True)
class Finding:
    """The answer for one activity."""

    activity_id: str | int
    violations: tuple[RuleFinding, ...]
    work_time: WorkingTime

    @property
    def verdict(self) -> Verdict:
        """violation if any rule is established, else needs_review if any is suspected."""
        statuses = {v.status for v in self.violations}
        if RuleStatus.ESTABLISHED in statuses:
            return Verdict.VIOLATION
        if RuleStatus.SUSPECTED in statuses:
            return Verdict.NEEDS_REVIEW
        return Verdict.NO_VIOLATION

    def to_json(self, lang: str = "id") -> dict[str, Any]:
        """The finding object of SPEC §4."""
        return {
            "activity_id": self.activity_id,
            "verdict": self.verdict.value,
            "violations": [v.to_json(lang) for v in self.violations],
            "work_time": {
                "local": self.work_time.local.isoformat(),
                "working": self.work_time.working,
                "reason": self.work_time.reason(_language(lang)),
            },
        }


def invalid_line(number: int, error: str) -> dict[str, Any]:
    """The output object for an input line that cannot be checked."""
    return {"line": number, "verdict": Verdict.INVALID.value, "error": error}


__all__ = ["Finding", "RuleFinding", "RuleStatus", "Verdict", "invalid_line"]
