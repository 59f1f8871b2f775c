"""Validate one policy YAML document and build the domain `Policy` from it.

Every error names the file, the line, the field, what is wrong and how to fix it, e.g.
`policies/regional/x/y/policy.yaml:42: rules[3].conduct: 'live' is not a conduct code; use one
of: ...`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pantau.domain.errors import DataError
from pantau.domain.evaluation import (
    AllOf,
    AnyOf,
    Call,
    Expression,
    NotOf,
    PredicateSpec,
    calls_of,
)
from pantau.domain.policies import Allowance, Clause, Defeat, Policy, Rule, SanctionBasis
from pantau.domain.predicates import Context
from pantau.rules.lined_yaml import line_of

POLICY_KEYS = {"id", "agency", "title", "signed", "in_force", "source", "note", "applies_to",
               "sanction_basis", "allowed", "rules"}
RULE_KEYS = {"id", "conduct", "clause", "when", "unless", "aggravating", "applies_to", "note"}
ALLOWED_KEYS = {"reference", "text", "defeats", "note"}
DEFEAT_KEYS = {"rule", "element", "note"}
# An allowance qualifies what the content is: it may defeat only a judgement of the content.
DEFEATABLE = "content_is"
EMPLOYEE_TYPES = ("PNS", "PPPK", "NON_ASN")


@dataclass(frozen=True)
class Vocabulary:
    """What a policy may name: conduct codes and predicates."""

    codes: frozenset[str]
    predicates: Mapping[str, PredicateSpec[Context]]


class _Where:
    """The file being read, for error messages."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, container: Any, key: Any, field: str, message: str) -> DataError:
        return DataError(f"{self.path}:{line_of(container, key)}: {field}: {message}")


