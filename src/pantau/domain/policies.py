"""Policies: dated, cited instruments whose clauses become rules over activities.

A `Policy` is one instrument of one agency (a circular, an instruction), in force from a date.
Each `Rule` encodes one clause: the quoted Indonesian text and its reference, one conduct
code, the condition (`when`), the exceptions (`unless`), the aggravating circumstances it
records without making them elements (`aggravating`) and the employee types in scope. An
`Allowance` quotes content the instrument expressly allows and names the elements of the rules
it qualifies (`defeats`): they fail when a person judged the content allowed
(`signals.allowed_content`), and no other element does. The numbers, names and dates all come
from data (policies/**/policy.yaml), never from Python.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from pantau.domain.activities import ActivityKind
from pantau.domain.evaluation import (
    AllOf,
    AnyOf,
    Call,
    Defeasible,
    Evaluator,
    Expression,
    NotOf,
    Outcome,
    PredicateSpec,
    Result,
    Truth,
    combine_all,
    combine_any,
    compile_expression,
    compile_key,
    describe,
    negate,
)
from pantau.domain.predicates import Context, during_working_time
from pantau.domain.text import say

_HOLDS, _FAILS = Truth.HOLDS, Truth.FAILS

# The signal through which every allowance acts (SPEC §4, `signals.allowed_content`).
ALLOWANCE = Call("allowed_content")


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
class Defeat:
    """One element (a predicate call of the rule's `when`) that an allowance qualifies."""

    rule: str
    element: Call
    note: str = ""  # the words of the clause the element stands for


@dataclass(frozen=True)
class Allowance:
    """Content the instrument expressly allows, quoted, and the elements it qualifies."""

    text: str
    reference: str
    defeats: tuple[Defeat, ...] = ()
    note: str = ""

    def elements_of(self, rule_id: str) -> tuple[Call, ...]:
        """The elements of one rule this allowance qualifies."""
        return tuple(d.element for d in self.defeats if d.rule == rule_id)


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
    aggravating: tuple[Expression, ...] = ()
    note: str = ""


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
    allowances: tuple[Outcome, ...] = ()
    aggravating: tuple[Outcome, ...] = ()


@lru_cache(maxsize=256)
def _allowance_outcome(reference: str, elements: str, found: Outcome) -> Outcome:
    why = say(f"allowance.{found.truth.value}", reference=reference, elements=elements)
    return Outcome(found.predicate, found.truth, found.element, why)


@dataclass(frozen=True)
class CompiledAllowance:
    """An allowance as one rule sees it: which of its elements it qualifies, and the check."""

    allowance: Allowance
    elements: str
    check: Evaluator[Context]

    def outcome(self, context: Context) -> Outcome:
        """Whether a person judged the content allowed, saying what that would exempt."""
        (found,) = self.check(context).outcomes
        return _allowance_outcome(self.allowance.reference, self.elements, found)


_MEMO_LIMIT = 4096
_NOT_FOUND = object()


@dataclass(frozen=True, eq=False)
class CompiledRule:
    """A rule with its condition, scope, exceptions, allowances and aggravating circumstances
    compiled to closures, and `key`: what its predicates read (None when some predicate does
    not say). Compared and hashed by identity (it keys the memo of its judgements)."""

    rule: Rule
    when: Evaluator[Context]
    unless: tuple[Evaluator[Context], ...]
    allowances: tuple[CompiledAllowance, ...] = ()
    aggravating: tuple[Evaluator[Context], ...] = ()
    key: Callable[[Context], tuple[object, ...] | None] | None = None
    reads: tuple[Expression, ...] = ()  # every condition the rule evaluates

    def judge(self, context: Context) -> Judgement | None:
        """The judgement, or None when the rule is known not to be breached.

        With a memo in the context (`Context.memo`, one per checker), the judgement is looked
        up by what the rule's predicates read (`key`): every predicate gives equal outcomes to
        contexts that read equal values, so the judgement is the same, except that the
        `during_working_time` outcome names the activity's own reason: a judgement that holds
        the first context's outcome is given this context's in its place. A key that cannot
        be known without asking the classifier (None) is not looked up."""
        memo = context.memo
        key = None if memo is None or self.key is None else self.key(context)
        if memo is None or key is None:
            return self._judge(context)
        table: dict[object, Any] | None = memo.get(self)
        if table is None:
            table = memo[self] = {}
        return self.judge_in(context, table, key)

    def judge_in(self, context: Context, table: dict[object, Any], key: object
                 ) -> Judgement | None:
        """`judge`, looked up in `table` by `key`: a key that holds every value the rule's
        predicates read (its own `key`, or one taken from a key over several rules:
        pantau.domain.evaluation.compile_shared_key), one kind of key a table."""
        found = table.get(key, _NOT_FOUND)
        if found is _NOT_FOUND:
            judgement = self._judge(context)
            own = context.working_outcome()
            if judgement is None or own is None or not _names(judgement, own):
                own = None
            if len(table) >= _MEMO_LIMIT:
                table.clear()
            table[key] = (judgement, own)
            return judgement
        judgement, theirs = found
        if theirs is None:
            return judgement  # type: ignore[no-any-return]
        mine = during_working_time(context, ())
        return _rebased(judgement, theirs, mine)

    def _judge(self, context: Context) -> Judgement | None:
        elements = self.when(context)
        if elements.truth is _FAILS:
            return None
        exceptions = combine_any([check(context) for check in self.unless])
        if exceptions.truth is _HOLDS:
            return None
        missing: tuple[str, ...] = ()
        if elements.truth is _HOLDS and exceptions.truth is _FAILS:
            truth = _HOLDS
        else:
            breach = combine_all([elements, negate(exceptions)])
            truth, missing = breach.truth, breach.missing
        if not self.allowances and not self.aggravating:
            return Judgement(self.rule, truth, elements, exceptions, missing)
        return Judgement(
            self.rule, truth, elements, exceptions, missing,
            tuple(allowance.outcome(context) for allowance in self.allowances),
            tuple(o for check in self.aggravating for o in check(context).outcomes),
        )


def _names(judgement: Judgement, outcome: Outcome) -> bool:
    """Whether `outcome` is one of the judgement's outcomes (outcomes compare by identity,
    so `in` is `is`)."""
    return (outcome in judgement.elements.outcomes or outcome in judgement.exceptions.outcomes
            or outcome in judgement.allowances or outcome in judgement.aggravating)


def _rebased(judgement: Judgement, old: Outcome, new: Outcome) -> Judgement:
    """The judgement with outcome `old` replaced by `new` wherever it is."""
    def swap(outcomes: tuple[Outcome, ...]) -> tuple[Outcome, ...]:
        if old not in outcomes:  # by identity (Outcome: eq=False)
            return outcomes
        return tuple(new if o is old else o for o in outcomes)

    elements, exceptions = judgement.elements, judgement.exceptions
    return Judgement(
        judgement.rule, judgement.truth,
        Result(elements.truth, swap(elements.outcomes), elements.missing),
        Result(exceptions.truth, swap(exceptions.outcomes), exceptions.missing),
        judgement.missing, swap(judgement.allowances), swap(judgement.aggravating))


def scoped_condition(rule: Rule, policy_scope: tuple[str, ...]) -> Expression:
    """The rule's condition followed by its employee-type scope (the rule's own, else the
    policy's); the cheap elements of the rule itself usually decide first."""
    return _scoped(rule.when, rule.applies_to or policy_scope)


def _scoped(when: Expression, scope: tuple[str, ...]) -> Expression:
    if not scope:
        return when
    check = Call("employee_type_in", scope)
    if isinstance(when, AllOf):
        return AllOf((*when.items, check))
    return AllOf((when, check))


def qualified(node: Expression, elements: frozenset[Call]) -> Expression:
    """`node` with each of `elements` (compared by predicate and arguments) made defeasible
    by the allowance signal."""
    if isinstance(node, Call):
        bare = Call(node.name, node.args)
        return Defeasible(node, ALLOWANCE) if bare in elements else node
    if isinstance(node, NotOf):
        return NotOf(qualified(node.item, elements))
    if isinstance(node, Defeasible):
        return Defeasible(qualified(node.item, elements), node.defeater)
    items = tuple(qualified(item, elements) for item in node.items)
    return AllOf(items) if isinstance(node, AllOf) else AnyOf(items)


def _defeated_text(allowance: Allowance, rule_id: str) -> str:
    """`content_is(code) “the clause's words”`, for each element of the rule it qualifies."""
    return ", ".join(
        f"{describe(d.element)} “{d.note}”" if d.note else describe(d.element)
        for d in allowance.defeats if d.rule == rule_id
    )


def _bare(calls: tuple[Call, ...]) -> frozenset[Call]:
    return frozenset(Call(call.name, call.args) for call in calls)


def compile_rule(
    rule: Rule,
    policy_scope: tuple[str, ...],
    registry: Mapping[str, PredicateSpec[Context]],
    allowances: tuple[Allowance, ...] = (),
) -> CompiledRule:
    """Compile a rule once for evaluating many activities, with the policy's allowances that
    qualify some of its elements."""
    mine = tuple(a for a in allowances if a.elements_of(rule.id))
    defeated = _bare(tuple(e for a in mine for e in a.elements_of(rule.id)))
    when = _scoped(qualified(rule.when, defeated) if defeated else rule.when,
                   rule.applies_to or policy_scope)
    check = compile_expression(ALLOWANCE, registry)
    read = (when, *rule.unless, *((ALLOWANCE,) if mine else ()), *rule.aggravating)
    return CompiledRule(
        rule,
        compile_expression(when, registry),
        tuple(compile_expression(item, registry) for item in rule.unless),
        tuple(CompiledAllowance(a, _defeated_text(a, rule.id), check) for a in mine),
        tuple(compile_expression(item, registry) for item in rule.aggravating),
        compile_key(read, registry),
        read,
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
    if isinstance(node, Defeasible):
        return kinds_of(node.item, all_kinds)
    return all_kinds


@dataclass(frozen=True)
class CompiledPolicy:
    """A policy with all its rules compiled, indexed by the activity kinds they can concern
    (what the rules of a kind read together: pantau.rules.checker, `compile_shared_key`)."""

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
    rules = tuple(compile_rule(rule, policy.applies_to, registry, policy.allowed)
                  for rule in policy.rules)
    every = frozenset(kind.value for kind in ActivityKind)
    by_kind = {
        kind: tuple(c for c in rules if kind in kinds_of(c.rule.when, every)) for kind in every
    }
    return CompiledPolicy(policy, rules, by_kind)


__all__ = [
    "ALLOWANCE",
    "Allowance",
    "Clause",
    "CompiledAllowance",
    "CompiledPolicy",
    "CompiledRule",
    "Defeat",
    "Judgement",
    "Policy",
    "Rule",
    "SanctionBasis",
    "compile_policy",
    "compile_rule",
    "kinds_of",
    "qualified",
    "scoped_condition",
]
