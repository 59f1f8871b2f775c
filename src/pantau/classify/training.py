"""Reproducible training: the public heads (compare candidates, fit the chosen one, prune,
calibrate), then the post heads, the stacker and the thresholds (`stack_training.py`).

Everything is deterministic: the splits are fixed (see `datasets` and `posts`), estimators
get `random_state=seed`, and the record stores the SHA-256 of every data file read.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import LinearSVC

from pantau.classify import slang
from pantau.classify.datasets import HEADS, TEST, TRAIN, VALID, Example, file_hashes, load_all
from pantau.classify.features import FeatureSettings, Featurizer
from pantau.classify.feedback import feedback_posts
from pantau.classify.matrix import feature_matrix
from pantau.classify.model import HeadCalibration, LinearModel
from pantau.classify.normalise import Normaliser
from pantau.classify.patterns import RuleSet
from pantau.classify.posts import POSTS_DIR, load_posts, posts_hashes
from pantau.classify.stack_training import (
    POST_CANDIDATES,
    PublicPart,
    StackData,
    StackTrainer,
    TextSet,
)
from pantau.classify.thresholds import Goal

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Candidate:
    """A model family to compare: its features and a factory for one binary estimator."""

    name: str
    settings: FeatureSettings
    make: Callable[[int], Any]


CANDIDATES = (
    Candidate(
        "logreg_word_char",
        FeatureSettings(),
        lambda seed: LogisticRegression(
            C=8.0, solver="liblinear", class_weight="balanced", random_state=seed
        ),
    ),
    Candidate(
        "linsvm_word_char",
        FeatureSettings(),
        lambda seed: LinearSVC(C=0.3, class_weight="balanced", random_state=seed),
    ),
    Candidate(
        "logreg_word",
        FeatureSettings(use_chars=False),
        lambda seed: LogisticRegression(
            C=8.0, solver="liblinear", class_weight="balanced", random_state=seed
        ),
    ),
    Candidate(
        "naive_bayes_word", FeatureSettings(use_chars=False), lambda seed: MultinomialNB(alpha=0.1)
    ),
)


@dataclass(frozen=True)
class TrainingOptions:
    """What to train on and how."""

    data_dir: Path
    out_dir: Path
    feedback: Path | None = None
    datasets: tuple[str, ...] | None = None
    sample: int | None = None
    seed: int = 0
    candidates: tuple[str, ...] | None = None
    keep_features: int = 30_000
    write_slang: bool = True
    bits: int | None = None  # smaller hashed spaces for quick runs (tests)
    posts_dir: Path = POSTS_DIR
    post_candidates: tuple[str, ...] | None = None
    keep_post_features: int = 20_000
    goal: Goal = field(default_factory=Goal)


def linear_parts(estimator: Any) -> tuple[np.ndarray, float]:
    """Weights and intercept of a fitted binary linear estimator (logistic, SVM or NB)."""
    if isinstance(estimator, MultinomialNB):
        log_prob = estimator.feature_log_prob_
        prior = estimator.class_log_prior_
        return np.asarray(log_prob[1] - log_prob[0]), float(prior[1] - prior[0])
    return np.asarray(estimator.coef_).ravel(), float(np.asarray(estimator.intercept_).ravel()[0])


def sample_examples(examples: Sequence[Example], per_split: int) -> list[Example]:
    """At most `per_split` examples of each (data set, split), chosen by text hash."""

    def key(example: Example) -> str:
        return hashlib.sha1(example.text.encode("utf-8")).hexdigest()

    groups: dict[tuple[str, str], list[Example]] = {}
    for example in sorted(examples, key=key):
        group = groups.setdefault((example.dataset, example.split), [])
        if len(group) < per_split:
            group.append(example)
    return [example for group in groups.values() for example in group]


class Corpus:
    """The examples with their normalised texts and a feature matrix per feature setting."""

    def __init__(self, examples: Sequence[Example], normaliser: Normaliser) -> None:
        self.examples = list(examples)
        self.texts = [normaliser.text(example.text[:5000]) for example in self.examples]
        self._matrices: dict[FeatureSettings, sp.csr_matrix] = {}

    def matrix(self, settings: FeatureSettings) -> sp.csr_matrix:
        if settings not in self._matrices:
            self._matrices[settings] = feature_matrix(Featurizer(settings), self.texts)
        return self._matrices[settings]

    def home_rate(self, head: str, split: str) -> float | None:
        """Prevalence of `head` in the data sets that have positives for it in `split`."""
        rows = [e for e in self.examples if e.split == split and head in e.labels]
        home = {e.dataset for e in rows if e.labels[head] == 1}
        labels = [e.labels[head] for e in rows if e.dataset in home]
        return sum(labels) / len(labels) if labels else None

    def rows(self, head: str, split: str) -> tuple[np.ndarray, np.ndarray]:
        """Indices and labels of the examples of `split` that label `head`."""
        pairs = [
            (index, example.labels[head])
            for index, example in enumerate(self.examples)
            if example.split == split and head in example.labels
        ]
        indices = np.array([index for index, _ in pairs], dtype=np.int64)
        return indices, np.array([label for _, label in pairs], dtype=np.int64)


def fit_head(
    corpus: Corpus, candidate: Candidate, head: str, seed: int
) -> tuple[np.ndarray, float]:
    indices, labels = corpus.rows(head, TRAIN)
    if labels.min(initial=1) == labels.max(initial=0):
        raise ValueError(f"head {head!r} needs both classes in training data")
    estimator = candidate.make(seed)
    estimator.fit(corpus.matrix(candidate.settings)[indices], labels)
    return linear_parts(estimator)


def trainable_heads(corpus: Corpus) -> tuple[str, ...]:
    """The heads with both classes in training and validation data (all of them on full data)."""
    out = []
    for head in HEADS:
        labels = corpus.rows(head, TRAIN)[1]
        if labels.size and labels.min() != labels.max() and corpus.rows(head, VALID)[1].size:
            out.append(head)
    return tuple(out)


def compare(
    corpus: Corpus, candidates: Sequence[Candidate], seed: int, progress: Progress
) -> dict[str, dict[str, float]]:
    """Validation average precision of each candidate on each head."""
    table: dict[str, dict[str, float]] = {}
    for candidate in candidates:
        table[candidate.name] = {}
        for head in trainable_heads(corpus):
            weights, intercept = fit_head(corpus, candidate, head, seed)
            indices, labels = corpus.rows(head, VALID)
            if labels.max() == 0:
                continue  # no positive in validation (tiny samples): AP undefined
            margins = corpus.matrix(candidate.settings)[indices] @ weights + intercept
            table[candidate.name][head] = round(float(average_precision_score(labels, margins)), 4)
        mean = float(np.mean(list(table[candidate.name].values()) or [0.0]))
        table[candidate.name]["mean"] = round(mean, 4)
        progress(f"  {candidate.name}: rata-rata AP validasi {mean:.3f}")
    return table


def prune(weights: np.ndarray, keep: int) -> np.ndarray:
    """Keep the `keep` largest weights by magnitude (ties by index), rounded to float16."""
    pruned = np.zeros_like(weights, dtype=np.float32)
    if keep < weights.size:
        order = np.lexsort((np.arange(weights.size), -np.abs(weights)))[:keep]
    else:
        order = np.arange(weights.size)
    pruned[order] = weights[order].astype(np.float16).astype(np.float32)
    return pruned


# A threshold must lift precision to at least this multiple of the base rate on validation.
# Without it, F1 on a weak head peaks at "suggest everything" (F1 = 2p / (1 + p) at prevalence
# p), which would flood reviewers; a head with no such threshold suggests nothing (NEVER).
MIN_LIFT = 1.5
NEVER = 1.01  # calibrated scores are at most 1.0


def calibrate(
    margins: np.ndarray, labels: np.ndarray, base_rate: float | None = None
) -> HeadCalibration:
    """Platt scaling on validation margins and the threshold that maximises validation F1
    among those whose precision is at least MIN_LIFT times the base rate (else NEVER)."""
    if labels.min(initial=1) == labels.max(initial=0):
        return HeadCalibration(1.0, 0.0, 0.5)  # one class only (tiny samples): no calibration
    platt = LogisticRegression(C=1e4, solver="lbfgs").fit(margins.reshape(-1, 1), labels)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    scores = 1.0 / (1.0 + np.exp(-(a * margins + b)))
    return HeadCalibration(round(a, 6), round(b, 6), best_threshold(scores, labels, base_rate))


def best_threshold(scores: np.ndarray, labels: np.ndarray, base_rate: float | None = None) -> float:
    """The F1-best threshold with precision >= MIN_LIFT x base rate, or NEVER. The base rate is
    the prevalence in the data sets that carry positives for the head (default: all rows), so
    negatives borrowed from other data sets cannot hide a head that flags all of its own."""
    rate = float(labels.mean()) if base_rate is None else base_rate
    needed = min(0.95, MIN_LIFT * rate)
    best, best_f1 = NEVER, -1.0
    for threshold in np.round(np.arange(0.05, 0.96, 0.01), 2):
        predicted = scores >= threshold
        true_positive = float(np.sum(predicted & (labels == 1)))
        if true_positive == 0 or true_positive / float(predicted.sum()) < needed:
            continue
        f1 = 2 * true_positive / max(float(predicted.sum() + labels.sum()), 1.0)
        if f1 > best_f1 + 1e-12:
            best, best_f1 = float(threshold), f1
    return best


def build_public(
    corpus: Corpus, candidate: Candidate, options: TrainingOptions, progress: Progress
) -> tuple[PublicPart, dict[str, Any]]:
    settings = candidate.settings
    columns, intercepts, calibration = [], [], {}
    heads = trainable_heads(corpus)
    for head in heads:
        progress(f"  melatih {head}")
        weights, intercept = fit_head(corpus, candidate, head, options.seed)
        pruned = prune(weights, options.keep_features)
        indices, labels = corpus.rows(head, VALID)
        margins = corpus.matrix(settings)[indices] @ pruned + intercept
        calibration[head] = calibrate(np.asarray(margins), labels, corpus.home_rate(head, VALID))
        columns.append(pruned)
        intercepts.append(intercept)
    dense = np.column_stack(columns)
    kept = np.flatnonzero(np.any(dense != 0, axis=1))
    counts = {
        head: {split: len(corpus.rows(head, split)[1]) for split in (TRAIN, VALID, TEST)}
        for head in heads
    }
    part = PublicPart(settings, heads, kept, dense[kept], np.array(intercepts), calibration)
    return part, {"counts": counts}


def train(options: TrainingOptions, progress: Progress = print) -> LinearModel:
    """Rebuild the slang dictionary and the model from the data; write both."""
    progress("Membangun kamus slang dari leksikon ...")
    dictionary = slang.build(options.data_dir)
    if options.write_slang:
        slang.write(dictionary)
    normaliser = Normaliser(dictionary, slang.vocabulary(dictionary))
    public, corpus, record = train_public(options, normaliser, progress)
    data = stack_data(options, normaliser, corpus, progress)
    model = train_stack(options, public, data, progress)
    model.record.update(record)
    model.record.update(_record(options, dictionary))
    model.save(options.out_dir)
    progress(f"Model ditulis ke {options.out_dir}")
    return model


def train_public(
    options: TrainingOptions, normaliser: Normaliser, progress: Progress
) -> tuple[PublicPart, Corpus, dict[str, Any]]:
    """The per-source heads on the public data sets (candidates compared on validation)."""
    progress("Membaca data berlabel ...")
    examples = load_all(options.data_dir, options.datasets)
    if options.sample is not None:
        examples = sample_examples(examples, options.sample)
    progress(f"Menormalisasi {len(examples)} teks ...")
    corpus = Corpus(examples, normaliser)
    chosen_names = options.candidates or tuple(c.name for c in CANDIDATES)
    candidates = [_sized(c, options.bits) for c in CANDIDATES if c.name in chosen_names]
    progress("Membandingkan model kandidat ...")
    comparison = compare(corpus, candidates, options.seed, progress)
    best = max(candidates, key=lambda c: (comparison[c.name]["mean"], c.name))
    progress(f"Model terpilih: {best.name}")
    public, record = build_public(corpus, best, options, progress)
    record |= {"model": best.name, "comparison_validation_average_precision": comparison}
    return public, corpus, record


def stack_data(
    options: TrainingOptions, normaliser: Normaliser, corpus: Corpus, progress: Progress
) -> StackData:
    """Training and validation posts, and the public validation rows, read once."""
    extra = feedback_posts(options.feedback) if options.feedback is not None else []
    posts = load_posts(options.posts_dir, extra)
    train_posts = [post for post in posts if post.split == TRAIN]
    valid_posts = [post for post in posts if post.split == VALID]
    public_rows = [example for example in corpus.examples if example.split == VALID]
    progress(
        f"Posting: {len(train_posts)} latih, {len(valid_posts)} validasi; "
        f"{len(public_rows)} baris validasi data publik"
    )
    rules = RuleSet.load()

    def texts(items: Sequence[Any]) -> TextSet:
        return TextSet.of([item.text for item in items], normaliser, rules)

    return StackData(
        train_posts,
        texts(train_posts),
        valid_posts,
        texts(valid_posts),
        public_rows,
        texts(public_rows),
    )


def train_stack(
    options: TrainingOptions, public: PublicPart, data: StackData, progress: Progress
) -> LinearModel:
    """Post heads (candidates compared on the validation posts), stacker and thresholds."""
    trainer = StackTrainer(public, data, options.seed, options.keep_post_features, options.goal)
    names = options.post_candidates or tuple(c.name for c in POST_CANDIDATES)
    candidates = [c for c in POST_CANDIDATES if c.name in names]
    comparison = {}
    for candidate in candidates:
        comparison[candidate.name] = trainer.validation_ap(candidate)
        progress(
            f"  {candidate.name}: rata-rata AP validasi posting {comparison[candidate.name]:.3f}"
        )
    best = max(candidates, key=lambda c: (comparison[c.name], c.name))
    progress(f"Kepala posting terpilih: {best.name}")
    model, stacker, record = trainer.fit(best)
    model.stacker = stacker.to_json()
    model.record.update(
        {
            "posts": {
                "model": best.name,
                "comparison_validation_average_precision": comparison,
                "counts": _post_counts(data),
                "keep_features_per_head": options.keep_post_features,
                **record,
            }
        }
    )
    return model


def _post_counts(data: StackData) -> dict[str, int]:
    counts: dict[str, int] = {}
    for post in [*data.train_posts, *data.valid_posts]:
        counts[post.source] = counts.get(post.source, 0) + 1
    return dict(sorted(counts.items()))


def _sized(candidate: Candidate, bits: int | None) -> Candidate:
    if bits is None:
        return candidate
    settings = replace(candidate.settings, word_bits=bits, char_bits=bits)
    return Candidate(candidate.name, settings, candidate.make)


def _record(options: TrainingOptions, dictionary: dict[str, str]) -> dict[str, Any]:
    payload = "".join(f"{k}\t{v}\n" for k, v in sorted(dictionary.items())).encode("utf-8")
    record: dict[str, Any] = {
        "seed": options.seed,
        "sample_per_split": options.sample,
        "datasets": list(options.datasets) if options.datasets else "all",
        "keep_features_per_head": options.keep_features,
        "data_sha256": file_hashes(options.data_dir),
        "posts_sha256": posts_hashes(options.posts_dir),
        "slang_sha256": hashlib.sha256(payload).hexdigest(),
        "sklearn": sklearn.__version__,
        "python": platform.python_version(),
    }
    if options.feedback is not None:
        record["feedback_sha256"] = hashlib.sha256(options.feedback.read_bytes()).hexdigest()
    return record


__all__ = ["CANDIDATES", "TrainingOptions", "calibrate", "prune", "sample_examples", "train"]
