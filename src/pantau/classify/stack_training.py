"""Training the heads learnt on the short posts and the stacker over everything.

1. Post heads: one logistic regression per code on hashed word and character n-grams of the
   training posts (passes 1-2 and reviewer feedback); candidates compared on the validation
   pass by mean average precision of the stacked model.
2. Stacker rows: every training post, with its post-head margins taken from heads trained
   without its own writing pass (out of fold, so the stacker learns how far the heads carry
   to a new writer); and the validation rows of the public data sets (out of sample for the
   public heads), which label only their own heads (an insult counts for both insult codes),
   weighted so that for each code they count as much as the posts in total.
3. Stacker: one L2 logistic regression per code on standardised features (`stacking.py`);
   a code's layer does not read the contexts against other codes, and the weight of its own
   pattern support must be positive and of its own contexts negative (a feature whose
   weight comes out with the wrong sign is dropped and the layer refitted).
4. Thresholds and gates: on the validation pass, for the goal in `thresholds.py`, with the
   public validation rows as the guard of the per-source heads' own decisions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from pantau.classify.classifier import MAX_CHARS
from pantau.classify.codes import HEAD_CODES, SUGGESTED_CODES
from pantau.classify.datasets import Example
from pantau.classify.features import FeatureSettings, Featurizer
from pantau.classify.matrix import feature_matrix
from pantau.classify.model import POSTS_PREFIX, HeadCalibration, LinearModel
from pantau.classify.normalise import Normaliser, prepare
from pantau.classify.patterns import Analysis, RuleSet
from pantau.classify.posts import Post
from pantau.classify.stacking import NEVER, FeatureBuilder, Stacker, gate_open, public_heads
from pantau.classify.thresholds import Choice, Gated, Goal, Guard, choose, f1_precision

Progress = Callable[[str], None]
POST_HEADS = tuple(f"{POSTS_PREFIX}{code}" for code in SUGGESTED_CODES)


@dataclass(frozen=True)
class PostCandidate:
    """Settings of the post heads to compare: features, regularisation, stacker strength."""

    name: str
    use_chars: bool
    c: float
    stack_c: float = 0.3


POST_CANDIDATES = (
    PostCandidate("posts_word_char_c1", True, 1.0),
    PostCandidate("posts_word_char_c4", True, 4.0),
    PostCandidate("posts_word_c4", False, 4.0),
)


@dataclass(frozen=True)
class PublicPart:
    """The public heads as trained: settings, heads, kept ids, weights, calibration."""

    settings: FeatureSettings
    heads: tuple[str, ...]
    feature_ids: np.ndarray
    weights: np.ndarray
    intercepts: np.ndarray
    calibration: dict[str, HeadCalibration]


@dataclass
class TextSet:
    """Texts with their tokens and pattern analyses (computed once, read by every model)."""

    tokens: list[list[str]]
    analyses: list[Analysis]
    normalised: list[str]

    @classmethod
    def of(cls, texts: Sequence[str], normaliser: Normaliser, rules: RuleSet) -> TextSet:
        tokens, analyses, normalised = [], [], []
        for text in texts:
            prepared = prepare(text[:MAX_CHARS])
            words = normaliser.tokens_of_prepared(prepared)
            tokens.append(words)
            normalised.append(" ".join(words))
            analyses.append(rules.analyse(normalised[-1], prepared))
        return cls(tokens, analyses, normalised)

    def subset(self, rows: Sequence[int]) -> TextSet:
        return TextSet(
            [self.tokens[i] for i in rows],
            [self.analyses[i] for i in rows],
            [self.normalised[i] for i in rows],
        )

    def features(self, model: LinearModel) -> np.ndarray:
        margins = model.margins_many(self.tokens)
        lengths = [len(words) for words in self.tokens]
        return FeatureBuilder(model).build(margins, self.analyses, lengths)


def post_labels(posts: Sequence[Post]) -> np.ndarray:
    return np.array([[int(c in p.codes) for c in SUGGESTED_CODES] for p in posts], dtype=np.int64)


def fit_post_heads(
    texts: TextSet, labels: np.ndarray, settings: FeatureSettings, c: float, seed: int, keep: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pruned weights (features x codes) and intercepts of the post heads."""
    from pantau.classify.training import prune  # the public heads' pruning, shared

    matrix = feature_matrix(Featurizer(settings), texts.normalised)
    columns, intercepts = [], []
    for column in range(labels.shape[1]):
        estimator = LogisticRegression(
            C=c, solver="liblinear", class_weight="balanced", random_state=seed
        ).fit(matrix, labels[:, column])
        columns.append(prune(np.asarray(estimator.coef_).ravel(), keep))
        intercepts.append(float(estimator.intercept_[0]))
    return np.column_stack(columns), np.array(intercepts)


