"""The in-domain short posts (`data/posts/pass-K.jsonl`), split by writing pass.

Four writers wrote one pass each, independently, from one brief (see `data/posts/README.md`).
A split by line would let the test measure how well a model remembers one writer's habits;
a split by pass measures how it does on a writer it has never seen:

- passes 1 and 2: training (the stacker sees each through a model trained on the other);
- pass 3: validation (model settings and the per-code thresholds are chosen on it);
- pass 4: test (read only by `pantau classify evaluate`).

Reviewer decisions (`pantau classify feedback`) join the training split (see `feedback.py`).
A text that is in the test pass is dropped from the others, one in validation from training.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pantau.classify.codes import HEAD_CODES, SUGGESTED_CODES
from pantau.classify.datasets import TEST, TRAIN, VALID, text_key
from pantau.domain.errors import DataError

POSTS_DIR = Path(__file__).resolve().parents[3] / "data" / "posts"
PASS_SPLITS = {1: TRAIN, 2: TRAIN, 3: VALID, 4: TEST}
NONE = "none"
CLASSES = (*SUGGESTED_CODES, NONE)


@dataclass(frozen=True)
class Post:
    """One short post, the codes that apply (empty: none), where it comes from, its split."""

    text: str
    codes: frozenset[str]
    source: str
    split: str

    def labels(self) -> dict[str, int]:
        """0/1 for every code."""
        return {code: int(code in self.codes) for code in SUGGESTED_CODES}

    def head_labels(self) -> dict[str, int]:
        """0/1 for every public head (a head is positive when any of its codes applies)."""
        return {
            head: int(any(code in self.codes for code in codes))
            for head, codes in HEAD_CODES.items()
        }


def pass_file(folder: Path, number: int) -> Path:
    return folder / f"pass-{number}.jsonl"


def load_posts(folder: Path = POSTS_DIR, extra: Iterable[Post] = ()) -> list[Post]:
    """Every post of the passes found in `folder` (and `extra`, e.g. feedback), de-duplicated
    across splits (test wins over validation, validation over training)."""
    posts = [
        post
        for number in sorted(PASS_SPLITS)
        if pass_file(folder, number).exists()
        for post in _read(pass_file(folder, number), f"pass-{number}", PASS_SPLITS[number])
    ]
    return deduplicate([*posts, *extra])


def _read(path: Path, source: str, split: str) -> Iterator[Post]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield _parse(path, number, line, source, split)


def _parse(path: Path, number: int, line: str, source: str, split: str) -> Post:
    try:
        data = json.loads(line)
        text, codes = data["text"], data["codes"]
    except (ValueError, KeyError, TypeError) as error:
        raise DataError(
            f"{path}, line {number}: not a post ({error}); each line is a JSON object with "
            '"text" and "codes", e.g. {"text": "...", "codes": ["hoax"]}'
        ) from error
    unknown = sorted(set(codes) - set(SUGGESTED_CODES)) if isinstance(codes, list) else codes
    if not isinstance(text, str) or not text.strip() or unknown:
        raise DataError(
            f"{path}, line {number}: needs a non-empty text and codes from "
            f"{', '.join(SUGGESTED_CODES)} ([] for none); found {unknown or repr(text)}"
        )
    return Post(text, frozenset(codes), source, split)


def deduplicate(posts: list[Post]) -> list[Post]:
    """Drop from training any text in validation or test, from validation any in test, and
    repeated texts within a split."""
    rank = {TEST: 0, VALID: 1, TRAIN: 2}
    best: dict[str, int] = {}
    for post in posts:
        key = text_key(post.text)
        best[key] = min(best.get(key, 3), rank[post.split])
    kept, seen = [], set()
    for post in posts:
        key = text_key(post.text)
        if key and rank[post.split] == best[key] and (key, post.split) not in seen:
            seen.add((key, post.split))
            kept.append(post)
    return kept


def posts_hashes(folder: Path = POSTS_DIR) -> dict[str, str]:
    """SHA-256 of every pass file, for the model's record."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (pass_file(folder, number) for number in sorted(PASS_SPLITS))
        if path.exists()
    }


__all__ = [
    "CLASSES",
    "NONE",
    "PASS_SPLITS",
    "POSTS_DIR",
    "Post",
    "deduplicate",
    "load_posts",
    "posts_hashes",
]
