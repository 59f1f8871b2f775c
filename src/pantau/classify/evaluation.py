"""Per-code precision, recall and F1 on each data set's test split, beside the papers; and
the eleven classes on the held-out writing pass of the short posts.

The whole classifier is evaluated (model and pattern layer together), as a reviewer sees it:
a head counts as predicted when any code it stands for is suggested. Rows for the auxiliary
sets (SmSA, EmoT), whose texts carry no positive label, report the false-positive rate.

On the posts (`PostsReport`) every code is a class and so is `none` (no code applies /
nothing suggested): per-class precision, recall and F1, the macro-F1 over the eleven
classes, and the share of `none` posts flagged with any code (the false-positive rate that
decides how much noise reaches the review queue).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from pantau.classify.classifier import Classifier
from pantau.classify.codes import HEAD_CODES
from pantau.classify.datasets import TEST, Example, load_all
from pantau.classify.papers import paper_for
from pantau.classify.posts import CLASSES, NONE, Post


@dataclass(frozen=True)
class EvalRow:
    """Counts and scores of one head on one data set's test split."""

    dataset: str
    head: str
    n: int
    positives: int
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.positives if self.positives else None

    @property
    def f1(self) -> float | None:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.positives else None

    @property
    def fp_rate(self) -> float:
        negatives = self.n - self.positives
        return self.fp / negatives if negatives else 0.0

    def to_json(self) -> dict[str, object]:
        paper = paper_for(self.dataset, self.head)
        return asdict(self) | {
            "codes": list(HEAD_CODES[self.head]),
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "fp_rate": round(self.fp_rate, 4),
            "paper": None
            if paper is None
            else {
                "value": paper.value,
                "metric": paper.metric,
                "summary": paper.summary,
                "citation": paper.citation,
            },
        }


@dataclass(frozen=True)
class ClassRow:
    """One class of the posts: how many posts carry it, and the counts of the predictions."""

    name: str
    support: int
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.support else 0.0


@dataclass(frozen=True)
class PostsReport:
    """The eleven classes on one split of the posts."""

    split: str
    n: int
    rows: tuple[ClassRow, ...]

    @property
    def macro_f1(self) -> float:
        return sum(row.f1 for row in self.rows) / len(self.rows)

    @property
    def none_flagged(self) -> float:
        """Share of the posts under no code that got any suggestion."""
        (none,) = [row for row in self.rows if row.name == NONE]
        return none.fn / none.support if none.support else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "split": self.split,
            "n": self.n,
            "macro_f1": round(self.macro_f1, 4),
            "none_flagged": round(self.none_flagged, 4),
            "classes": [
                asdict(row)
                | {"precision": round(row.precision, 4), "recall": round(row.recall, 4)}
                | {"f1": round(row.f1, 4)}
                for row in self.rows
            ],
        }


def evaluate_posts(classifier: Classifier, posts: Sequence[Post], split: str) -> PostsReport:
    """Per-class counts over the posts of `split` (a post may carry two codes)."""
    chosen = [post for post in posts if post.split == split]
    counts = {name: [0, 0, 0, 0] for name in CLASSES}  # support, tp, fp, fn
    suggestions = classifier.suggest_many([post.text for post in chosen])
    for post, suggested in zip(chosen, suggestions, strict=True):
        truth = set(post.codes) or {NONE}
        predicted = {item.code for item in suggested} or {NONE}
        for name, row in counts.items():
            row[0] += name in truth
            row[1] += name in truth and name in predicted
            row[2] += name in predicted and name not in truth
            row[3] += name in truth and name not in predicted
    rows = tuple(ClassRow(name, *values) for name, values in counts.items())
    return PostsReport(split, len(chosen), rows)