def _need(where: _Where, obj: Any, key: str, field: str, kind: type | tuple[type, ...]) -> Any:
    if key not in obj or obj[key] is None:
        raise where.error(obj, key, f"{field}{key}", "missing; add it (see README, policies)")
    value = obj[key]
    if not isinstance(value, kind):
        raise where.error(obj, key, f"{field}{key}", f"expected {_kind_name(kind)}, got {value!r}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {dict: "a mapping", list: "a list", str: "text", date: "a date YYYY-MM-DD"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _unknown_keys(where: _Where, obj: Mapping[str, Any], allowed: set[str], field: str) -> None:
    for key in obj:
        if key not in allowed:
            raise where.error(obj, key, f"{field}{key}",
                              f"unknown key; use one of: {', '.join(sorted(allowed))}")


def _types(where: _Where, obj: Any, key: str, field: str) -> tuple[str, ...]:
    values = _need(where, obj, key, field, list)
    for index, value in enumerate(values):
        if value not in EMPLOYEE_TYPES:
            raise where.error(values, index, f"{field}{key}[{index}]",
                              f"{value!r} is not an employee type; use {', '.join(EMPLOYEE_TYPES)}")
    return tuple(values)


class _Expressions:
    """Parses `when` / `unless` expressions against the predicate registry."""

    def __init__(self, where: _Where, vocabulary: Vocabulary) -> None:
        self.where = where
        self.vocabulary = vocabulary

    def parse(self, parent: Any, key: Any, field: str) -> Expression:
        node = parent[key]
        if isinstance(node, str):
            return self._call(parent, key, field, node, None)
        if not isinstance(node, dict) or len(node) != 1:
            raise self.where.error(parent, key, field,
                                   "write one of all: [...], any: [...], not: ..., or a predicate")
        (name, value), = node.items()
        if name in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise self.where.error(node, name, f"{field}.{name}", "expected a non-empty list")
            items = tuple(self.parse(value, i, f"{field}.{name}[{i}]") for i in range(len(value)))
            return AllOf(items) if name == "all" else AnyOf(items)
        if name == "not":
            return NotOf(self.parse(node, name, f"{field}.not"))
        return self._call(node, name, f"{field}.{name}", name, value)

    def _call(self, parent: Any, key: Any, field: str, name: str, value: Any) -> Call:
        spec = self.vocabulary.predicates.get(name)
        if spec is None:
            known = ", ".join(sorted(self.vocabulary.predicates))
            raise self.where.error(parent, key, field, f"unknown predicate '{name}'; use one of: "
                                   f"{known}, or all / any / not")
        args = self._args(parent, key, field, value)
        self._check_arity(parent, key, field, spec, args)
        return Call(name, args, line_of(parent, key))

    def _args(self, parent: Any, key: Any, field: str, value: Any) -> tuple[str, ...]:
        if value is None or value is True:
            return ()
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            raise self.where.error(parent, key, field, f"arguments must be text, got {value!r}")
        return tuple(values)

    def _check_arity(self, parent: Any, key: Any, field: str, spec: PredicateSpec[Context],
                     args: tuple[str, ...]) -> None:
        most = spec.max_args
        if len(args) < spec.min_args or (most is not None and len(args) > most):
            wanted = f"{spec.min_args}" if most == spec.min_args else f"at least {spec.min_args}"
            raise self.where.error(parent, key, field,
                                   f"'{spec.name}' takes {wanted} argument(s), got {len(args)}")
        choices = spec.arg_choices or (
            tuple(self.vocabulary.codes) if spec.name == "content_is" else ())
        for arg in args:
            if choices and arg not in choices:
                raise self.where.error(parent, key, field, f"{arg!r} is not allowed for "
                                       f"'{spec.name}'; use one of: {', '.join(sorted(choices))}")


def _clause(where: _Where, rule: Any, field: str) -> Clause:
    clause = _need(where, rule, "clause", field, dict)
    return Clause(
        reference=_need(where, clause, "reference", f"{field}clause.", str),
        text=_need(where, clause, "text", f"{field}clause.", str).strip(),
    )


def _rule(where: _Where, rules: Any, index: int, vocabulary: Vocabulary) -> Rule:
    field = f"rules[{index}]."
    rule = rules[index]
    if not isinstance(rule, dict):
        raise where.error(rules, index, field[:-1], "expected a mapping with id, conduct, ...")
    _unknown_keys(where, rule, RULE_KEYS, field)
    conduct = _need(where, rule, "conduct", field, str)
    if conduct not in vocabulary.codes:
        raise where.error(rule, "conduct", f"{field}conduct", f"{conduct!r} is not a conduct "
                          f"code; use one of: {', '.join(sorted(vocabulary.codes))}")
    _need(where, rule, "when", field, (str, dict))
    expressions = _Expressions(where, vocabulary)
    return Rule(
        id=_need(where, rule, "id", field, str),
        conduct=conduct,
        clause=_clause(where, rule, field),
        when=expressions.parse(rule, "when", f"{field}when"),
        unless=_conditions(where, expressions, rule, "unless", field),
        applies_to=_types(where, rule, "applies_to", field) if "applies_to" in rule else (),
        line=getattr(rule, "line", 0),
        aggravating=_conditions(where, expressions, rule, "aggravating", field),
        note=str(rule.get("note") or "").strip(),
    )


def _conditions(where: _Where, expressions: _Expressions, rule: Any, key: str,
                field: str) -> tuple[Expression, ...]:
    items = rule.get(key) or []
    if not isinstance(items, list):
        raise where.error(rule, key, f"{field}{key}", "expected a list of conditions")
    return tuple(expressions.parse(items, i, f"{field}{key}[{i}]") for i in range(len(items)))


def _basis(where: _Where, doc: Any) -> tuple[SanctionBasis, ...]:
    items = _need(where, doc, "sanction_basis", "", list)
    result = []
    for index, item in enumerate(items):
        field = f"sanction_basis[{index}]."
        if not isinstance(item, dict):
            raise where.error(items, index, field[:-1], "expected a mapping")
        employee_type = _need(where, item, "employee_type", field, str)
        if employee_type not in EMPLOYEE_TYPES:
            raise where.error(item, "employee_type", f"{field}employee_type",
                              f"use one of {', '.join(EMPLOYEE_TYPES)}")
        result.append(SanctionBasis(employee_type, _need(where, item, "applicable", field, str),
                                    item.get("cited"), item.get("note")))
    return tuple(result)


def _defeat(where: _Where, expressions: _Expressions, items: Any, index: int, field: str,
            rules: dict[str, Rule]) -> Defeat:
    item = items[index]
    field = f"{field}defeats[{index}]."
    if not isinstance(item, dict):
        raise where.error(items, index, field[:-1], "expected a mapping with rule and element")
    _unknown_keys(where, item, DEFEAT_KEYS, field)
    rule_id = _need(where, item, "rule", field, str)
    if rule_id not in rules:
        raise where.error(item, "rule", f"{field}rule", f"no rule '{rule_id}' in this policy; "
                          f"use one of: {', '.join(rules)}")
    _need(where, item, "element", field, (str, dict))
    element = expressions.parse(item, "element", f"{field}element")
    if not isinstance(element, Call) or element.name != DEFEATABLE:
        raise where.error(item, "element", f"{field}element", "an allowance qualifies what the "
                          f"content is: name a '{DEFEATABLE}: <code>' element of the rule")
    written = {(call.name, call.args) for call in calls_of(rules[rule_id].when)}
    if (element.name, element.args) not in written:
        raise where.error(item, "element", f"{field}element", f"rule '{rule_id}' has no element "
                          f"{element.name}({', '.join(element.args)}) in its 'when'")
    return Defeat(rule_id, element, str(item.get("note") or "").strip())


def _allowance(where: _Where, expressions: _Expressions, items: Any, index: int,
               rules: dict[str, Rule]) -> Allowance:
    item = items[index]
    field = f"allowed[{index}]."
    if not isinstance(item, dict):
        raise where.error(items, index, field[:-1], "expected a mapping with reference and text")
    _unknown_keys(where, item, ALLOWED_KEYS, field)
    defeats = item.get("defeats") or []
    if not isinstance(defeats, list):
        raise where.error(item, "defeats", f"{field}defeats", "expected a list of {rule, element}")
    return Allowance(
        _need(where, item, "text", field, str).strip(),
        _need(where, item, "reference", field, str),
        tuple(_defeat(where, expressions, defeats, i, field, rules) for i in range(len(defeats))),
        str(item.get("note") or "").strip(),
    )


def _allowed(where: _Where, doc: Any, vocabulary: Vocabulary,
             rules: list[Rule]) -> tuple[Allowance, ...]:
    items = doc.get("allowed") or []
    if not isinstance(items, list):
        raise where.error(doc, "allowed", "allowed", "expected a list of allowances")
    expressions = _Expressions(where, vocabulary)
    by_id = {rule.id: rule for rule in rules}
    return tuple(_allowance(where, expressions, items, i, by_id) for i in range(len(items)))


def _unique_rule_ids(where: _Where, rules_node: Any, rules: list[Rule]) -> None:
    seen: dict[str, int] = {}
    for index, rule in enumerate(rules):
        if rule.id in seen:
            raise where.error(rules_node, index, f"rules[{index}].id",
                              f"'{rule.id}' is already the id of rules[{seen[rule.id]}]; rename")
        seen[rule.id] = index


def build_policy(path: Path, doc: Any, vocabulary: Vocabulary) -> Policy:
    """The policy in `doc` (read from `path`), or DataError naming file, line and field."""
    where = _Where(path)
    if not isinstance(doc, dict):
        raise DataError(f"{path}:1: a policy file must be a mapping with id, agency, rules, ...")
    _unknown_keys(where, doc, POLICY_KEYS, "")
    in_force = _need(where, doc, "in_force", "", dict)
    valid_from = _need(where, in_force, "from", "in_force.", date)
    until = in_force.get("until")
    if until is not None and (not isinstance(until, date) or until <= valid_from):
        raise where.error(in_force, "until", "in_force.until", "expected a date after 'from'")
    policy_id = _need(where, doc, "id", "", str)
    agency = _need(where, doc, "agency", "", str)
    if not policy_id.startswith(f"{agency}/"):
        raise where.error(doc, "id", "id", f"must start with the agency id: '{agency}/<slug>'")
    rules_node = _need(where, doc, "rules", "", list)
    rules = [_rule(where, rules_node, i, vocabulary) for i in range(len(rules_node))]
    _unique_rule_ids(where, rules_node, rules)
    return Policy(
        id=policy_id, agency=agency, title=_need(where, doc, "title", "", str),
        signed=_need(where, doc, "signed", "", date), valid_from=valid_from, valid_until=until,
        rules=tuple(rules), applies_to=_types(where, doc, "applies_to", ""),
        sanction_basis=_basis(where, doc), allowed=_allowed(where, doc, vocabulary, rules),
        source=str(doc.get("source") or ""), note=str(doc.get("note") or "").strip(),
        path=str(path),
    )


__all__ = ["EMPLOYEE_TYPES", "Vocabulary", "build_policy"]
