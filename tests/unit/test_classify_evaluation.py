"""Evaluation: counts per (data set, head), scores, the table beside the papers, the chart."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantau.classify.datasets import Example
from pantau.classify.evaluation import EvalRow, draw_chart, evaluate, format_table
from pantau.domain.content import ContentSuggestion


class Fixed:
    """Suggests `degrading_institution` exactly for texts containing 'bodoh'."""

    def suggest_many(self, texts: list[str]) -> list[list[ContentSuggestion]]:
        return [
            [ContentSuggestion("degrading_institution", 0.9)] if "bodoh" in text else []
            for text in texts
        ]


def test_counts_only_test_rows_and_any_code_of_a_head_counts() -> None:
    examples = [
        Example("bupati bodoh", "ibrohim2018", "test", {"insult": 1}),
        Example("kamu bodoh", "ibrohim2018", "test", {"insult": 0}),
        Example("rapat pagi", "ibrohim2018", "test", {"insult": 1}),
        Example("rapat siang", "ibrohim2018", "test", {"insult": 0}),
        Example("bodoh", "ibrohim2018", "train", {"insult": 1}),
    ]
    (row,) = evaluate(Fixed(), examples)  # type: ignore[arg-type]
    assert (row.n, row.positives, row.tp, row.fp, row.fn) == (4, 2, 1, 1, 1)
    assert row.precision == pytest.approx(0.5)
    assert row.recall == pytest.approx(0.5)
    assert row.f1 == pytest.approx(0.5)
    assert row.fp_rate == pytest.approx(0.5)


def test_a_set_without_positives_reports_only_the_false_positive_rate() -> None:
    row = EvalRow("smsa", "pornography", n=10, positives=0, tp=0, fp=1, fn=0)
    assert row.recall is None
    assert row.f1 is None
    assert row.fp_rate == pytest.approx(0.1)


def test_the_table_shows_the_paper_figure_and_its_metric() -> None:
    table = format_table([EvalRow("ibrohim2018", "insult", 10, 5, 4, 1, 1)])
    assert "0.700" in table or "0.701" in table
    assert "F1, 3 classes" in table


def test_the_chart_is_a_png(tmp_path: Path) -> None:
    path = tmp_path / "f1.png"
    draw_chart([EvalRow("ibrohim2018", "insult", 10, 5, 4, 1, 1)], path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
