"""Who may record what on a case, and what time alone changes (found by a review, each test
its probe turned round): the employee files on the day they file; decisions are recorded by
BKPSDM or an authorised official, never by a unit head alone; a unit head opens cases only in
their units; a step taken once is not taken twice; a heavy breach needs its team; a sanction
revoked on objection is no earlier sanction; a delivered case is not overdue for the
employee's optional objection, and becomes final when its windows close."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from tests.web.test_cases import (  # noqa: F401 (fixtures)
    WIB,
    _stores,
    as_json,
    confirmed,
    line,
    ok,
    open_case,
    step,
)

from pantau.web.access.scope import scope_for
from pantau.web.cases import services
from pantau.web.cases.models import Case, Document
from pantau.web.cases.procedure import history
from pantau.web.intake.models import Report


def at(day: str) -> tuple[date, datetime]:
    return date.fromisoformat(day), datetime.fromisoformat(day + "T10:00").replace(tzinfo=WIB)


def _delivered(scope: Any, report: Report) -> Case:
    """A ringan case through the services: summoned, examined, a written reprimand decided on
    10 Feb 2026 and delivered on 11 Feb 2026."""
    case = services.open_case(scope, [report], {report.pk: "ringan"}, "a",
                              *at("2026-02-03")).case
    services.record(scope, case, "summoned", {"on": "2026-02-04", "scheduled": "2026-02-09"},
                    "a", *at("2026-02-04"))
    services.save_answers(case, [{"q": "Q", "a": "A"}], "", "")
    services.record(scope, case, "examined", {"on": "2026-02-09"}, "a", *at("2026-02-09"))
    services.record(scope, case, "decided", {"on": "2026-02-10", "sanction": "teguran_tertulis"},
                    "a", *at("2026-02-10"))
    services.record(scope, case, "delivered", {"on": "2026-02-11"}, "a", *at("2026-02-11"))
    return case


def _examine(client: Any, case: Case) -> None:
    step(client, case, "summoned", on="2026-02-04", scheduled="2026-02-09")
    client.post(f"/cases/{case.pk}/examination/", data={"answers": [{"q": "Q", "a": "A"}]},
                content_type="application/json")
    step(client, case, "examined", on="2026-02-09")


def test_a_unit_head_summons_but_does_not_decide(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    """PP 94/2021 Pasal 18–25: the sanction is the authorised official's; a unit head records
    the superior's steps (summons, examination) but not a decision or a team (Pasal 29)."""
    case = open_case(login("admin_ktp"), confirmed(world, line["staff"]))
    kadis = login("kadis")
    _examine(kadis, case)
    assert case.events.filter(kind="examined").exists()
    mine = as_json(kadis, case)
    assert mine["may_manage"] and "decided" not in mine["may_record"]
    assert "team_formed" not in mine["may_record"]
    refused = step(kadis, case, "decided", on="2026-02-11", sanction="teguran_tertulis")
    assert not ok(refused) and not case.events.filter(kind="decided").exists()
    assert ok(step(login("admin_ktp"), case, "decided", on="2026-02-11",
                   sanction="teguran_tertulis"))


