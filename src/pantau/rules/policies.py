"""Find, load, validate and cache the policies shipped in `pantau/policies/`.

Layout: `policies/regional/<agency>/<instrument>/policy.yaml` with `scenarios/*.yaml` beside
it; `policies/conduct_codes.yaml` (the codes of SPEC §2) and `policies/content_sources.yaml`
(what the classifier and signals feed) hold the shared vocabulary.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from pantau.domain.errors import DataError
from pantau.domain.policies import CompiledPolicy, Policy, compile_policy
from pantau.domain.predicates import PREDICATES, ContentSources
from pantau.rules.lined_yaml import line_of, load_lined
from pantau.rules.policy_schema import Vocabulary, build_policy

POLICY_ROOT = Path(__file__).resolve().parents[1] / "policies"


@dataclass(frozen=True)
class ConductCode:
    """A conduct code and its meaning in Indonesian and English."""

    code: str
    meaning_id: str
    meaning_en: str


@dataclass(frozen=True)
class ClassifierMapping:
    """What each classifier code feeds: a conduct code, or a signal."""

    conduct: dict[str, str]
    signals: dict[str, str]


@cache
def conduct_codes(root: Path = POLICY_ROOT) -> dict[str, ConductCode]:
    """The conduct codes of SPEC §2, from conduct_codes.yaml."""
    path = root / "conduct_codes.yaml"
    doc = load_lined(path)
    codes = doc.get("codes") if isinstance(doc, dict) else None
    if not isinstance(codes, dict) or not codes:
        raise DataError(f"{path}:1: codes: expected a mapping of code -> {{id, en}}")
    result = {}
    for code, meaning in codes.items():
        if not isinstance(meaning, dict) or not {"id", "en"} <= set(meaning):
            raise DataError(f"{path}:{line_of(codes, code)}: codes.{code}: give 'id' and 'en'")
        result[code] = ConductCode(code, meaning["id"], meaning["en"])
    return result


def _content_doc(root: Path) -> tuple[Path, Any]:
    path = root / "content_sources.yaml"
    doc = load_lined(path)
    if not isinstance(doc, dict):
        raise DataError(f"{path}:1: expected a mapping with 'classifier' and 'signals'")
    return path, doc


@cache
def classifier_mapping(root: Path = POLICY_ROOT) -> ClassifierMapping:
    """How classifier codes that are not conduct codes feed conduct codes or signals."""
    path, doc = _content_doc(root)
    codes = conduct_codes(root)
    conduct: dict[str, str] = {}
    signals: dict[str, str] = {}
    for name, target in (doc.get("classifier") or {}).items():
        line = line_of(doc["classifier"], name)
        if isinstance(target, dict) and target.get("conduct") in codes:
            conduct[name] = target["conduct"]
        elif isinstance(target, dict) and target.get("signal") == "commercial":
            signals[name] = target["signal"]
        else:
            raise DataError(f"{path}:{line}: classifier.{name}: write {{conduct: <code>}} "
                            "with a conduct code, or {signal: commercial}")
    return ClassifierMapping(conduct, signals)


@cache
def content_sources(root: Path = POLICY_ROOT) -> ContentSources:
    """Which observed signal decides which content code when no person judged the content."""
    path, doc = _content_doc(root)
    codes = conduct_codes(root)
    mapping = dict(doc.get("signals") or {})
    for signal, code in mapping.items():
        if code not in codes:
            raise DataError(f"{path}:{line_of(doc['signals'], signal)}: signals.{signal}: "
                            f"{code!r} is not a conduct code")
    return ContentSources({code: signal for signal, code in mapping.items()})


def vocabulary(root: Path = POLICY_ROOT) -> Vocabulary:
    """The codes and predicates a policy may name."""
    return Vocabulary(frozenset(conduct_codes(root)), PREDICATES)


def policy_files(path: Path = POLICY_ROOT) -> list[Path]:
    """Every policy.yaml under `path` (or `path` itself when it is a file), sorted."""
    if path.is_file():
        return [path]
    if not path.exists():
        raise DataError(f"{path}: no such file or directory; give a policy.yaml or a folder")
    return sorted(path.rglob("policy.yaml"))


def load_policy(path: Path, root: Path = POLICY_ROOT) -> Policy:
    """One policy file, validated; its `version` is a digest of the file's bytes."""
    policy = build_policy(path, load_lined(path), vocabulary(root))
    return replace(policy, version=hashlib.sha256(path.read_bytes()).hexdigest()[:16])


def _check_unique(policies: Iterable[Policy]) -> None:
    seen: dict[str, str] = {}
    for policy in policies:
        if policy.id in seen:
            raise DataError(f"{policy.path}:1: id: '{policy.id}' is also the id of "
                            f"{seen[policy.id]}; policy ids must be unique")
        seen[policy.id] = policy.path


@cache
def all_policies(root: Path = POLICY_ROOT) -> tuple[Policy, ...]:
    """Every shipped policy, validated once per process."""
    policies = tuple(load_policy(path, root) for path in policy_files(root / "regional"))
    _check_unique(policies)
    return policies


@cache
def compiled_for(agency: str, root: Path = POLICY_ROOT) -> tuple[CompiledPolicy, ...]:
    """The agency's policies compiled once (every version; `in_force` picks per activity)."""
    return tuple(compile_policy(p, PREDICATES) for p in all_policies(root) if p.agency == agency)


def find_policy(policy_id: str, root: Path = POLICY_ROOT) -> Policy:
    """The policy with this id, or DataError listing the known ids."""
    for policy in all_policies(root):
        if policy.id == policy_id:
            return policy
    known = ", ".join(p.id for p in all_policies(root))
    raise DataError(f"no policy '{policy_id}'; known policies: {known}")


__all__ = [
    "POLICY_ROOT",
    "ClassifierMapping",
    "ConductCode",
    "all_policies",
    "classifier_mapping",
    "compiled_for",
    "conduct_codes",
    "content_sources",
    "find_policy",
    "load_policy",
    "policy_files",
    "vocabulary",
]
