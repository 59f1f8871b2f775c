"""`pantau check` and `pantau policy` end to end, on the shipped policies and calendars."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pantau.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "activities.jsonl"

SPEC_EXAMPLE = {
    "id": "a-001", "agency": "kab-ketapang", "platform": "tiktok", "kind": "live",
    "started_at": "2026-02-03T09:15:00+07:00", "ended_at": "2026-02-03T09:40:00+07:00",
    "account": "@handle", "account_type": "personal",
    "employee": {"nip": "198703122010011002", "name": "…", "type": "PNS", "unit": "Dinas …"},
    "text": "caption, comment or transcript",
    "signals": {"official_duty": False, "leader_permission": None, "uniform_visible": True,
                "asn_identity_shown": None, "location": "office", "commercial": None,
                "confidential_material": None, "on_leave": False,
                "content": ["improper_content"]},
    "evidence": [{"url": "https://example.org/x", "sha256": "0" * 64, "captured_at": "…"}],
}


def _run(lines: list[str], *options: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(main, ["check", "--no-classify", *options, "-"],
                                input="\n".join(lines) + "\n")
    output = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, output, result.stderr


def test_the_spec_example_is_a_violation_of_ketapang_se_5_2026() -> None:
    code, (finding,), _ = _run([json.dumps(SPEC_EXAMPLE)])
    assert code == 0
    assert finding["activity_id"] == "a-001" and finding["verdict"] == "violation"
    rules = {(v["policy"], v["conduct"], v["status"]) for v in finding["violations"]}
    assert ("kab-ketapang/se-5-2026", "live_in_work_hours", "established") in rules
    assert finding["work_time"] == {
        "local": "2026-02-03T09:15:00+07:00", "working": True,
        "reason": finding["work_time"]["reason"],
    }
    assert set(finding["violations"][0]) == {
        "policy", "rule", "conduct", "status", "missing", "clause", "explanation"}


def test_valid_and_invalid_lines_keep_input_order_and_exit_2() -> None:
    lines = [
        json.dumps({**SPEC_EXAMPLE, "id": "first"}),
        "this is not json",
        json.dumps({**SPEC_EXAMPLE, "id": "third", "started_at": "2026-02-03T09:15:00"}),
        json.dumps({**SPEC_EXAMPLE, "id": "fourth", "agency": "kab-atlantis"}),
        json.dumps({k: v for k, v in SPEC_EXAMPLE.items() if k != "kind"}),
        json.dumps({**SPEC_EXAMPLE, "id": "sixth", "started_at": "2026-02-03T19:15:00+07:00",
                    "ended_at": None}),
    ]
    code, output, _ = _run(lines)
    assert code == 2
    assert [o.get("activity_id", o.get("line")) for o in output] == ["first", 2, 3, 4, 5, "sixth"]
    assert [o["verdict"] for o in output] == [
        "violation", "invalid", "invalid", "invalid", "invalid", "no_violation"]
    assert "kab-atlantis" in str(output[3]["error"]) and "kind" in str(output[4]["error"])


def test_an_unknown_signal_is_suspected_and_named_in_missing() -> None:
    activity = {**SPEC_EXAMPLE, "signals": {**SPEC_EXAMPLE["signals"], "official_duty": None}}
    code, (finding,), _ = _run([json.dumps(activity)])
    assert code == 0 and finding["verdict"] == "needs_review"
    live = next(v for v in finding["violations"] if v["conduct"] == "live_in_work_hours")
    assert live["status"] == "suspected" and live["missing"] == ["official_duty"]


def test_english_explanations_with_lang_en() -> None:
    _, (finding,), _ = _run([json.dumps(SPEC_EXAMPLE)], "--lang", "en")
    assert finding["violations"][0]["explanation"].startswith("Breaches")


def test_summary_goes_to_stderr_and_counts_verdicts() -> None:
    _, output, stderr = _run([json.dumps(SPEC_EXAMPLE), "oops"], "--summary")
    assert len(output) == 2
    assert "violation" in stderr and "invalid" in stderr and "kab-ketapang" in stderr


def test_the_shipped_examples_check_and_stream_through_a_pipe() -> None:
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "pantau"), "check", "--no-classify", "--summary",
         str(EXAMPLES)],
        capture_output=True, text=True, check=False,
    )
    lines = EXAMPLES.read_text(encoding="utf-8").splitlines()
    output = [json.loads(line) for line in completed.stdout.splitlines()]
    assert len(output) == len([line for line in lines if line.strip()])
    verdicts = {o["verdict"] for o in output}
    assert verdicts == {"violation", "needs_review", "no_violation"}
    assert completed.returncode == 0 and "Ringkasan" in completed.stderr


def test_the_example_with_errors_reports_each_bad_line_and_exits_2() -> None:
    errors = EXAMPLES.with_name("activities-with-errors.jsonl")
    result = CliRunner().invoke(main, ["check", "--no-classify", str(errors)])
    output = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 2
    assert [o["verdict"] == "invalid" for o in output] == [False] * 3 + [True] * 4
    assert [o["line"] for o in output[3:]] == [4, 5, 6, 7]


def test_policy_lint_reports_file_and_line_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "policy.yaml"
    bad.write_text("id: kab-x/se-1\nagency: kab-x\ntitle: t\nsigned: 2026-01-01\n"
                   "in_force: {from: 2026-01-01}\napplies_to: [PNS]\nsanction_basis: []\n"
                   "rules:\n  - id: r\n    conduct: joget\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["policy", "lint", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:10: rules[0].conduct" in result.stderr


def test_policy_list_show_and_test_on_the_shipped_policies() -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["policy", "list"])
    assert listed.exit_code == 0 and "kab-ketapang/se-5-2026" in listed.stdout
    shown = runner.invoke(main, ["policy", "show", "kota-bekasi/se-800-6519-bkppd-pka"])
    assert "PP 53/2010" in shown.stdout and "PP 94/2021" in shown.stdout
    tested = runner.invoke(main, ["policy", "test"])
    assert tested.exit_code == 0 and " 0 gagal" in tested.stdout


@pytest.mark.parametrize(("lang", "words"), [
    ("id", ["membebaskan hanya unsur", "dibatasi konten yang diperbolehkan"]),
    ("en", ["exempts only the element(s)", "qualified by allowed content"]),
])
def test_policy_show_displays_the_allowed_content_clause_and_what_it_exempts(
    lang: str, words: list[str]
) -> None:
    # Issue 9: "ASN tetap diperbolehkan berkreasi ... edukatif" exempts "tidak mencerminkan
    # nilai dasar ASN" in the creator clause, and nothing else.
    shown = CliRunner().invoke(main, ["policy", "show", "--lang", lang,
                                      "kab-pasaman-barat/se-800-1-6-2-1641-bkpsdm-2025"])
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if "ASN tetap diperbolehkan berkreasi" in line)
    assert words[0] in lines[start + 1]
    assert lines[start + 2].strip() == ("[konten-kreator] content_is(content_creator_conflict) "
                                        "— “tidak mencerminkan nilai dasar ASN”")
    assert sum(words[1] in line for line in lines) == 1


def test_a_ketapang_cafe_in_working_time_breaches_with_or_without_uniform() -> None:
    cafe = {"id": "k", "agency": "kab-ketapang", "kind": "offline",
            "started_at": "2026-02-03T10:00:00+07:00", "employee": {"type": "PNS"},
            "signals": {"location": "cafe", "official_duty": False}}
    plain = dict(cafe, id="k2", signals={**cafe["signals"], "uniform_visible": False})
    code, findings, _ = _run([json.dumps(cafe), json.dumps(plain)], "--lang", "en")
    assert code == 0 and [f["verdict"] for f in findings] == ["violation", "violation"]
    assert "Aggravating circumstances" in findings[1]["violations"][0]["explanation"]


def test_before_any_policy_and_any_calendar_year_there_is_nothing_to_breach() -> None:
    old = {"id": "old", "agency": "kota-bekasi", "kind": "video",
           "started_at": "2019-05-06T10:00:00+07:00", "signals": {"content": ["improper_content"]}}
    code, (finding,), _ = _run([json.dumps(old)])
    assert code == 0 and finding["verdict"] == "no_violation"


def test_a_year_the_calendars_do_not_cover_while_a_policy_is_in_force_is_invalid() -> None:
    future = {"id": "f", "agency": "kota-bekasi", "kind": "video",
              "started_at": "2031-05-06T10:00:00+07:00"}
    code, (finding,), _ = _run([json.dumps(future)])
    assert code == 2 and finding["verdict"] == "invalid" and "2031" in str(finding["error"])


def test_a_line_that_is_not_utf8_is_invalid_and_the_others_are_still_checked() -> None:
    good = json.dumps(SPEC_EXAMPLE).encode()
    data = b"\xef\xbb\xbf" + good + b'\n{"id": "x\xff", "agency": "kota-bekasi"}\n' + good + b"\n"
    result = CliRunner().invoke(main, ["check", "--no-classify", "-"], input=data)
    output = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 2
    assert [o.get("activity_id", o.get("line")) for o in output] == ["a-001", 2, "a-001"]
    assert output[0]["verdict"] == "violation"  # the BOM before line 1 is dropped
    assert "UTF-8" in output[1]["error"] and "0xff" in output[1]["error"]


def test_progress_reports_lines_read_on_stderr_only_when_asked(tmp_path: Path) -> None:
    source = tmp_path / "activities.jsonl"
    source.write_text((json.dumps(SPEC_EXAMPLE) + "\n") * 3, encoding="utf-8")
    shown = CliRunner().invoke(main, ["check", "--no-classify", "--progress", str(source)])
    quiet = CliRunner().invoke(main, ["check", "--no-classify", str(source)])
    assert shown.exit_code == quiet.exit_code == 0
    assert "pantau check: 3 baris dibaca (100%)" in shown.stderr
    assert "dibaca" not in quiet.stderr  # not a terminal: no progress unless asked
    assert shown.stdout == quiet.stdout  # findings are the same either way


def test_progress_reports_every_n_lines_with_the_share_of_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pantau.commands.check import Progress

    source = tmp_path / "lines.jsonl"
    source.write_bytes(b"0123456789\n" * 10)
    with source.open("rb") as handle:
        assert sum(1 for _ in Progress(handle, "en", every=4).wrap(handle)) == 10
    assert capsys.readouterr().err.splitlines() == [
        "pantau check: 4 lines read (40%)",
        "pantau check: 8 lines read (80%)",
        "pantau check: 10 lines read (100%)",
    ]


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        ("[" * 5000 + "]" * 5000, "terlalu dalam"),
        ('{"id": "x", "a": ' + '{"b": ' * 1200 + "1" + "}" * 1200 + "}", "terlalu dalam"),
        (json.dumps({**SPEC_EXAMPLE, "id": "\ud800"}), "surrogate"),
        (json.dumps({**SPEC_EXAMPLE, "text": "ok \udfff"}), "surrogate"),
    ],
)
def test_a_line_nested_too_deep_or_with_a_lone_surrogate_is_invalid_and_the_run_goes_on(
    tmp_path: Path, bad: str, said: str
) -> None:
    """Issue 14: such a line stopped the run with a traceback (RecursionError on parsing,
    UnicodeEncodeError on writing) and lost every later line. A real process, so that the
    real standard output (UTF-8, strict) is written to."""
    good = json.dumps(SPEC_EXAMPLE)
    pair = json.dumps({**SPEC_EXAMPLE, "id": "\U0001f600"})  # an escaped pair is one character
    source = tmp_path / "lines.jsonl"
    source.write_text("\n".join([good, bad, pair, good]) + "\n", encoding="utf-8")
    done = subprocess.run(
        [str(Path(sys.executable).with_name("pantau")), "check", "--no-classify", str(source)],
        capture_output=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, check=False,
    )
    assert done.returncode == 2, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    output = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [o.get("activity_id", o.get("line")) for o in output] == [
        "a-001", 2, "\U0001f600", "a-001"]
    assert output[1]["verdict"] == "invalid" and said in output[1]["error"]
    assert output[1]["error"].startswith("baris 2: ")


def test_a_time_at_the_edge_of_what_a_datetime_holds_is_invalid_and_the_run_goes_on() -> None:
    # Found by a probe: these crashed the whole run with OverflowError when the start was
    # converted to the agency's zone (SPEC §4: a bad line is `invalid`, the others checked).
    edges = ["0001-01-01T00:00:00+07:00", "0001-01-01T00:00:00+14:00",
             "9999-12-31T23:00:00+00:00", "9999-12-31T23:59:59-07:00"]
    lines = [json.dumps(SPEC_EXAMPLE)]
    for at in edges:
        lines.append(json.dumps({**SPEC_EXAMPLE, "started_at": at, "ended_at": None}))
    lines.append(json.dumps({**SPEC_EXAMPLE, "ended_at": "9999-12-31T23:00:00+00:00"}))
    lines.append(json.dumps(SPEC_EXAMPLE))
    code, found, _ = _run(lines)
    assert code == 2 and len(found) == len(lines)
    assert found[0]["verdict"] == found[-1]["verdict"] == "violation"
    for number, item in enumerate(found[1:-1], start=2):
        assert item["line"] == number and item["verdict"] == "invalid"
        assert f"baris {number}:" in str(item["error"])
        assert "years 1 and 9999" in str(item["error"])
    assert "'ended_at'" in str(found[-2]["error"])


def test_a_content_code_that_is_not_a_conduct_code_is_invalid_and_named() -> None:
    # SPEC §4: `signals.content` lists conduct codes (SPEC §2) a person established; a typo
    # would otherwise drop the violation silently.
    typo = {**SPEC_EXAMPLE, "signals": {**SPEC_EXAMPLE["signals"],  # type: ignore[dict-item]
                                        "content": ["improper_content", "IMPROPER_CONTENT"]}}
    code, (bad, good), _ = _run([json.dumps(typo), json.dumps(SPEC_EXAMPLE)], "--lang", "en")
    assert code == 2
    assert bad["verdict"] == "invalid" and bad["line"] == 1
    assert "'IMPROPER_CONTENT' is not a conduct code" in str(bad["error"])
    assert "improper_content" in str(bad["error"]).split("the codes are")[1]
    assert good["verdict"] == "violation"


def test_an_empty_id_is_named_empty_and_a_date_alone_is_told_a_time_that_works() -> None:
    code, (empty, dated), _ = _run([json.dumps({**SPEC_EXAMPLE, "id": ""}),
                                    json.dumps({**SPEC_EXAMPLE, "started_at": "2026-02-03",
                                                "ended_at": None})])
    assert code == 2
    assert "field 'id' is empty" in str(empty["error"])
    suggested = str(dated["error"]).split("e.g. '")[1].split("'")[0]
    assert suggested == "2026-02-03T00:00:00+07:00"
    code, (finding,), _ = _run([json.dumps({**SPEC_EXAMPLE, "started_at": suggested,
                                            "ended_at": None})])
    assert code == 0 and finding["activity_id"] == "a-001"  # the suggestion is accepted
