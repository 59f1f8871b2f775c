"""Policies: dated, cited instruments whose clauses become rules over activities.

A `Policy` is one instrument of one agency (a circular, an instruction), in force from a date.
Each `Rule` encodes one clause: the quoted Indonesian text and its reference, one conduct
code, the condition (`when`), the exceptions (`unless`) and the employee types in scope. The
numbers, names and dates all come from data (policies/**/policy.yaml), never from Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from pantau.domain.activities import ActivityKind
from pantau.domain.evaluation import (
    AllOf,
    AnyOf,
    Call,
    Evaluator,
    Expression,
    PredicateSpec,
    Result,
    Truth,
    combine_all,
    combine_any,
    compile_expression,
    negate,
)
from pantau.domain.predicates import Context

_HOLDS, _FAILS = Truth.HOLDS, Truth.FAILS


@dataclass(frozen=True)
class Clause:
    """A clause of an instrument: where it is and what it says, verbatim in Indonesian."""

    reference: str
    text: str


@dataclass(frozen=True)
class SanctionBasis:
    """The sanction regime for one employee type: the one that applies, and the one cited."""

    employee_type: str
    applicable: str
    cited: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Allowance:
    """Content the instrument expressly allows, quoted."""

    text: str
    reference: str


@dataclass(frozen=True)
class Rule:
    """One clause as a rule: breached when `when` holds, no `unless` holds, and in scope."""

    id: str
    conduct: str
    clause: Clause
    when: Expression
    unless: tuple[Expression, ...] = ()
    applies_to: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Policy:
    """One instrument of one agency, in force over [valid_from, valid_until)."""

    id: str
    agency: str
    title: str
    signed: date
    valid_from: date
    rules: tuple[Rule, ...]
    applies_to: tuple[str, ...]
    sanction_basis: tuple[SanctionBasis, ...] = ()
    allowed: tuple[Allowance, ...] = ()
    valid_until: date | None = None
    source: str = ""
    note: str = ""
    path: str = ""
    version: str = ""  # a digest of the file the policy was read from

    def in_force(self, day: date) -> bool:
        """Whether the instrument applies to an activity on `day` (agency-local date)."""
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)

    def basis_for(self, employee_type: str | None) -> tuple[SanctionBasis, ...]:
        """The sanction basis for an employee type, or every basis when the type is unknown."""
        chosen = tuple(b for b in self.sanction_basis if b.employee_type == employee_type)
        return chosen or self.sanction_basis


@dataclass(frozen=True)
class Judgement:
    """A rule judged against one activity: breached (holds) or possibly breached (unknown)."""

    rule: Rule
    truth: Truth
    elements: Result
    exceptions: Result
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its condition, scope and exceptions compiled to closures."""

    rule: Rule
    when: Evaluator[Context]
    unless: tuple[Evaluator[Context], ...]

    def judge(self, context: Context) -> Judgement | None:
        """The judgement, or None when the rule is known not to be breached."""
        elements = self.when(context)
        if elements.truth is _FAILS:
            return None
        exceptions = combine_any([check(context) for check in self.unless])
        if exceptions.truth is _HOLDS:
            return None
        if elements.truth is _HOLDS and exceptions.truth is _FAILS:
            return Judgement(self.rule, _HOLDS, elements, exceptions)
        breach = combine_all([elements, negate(exceptions)])
        return Judgement(self.rule, breach.truth, elements, exceptions, breach.missing)


def scoped_condition(rule: Rule, policy_scope: tuple[str, ...]) -> Expression:
    """The rule's condition followed by its employee-type scope (the rule's own, else the
    policy's); the cheap elements of the rule itself usually decide first."""
    scope = rule.applies_to or policy_scope
    if not scope:
        return rule.when
    check = Call("employee_type_in", scope)
    if isinstance(rule.when, AllOf):
        return AllOf((*rule.when.items, check))
    return AllOf((rule.when, check))


def compile_rule(
    rule: Rule, policy_scope: tuple[str, ...], registry: Mapping[str, PredicateSpec[Context]]
) -> CompiledRule:
    """Compile a rule once for evaluating many activities."""
    return CompiledRule(
        rule,
        compile_expression(scoped_condition(rule, policy_scope), registry),
        tuple(compile_expression(item, registry) for item in rule.unless),
    )


def kinds_of(node: Expression, all_kinds: frozenset[str]) -> frozenset[str]:
    """The activity kinds for which `node` can hold (the kind is always known)."""
    if isinstance(node, Call) and node.name == "kind_is":
        return frozenset(node.args)
    if isinstance(node, Call) and node.name == "is_live":
        return frozenset({"live"})
    if isinstance(node, AllOf):
        kinds = all_kinds
        for item in node.items:
            kinds = kinds & kinds_of(item, all_kinds)
        return kinds
    if isinstance(node, AnyOf):
        return frozenset().union(*(kinds_of(item, all_kinds) for item in node.items))
    return all_kinds


@dataclass(frozen=True)
class CompiledPolicy:
    """A policy with all its rules compiled, indexed by the activity kinds they can concern."""

    policy: Policy
    rules: tuple[CompiledRule, ...]
    by_kind: Mapping[str, tuple[CompiledRule, ...]]

    def judge(self, context: Context) -> list[Judgement]:
        """Every rule breached or possibly breached by the activity, in the policy's order."""
        found = []
        for compiled in self.by_kind.get(context.activity.kind, ()):
            judgement = compiled.judge(context)
            if judgement is not None:
                found.append(judgement)
        return found


def compile_policy(
    policy: Policy, registry: Mapping[str, PredicateSpec[Context]]
) -> CompiledPolicy:
    """Compile every rule of a policy."""
    rules = tuple(compile_rule(rule, policy.applies_to, registry) for rule in policy.rules)
    every = frozenset(kind.value for kind in ActivityKind)
    by_kind = {
        kind: tuple(c for c in rules if kind in kinds_of(c.rule.when, every)) for kind in every
    }
    return CompiledPolicy(policy, rules, by_kind)


__all__ = [
    "Allowance",
    "Clause",
    "CompiledPolicy",
    "CompiledRule",
    "Judgement",
    "Policy",
    "Rule",
    "SanctionBasis",
    "compile_policy",
    "compile_rule",
    "kinds_of",
    "scoped_condition",
]
