"""The curated lexicon and pattern layer (`resources/patterns.json`), context-aware.

For every code, patterns that speak for it (`normalised`, `raw`) and patterns that speak
against it (`contexts`: a warning, a debunk, a neutrality reminder, an official event). A match
preceded within a few words by a negation (`stop judi`, `bukan hoaks`, `jangan sebar`; but not
`jangan lupa`) counts against the code, not for it, unless the pattern is marked
`"negatable": false`. Then:

- `support` = noisy-OR of the weights of the distinct patterns for the code;
- `against` = noisy-OR of the weights of its contexts and negated matches;
- rule score = support x (1 - against); a code passes at its threshold, so one strong pattern
  (weight at or above the threshold) fires alone and weak cues must combine.

The score is a fixed rule confidence, not a probability: the stacked model reads `support`
and `against` as features beside the model heads (see `stacking.py`). `cues` are signals
that are no code by themselves (insult words); `targets` tell an insult aimed at the
institution or its leaders (`degrading_institution`) from one aimed at colleagues, superiors
or internal policy (`badmouthing`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pantau.domain.errors import DataError

PATTERNS_FILE = Path(__file__).resolve().parent / "resources" / "patterns.json"
FOR, AGAINST, TARGET = 0, 1, 2


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern, the text it reads (normalised or raw) and its weight.

    `words`: when the pattern is plain alternations of whole words, the words it is made of;
    a text none of whose tokens is among them cannot match, so the search is skipped."""

    regex: re.Pattern[str]
    weight: float
    raw: bool
    label: str | None = None
    words: frozenset[str] | None = None
    needs_digit: bool = False
    negatable: bool = True


_RAW_WORTH = re.compile(r"\d{3}|#|\+|!!")
_PLAIN = re.compile(r"^\\b[a-z0-9_ ()|:?]*\\b?$")
_DIGIT = re.compile(r"\d")


def _plain_words(source: str) -> frozenset[str] | None:
    """The words of a pattern made only of `\\b`, letters, spaces, groups and `|`."""
    if not _PLAIN.match(source) or re.search(r"[a-z0-9_ ]\?", source):
        return None
    return frozenset(re.findall(r"[a-z0-9_]+", source.replace("\\b", " ").replace("?:", " ")))


@dataclass(frozen=True)
class RuleHit:
    """What the rules say about one code: its rule score, whether it passes, the words
    matched, and the two parts of the score (for the code, against it)."""

    code: str
    score: float
    passed: bool
    evidence: tuple[str, ...]
    support: float = 0.0
    against: float = 0.0


@dataclass(frozen=True)
class Negation:
    """Negation words, the words after `jangan` that make it an invitation, and the window."""

    words: frozenset[str]
    not_after_jangan: frozenset[str]
    window: int = 3

    def before(self, text: str, start: int, first_word: str) -> bool:
        """Whether a negation stands within `window` words before position `start`."""
        preceding = text[max(0, start - 12 * self.window) : start].split()[-self.window :]
        following = [*preceding[1:], first_word][: len(preceding)]
        for word, after in zip(preceding, following, strict=True):
            if word in self.words and not (word == "jangan" and after in self.not_after_jangan):
                return True
        return False


