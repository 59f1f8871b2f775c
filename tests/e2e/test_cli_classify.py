"""`pantau classify` end to end: one text, JSON Lines in and out, bad lines, feedback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import require
from pantau.cli import main

ABUSIVE = "Bupati goblok, kerjanya cuma pencitraan!!"


def run(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["classify", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_a_text_prints_codes_scores_and_words() -> None:
    code, out, _ = run([ABUSIVE])
    assert code == 0
    first = out.splitlines()[0].split()
    assert first[0] == "degrading_institution"
    assert 0 < float(first[1]) <= 1
    assert "goblok" in out


def test_an_innocent_text_says_no_code_was_suggested() -> None:
    code, out, _ = run(["Selamat pagi, rapat koordinasi pukul sembilan", "--lang", "en"])
    assert code == 0
    assert out.startswith("No code suggested")


def test_json_lines_in_input_order_with_ids_and_only_codes_above_threshold() -> None:
    lines = [
        {"id": "a-1", "text": ABUSIVE},
        {"id": 2, "text": "Selamat pagi, rapat koordinasi pukul sembilan"},
        {"text": "joget dulu gaes sambil mukbang, order sekarang, link di bio"},
    ]
    code, out, _ = run(["-"], "\n".join(json.dumps(line) for line in lines) + "\n")
    assert code == 0
    objects = [json.loads(line) for line in out.splitlines()]
    assert [obj["id"] for obj in objects] == ["a-1", 2, None]
    assert objects[0]["labels"][0]["code"] == "degrading_institution"
    assert "goblok" in objects[0]["evidence"]
    assert objects[1] == {"id": 2, "labels": [], "evidence": []}
    scores = [label["score"] for label in objects[2]["labels"]]
    assert scores == sorted(scores, reverse=True)
    assert {"entertainment", "commercial"} <= {label["code"] for label in objects[2]["labels"]}


def test_bad_lines_are_named_the_others_processed_and_the_exit_status_is_2() -> None:
    stdin = "\n".join(
        [
            json.dumps({"id": "ok-1", "text": ABUSIVE}),
            "{not json",
            json.dumps({"id": "x"}),
            json.dumps({"id": "ok-2", "text": "rapat pagi"}),
        ]
    )
    code, out, err = run(["-"], stdin + "\n")
    assert code == 2
    objects = [json.loads(line) for line in out.splitlines()]
    assert [obj.get("id", obj.get("line")) for obj in objects] == ["ok-1", 2, 3, "ok-2"]
    assert "baris 2" in objects[1]["error"]
    assert "text" in objects[2]["error"]
    assert "baris 3" in err


def test_a_file_is_read_like_standard_input(tmp_path: Path) -> None:
    path = tmp_path / "texts.jsonl"
    path.write_text(json.dumps({"id": "f-1", "text": ABUSIVE}) + "\n", encoding="utf-8")
    code, out, _ = run([str(path)])
    assert code == 0
    assert json.loads(out)["id"] == "f-1"


def test_feedback_is_appended_to_the_store(tmp_path: Path) -> None:
    store = tmp_path / "feedback.jsonl"
    args = [
        "feedback",
        "atasan bego",
        "--store",
        str(store),
        "--reviewer",
        "bkpsdm-1",
        "--at",
        "2026-02-03T09:15:00+07:00",
        "--code",
        "badmouthing",
    ]
    assert run(args)[0] == 0
    assert run(args)[0] == 0
    records = [json.loads(line) for line in store.read_text(encoding="utf-8").splitlines()]
    assert [r["codes"] for r in records] == [["badmouthing"], ["badmouthing"]]


def test_feedback_without_offset_is_refused_with_the_fix(tmp_path: Path) -> None:
    args = [
        "feedback",
        "teks",
        "--store",
        str(tmp_path / "f.jsonl"),
        "--reviewer",
        "r",
        "--at",
        "2026-02-03T09:15:00",
    ]
    code, _, err = run(args)
    assert code == 2
    assert "offset" in err
    assert not (tmp_path / "f.jsonl").exists()


@pytest.mark.slow
def test_train_shows_progress_and_writes_a_loadable_model(tmp_path: Path) -> None:
    from pantau.classify.model import LinearModel
    from pantau.commands.classify import default_data_dir

    require(default_data_dir().is_dir(), "the labelled data sets", "put them at ../shared/data")
    args = ["train", "--sample", "20", "--out", str(tmp_path), "--candidate", "logreg_word"]
    args += ["--post-candidate", "posts_word_c4"]
    code, _, err = run(args)
    assert code == 0, err
    assert "Model terpilih: logreg_word" in err
    assert "Kepala posting terpilih: posts_word_c4" in err
    assert LinearModel.load(tmp_path).record["sample_per_split"] == 20


def test_a_line_that_is_not_utf8_is_reported_and_the_others_are_classified() -> None:
    good = json.dumps({"id": 1, "text": ABUSIVE}).encode()
    data = good + b'\n{"id": 2, "text": "x\xff"}\n'
    result = CliRunner().invoke(main, ["classify", "-"], input=b"\xef\xbb\xbf" + data + data)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 2
    assert [row.get("id", row.get("line")) for row in rows] == [1, 2, 1, 4]
    assert rows[0]["labels"] and "UTF-8" in rows[1]["error"]


@pytest.mark.slow
def test_evaluate_reports_public_splits_and_the_eleven_classes_of_the_held_out_writer() -> None:
    from pantau.classify.codes import SUGGESTED_CODES
    from pantau.commands.classify import default_data_dir

    require(default_data_dir().is_dir(), "the labelled data sets", "put them at ../shared/data")
    code, out, _ = run(["evaluate", "--json"])
    assert code == 0
    report = json.loads(out)
    assert {row["dataset"] for row in report["public"]} >= {"judol", "netifier", "stance"}
    posts = report["posts"]
    assert (posts["split"], posts["n"]) == ("test", 648)
    assert [row["name"] for row in posts["classes"]] == [*SUGGESTED_CODES, "none"]
    f1s = [row["f1"] for row in posts["classes"]]
    assert posts["macro_f1"] == pytest.approx(sum(f1s) / 11, abs=1e-3)
    assert 0 <= posts["none_flagged"] <= 1
