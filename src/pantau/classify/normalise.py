"""Normalisation of colloquial Indonesian before features and patterns.

Social-media text is written in slang, abbreviations, stretched letters, leetspeak, Unicode
"fancy" letters and emoji. `Normaliser` turns it into lower-case formal tokens:

- literal byte escapes (`\\xf0\\x9f\\x98\\x82`, as stored in the Ibrohim & Budi corpora) are
  decoded, NFKC folds fullwidth and mathematical letters, Cyrillic/Greek look-alikes are folded
  to Latin, accents are stripped;
- emoji become tokens such as `emo_face_with_tears_of_joy`; URLs and mentions become `tok_url`
  and `tok_user`;
- `kader2` becomes `kader kader`; `s l o t` and `s.l.o.t` become `slot`;
- slang and abbreviations are replaced from the shipped dictionary (`yg` -> `yang`); when a
  token is unknown, a colloquial `-in` verb becomes its formal form (`sebarin` -> `sebarkan`,
  `dicoblosin` -> `dicoblos`, `ngebocorin` -> `bocor`), leetspeak digits are read as letters
  (`g4c0r` -> `gacor`) and stretched letters are shortened (`bangeeet` -> `banget`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping

_BYTE_ESCAPES = re.compile(r"(?:\\x[0-9a-fA-F]{2})+")
_LITERAL_NEWLINE = re.compile(r"\\[nrt]")
_URL = re.compile(r"(?:https?://|www\.)\S+|\bURL\b", re.IGNORECASE)
_MENTION = re.compile(r"@\w+|\bUSER\b|\[USERNAME\]")
_QUOTE_MARKUP = re.compile(r"\[/?QUOTE[^\]]*\]", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9@$]+(?:_[a-z0-9_]+)?")
_SPELLED = re.compile(r"\b(?:[a-z0-9][ .\-*]){2,}[a-z0-9]\b")
_REDUPLICATED = re.compile(r"^([a-z]{2,})2$")
_STRETCH = re.compile(r"([a-z])\1{2,}")
_DOUBLE = re.compile(r"([a-z])\1+")
_AMOUNT = re.compile(r"^\d+(?:k|rb|jt|m|an|x|kg|gr|ml|pcs|pm|am)$")  # 50k is not leet for "sok"
_CACHE_SIZE = 200_000
_LEET = str.maketrans(
    {"4": "a", "3": "e", "1": "i", "0": "o", "5": "s", "7": "t", "@": "a", "$": "s"}
)

# Cyrillic and Greek letters that look like Latin ones (used to dodge keyword filters).
_HOMOGLYPHS = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеѕіјорсхуԁɡΑΒΕΖΗΙΚΜΝΟΡΤΥΧαορτυν",
    "ABESIJKMHOPCTXYaesijopcxydgABEZHIKMNOPTYXaoptuv",
)


class Normaliser:
    """Turns raw captions, comments and transcripts into normalised tokens."""

    def __init__(self, slang: Mapping[str, str], vocabulary: frozenset[str]) -> None:
        self._slang = slang
        self._vocabulary = vocabulary
        self._cache: dict[str, tuple[str, ...]] = {}

    def tokens(self, text: str) -> list[str]:
        """The normalised tokens of `text` (formal words, `emo_*`, `tok_url`, `tok_user`)."""
        return self.tokens_of_prepared(prepare(text))

    def tokens_of_prepared(self, prepared: str) -> list[str]:
        """`tokens` of a text already passed through `prepare`."""
        out: list[str] = []
        cache = self._cache
        for raw in _TOKEN.findall(_SPELLED.sub(_join_spelled, prepared)):
            words = cache.get(raw)
            if words is None:
                if len(cache) >= _CACHE_SIZE:
                    cache.clear()
                words = cache[raw] = tuple(self.word(raw))
            out.extend(words)
        return out

    def text(self, text: str) -> str:
        """The normalised tokens joined by single spaces."""
        return " ".join(self.tokens(text))

    def word(self, raw: str) -> list[str]:
        """One raw token as one or more normalised words."""
        if raw.startswith(("emo_", "tok_")):
            return [raw]
        found = self._slang.get(raw)
        if found is not None:
            return found.split()
        doubled = _REDUPLICATED.match(raw)
        if doubled:
            base = self.word(doubled.group(1))
            return base + base
        if raw.endswith("in") and len(raw) >= 6 and raw not in self._vocabulary:
            verb = self._in_verb(raw)
            if verb is not None:
                return [verb]
        if (
            not raw.isdigit()
            and any(char.isdigit() or char in "@$" for char in raw)
            and not _AMOUNT.match(raw)
        ):
            deleet = raw.translate(_LEET)
            if deleet != raw and deleet.isalpha():
                return self.word(deleet)
        if len(raw) > 3 and _STRETCH.search(raw):
            return self.word(self._shorten(raw))
        return [raw]

    def _in_verb(self, raw: str) -> str | None:
        """`X-in` (Jakarta colloquial for -kan/-i) as `Xkan` when that is a known word, else
        `X`; `di-` is kept (`disebarin` -> `disebarkan`), `nge-` dropped. None: not such a verb."""
        for prefix in ("di", "nge", ""):
            stem = raw[len(prefix) : -2]
            if not raw.startswith(prefix) or len(stem) < 3:
                continue
            base = self._slang.get(stem, stem)
            if " " in base or base not in self._vocabulary:
                continue
            formal = base + "kan" if base + "kan" in self._vocabulary else base
            return ("di" if prefix == "di" else "") + formal
        return None

    def _shorten(self, raw: str) -> str:
        single = _DOUBLE.sub(r"\1", raw)
        if single in self._vocabulary or single in self._slang:
            return single
        return _STRETCH.sub(r"\1\1", raw)


def prepare(text: str) -> str:
    """Decode escapes, fold Unicode look-alikes, mark emoji, URLs and mentions; lower-case.

    Each substitution runs only on texts that hold what it needs to match (a backslash, a
    `[`, `http`/`www.`/`url` in any case, `@` or `USER`): the same text as `prepare_each`
    (tested), without scanning a text five times for what is not there."""
    if "\\" in text:
        text = _BYTE_ESCAPES.sub(_decode_escapes, text)
        text = _LITERAL_NEWLINE.sub(" ", text)
    if "[" in text:
        text = _QUOTE_MARKUP.sub(" ", text)
    lowered = text.lower()
    if "http" in lowered or "www." in lowered or "url" in lowered:
        text = _URL.sub(" tok_url ", text)
    if "@" in text or "USER" in text:
        text = _MENTION.sub(" tok_user ", text)
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).translate(_HOMOGLYPHS)
    if text.isascii():
        return text.lower()
    return _NON_ASCII.sub(_fold_match, text).lower()


def prepare_each(text: str) -> str:
    """`prepare` the plain way, every substitution on every text (the reference `prepare`
    is tested against)."""
    text = _BYTE_ESCAPES.sub(_decode_escapes, text)
    text = _LITERAL_NEWLINE.sub(" ", text)
    text = _QUOTE_MARKUP.sub(" ", text)
    text = _URL.sub(" tok_url ", text)
    text = _MENTION.sub(" tok_user ", text)
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).translate(_HOMOGLYPHS)
    return _NON_ASCII.sub(_fold_match, text).lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(match: re.Match[str]) -> str:
    return _fold_char(match.group(0))


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isascii():
        return char
    category = unicodedata.category(char)
    if category == "So":
        name = unicodedata.name(char, "")
        return f" emo_{name.lower().replace(' ', '_').replace('-', '_')} " if name else " "
    if category.startswith("L"):
        base = unicodedata.normalize("NFKD", char)[0]
        return base if base.isascii() else char
    if category in ("Mn", "Cf", "Sk"):
        return ""
    return " "


def _decode_escapes(match: re.Match[str]) -> str:
    hexes = match.group(0).replace("\\x", "")
    return " " + bytes.fromhex(hexes).decode("utf-8", errors="ignore") + " "


def _join_spelled(match: re.Match[str]) -> str:
    return re.sub(r"[ .\-*]", "", match.group(0))


__all__ = ["Normaliser", "prepare", "prepare_each"]