def combine(
    public: PublicPart, settings: FeatureSettings, post: tuple[np.ndarray, np.ndarray]
) -> LinearModel:
    """One model with the public heads' columns and the post heads' columns."""
    weights, intercepts = post
    post_ids = np.flatnonzero(np.any(weights != 0, axis=1))
    ids = np.union1d(public.feature_ids, post_ids)
    table = np.zeros((ids.size, len(public.heads) + weights.shape[1]), dtype=np.float32)
    table[np.searchsorted(ids, public.feature_ids), : len(public.heads)] = public.weights
    table[np.searchsorted(ids, post_ids), len(public.heads) :] = weights[post_ids]
    return LinearModel(
        settings,
        (*public.heads, *POST_HEADS),
        ids,
        table,
        np.concatenate([public.intercepts, intercepts]),
        public.calibration,
        {},
    )


def folds(posts: Sequence[Post]) -> list[int]:
    """A fold number per training post: its writing pass; feedback spread over the passes."""
    passes = sorted({p.source for p in posts if p.source.startswith("pass-")}) or ["pass-1"]
    if len(passes) == 1:
        passes = ["a", "b"]
    out = []
    for post in posts:
        if post.source in passes:
            out.append(passes.index(post.source))
        else:
            digest = hashlib.sha1(post.text.encode("utf-8")).hexdigest()
            out.append(int(digest[:8], 16) % len(passes))
    return out


@dataclass
class StackData:
    """Everything the stacker and the thresholds are fitted on."""

    train_posts: list[Post]
    train_texts: TextSet
    valid_posts: list[Post]
    valid_texts: TextSet
    public_rows: list[Example]
    public_texts: TextSet