def test_a_unit_head_opens_cases_only_in_their_units(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    other = world.employees["staf_umum"]  # Bagian Umum, under the Setda: not Dinas Kesehatan
    other.level = "PELAKSANA"
    other.save()
    report = confirmed(world, other)
    Report.objects.filter(pk=report.pk).update(filed_by=world.users["kadis"])
    kadis = login("kadis")
    listed = kadis.get("/cases/open.json").json()
    assert report.pk not in [row.get("report", row.get("id")) for row in listed["results"]]
    kadis.post("/cases/open/", {"report": [str(report.pk)], f"level-{report.pk}": "ringan"})
    assert not Case.objects.filter(employee=other).exists()
    case = open_case(login("admin_ktp"), report)  # BKPSDM may
    assert case.employee_id == other.pk


def test_a_step_taken_once_is_not_taken_twice(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    client = login("admin_ktp")
    case = open_case(client, confirmed(world, line["staff"]), level="berat")
    client.post(f"/cases/{case.pk}/team/", {"member": line["kabid"].nip, "role": "ketua"})
    assert ok(step(client, case, "team_formed", on="2026-02-03"))
    again = step(client, case, "team_formed", on="2026-02-03")
    assert not ok(again)
    assert Document.objects.filter(case=case, kind="pembentukan_tim").count() == 1


def test_a_heavy_breach_is_not_examined_without_its_team(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    """PP 94/2021 Pasal 29: a berat breach is examined by a team; without one the examination
    (and so the decision) would be void: refused, not merely flagged."""
    client = login("admin_ktp")
    case = open_case(client, confirmed(world, line["staff"]), level="berat")
    _examine(client, case)
    assert not case.events.filter(kind="examined").exists()


def test_a_sanction_revoked_on_objection_is_no_earlier_sanction(
    world: Any, line: dict[str, Any]  # noqa: F811
) -> None:
    """PP 79/2021: a revoked decision leaves no sanction; PP 94/2021 Pasal 35 escalates only
    on an earlier sanction that stands."""
    scope = scope_for(User.objects.get(username="admin_ktp"), date(2026, 2, 3))
    staff = line["staff"]
    case = _delivered(scope, confirmed(world, staff, "2026-02-02T10:00"))
    second = confirmed(world, staff, "2026-03-02T10:00")
    later = services.open_case(scope, [second], {second.pk: "ringan"}, "a",
                               *at("2026-03-03")).case
    assert [past.sanction for past in history(later)] == ["teguran_tertulis"]
    services.record(scope, case, "objection_filed", {"on": "2026-02-12"}, "a", *at("2026-02-12"))
    services.record(scope, case, "objection_decided", {"on": "2026-02-20", "outcome": "revoke"},
                    "a", *at("2026-02-20"))
    assert history(later) == ()


def test_a_delivered_case_is_not_overdue_for_the_employees_objection_and_becomes_final(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    scope = scope_for(User.objects.get(username="admin_ktp"), date(2026, 2, 3))
    case = _delivered(scope, confirmed(world, line["staff"]))
    case.refresh_from_db()
    assert case.next_due is None and not case.overdue  # only the employee may act: no deadline
    from pantau.web.audit.models import AuditEntry

    audited = AuditEntry.objects.filter(model="cases.case").count()
    home = login("admin_ktp").get("/?format=json").json()  # today, months later
    assert case.number not in [c["number"] for c in home["cases"]["overdue"]]
    case.refresh_from_db()
    assert case.stage == "final" and case.checked_on is not None
    # worked out again from audited steps: no one's change, no entry in the reader's name
    assert AuditEntry.objects.filter(model="cases.case").count() == audited
    listed = login("admin_ktp").get("/cases.json?overdue=1").json()
    assert case.number not in [row["number"] for row in listed["results"]]


def test_the_employee_reads_their_superiors_name_not_their_nip(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    case = open_case(login("admin_ktp"), confirmed(world, line["staff"]))
    mine = as_json(login("dewi"), case)
    whos = [s["who"] for s in mine["next"] if s.get("who")]
    assert whos and all(w["nip"] != line["kasi"].nip for w in whos)
    assert any(w["name"] == "Kasi Keperawatan" for w in whos)
    managed = as_json(login("admin_ktp"), case)
    assert any(s["who"] and s["who"]["nip"] == line["kasi"].nip for s in managed["next"])


def test_the_decision_says_when_it_takes_effect_as_the_law_does(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    """PP 94/2021 Pasal 38: a decision takes effect after the remedy window, not on receipt."""
    client = login("admin_ktp")
    case = open_case(client, confirmed(world, line["staff"]))
    _examine(client, case)
    assert ok(step(client, case, "decided", on="2026-02-11", sanction="teguran_tertulis"))
    decision = Document.objects.get(case=case, kind="keputusan_teguran_tertulis")
    text = decision.context["in_force"]
    assert "Pasal 38" in text and "sejak tanggal diterima" not in text


def test_the_examination_refuses_what_cannot_be_stored_and_freezes_once_recorded(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    """PP 94/2021 Pasal 27: the BAP is signed at the examination; text PostgreSQL cannot
    store (NUL, half a character) and JSON nested beyond reason are a 400, not a 500."""
    import json

    client = login("admin_ktp")
    case = open_case(client, confirmed(world, line["staff"]))
    url = f"/cases/{case.pk}/examination/"
    for body in (json.dumps({"answers": [{"q": "Q", "a": "\udc00"}]}),
                 json.dumps({"answers": [{"q": "Q\u0000", "a": "A"}]}),
                 json.dumps({"answers": [], "place": "x\u0000"}),
                 '{"answers": [' + "[" * 100000 + "]" * 100000 + "]}"):
        answer = client.post(url, data=body, content_type="application/json")
        assert answer.status_code == 400, body[:40]
    _examine(client, case)
    assert case.events.filter(kind="examined").exists()
    late = client.post(url, data={"answers": [{"q": "Q", "a": "B"}]},
                       content_type="application/json")
    assert late.status_code == 409
    assert case.examination.answers == [{"q": "Q", "a": "A"}]


def test_the_objection_is_ruled_by_the_superior_of_the_official_who_decided(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    """PP 79/2021: an objection to the Pengawas's decision is decided by their superior (the
    Administrator), who signs the ruling; an appeal is BPASN's, so the agency makes no
    letter for it."""
    client = login("admin_ktp")
    case = open_case(client, confirmed(world, line["staff"]))
    _examine(client, case)
    assert ok(step(client, case, "decided", on="2026-02-11", sanction="teguran_tertulis"))
    assert ok(step(client, case, "delivered", on="2026-02-12"))
    assert ok(step(client, case, "objection_filed", on="2026-02-13"))
    said = step(client, case, "objection_decided", on="2026-02-16", outcome="uphold")
    assert ok(said), said
    ruling = Document.objects.get(case=case, kind="putusan_keberatan")
    assert ruling.context["signer"]["name"] == "Kabid Pelayanan"
    from pantau.documents.render import letters_for

    assert letters_for("", "appeal_decided") == ()
    assert letters_for("", "objection_decided") == ("putusan_keberatan",)


def test_a_team_member_below_the_examinee_is_refused_with_the_basis(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    """PP 94/2021 Pasal 29: no member of the team is lower than the examinee; the refusal
    cites the basis from the regime's law data."""
    import pytest

    case = open_case(login("admin_ktp"), confirmed(world, line["kasi"]), level="berat")
    with pytest.raises(services.CaseRefused, match="Pasal 29"):
        services.add_member(case, line["staff"], "anggota")
    assert not case.team.exists()
