"""`pantau check` uses the shipped classifier when no person has judged the content."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from pantau.classify import load_default
from pantau.cli import main

TEXT = "Bupati goblok, kerjanya cuma pencitraan!! Ayo coblos nomor urut 2"


def activity(**signals: Any) -> dict[str, Any]:
    return {
        "id": "k-1",
        "agency": "kab-kepulauan-anambas",
        "platform": "facebook",
        "kind": "post",
        "started_at": "2026-02-03T19:15:00+07:00",
        "account": "@akun",
        "account_type": "personal",
        "employee": {"nip": None, "name": "Pegawai", "type": "PNS", "unit": "Dinas Contoh"},
        "text": TEXT,
        "signals": {"on_leave": False, **signals},
    }


def check(obj: dict[str, Any]) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["check", "-"], input=json.dumps(obj) + "\n")
    assert result.exit_code == 0, result.output
    finding: dict[str, Any] = json.loads(result.stdout.splitlines()[0])
    return finding


def test_an_abusive_political_text_without_content_is_suspected_with_score_and_words() -> None:
    finding = check(activity())
    assert finding["verdict"] == "needs_review"
    by_conduct = {v["conduct"]: v for v in finding["violations"]}
    suggested = {s.code: s for s in load_default().suggest(TEXT)}
    for conduct in ("degrading_institution", "practical_politics"):
        violation = by_conduct[conduct]
        assert violation["status"] == "suspected"
        assert f"{suggested[conduct].score:.2f}" in violation["explanation"]
        assert suggested[conduct].evidence[0] in violation["explanation"]
    assert "goblok" in by_conduct["degrading_institution"]["explanation"]
    assert "coblos" in by_conduct["practical_politics"]["explanation"]


def test_content_judged_by_a_person_silences_the_classifier() -> None:
    finding = check(activity(content=[]))
    conducts = {v["conduct"] for v in finding["violations"]}
    assert not conducts & {"degrading_institution", "practical_politics"}