class StackTrainer:
    """Fits post heads, stacker and thresholds for one public part and one data set."""

    def __init__(
        self, public: PublicPart, data: StackData, seed: int, keep: int, goal: Goal
    ) -> None:
        self.public, self.data, self.seed, self.keep, self.goal = public, data, seed, keep, goal

    def settings(self, candidate: PostCandidate) -> FeatureSettings:
        return replace(
            self.public.settings, use_chars=self.public.settings.use_chars or candidate.use_chars
        )

    def model(self, candidate: PostCandidate, rows: Sequence[int] | None = None) -> LinearModel:
        """Public heads plus post heads trained on the training posts (or the given rows)."""
        data = self.data
        chosen = list(range(len(data.train_posts))) if rows is None else list(rows)
        labels = post_labels([data.train_posts[i] for i in chosen])
        settings = self.settings(candidate)
        heads = fit_post_heads(
            data.train_texts.subset(chosen),
            labels,
            replace(settings, use_chars=candidate.use_chars),
            candidate.c,
            self.seed,
            self.keep,
        )
        return combine(self.public, settings, heads)

    def train_features(self, candidate: PostCandidate) -> np.ndarray:
        """Features of the training posts with out-of-fold post-head margins."""
        fold_of = folds(self.data.train_posts)
        features = np.zeros((len(fold_of), 0))
        for fold in sorted(set(fold_of)):
            inside = [i for i, f in enumerate(fold_of) if f == fold]
            outside = [i for i, f in enumerate(fold_of) if f != fold]
            block = self.data.train_texts.subset(inside).features(self.model(candidate, outside))
            if not features.shape[1]:
                features = np.zeros((len(fold_of), block.shape[1]))
            features[inside] = block
        return features

    def fit(self, candidate: PostCandidate) -> tuple[LinearModel, Stacker, dict[str, Any]]:
        """The final model, its stacker (thresholds chosen on validation) and a record."""
        model = self.model(candidate)
        x_public = self.data.public_texts.features(model)
        y_public, known = public_code_labels(self.data.public_rows)
        stacker = fit_stacker(
            FeatureBuilder(model).names,
            self.train_features(candidate),
            post_labels(self.data.train_posts),
            x_public,
            y_public,
            known,
            candidate.stack_c,
        )
        x_valid = self.data.valid_texts.features(model)
        probabilities = stacker.probabilities(x_valid)
        gated = gating(
            stacker.names,
            public_heads(model),
            (x_valid, probabilities),
            (x_public, stacker.probabilities(x_public)),
            self.data.public_rows,
            self.goal.guard_margin,
        )
        choice = choose(probabilities, post_labels(self.data.valid_posts), self.goal, gated)
        stacker = replace(
            stacker, thresholds=choice.thresholds, gates=choice.gates, goal=self.goal.describe()
        )
        return model, stacker, _choice_record(choice, gated)

    def validation_ap(self, candidate: PostCandidate) -> float:
        """Mean average precision over the codes of the stacked model on the validation pass."""
        model, stacker, _ = self.fit(candidate)
        probabilities = stacker.probabilities(self.data.valid_texts.features(model))
        labels = post_labels(self.data.valid_posts)
        scores = [
            average_precision_score(labels[:, c], probabilities[:, c])
            for c in range(labels.shape[1])
            if labels[:, c].any()
        ]
        return round(float(np.mean(scores)), 4) if scores else 0.0


def _choice_record(choice: Choice, gated: Gated) -> dict[str, Any]:
    gates = NEVER_ALL if choice.gates is None else choice.gates
    return {
        "precision_held": {SUGGESTED_CODES[k]: v for k, v in sorted(choice.held.items())},
        "public_guard": {
            guard.name: {
                "f1": round(guard.f1(choice.thresholds, gates), 4),
                "floor": round(guard.floor, 4),
            }
            for guard in gated.guards
        },
        "public_guard_not_kept": list(choice.unguarded),
    }


NEVER_ALL = np.full(len(SUGGESTED_CODES), NEVER)


def gating(
    names: Sequence[str],
    heads: Sequence[str],
    valid: tuple[np.ndarray, np.ndarray],
    public: tuple[np.ndarray, np.ndarray],
    rows: Sequence[Example],
    margin: float,
) -> Gated:
    """The gates of the per-source heads and the public guard: for every (data set, head) of
    the public validation rows with positives, the head's own F1 minus `margin`.

    `valid` and `public`: features and stacked probabilities of the validation posts and of
    the public validation rows."""
    fired_columns = [list(names).index(f"fired.{head}") for head in heads]
    plan = [
        (k, tuple(SUGGESTED_CODES.index(code) for code in HEAD_CODES[head]))
        for k, head in enumerate(heads)
        if head in HEAD_CODES
    ]
    open_valid = gate_open(valid[1], valid[0][:, fired_columns] > 0.5, plan)
    fired_public = public[0][:, fired_columns] > 0.5
    open_public = gate_open(public[1], fired_public, plan)
    guards = []
    for k, columns in plan:
        head = heads[k]
        datasets = sorted({row.dataset for row in rows if head in row.labels})
        for dataset in datasets:
            at = [i for i, row in enumerate(rows) if row.dataset == dataset and head in row.labels]
            truth = np.array([rows[i].labels[head] == 1 for i in at])
            if not truth.any():
                continue
            own = f1_precision(fired_public[at, k], truth)[0]
            guards.append(
                Guard(
                    f"{dataset}/{head}",
                    columns,
                    public[1][at],
                    open_public[at],
                    truth,
                    round(own - margin, 6),
                )
            )
    return Gated(tuple(columns for _, columns in plan), open_valid, tuple(guards))


