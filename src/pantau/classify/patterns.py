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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

from pantau.domain.errors import DataError

_AT, _LITERAL, _IN, _SUBPATTERN, _BRANCH, _MAX_REPEAT, _MIN_REPEAT = (
    _constants.AT,
    _constants.LITERAL,
    _constants.IN,
    _constants.SUBPATTERN,
    _constants.BRANCH,
    _constants.MAX_REPEAT,
    _constants.MIN_REPEAT,
)

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
_DIGIT = re.compile(r"\d")
_THREE_DIGITS = re.compile(r"\d{3}")


def _raw_worth(prepared: str) -> bool:
    """`_RAW_WORTH.search(prepared) is not None`, the literals first (a faster scan)."""
    return (
        "#" in prepared
        or "+" in prepared
        or "!!" in prepared
        or _THREE_DIGITS.search(prepared) is not None
    )


def _plain_words(source: str) -> frozenset[str] | None:
    """The words a match of a pattern must start with, when its start is plain (`\\b`, then
    a word or a group of alternatives that start with words); None otherwise.

    A match starts with the first word of one of the alternatives of its first group (or with
    its first word), and that word is a whole token: a text none of whose tokens is among
    them cannot match."""
    if not source.startswith("\\b"):
        return None
    found = _starts(source[2:])
    return frozenset(found) if found else None


def _ends_word(rest: str) -> bool:
    """Whether what follows a word or group keeps it a whole token."""
    if rest.startswith(" "):
        return rest[1:2] not in ("?", "*", "+", "{")
    return rest == "" or rest.startswith(("\\b", "|", ")"))


def _starts(text: str) -> set[str] | None:
    """The words `text` (a pattern without its leading `\\b`) can start with, or None."""
    if text.startswith("(?:"):
        text = "(" + text[3:]
    if not text.startswith("("):
        word = re.match(r"[a-z0-9_]+", text)
        return {word.group(0)} if word and _ends_word(text[word.end() :]) else None
    close = _closing(text)
    after = text[close + 1 :]
    if close > 0 and after.startswith("?") and after[1:2] not in ("", "?"):
        inside, rest = _starts(text[: close + 1]), _starts(after[1:])  # an optional group
        return None if inside is None or rest is None else inside | rest
    if close < 0 or not _ends_word(after):
        return None
    out: set[str] = set()
    for alternative in _alternatives(text[1:close]):
        found = _starts(alternative)
        if found is None:
            return None
        out |= found
    return out


def _closing(text: str) -> int:
    depth = 0
    for at, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return at
    return -1


