"""The curated lexicon and pattern layer (`resources/patterns.json`).

It covers the codes no public labelled data exists for (confidential documents, commercial
selling and endorsement, entertainment such as joget or eating shows), adds rule evidence for
practical politics and gambling promotion, and finds the target of an insult (an institution
or leader -> `degrading_institution`; a colleague, superior or internal policy ->
`badmouthing`). A code's rule score is the noisy-OR of the weights of the distinct patterns
that match: a fixed rule confidence, not a calibrated probability.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pantau.domain.errors import DataError

PATTERNS_FILE = Path(__file__).resolve().parent / "resources" / "patterns.json"


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


_RAW_WORTH = re.compile(r"\d{3}|#")
_PLAIN = re.compile(r"^\\b[a-z0-9 ()|:?]*\\b?$")
_DIGIT = re.compile(r"\d")


def _plain_words(source: str) -> frozenset[str] | None:
    """The words of a pattern made only of `\\b`, letters, spaces, groups and `|`."""
    if not _PLAIN.match(source) or re.search(r"[a-z0-9 ]\?", source):
        return None
    return frozenset(re.findall(r"[a-z0-9]+", source.replace("\\b", " ").replace("?:", " ")))


@dataclass(frozen=True)
class RuleHit:
    """A code the rules suggest: its rule score, whether it passes, and the words matched."""

    code: str
    score: float
    passed: bool
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    """Every code's patterns and threshold, and the insult-target patterns."""

    patterns: dict[str, tuple[Pattern, ...]]
    thresholds: dict[str, float]
    targets: dict[str, re.Pattern[str]]
    by_word: dict[str, frozenset[tuple[int, int]]] = field(default_factory=dict)
    always: frozenset[tuple[int, int]] = frozenset()

    def __post_init__(self) -> None:
        by_word: dict[str, set[tuple[int, int]]] = {}
        always: set[tuple[int, int]] = set()
        for code_number, patterns in enumerate(self.patterns.values()):
            for number, pattern in enumerate(patterns):
                if pattern.words is None:
                    always.add((code_number, number))
                for word in pattern.words or ():
                    by_word.setdefault(word, set()).add((code_number, number))
        object.__setattr__(self, "by_word", {w: frozenset(v) for w, v in by_word.items()})
        object.__setattr__(self, "always", frozenset(always))

    @classmethod
    def load(cls, path: Path = PATTERNS_FILE) -> RuleSet:
        data = json.loads(path.read_text(encoding="utf-8"))
        patterns: dict[str, tuple[Pattern, ...]] = {}
        thresholds: dict[str, float] = {}
        for code, spec in data["codes"].items():
            thresholds[code] = float(spec["threshold"])
            patterns[code] = tuple(
                _compile(path, code, item, raw)
                for raw, key in ((False, "normalised"), (True, "raw"))
                for item in spec.get(key, [])
            )
        targets = {code: _regex(path, code, text) for code, text in data["targets"].items()}
        return cls(patterns, thresholds, targets)

    def match(self, normalised: str, prepared: str) -> dict[str, RuleHit]:
        """The codes with at least one matching pattern.

        Patterns on the raw text (numbers, hashtags) are tried only on texts with three
        digits in a row or a `#`; word patterns only when one of their words is a token."""
        hits: dict[str, RuleHit] = {}
        active = set(self.always)
        for token in set(normalised.split()):
            found_for = self.by_word.get(token)
            if found_for:
                active |= found_for
        raw_worth = _RAW_WORTH.search(prepared) is not None
        has_digit = _DIGIT.search(normalised) is not None
        codes = tuple(self.patterns)
        found_by_code: dict[int, tuple[float, list[str]]] = {}
        for code_number, number in sorted(active):  # code order, then pattern order
            pattern = self.patterns[codes[code_number]][number]
            if (pattern.raw and not raw_worth) or (pattern.needs_digit and not has_digit):
                continue
            found = pattern.regex.search(prepared if pattern.raw else normalised)
            if found:
                miss, evidence = found_by_code.get(code_number, (1.0, []))
                evidence.append(pattern.label or found.group(0))
                found_by_code[code_number] = (miss * (1.0 - pattern.weight), evidence)
        for code_number, (miss, evidence) in found_by_code.items():
            code = codes[code_number]
            score = round(1.0 - miss, 4)
            passed = score >= self.thresholds[code]
            hits[code] = RuleHit(code, score, passed, tuple(dict.fromkeys(evidence)))
        return hits

    def insult_targets(self, normalised: str) -> dict[str, tuple[str, ...]]:
        """Which insult codes the text's targets point to, with the target words."""
        out: dict[str, tuple[str, ...]] = {}
        for code, regex in self.targets.items():
            words = tuple(dict.fromkeys(match.group(0) for match in regex.finditer(normalised)))
            if words:
                out[code] = words
        return out


def _compile(path: Path, code: str, item: dict[str, object], raw: bool) -> Pattern:
    weight = item.get("weight")
    if not isinstance(weight, int | float) or not 0 < weight < 1:
        raise DataError(f"{path}: codes.{code}: weight {weight!r} must be a number in (0, 1)")
    label = item.get("label")
    regex = _regex(path, code, str(item.get("pattern", "")))
    words = None if raw else _plain_words(regex.pattern)
    needs_digit = bool(item.get("needs_digit", False))
    return Pattern(regex, float(weight), raw, str(label) if label else None, words, needs_digit)


def _regex(path: Path, code: str, text: str) -> re.Pattern[str]:
    try:
        return re.compile(text)
    except re.error as error:
        raise DataError(
            f"{path}: {code}: pattern {text!r} is not a valid regular expression ({error}); "
            "fix the pattern in the file"
        ) from error


__all__ = ["PATTERNS_FILE", "Pattern", "RuleHit", "RuleSet"]