def public_code_labels(rows: Sequence[Example]) -> tuple[np.ndarray, np.ndarray]:
    """Code labels of public rows from their head labels (an insult counts for both insult
    codes), and which labels are known."""
    labels = np.zeros((len(rows), len(SUGGESTED_CODES)), dtype=np.int64)
    known = np.zeros_like(labels, dtype=bool)
    for row, example in enumerate(rows):
        for head, label in example.labels.items():
            for code in HEAD_CODES.get(head, ()):
                column = SUGGESTED_CODES.index(code)
                labels[row, column], known[row, column] = label, True
    return labels, known


def _sign(name: str, code: str) -> int:
    """The sign a feature's weight must have for `code` (0: free)."""
    bare = name.removeprefix("long.")
    if bare == f"rule.{code}.support":
        return 1
    if bare == f"rule.{code}.against":
        return -1
    return 0


def _usable(name: str, code: str) -> bool:
    """Whether `code`'s layer reads a feature: not the contexts against other codes."""
    bare = name.removeprefix("long.")
    return not (
        bare.startswith("rule.") and bare.endswith(".against") and bare != f"rule.{code}.against"
    )


def fit_stacker(
    names: Sequence[str],
    x_posts: np.ndarray,
    y_posts: np.ndarray,
    x_public: np.ndarray,
    y_public: np.ndarray,
    known: np.ndarray,
    c: float,
    public_share: float = 1.0,
    constrained: bool = True,
) -> Stacker:
    """One logistic regression per code over standardised features; weights unscaled."""
    x_all = np.vstack([x_posts, x_public])
    mean, scale = x_all.mean(axis=0), x_all.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z_all = (x_all - mean) / scale
    weights, intercepts = [], []
    for column in range(y_posts.shape[1]):
        mask = np.concatenate([np.ones(len(x_posts), dtype=bool), known[:, column]])
        labels = np.concatenate([y_posts[:, column], y_public[:, column]])
        public_weight = public_share * len(x_posts) / max(int(known[:, column].sum()), 1)
        sample = np.concatenate([np.ones(len(x_posts)), np.full(len(x_public), public_weight)])
        code = SUGGESTED_CODES[column]
        used = (
            np.array([_usable(name, code) for name in names])
            if constrained
            else np.ones(len(names), dtype=bool)
        )
        while True:
            fitted = LogisticRegression(C=c, solver="lbfgs", max_iter=2000).fit(
                z_all[mask][:, used], labels[mask], sample_weight=sample[mask]
            )
            coef = np.zeros(len(names))
            coef[used] = fitted.coef_.ravel()
            wrong = (
                [k for k in np.flatnonzero(used).tolist() if _sign(names[k], code) * coef[k] < 0]
                if constrained
                else []
            )
            if not wrong:
                break
            used[wrong] = False
        coef = coef / scale
        weights.append(coef)
        intercepts.append(float(fitted.intercept_[0]) - float(coef @ mean))
    return Stacker(
        SUGGESTED_CODES,
        tuple(names),
        np.column_stack(weights),
        np.array(intercepts),
        np.full(len(SUGGESTED_CODES), 0.5),
    )


__all__ = [
    "POST_CANDIDATES",
    "POST_HEADS",
    "PostCandidate",
    "PublicPart",
    "StackData",
    "StackTrainer",
    "TextSet",
    "combine",
    "fit_post_heads",
    "fit_stacker",
    "folds",
    "gating",
    "public_code_labels",
]
