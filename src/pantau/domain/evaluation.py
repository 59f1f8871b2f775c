"""Three-valued evaluation of rule conditions (Kleene logic: holds, fails, unknown).

A condition is a tree of `Call` (a named predicate with its arguments) combined with the closed
set `AllOf`, `AnyOf` and `NotOf`; `Defeasible` marks an element a policy's allowance qualifies
(it is written by the policy's `allowed` entry, never in a rule's `when`). `compile_expression`
turns a tree into one closure once, so that checking a million activities does not walk the
tree by name each time.

`missing` names the unknown elements that decide an unknown result: an element that is unknown
inside an `any` that already holds does not matter and is not named.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter, itemgetter
from typing import Generic, TypeVar

from pantau.domain.content import ContentSuggestion
from pantau.domain.text import Message


class Truth(StrEnum):
    """The value of an element: known to hold, known to fail, or unknown."""

    HOLDS = "holds"
    FAILS = "fails"
    UNKNOWN = "unknown"


# Module constants: reading an enum member through its class is slow in hot loops.
_HOLDS, _FAILS, _UNKNOWN = Truth.HOLDS, Truth.FAILS, Truth.UNKNOWN


@dataclass(frozen=True, eq=False)
class Outcome:
    """The value of one predicate for one activity, and why (a message).

    Compared and hashed by identity: predicates reuse the same outcome for the same answer.
    """

    predicate: str
    truth: Truth
    element: str
    why: Message
    suggestion: ContentSuggestion | None = None


@dataclass(frozen=True)
class Result:
    """The value of a (sub)condition, the outcomes read to reach it and the deciding unknowns."""

    truth: Truth
    outcomes: tuple[Outcome, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Call:
    """A named predicate with its arguments, e.g. `kind_is(live)`."""

    name: str
    args: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class AllOf:
    """Holds when every item holds; fails when any item fails."""

    items: tuple[Expression, ...]


@dataclass(frozen=True)
class AnyOf:
    """Holds when any item holds; fails when every item fails."""

    items: tuple[Expression, ...]


@dataclass(frozen=True)
class NotOf:
    """Holds when the item fails, fails when it holds, unknown stays unknown."""

    item: Expression


@dataclass(frozen=True)
class Defeasible:
    """An element that an allowance of the policy qualifies (e.g. content the instrument
    expressly allows): fails when `defeater` holds; otherwise the element's own value.

    An unknown defeater does not make a holding element unknown: the elements an allowance may
    qualify are judgements of the content (`content_is`), and a person who established the
    content as prohibited has judged it not to be of the allowed kind. When both are unknown,
    both are named in `missing`: either judgement settles the element.
    """

    item: Expression
    defeater: Expression


Expression = Call | AllOf | AnyOf | NotOf | Defeasible

C = TypeVar("C")
Evaluator = Callable[[C], Result]


# What a predicate's `reads` answers when it cannot say what the outcome rests on without
# doing the predicate's own work (asking the classifier, say): the condition is then evaluated.
UNREAD = object()


@dataclass(frozen=True)
class PredicateSpec(Generic[C]):
    """A registered predicate: its pure function, its documentation and its arity.

    `reads`, when given, declares what the outcome rests on: a function `reads(context, args)`
    or a dotted attribute path from the context (read in C), giving a hashable value such
    that two contexts with equal values get equal outcomes from `function` (the same truth,
    element and words) whatever the arguments; a function may answer UNREAD. Conditions made
    only of such predicates can be looked up instead of evaluated (`compile_key`)."""

    name: str
    function: Callable[[C, tuple[str, ...]], Outcome]
    doc: str
    min_args: int = 0
    max_args: int | None = 0
    arg_choices: tuple[str, ...] = field(default=())
    reads: str | Callable[[C, tuple[str, ...]], object] | None = None


def _dedupe(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def combine_all(results: list[Result]) -> Result:
    """Kleene conjunction of results already computed."""
    if len(results) == 1:
        return results[0]
    outcomes = tuple(o for r in results for o in r.outcomes)
    if any(r.truth is _FAILS for r in results):
        return Result(_FAILS, outcomes)
    unknown = [r for r in results if r.truth is _UNKNOWN]
    if unknown:
        return Result(_UNKNOWN, outcomes, _dedupe([m for r in unknown for m in r.missing]))
    return Result(_HOLDS, outcomes)


def combine_any(results: list[Result]) -> Result:
    """Kleene disjunction of results already computed (of none: fails)."""
    if len(results) == 1:
        return results[0]
    outcomes = tuple(o for r in results for o in r.outcomes)
    if any(r.truth is _HOLDS for r in results):
        return Result(_HOLDS, outcomes)
    unknown = [r for r in results if r.truth is _UNKNOWN]
    if unknown:
        return Result(_UNKNOWN, outcomes, _dedupe([m for r in unknown for m in r.missing]))
    return Result(_FAILS, outcomes)


def negate(result: Result) -> Result:
    """Kleene negation."""
    flipped = {_HOLDS: _FAILS, _FAILS: _HOLDS}.get(result.truth, _UNKNOWN)
    return Result(flipped, result.outcomes, result.missing)


def _compile_call(node: Call, registry: Mapping[str, PredicateSpec[C]]) -> Evaluator[C]:
    function = registry[node.name].function
    args = node.args
    seen: dict[Outcome, Result] = {}

    def evaluate(context: C) -> Result:
        outcome = function(context, args)
        result = seen.get(outcome)
        if result is None:
            missing = (outcome.element,) if outcome.truth is _UNKNOWN else ()
            result = Result(outcome.truth, (outcome,), missing)
            if len(seen) < 4096:
                seen[outcome] = result
        return result

    return evaluate


def _compile_all(parts: list[Evaluator[C]]) -> Evaluator[C]:
    def evaluate(context: C) -> Result:
        results = []
        for part in parts:
            result = part(context)
            if result.truth is _FAILS:
                return result
            results.append(result)
        return combine_all(results)

    return evaluate


def _compile_any(parts: list[Evaluator[C]]) -> Evaluator[C]:
    def evaluate(context: C) -> Result:
        results = []
        for part in parts:
            result = part(context)
            if result.truth is _HOLDS:
                return result
            results.append(result)
        return combine_any(results)

    return evaluate


def _compile_defeasible(item: Evaluator[C], defeater: Evaluator[C]) -> Evaluator[C]:
    def evaluate(context: C) -> Result:
        result = item(context)
        if result.truth is _FAILS:
            return result
        defeat = defeater(context)
        if defeat.truth is _HOLDS:
            return Result(_FAILS, result.outcomes + defeat.outcomes)
        if result.truth is _UNKNOWN and defeat.truth is _UNKNOWN:
            return Result(_UNKNOWN, result.outcomes, _dedupe([*result.missing, *defeat.missing]))
        return result

    return evaluate


def compile_expression(node: Expression, registry: Mapping[str, PredicateSpec[C]]) -> Evaluator[C]:
    """One closure that evaluates `node` with the predicates of `registry`.

    `all` stops at the first failing item and `any` at the first holding one: the result and
    `missing` are the same as a full evaluation, only the outcomes of skipped items are absent.
    """
    if isinstance(node, Call):
        return _compile_call(node, registry)
    if isinstance(node, NotOf):
        inner = compile_expression(node.item, registry)
        return lambda context: negate(inner(context))
    if isinstance(node, Defeasible):
        return _compile_defeasible(compile_expression(node.item, registry),
                                   compile_expression(node.defeater, registry))
    parts = [compile_expression(item, registry) for item in node.items]
    if isinstance(node, AllOf):
        return _compile_all(parts)
    return _compile_any(parts)


def calls_of(node: Expression) -> list[Call]:
    """Every predicate call in `node`, in order."""
    if isinstance(node, Call):
        return [node]
    if isinstance(node, NotOf):
        return calls_of(node.item)
    if isinstance(node, Defeasible):
        return calls_of(node.item) + calls_of(node.defeater)
    return [call for item in node.items for call in calls_of(item)]


def compile_key(nodes: tuple[Expression, ...], registry: Mapping[str, PredicateSpec[C]]
                ) -> Callable[[C], tuple[object, ...] | None] | None:
    """One closure giving, for a context, the values every predicate of `nodes` reads (their
    `reads`), or None when one of them is UNREAD. Two contexts with the same key get the same
    outcomes from every predicate of `nodes`, hence the same results. None when a predicate
    does not declare what it reads (then nothing can be looked up). `compile_shared_key` of
    one group."""
    shared = compile_shared_key((nodes,), registry)
    return None if shared is None else shared[0]


def _group_reads(nodes: tuple[Expression, ...], registry: Mapping[str, PredicateSpec[C]]
                 ) -> tuple[list[str], dict[Callable[[C, tuple[str, ...]], object],
                                            tuple[str, ...]]] | None:
    """The paths and the readers (with the arguments of their first call) of `nodes`, in the
    order met; None when a predicate does not declare what it reads."""
    paths: list[str] = []
    readers: dict[Callable[[C, tuple[str, ...]], object], tuple[str, ...]] = {}
    for node in nodes:
        for call in calls_of(node):
            reads = registry[call.name].reads
            if reads is None:
                return None
            if isinstance(reads, str):
                if reads not in paths:
                    paths.append(reads)
            else:
                readers.setdefault(reads, call.args)  # what is read does not depend on args
    return paths, readers


def _taking(indices: list[int]) -> Callable[[tuple[object, ...]], object]:
    """The values at `indices` of a key, as a tuple."""
    if not indices:
        return lambda values: ()
    if len(indices) == 1:
        index = indices[0]
        return lambda values: (values[index],)
    return itemgetter(*indices)


def compile_shared_key(
    groups: tuple[tuple[Expression, ...], ...], registry: Mapping[str, PredicateSpec[C]]
) -> tuple[Callable[[C], tuple[object, ...] | None],
           tuple[Callable[[tuple[object, ...]], object], ...]] | None:
    """One key over everything the groups of `nodes` read (a rule's conditions each), and for
    each group the function taking that group's own key out of it: `compile_key` read once
    for several rules. The key is a flat tuple (each path read, then each reader's value),
    None when a reader's value is UNREAD; a group's key is the values at its places, so two
    contexts whose group keys are equal read equal values for that group. None when a
    predicate does not declare what it reads."""
    found = [_group_reads(nodes, registry) for nodes in groups]
    paths: dict[str, int] = {}
    readers: dict[Callable[[C, tuple[str, ...]], object], tuple[str, ...]] = {}
    for group in found:
        if group is None:
            return None
        for path in group[0]:
            paths.setdefault(path, len(paths))
        for reads, args in group[1].items():
            readers.setdefault(reads, args)
    order = {reads: len(paths) + index for index, reads in enumerate(readers)}
    get = attrgetter(*paths) if paths else None
    single = len(paths) == 1
    pairs = tuple(readers.items())

    def key(context: C) -> tuple[object, ...] | None:
        values: list[object] = [] if get is None else [get(context)] if single else list(
            get(context))
        for reads, args in pairs:
            value = reads(context, args)
            if value is UNREAD:
                return None
            values.append(value)
        return tuple(values)

    return key, tuple(_taking([paths[path] for path in group[0]]
                              + [order[reads] for reads in group[1]])
                      for group in found if group is not None)


def describe(node: Expression) -> str:
    """The condition written back as text, e.g. `all(kind_is(live), during_working_time)`."""
    if isinstance(node, Call):
        return f"{node.name}({', '.join(node.args)})" if node.args else node.name
    if isinstance(node, NotOf):
        return f"not({describe(node.item)})"
    if isinstance(node, Defeasible):
        return f"{describe(node.item)} unless {describe(node.defeater)}"
    word = "all" if isinstance(node, AllOf) else "any"
    return f"{word}({', '.join(describe(item) for item in node.items)})"


__all__ = [
    "UNREAD",
    "AllOf",
    "AnyOf",
    "Call",
    "Defeasible",
    "Evaluator",
    "Expression",
    "NotOf",
    "Outcome",
    "PredicateSpec",
    "Result",
    "Truth",
    "calls_of",
    "combine_all",
    "combine_any",
    "compile_expression",
    "compile_key",
    "compile_shared_key",
    "describe",
    "negate",
]