@dataclass(frozen=True)
class Analysis:
    """Every code or cue with a pattern match (for or against), and the insult targets found."""

    hits: dict[str, RuleHit]
    targets: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class RuleSet:
    """Every code's patterns for and against, its threshold, the cues and the insult targets."""

    patterns: dict[str, tuple[Pattern, ...]]
    contexts: dict[str, tuple[Pattern, ...]]
    thresholds: dict[str, float]
    targets: dict[str, Pattern]
    negation: Negation
    flat: tuple[tuple[str, int, Pattern], ...] = field(default=(), repr=False)
    by_word: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)
    always: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        flat = [(name, FOR, p) for name, items in self.patterns.items() for p in items]
        flat += [(name, AGAINST, p) for name, items in self.contexts.items() for p in items]
        flat += [(name, TARGET, p) for name, p in self.targets.items()]
        by_word: dict[str, set[int]] = {}
        for number, (_, _, pattern) in enumerate(flat):
            for word in pattern.words or ():
                by_word.setdefault(word, set()).add(number)
        always = {number for number, (_, _, p) in enumerate(flat) if p.words is None}
        object.__setattr__(self, "flat", tuple(flat))
        object.__setattr__(self, "by_word", {w: frozenset(v) for w, v in by_word.items()})
        object.__setattr__(self, "always", frozenset(always))

    @classmethod
    def load(cls, path: Path = PATTERNS_FILE) -> RuleSet:
        data = json.loads(path.read_text(encoding="utf-8"))
        patterns: dict[str, tuple[Pattern, ...]] = {}
        contexts: dict[str, tuple[Pattern, ...]] = {}
        thresholds: dict[str, float] = {}
        for group in ("codes", "cues"):
            for code, spec in data.get(group, {}).items():
                if group == "codes":
                    thresholds[code] = float(spec["threshold"])
                patterns[code] = _compile_all(path, code, spec, ("normalised", "raw"))
                contexts[code] = _compile_all(path, code, spec, ("contexts",))
        targets = {
            code: _compile(path, code, {"pattern": text, "weight": 0.5}, False)
            for code, text in data.get("targets", {}).items()
        }
        return cls(patterns, contexts, thresholds, targets, _negation(data.get("negation", {})))

    def match(self, normalised: str, prepared: str) -> dict[str, RuleHit]:
        """The codes with at least one pattern for them (cues and contexts alone left out)."""
        return {
            code: hit
            for code, hit in self.analyse(normalised, prepared).hits.items()
            if code in self.thresholds and hit.support > 0
        }

    def analyse(self, normalised: str, prepared: str) -> Analysis:
        """Every match, for and against each code, and the insult targets.

        Patterns on the raw text are tried only on texts with three digits in a row, `#`, `+`
        or `!!`; word patterns only when one of their words is a token."""
        active = set(self.always)
        for token in set(normalised.split()):
            found_for = self.by_word.get(token)
            if found_for:
                active |= found_for
        raw_worth = _RAW_WORTH.search(prepared) is not None
        has_digit = _DIGIT.search(normalised) is not None
        parts: dict[str, list[Any]] = {}  # name -> [miss for, miss against, evidence]
        targets: dict[str, tuple[str, ...]] = {}
        for number in sorted(active):  # file order: codes, patterns, contexts, targets
            name, kind, pattern = self.flat[number]
            if (pattern.raw and not raw_worth) or (pattern.needs_digit and not has_digit):
                continue
            text = prepared if pattern.raw else normalised
            if kind == TARGET:
                words = tuple(dict.fromkeys(m.group(0) for m in pattern.regex.finditer(text)))
                if words:
                    targets[name] = words
                continue
            found = pattern.regex.search(text)
            if found:
                self._count(parts.setdefault(name, [1.0, 1.0, []]), kind, pattern, found, text)
        return Analysis({name: self._hit(name, *part) for name, part in parts.items()}, targets)

    def _count(
        self, part: list[Any], kind: int, pattern: Pattern, found: re.Match[str], text: str
    ) -> None:
        """Count a match for the code, or against it (a context, or every match negated)."""
        counted: re.Match[str] | None = found
        if kind == FOR and pattern.negatable:
            counted = self._first_not_negated(pattern, found, text)
        if kind == FOR and counted is not None:
            part[0] *= 1.0 - pattern.weight
            part[2].append(pattern.label or counted.group(0))
        else:
            part[1] *= 1.0 - pattern.weight

    def _first_not_negated(
        self, pattern: Pattern, found: re.Match[str], text: str
    ) -> re.Match[str] | None:
        """The first match no negation stands before (a few tries), or None."""
        for _ in range(4):
            if not self.negation.before(text, found.start(), found.group(0).split(" ", 1)[0]):
                return found
            following = pattern.regex.search(text, found.end())
            if following is None:
                return None
            found = following
        return None

    def _hit(self, name: str, miss_for: float, miss_against: float, evidence: list[str]) -> RuleHit:
        support, against = round(1.0 - miss_for, 4), round(1.0 - miss_against, 4)
        score = round(support * (1.0 - against), 4)
        passed = name in self.thresholds and score >= self.thresholds[name]
        return RuleHit(name, score, passed, tuple(dict.fromkeys(evidence)), support, against)

    def insult_targets(self, normalised: str) -> dict[str, tuple[str, ...]]:
        """Which insult codes the text's targets point to, with the target words."""
        return self.analyse(normalised, "").targets


def _negation(spec: dict[str, Any]) -> Negation:
    return Negation(
        frozenset(spec.get("words", ())),
        frozenset(spec.get("not_after_jangan", ())),
        int(spec.get("window", 3)),
    )


def _compile_all(
    path: Path, code: str, spec: dict[str, Any], keys: Iterable[str]
) -> tuple[Pattern, ...]:
    return tuple(
        _compile(path, code, item, key == "raw") for key in keys for item in spec.get(key, [])
    )


def _compile(path: Path, code: str, item: dict[str, object], raw: bool) -> Pattern:
    weight = item.get("weight")
    if not isinstance(weight, int | float) or not 0 < weight < 1:
        raise DataError(f"{path}: codes.{code}: weight {weight!r} must be a number in (0, 1)")
    label = item.get("label")
    regex = _regex(path, code, str(item.get("pattern", "")))
    words = None if raw else _plain_words(regex.pattern)
    needs_digit = bool(item.get("needs_digit", False))
    negatable = bool(item.get("negatable", True))
    return Pattern(
        regex, float(weight), raw, str(label) if label else None, words, needs_digit, negatable
    )


def _regex(path: Path, code: str, text: str) -> re.Pattern[str]:
    try:
        return re.compile(text)
    except re.error as error:
        raise DataError(
            f"{path}: {code}: pattern {text!r} is not a valid regular expression ({error}); "
            "fix the pattern in the file"
        ) from error


__all__ = ["PATTERNS_FILE", "Analysis", "Negation", "Pattern", "RuleHit", "RuleSet"]
