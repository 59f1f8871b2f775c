"""Words for what the domain says: one renderer, one message catalogue, two languages.

`render(value, lang)` writes a `pantau.domain.text` value (a message, a term, a date...) in
Indonesian (`id`, the default) or English (`en`), from the gettext catalogues in
`pantau/locale/<lang>/LC_MESSAGES/pantau.po`. The CLI, the web pages, their JSON twins and the
documents all render through here, so a thing is said one way everywhere. Renderings are
cached: the same message in the same language is written once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pantau.domain.reasons import REASON_KEY, ReasonParts, reason_message
from pantau.domain.text import (
    Clock,
    DayName,
    Join,
    LongDate,
    Message,
    ShortDate,
    Span,
    Term,
    Value,
)
from pantau.text.catalogue import LANGUAGES, MissingMessage, catalogue

_CACHE_LIMIT = 100_000
# The value types render() writes (a number of another type is passed to the template as is).
_RENDERED = frozenset({Message, Term, Join, Clock, Span, LongDate, DayName, ShortDate})
_caches: dict[str, dict[Value, str]] = {"id": {}, "en": {}}
# The text of a value by the value's identity, each entry holding the value (see `_time`).
_by_identity: dict[str, dict[int, tuple[Value, str]]] = {"id": {}, "en": {}}
_IDENTITY_LIMIT = 10_000  # dates, minutes, zones and segment reasons: a few thousand


def language(lang: str | None) -> str:
    """`en` for English (also `en-us`...), else `id`: Indonesian first."""
    return "en" if lang and lang.lower().startswith("en") else "id"


def render(value: Value, lang: str = "id") -> str:
    """The text of a value in `lang` (`id` or `en`)."""
    if isinstance(value, str):
        return value
    if lang != "id" and lang != "en":
        lang = language(lang)
    cache = _caches[lang]
    found = cache.get(value)
    if found is None:
        if type(value) is Message:
            found = _message(value, lang, catalogue(lang))
        else:
            found = _render(value, lang, catalogue(lang))
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[value] = found
    return found


def render_once(value: Value, lang: str = "id") -> str:
    """`render(value, lang)` of a value made for one use (an activity's working-time reason,
    which names its minute): a message that was never hashed (so is not in the cache: keeping
    a value hashes it) is written directly, neither looked up nor kept, and so is such a
    message among its parameters when it holds no message itself (the reason's time: a date,
    a clock, a zone: `_time`); every other part is rendered through the cache (a shared
    message found by identity first: `_known`). The text is render's."""
    # `_hash is not None` is Message.hashed(), read directly (this runs for every activity)
    if type(value) is not Message or value._hash is not None:
        return render(value, lang)
    if lang != "id" and lang != "en":
        lang = language(lang)
    words = catalogue(lang)
    template = words.get(value.key)
    if template is None or not value.params:
        return _message(value, lang, words)
    values: dict[str, object] = {}
    for name, item in value.params:
        kind = type(item)
        if type(item) is Message:
            if item._hash is not None:
                values[name] = _known(item, lang)
                continue
            found = _time(item, lang, words)
            values[name] = render(item, lang) if found is None else found
        elif isinstance(item, int | float) and kind not in _RENDERED:
            values[name] = item
        else:
            values[name] = render(item, lang)
    return template % values


def render_reason(parts: ReasonParts, lang: str = "id") -> str:
    """`render_once(reason_message(parts), lang)` (pantau.domain.reasons), written from the
    parts without making the two messages: the `when` template set into the reason's, once
    per language and key, and each part's text found by identity as `_time` finds it. Falls
    back to render_once when the templates are not plain `%(name)s` in parameter order."""
    if lang != "id" and lang != "en":
        lang = language(lang)
    when_key, params, why = parts
    fmt: tuple[str, int] | None = _composed[lang].get(when_key, _UNSET)
    if fmt is _UNSET:
        fmt = _compose(lang, when_key, tuple(name for name, _ in params))
    if fmt is None or len(params) != fmt[1]:
        return render_once(reason_message(parts), lang)
    values = _part_texts(params, lang)
    if values is None:
        return render_once(reason_message(parts), lang)
    values.append(_known(why, lang) if why._hash is not None else render(why, lang))
    return fmt[0] % tuple(values)


_UNSET: Any = object()
# (language, `when` key) -> (the reason's template with the `when` template set in, every
# parameter as a positional `%s` in order, then `why`; the number of `when` parameters), or
# None when the templates are not of that plain form.
_composed: dict[str, dict[str, tuple[str, int] | None]] = {"id": {}, "en": {}}
_NAMED = re.compile(r"%\((\w+)\)s")


def _compose(lang: str, when_key: str, names: tuple[str, ...]) -> tuple[str, int] | None:
    words = catalogue(lang)
    outer, inner = words.get(REASON_KEY), words.get(when_key)
    found: tuple[str, int] | None = None
    if (outer is not None and inner is not None and _NAMED.findall(outer) == ["when", "why"]
            and _NAMED.findall(inner) == list(names)
            and "%" not in _NAMED.sub("", outer + inner)):  # no other directive, no %%
        positional = _NAMED.sub("%s", inner)
        found = (outer.replace("%(when)s", positional).replace("%(why)s", "%s"), len(names))
    _composed[lang][when_key] = found
    return found