def _alternatives(inner: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for at, char in enumerate(inner):
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            parts.append(inner[start:at])
            start = at + 1
    return [*parts, inner[start:]]


def _following(source: str, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """For a word pattern (`\\b`, then a group of alternatives or plain words): per word it
    starts with, the words the next token must start with for a match there (a word left out:
    not known, or no such condition, as for an alternative that is the word alone)."""
    if not source.startswith("\\b"):
        return {}
    body = source[2:]
    if body.startswith("(?:"):
        body = "(" + body[3:]
    rest = ""
    alternatives = [body]
    if body.startswith("("):
        close = _closing(body)
        rest = body[close + 1 :]
        if close < 0 or rest[:1] in ("?", "*", "+", "{"):
            return {}
        alternatives = _alternatives(body[1:close])
    out: dict[str, tuple[str, ...]] = {}
    for word in words:
        found = _next_words(word, alternatives, rest)
        if found:
            out[word] = tuple(sorted(found))
    return out


def _next_words(word: str, alternatives: list[str], rest: str) -> set[str] | None:
    """The words the text after `word` and a space starts with in every match that starts
    with `word` (None: not known)."""
    found: set[str] = set()
    for alternative in alternatives:
        first = re.match(r"[a-z0-9_]+", alternative)
        if first is None:
            return None  # a group or a class: it may start with `word` in other ways
        if first.group(0) != word:
            continue
        tail = alternative[first.end() :] or rest
        if not tail.startswith(" ") or tail[1:2] in ("", "?", "*", "+", "{"):
            return None
        following = _starts(tail[1:])
        if following is None:
            return None
        found |= following
    return found


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
        # the fast path's tables: the patterns tried on every text by what they need, and
        # per pattern what `analyse` reads of it
        needs = {number: (flat[number][2].raw, flat[number][2].needs_digit) for number in always}
        object.__setattr__(
            self,
            "_always_by_need",
            {
                (raw_worth, has_digit): tuple(
                    sorted(
                        number
                        for number, (raw, digit) in needs.items()
                        if (raw_worth or not raw) and (has_digit or not digit)
                    )
                )
                for raw_worth in (False, True)
                for has_digit in (False, True)
            },
        )
        following: dict[str, tuple[list[int], list[tuple[int, tuple[str, ...]]]]] = {}
        for number, (_, _, pattern) in enumerate(flat):
            nexts = _following(pattern.regex.pattern, pattern.words or ())
            for word in pattern.words or ():
                free, constrained = following.setdefault(word, ([], []))
                if word in nexts:
                    constrained.append((number, nexts[word]))
                else:
                    free.append(number)
        object.__setattr__(
            self,
            "_by_word_next",
            {word: (tuple(free), tuple(bound)) for word, (free, bound) in following.items()},
        )
        firsts = {number: _first_chars(flat[number][2].regex) for number in always}
        object.__setattr__(self, "_firsts", firsts)
        object.__setattr__(
            self,
            "_entries",
            tuple(
                (name, kind, p, p.regex.match, p.raw, p.needs_digit, kind == FOR and p.negatable)
                for name, kind, p in flat
            ),
        )

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

        A word pattern is tried only where one of the words it starts with stands (the
        leftmost match, as a search would find); patterns on the raw text only on texts with
        three digits in a row, `#`, `+` or `!!`; `needs_digit` patterns on texts with a digit.
        The same result as `analyse_each` (one pattern after the other), with the work per
        pattern cut down: tables built once, the negation check skipped on texts in which no
        negation word occurs (tested equal)."""
        starts = self._starts_next(normalised)
        need = (_raw_worth(prepared), _DIGIT.search(normalised) is not None)
        always: tuple[int, ...] = self._always_by_need[need]  # type: ignore[attr-defined]
        parts: dict[str, list[Any]] = {}  # name -> [miss for, miss against, evidence]
        targets: dict[str, tuple[str, ...]] = {}
        negated: list[bool] = []  # whether a negation word occurs in `normalised`, once known
        entries = self._entries  # type: ignore[attr-defined]
        for number in sorted([*starts, *always]) if starts else always:
            name, kind, pattern, match, raw, needs_digit, negatable = entries[number]
            at = starts.get(number)
            text = prepared if raw else normalised
            if at is None or kind == TARGET:
                if at is not None and needs_digit and not need[1]:
                    continue
                if at is None and not _may_start(self._firsts[number], text):  # type: ignore[attr-defined]
                    continue
                found = _matches(pattern, text, at, kind == TARGET)
                first = found[0] if found else None
            elif needs_digit and not need[1]:
                continue
            else:
                first = _first_at(match, text, at)
            if first is None:
                continue
            if kind == TARGET:
                targets[name] = tuple(dict.fromkeys(item.group(0) for item in found))
            else:
                part = parts.get(name) or parts.setdefault(name, [1.0, 1.0, []])
                if negatable and (raw or self._negated(normalised, negated)):
                    first = self._first_not_negated(pattern, first, text)
                if first is not None and kind == FOR:
                    part[0] *= 1.0 - pattern.weight
                    part[2].append(pattern.label or first.group(0))
                else:
                    part[1] *= 1.0 - pattern.weight
        return Analysis({name: self._hit(name, *part) for name, part in parts.items()}, targets)

    def _negated(self, normalised: str, known: list[bool]) -> bool:
        """Whether a negation word occurs anywhere in `normalised` (found once a text)."""
        if not known:
            known.append(any(map(normalised.__contains__, self.negation.words)))
        return known[0]

    def analyse_each(self, normalised: str, prepared: str) -> Analysis:
        """`analyse` the plain way, one pattern after the other (the reference the fast path
        is tested against)."""
        starts = self._starts(normalised)
        raw_worth = _RAW_WORTH.search(prepared) is not None
        has_digit = _DIGIT.search(normalised) is not None
        parts: dict[str, list[Any]] = {}  # name -> [miss for, miss against, evidence]
        targets: dict[str, tuple[str, ...]] = {}
        for number in sorted(self.always.union(starts)):  # file order
            name, kind, pattern = self.flat[number]
            if (pattern.raw and not raw_worth) or (pattern.needs_digit and not has_digit):
                continue
            text = prepared if pattern.raw else normalised
            found = _matches(pattern, text, starts.get(number), kind == TARGET)
            if kind == TARGET:
                if found:
                    targets[name] = tuple(dict.fromkeys(match.group(0) for match in found))
            elif found:
                self._count(parts.setdefault(name, [1.0, 1.0, []]), kind, pattern, found[0], text)
        return Analysis({name: self._hit(name, *part) for name, part in parts.items()}, targets)

    def _starts(self, normalised: str) -> dict[int, list[int]]:
        """Pattern number -> the offsets in `normalised` of the words it may start at."""
        starts: dict[int, list[int]] = {}
        offset = 0
        by_word = self.by_word
        for token in normalised.split(" "):
            found_for = by_word.get(token)
            if found_for:
                for number in found_for:
                    starts.setdefault(number, []).append(offset)
            offset += len(token) + 1
        return starts

    def _starts_next(self, normalised: str) -> dict[int, list[int]]:
        """`_starts` without the offsets where the next token starts with none of the words
        a match must go on with (`tidak` starts `tidak usah` and `tidak benar` only): those
        matches would fail."""
        starts: dict[int, list[int]] = {}
        tokens = normalised.split(" ")
        last = len(tokens) - 1
        table = self._by_word_next  # type: ignore[attr-defined]
        offset = 0
        for at, token in enumerate(tokens):
            entry = table.get(token)
            if entry is not None:
                for number in entry[0]:
                    starts.setdefault(number, []).append(offset)
                if entry[1] and at < last:
                    following = tokens[at + 1]
                    for number, prefixes in entry[1]:
                        if following.startswith(prefixes):
                            starts.setdefault(number, []).append(offset)
            offset += len(token) + 1
        return starts

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


def _matches(
    pattern: Pattern, text: str, starts: list[int] | None, every: bool
) -> list[re.Match[str]]:
    """The leftmost match (`every`: all non-overlapping matches, left to right); tried only
    at `starts` when they are given."""
    if starts is None:
        if every:
            return list(pattern.regex.finditer(text))
        first = pattern.regex.search(text)
        return [first] if first else []
    found: list[re.Match[str]] = []
    end = 0
    for start in starts:
        match = pattern.regex.match(text, start) if start >= end else None
        if match:
            found.append(match)
            if not every:
                break
            end = match.end()
    return found


_MAX_FIRSTS = 8


def _first_chars(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every match of `regex` starts with (a text holding none of them has
    no match), when there are a few such literal characters; None otherwise."""
    if regex.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        parsed = _parser.parse(regex.pattern, regex.flags)
    except re.error:
        return None
    found = _firsts(list(parsed))
    if found is None or found[1] or len(found[0]) > _MAX_FIRSTS:
        return None
    return frozenset(found[0])


def _firsts(items: list[Any]) -> tuple[set[str], bool] | None:
    """(first characters of the sequence `items` of a parsed pattern, whether it can match
    the empty string), or None when they are not a set of literal characters."""
    chars: set[str] = set()
    for op, value in items:
        if op is _AT:
            continue
        inner = _firsts_of(op, value)
        if inner is None:
            return None
        chars |= inner[0]
        if not inner[1]:
            return chars, False
    return chars, True


def _firsts_of(op: Any, value: Any) -> tuple[set[str], bool] | None:
    """`_firsts` of one element of a parsed pattern (not a zero-width one)."""
    if op is _LITERAL:
        return {chr(value)}, False
    if op is _IN:
        if not all(kind is _LITERAL for kind, _ in value):
            return None
        return {chr(code) for _, code in value}, False
    if op is _SUBPATTERN:
        return None if value[1] or value[2] else _firsts(list(value[3]))  # flags: not known
    if op is _BRANCH:
        found = [_firsts(list(alternative)) for alternative in value[1]]
        known = [item for item in found if item is not None]
        if len(known) < len(found):
            return None
        return set().union(*(item[0] for item in known)), any(item[1] for item in known)
    if op in (_MAX_REPEAT, _MIN_REPEAT):
        inner = _firsts(list(value[2]))
        return None if inner is None else (inner[0], inner[1] or value[0] == 0)
    return None


def _may_start(firsts: frozenset[str] | None, text: str) -> bool:
    """Whether `text` holds one of the characters a match starts with (True: not known)."""
    return firsts is None or any(map(text.__contains__, firsts))


def _first_at(
    match: Callable[[str, int], re.Match[str] | None], text: str, starts: list[int]
) -> re.Match[str] | None:
    """The first match at one of `starts` (as `_matches` finds it)."""
    for start in starts:
        found = match(text, start)
        if found is not None:
            return found
    return None


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
