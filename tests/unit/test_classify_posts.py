"""The in-domain posts: split by writing pass, de-duplicated across splits, validated; and the
eleven-class report on them, whose title names the pass it reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pantau.classify.evaluation import evaluate_posts, format_posts
from pantau.classify.posts import CLASSES, POSTS_DIR, Post, load_posts
from pantau.commands.classify import _pass_of
from pantau.domain.content import ContentSuggestion
from pantau.domain.errors import DataError


def write(folder: Path, number: int, rows: list[dict[str, object]]) -> None:
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    (folder / f"pass-{number}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_passes_one_and_two_train_three_validates_four_tests(tmp_path: Path) -> None:
    for number in (1, 2, 3, 4):
        write(tmp_path, number, [{"text": f"post {number}", "codes": []}])
    splits = {post.source: post.split for post in load_posts(tmp_path)}
    assert splits == {"pass-1": "train", "pass-2": "train", "pass-3": "valid", "pass-4": "test"}


def test_a_text_of_the_test_pass_is_dropped_from_the_others(tmp_path: Path) -> None:
    write(tmp_path, 1, [{"text": "Open PO jastip!", "codes": ["commercial"]}])
    write(tmp_path, 3, [{"text": "open po, jastip", "codes": ["commercial"]}])
    write(tmp_path, 4, [{"text": "OPEN PO JASTIP", "codes": ["commercial"]}])
    assert [post.source for post in load_posts(tmp_path)] == ["pass-4"]


def test_feedback_joins_the_training_posts(tmp_path: Path) -> None:
    write(tmp_path, 1, [{"text": "rapat pagi", "codes": []}])
    review = Post("atasan bego", frozenset({"badmouthing"}), "feedback", "train")
    posts = load_posts(tmp_path, [review])
    assert [(post.source, post.split) for post in posts] == [
        ("pass-1", "train"),
        ("feedback", "train"),
    ]


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ('{"text": "x", "codes": ["rude"]}', "rude"),
        ('{"text": "", "codes": []}', "''"),
        ('{"codes": []}', "text"),
        ("not json", "not a post"),
    ],
)
def test_a_bad_line_names_the_file_the_line_and_what_is_wrong(
    tmp_path: Path, line: str, found: str
) -> None:
    (tmp_path / "pass-2.jsonl").write_text('{"text": "ok", "codes": []}\n' + line + "\n")
    with pytest.raises(DataError, match=rf"pass-2\.jsonl, line 2.*{found}"):
        load_posts(tmp_path)


def test_the_shipped_passes_are_complete_and_valid() -> None:
    posts = load_posts(POSTS_DIR)
    assert {post.source for post in posts} == {"pass-1", "pass-2", "pass-3", "pass-4"}
    assert len(posts) > 2500
    test_codes = {code for post in posts if post.split == "test" for code in post.codes}
    assert test_codes == set(CLASSES) - {"none"}


class Fixed:
    """Suggests `hoax` for texts with 'viral', `commercial` for texts with 'jual'."""

    def suggest_many(self, texts: list[str]) -> list[list[ContentSuggestion]]:
        out = []
        for text in texts:
            found = [ContentSuggestion("hoax", 0.9)] if "viral" in text else []
            found += [ContentSuggestion("commercial", 0.9)] if "jual" in text else []
            out.append(found)
        return out


def test_the_report_counts_eleven_classes_macro_f1_and_none_flagged() -> None:
    posts = [
        Post("viralkan", frozenset({"hoax"}), "pass-4", "test"),
        Post("viral jual", frozenset({"hoax"}), "pass-4", "test"),
        Post("jual", frozenset(), "pass-4", "test"),
        Post("rapat", frozenset(), "pass-4", "test"),
        Post("bocoran", frozenset({"confidential_disclosure"}), "pass-4", "test"),
        Post("viral", frozenset({"hoax"}), "pass-3", "valid"),
    ]
    report = evaluate_posts(Fixed(), posts, "test")  # type: ignore[arg-type]
    rows = {row.name: row for row in report.rows}
    assert report.n == 5
    assert (rows["hoax"].tp, rows["hoax"].fp, rows["hoax"].fn) == (2, 0, 0)
    assert (rows["commercial"].tp, rows["commercial"].fp) == (0, 2)
    assert (rows["none"].support, rows["none"].tp, rows["none"].fp) == (2, 1, 1)
    assert report.none_flagged == pytest.approx(0.5)
    f1s = {"hoax": 1.0, "none": 0.5}  # every other class: 0 (no support or no hit)
    assert report.macro_f1 == pytest.approx(sum(f1s.values()) / 11)
    assert "macro-F1 over 11 classes" in format_posts(report, "test")


def test_the_posts_table_names_the_pass_it_reports() -> None:
    assert _pass_of("test") == "pass 4: a writer never trained on"
    assert _pass_of("valid") == "pass 3: the validation writer, thresholds chosen on it"