def _known(value: Message, lang: str) -> str:
    """`render(value, lang)` of a message already hashed (kept in the render cache, so
    shared: a segment's reason), found by its identity (see `_time`)."""
    known = _by_identity[lang]
    kept = known.get(id(value))
    if kept is not None and kept[0] is value:
        return kept[1]
    found = render(value, lang)
    if len(known) >= _IDENTITY_LIMIT:
        known.clear()
    known[id(value)] = (value, found)
    return found


def _time(message: Message, lang: str, words: Mapping[str, str]) -> str | None:
    """`_message(message, lang, words)` of a message without messages among its parameters
    (the reason's time: a date, a clock, a zone), each parameter's text found by identity;
    None when a parameter is a message or a `Join` not met before (then nothing is written;
    one met before is written as `render` wrote it, which is how `_message` writes it).

    Keyed on the parameter object's id, the entry holding the object itself: while an entry
    is kept its object lives, so no other object has its id, and a hit (`kept[0] is part`) is
    that very object, whose text (immutable, rendered by `render`) is the one kept. The parts
    are shared values (one `LongDate` per date, one `Clock` per minute, one label per
    calendar: `pantau.domain.calendar`), so an identity lookup finds them without hashing
    them by value (a dataclass hash, written in Python). Numbers and booleans stay as they
    are for the template, as in `_message`."""
    texts = _part_texts(message.params, lang)
    if texts is None:
        return None
    values = dict(zip((name for name, _ in message.params), texts, strict=True))
    template = words.get(message.key)
    if template is None:
        raise MissingMessage(f"message {message.key!r} is not in the {lang} catalogue")
    return template % values if message.params else template


def _part_texts(params: tuple[tuple[str, Value], ...], lang: str) -> list[object] | None:
    """The text of each parameter for a template (see `_time`): found by identity, else
    rendered and kept by identity; numbers, booleans and strings as they are; None when a
    parameter is a message or a `Join` not met before."""
    known = _by_identity[lang]
    values: list[object] = []
    for _, part in params:
        kept = known.get(id(part))  # a shared part (most are), found first
        if kept is not None and kept[0] is part:
            values.append(kept[1])
            continue
        kind = type(part)
        if kind is str or kind is int or kind is float or kind is bool or (
                kind not in _RENDERED and isinstance(part, int | float)):
            values.append(part)
            continue
        if kind is Message or kind is Join:
            return None
        found = render(part, lang)
        values.append(found)
        if len(known) >= _IDENTITY_LIMIT:
            known.clear()
        known[id(part)] = (part, found)
    return values


def text(key: str, lang: str = "id", **params: Value) -> str:
    """One catalogue entry rendered: `text("show.week", "en")`."""
    return render(Message(key, tuple(params.items())), lang)


def _render(value: Value, lang: str, words: Mapping[str, str]) -> str:
    if isinstance(value, Message):
        return _message(value, lang, words)
    if isinstance(value, Term):
        return value.en if lang == "en" else value.id
    if isinstance(value, Join):
        return value.separator.join(render(item, lang) for item in value.items)
    if isinstance(value, Clock):
        return _clock(value.minutes, words)
    if isinstance(value, Span):
        return f"{_clock(value.start, words)}–{_clock(value.end, words)}"
    if isinstance(value, LongDate):
        return f"{_weekday(value.day.weekday(), words)} {_short(value, words)}"
    if isinstance(value, DayName):
        return _weekday(value.day.weekday(), words)
    if isinstance(value, ShortDate):
        return _short(value, words)
    return str(value)


def _message(message: Message, lang: str, words: Mapping[str, str]) -> str:
    template = words.get(message.key)
    if template is None:
        raise MissingMessage(f"message {message.key!r} is not in the {lang} catalogue")
    if not message.params:
        return template
    # What render() does for each parameter, with its cache looked up here: a message is
    # mostly made of parts already rendered (a date, a clock, a schedule), and a call per part
    # costs more than the lookup. Numbers and booleans stay as they are for the template.
    cache = _caches[lang]
    values: dict[str, object] = {}
    for name, item in message.params:
        kind = type(item)
        if kind is str or kind is int or kind is float or kind is bool or (
                kind not in _RENDERED and isinstance(item, int | float)):
            values[name] = item
            continue
        found = cache.get(item)
        if found is None:  # render(item, lang), without looking it up a second time
            if isinstance(item, str):
                found = item
            else:
                found = (_message(item, lang, words) if type(item) is Message
                         else _render(item, lang, words))
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[item] = found
        values[name] = found
    return template % values


def _clock(minutes: int, words: Mapping[str, str]) -> str:
    return f"{minutes // 60:02d}{words['clock.separator']}{minutes % 60:02d}"


def _weekday(index: int, words: Mapping[str, str]) -> str:
    return words[f"weekday.{index}"]


def _short(value: LongDate | ShortDate, words: Mapping[str, str]) -> str:
    day = value.day
    return f"{day.day} {words[f'month.{day.month}']} {day.year}"


__all__ = ["LANGUAGES", "MissingMessage", "catalogue", "language", "render", "render_once",
           "render_reason", "text"]