def format_posts(report: PostsReport, title: str) -> str:
    """A fixed-width table of the eleven classes, the macro-F1 and the `none` flag rate."""
    lines = [title, f"{'class':<26}{'n':>5}  {'prec':>6} {'recall':>6} {'F1':>6}"]
    for row in report.rows:
        lines.append(
            f"{row.name:<26}{row.support:>5}  {row.precision:6.3f} {row.recall:6.3f} {row.f1:6.3f}"
        )
    lines.append(f"macro-F1 over {len(report.rows)} classes: {report.macro_f1:.3f}")
    lines.append(f"'none' posts flagged with a code: {report.none_flagged:.1%}")
    return "\n".join(lines)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def evaluate(classifier: Classifier, examples: Sequence[Example]) -> list[EvalRow]:
    """Rows for every (data set, head) labelled in the test examples."""
    tests = [example for example in examples if example.split == TEST]
    counts: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    batch = 512
    for start in range(0, len(tests), batch):
        chunk = tests[start : start + batch]
        suggestions = classifier.suggest_many([example.text for example in chunk])
        for example, suggested in zip(chunk, suggestions, strict=True):
            codes = {item.code for item in suggested}
            for head, label in example.labels.items():
                predicted = any(code in codes for code in HEAD_CODES[head])
                row = counts[(example.dataset, head)]
                row[0] += 1
                row[1] += label
                row[2] += int(predicted and label == 1)
                row[3] += int(predicted and label == 0)
                row[4] += int(not predicted and label == 1)
    return [EvalRow(dataset, head, *values) for (dataset, head), values in sorted(counts.items())]


def evaluate_data(classifier: Classifier, data_dir: Path) -> list[EvalRow]:
    return evaluate(classifier, load_all(data_dir))


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_table(rows: Sequence[EvalRow]) -> str:
    """A fixed-width table, one row per (data set, head), with the paper's figure."""
    lines = [
        f"{'data set':<14}{'head':<20}{'n':>6}{'pos':>6}  {'prec':>6} {'recall':>6} "
        f"{'F1':>6} {'FP rate':>7}  paper (metric)"
    ]
    for row in rows:
        paper = paper_for(row.dataset, row.head)
        cited = (
            "-" if paper is None or paper.value is None else f"{paper.value:.3f} ({paper.metric})"
        )
        lines.append(
            f"{row.dataset:<14}{row.head:<20}{row.n:>6}{row.positives:>6}  {_fmt(row.precision)} "
            f"{_fmt(row.recall)} {_fmt(row.f1)} {row.fp_rate:7.3f}  {cited}"
        )
    return "\n".join(lines)


def format_citations(rows: Sequence[EvalRow]) -> str:
    seen = []
    for row in rows:
        paper = paper_for(row.dataset, row.head)
        if paper is not None and paper.citation not in seen:
            seen.append(paper.citation)
    return "\n".join(f"[{number}] {text}" for number, text in enumerate(seen, start=1))


def to_json(rows: Sequence[EvalRow]) -> str:
    return json.dumps([row.to_json() for row in rows], ensure_ascii=False, indent=2)


def draw_chart(rows: Sequence[EvalRow], path: Path) -> None:
    """Per-(data set, head) F1 beside the papers' figures, as a PNG (needs matplotlib)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = [row for row in rows if row.f1 is not None]
    labels = [f"{row.dataset}\n{row.head}" for row in shown]
    ours = [row.f1 or 0.0 for row in shown]
    papers = [getattr(paper_for(row.dataset, row.head), "value", None) for row in shown]
    positions = range(len(shown))
    figure, axis = plt.subplots(figsize=(max(8, len(shown) * 1.1), 5))
    axis.bar([p - 0.2 for p in positions], ours, width=0.4, label="pantau F1 (test split)")
    axis.bar(
        [p + 0.2 for p, v in zip(positions, papers, strict=True) if v is not None],
        [v for v in papers if v is not None],
        width=0.4,
        hatch="//",
        alpha=0.6,
        label="paper (own metric, see table)",
    )
    axis.set_xticks(list(positions), labels, rotation=45, ha="right", fontsize=8)
    axis.set_ylim(0, 1)
    axis.set_ylabel("score")
    axis.set_title("pantau classify: per-code F1 vs published results")
    axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


__all__ = [
    "ClassRow",
    "EvalRow",
    "PostsReport",
    "draw_chart",
    "evaluate",
    "evaluate_data",
    "evaluate_posts",
    "format_posts",
    "format_table",
    "to_json",
]
