"""Disciplinary cases on the web (issue 11; REGULATIONS.md §1.5–1.12, §2): a case opened from
confirmed findings of one employee, each step checked by the state machine of
pantau.domain.procedure and refused when it would void the decision, who must act by name and
by when, the letters as DOCX and their PDF by LibreOffice, the employee's own view and
objection, scope, and the audit trail."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from docx import Document as Docx
from tests.conftest import require

from pantau.domain.access import Role
from pantau.domain.procedure.authority import Official
from pantau.domain.procedure.law import Basis
from pantau.domain.procedure.progress import NextStep
from pantau.domain.procedure.steps import Role as Actor
from pantau.domain.procedure.steps import Step
from pantau.web.access.models import Membership
from pantau.web.audit.models import AuditEntry
from pantau.web.cases import letters
from pantau.web.cases.models import Case, Document
from pantau.web.cases.present import colour
from pantau.web.intake.models import Report
from pantau.web.review import services as review

WIB = ZoneInfo("Asia/Jakarta")
PASSWORD = "rahasia-sekali-123"


@pytest.fixture(autouse=True)
def _stores(evidence_in_tmp: Path, immediate_tasks: None) -> None:
    """Evidence and letters under the test's folder, tasks at once (tests/web/conftest.py)."""


@pytest.fixture
def line(world: Any) -> dict[str, Any]:
    """In RSUD (Ketapang): a pelaksana under a Pengawas under an Administrator under the
    head of Dinas Kesehatan (JPT Pratama); the pelaksana signs in as an employee."""
    kadis = world.employees["kadinkes"]
    kadis.level = "JPT_PRATAMA"
    kadis.save()
    kabid = world.employee("kabid", "kab-ketapang", "RSUD", "197808082005011008",
                           name="Kabid Pelayanan", level="ADMINISTRATOR", superior=kadis,
                           position="Kepala Bidang Pelayanan")
    kasi = world.employee("kasi", "kab-ketapang", "RSUD", "198009092006041009",
                          name="Kasi Keperawatan", level="PENGAWAS", superior=kabid,
                          position="Kepala Seksi Keperawatan")
    staff = world.employee("staf", "kab-ketapang", "RSUD", "199610102021012010",
                           name="Dewi Pelaksana", level="PELAKSANA", superior=kasi,
                           position="Pengadministrasi Umum")
    user = User.objects.create_user("dewi", password=PASSWORD)
    Membership.objects.create(user=user, agency_id="kab-ketapang", role=Role.EMPLOYEE,
                              employee=staff)
    return {"staff": staff, "kasi": kasi, "kabid": kabid, "kadis": kadis}


def confirmed(world: Any, employee: Any, happened: str = "2026-02-02T10:00") -> Report:
    """A report confirmed through the review services: a personal live stream in working
    time (the Ketapang circular, SE Bupati Ketapang 2025 butir 1)."""
    report = Report.objects.create(
        agency_id=employee.agency_id, source="monitor", kind="live", platform="tiktok",
        links=["https://www.tiktok.com/@dewi/live"], account="@dewi",
        happened_at=datetime.fromisoformat(happened).replace(tzinfo=WIB),
        description="Siaran langsung TikTok pribadi saat jam kerja.")
    now = datetime(2026, 2, 3, 9, 0, tzinfo=WIB)
    review.identify(report, employee, "admin_ktp", now)
    review.establish(report, {"account_type": "personal", "official_duty": False,
                              "uniform_visible": True}, "admin_ktp", now)
    review.confirm(report, world.users["admin_ktp"], now)
    report.refresh_from_db()
    assert report.status == "confirmed", report.check_error
    return report


def open_case(client: Any, *reports: Report, level: str = "ringan") -> Case:
    data: dict[str, Any] = {"report": [str(r.pk) for r in reports]}
    data |= {f"level-{r.pk}": level for r in reports}
    response = client.post("/cases/open/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.order_by("-pk").first()
    assert case is not None
    return case


def step(client: Any, case: Case, kind: str, **values: str) -> list[str]:
    """Record a step; the messages the page shows after it."""
    response = client.post(f"/cases/{case.pk}/record/", {"kind": kind, **values}, follow=True)
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]][-1:]


def ok(said: list[str]) -> bool:
    return said[0].startswith(("Tercatat", "Recorded"))


def as_json(client: Any, case: Case) -> dict[str, Any]:
    response = client.get(f"/cases/{case.pk}.json")
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data


def docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Docx(io.BytesIO(content)).paragraphs)


# ----- the whole path ---------------------------------------------------------------------
def test_a_pelaksana_live_stream_goes_from_finding_to_a_delivered_light_sanction(
    world: Any, line: dict[str, Any], login: Any
) -> None:
    """PP 94/2021 Pasal 24–27, 31–33, 38: the direct superior (the Pengawas) summons and
    examines; a light sanction on a pelaksana is the Pengawas's to impose (Pasal 18 ayat (1)
    huruf... as the authority table says); the letters follow each step."""
    report = confirmed(world, line["staff"])
    client = login("admin_ktp")
    case = open_case(client, report)
    data = as_json(client, case)
    assert data["stage"] == "reported" and case.number.startswith("KD-")
    summons = next(s for s in data["next"] if s["step"] == "summons")
    assert summons["who"]["name"] == "Kasi Keperawatan"

    assert ok(step(client, case, "summoned", on="2026-02-04", scheduled="2026-02-09",
                place="Ruang Kepegawaian RSUD"))
    assert Document.objects.filter(case=case, kind="surat_panggilan_1").count() == 1
    examination = client.post(f"/cases/{case.pk}/examination/", data={
        "answers": [{"q": "Apakah Saudara melakukan siaran langsung pada 2 Februari 2026?",
                     "a": "Ya, sekitar pukul 10.00."}], "place": "Ruang Kepegawaian RSUD",
        "mode": "langsung"}, content_type="application/json")
    assert examination.status_code == 200 and examination.json()["answers"] == 1
    step(client, case, "examined", on="2026-02-09")
    data = as_json(client, case)
    assert data["authority"]["official"] == Official.PENGAWAS.value
    allowed = [s["id"] for s in data["allowed"]]
    assert allowed and "teguran_tertulis" in allowed and "pemberhentian_dengan_hormat" \
        not in allowed

    refused = step(client, case, "decided", on="2026-02-10", sanction="pemotongan_tukin_6_bulan")
    assert "outside the allowed range" in refused[0] and case.events.count() == 3
    step(client, case, "decided", on="2026-02-10", sanction="teguran_tertulis")
    step(client, case, "delivered", on="2026-02-11")
    data = as_json(client, case)
    assert data["decided"]["id"] == "teguran_tertulis"
    assert data["stage"] in ("delivered", "in_force", "final")
    kinds = [d["kind"] for d in data["documents"]]
    assert kinds == ["surat_panggilan_1", "bap", "laporan_hasil_pemeriksaan",
                     "keputusan_teguran_tertulis", "surat_penyampaian"]
    numbers = [d["number"] for d in data["documents"]]
    assert len(set(numbers)) == 5 and all("/BKPSDM/2026" in n for n in numbers)

    decision = Document.objects.get(case=case, kind="keputusan_teguran_tertulis")
    text = docx_text(decision.docx.read())
    assert "Dewi Pelaksana" in text and "199610102021012010" in text
    assert "10 Februari 2026" in text and "TEGURAN TERTULIS" in text
    assert "PP 94/2021 Pasal 8 ayat (2) huruf b" in text
    assert docx_text(letters.reprint(decision)) == text  # an old letter re-prints exactly
    kinds_audited = set(AuditEntry.objects.filter(model__startswith="cases.").values_list(
        "model", flat=True))
    assert {"cases.case", "cases.event", "cases.document"} <= kinds_audited


def test_the_pdf_is_made_by_libreoffice_and_archived_with_its_hash(
    world: Any, line: dict[str, Any], login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Issue 11, documents: the PDF converted by LibreOffice headless carries the employee,
    the breached clause and the dates; its SHA-256 is kept."""
    require(bool(shutil.which("soffice")), "LibreOffice",
            "apt-get install libreoffice-writer-nogui")
    require(bool(shutil.which("pdftotext")), "pdftotext", "apt-get install poppler-utils")
    import hashlib

    client = login("admin_ktp")
    case = open_case(client, confirmed(world, line["staff"]))
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs after commit
        step(client, case, "summoned", on="2026-02-04", scheduled="2026-02-09")
    letter = Document.objects.get(case=case, kind="surat_panggilan_1")
    assert letter.pdf and letter.pdf_error == ""
    pdf = letter.pdf.read()
    assert hashlib.sha256(pdf).hexdigest() == letter.pdf_sha256
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert "SURAT PANGGILAN" in text and "Dewi Pelaksana" in text
    assert "Senin, 9 Februari 2026" in text and "4 Februari 2026" in text
    assert "SE Bupati Ketapang" in " ".join(text.split()) or "Ketapang" in text
    response = client.get(f"/cases/{case.pk}/letters/{letter.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


# ----- refusals ---------------------------------------------------------------------------
def test_a_case_is_about_one_employee_and_a_finding_is_judged_once(
    world: Any, line: dict[str, Any], login: Any
) -> None:
    """PP 94/2021 Pasal 35 ayat (3) (one breach is not sanctioned twice): a report already
    in a case cannot open another; findings of two employees cannot make one case."""
    client = login("admin_ktp")
    first = confirmed(world, line["staff"])
    open_case(client, first)
    again = client.post("/cases/open/", {"report": [str(first.pk)], f"level-{first.pk}":
                                         "ringan"}, follow=True)
    assert Case.objects.count() == 1 and said(again) in (
        "Choose at least one confirmed finding.", "Pilih paling sedikit satu temuan terbukti.")
    other = confirmed(world, line["kasi"])
    third = confirmed(world, line["staff"], "2026-02-05T10:00")
    mixed = client.post("/cases/open/", {"report": [str(other.pk), str(third.pk)],
                                         f"level-{other.pk}": "ringan",
                                         f"level-{third.pk}": "ringan"}, follow=True)
    assert (Case.objects.count() == 1 and "one employee" in said(mixed)) or (
        "satu pegawai" in said(mixed))


def said(response: Any) -> str:
    """The last message the page shows."""
    return [str(m) for m in response.context["messages"]][-1]


def test_steps_out_of_order_or_in_the_future_are_refused_with_the_reason(
    world: Any, line: dict[str, Any], login: Any
) -> None:
    client = login("admin_ktp")
    case = open_case(client, confirmed(world, line["staff"]))
    out_of_order = step(client, case, "delivered", on="2026-02-04")
    assert "cannot follow reported" in out_of_order[0]
    future = step(client, case, "summoned", on="2099-01-05", scheduled="2099-01-06")
    assert "future" in future[0] or "depan" in future[0]
    no_answers = step(client, case, "summoned", on="2026-02-04", scheduled="2026-02-09")
    assert ok(no_answers)
    exam = step(client, case, "examined", on="2026-02-09")
    assert "tanya jawab" in exam[0].lower() or "questions" in exam[0].lower()
    assert case.events.count() == 2


def test_two_absences_lead_to_a_decision_on_the_evidence_with_the_second_summons(
    world: Any, line: dict[str, Any], login: Any
) -> None:
    """PP 94/2021 Pasal 26 ayat (3)–(4): a second summons after the first absence; absent
    again, the sanction is imposed on the evidence without an examination."""
    client = login("admin_ktp")
    case = open_case(client, confirmed(world, line["staff"]))
    step(client, case, "summoned", on="2026-02-04", scheduled="2026-02-09")
    step(client, case, "absent", on="2026-02-09")
    data = as_json(client, case)
    assert [s["step"] for s in data["next"]] == ["second_summons"]
    step(client, case, "summoned", on="2026-02-10", scheduled="2026-02-16")
    second = Document.objects.get(case=case, kind="surat_panggilan_2")
    assert "9 Februari 2026" in docx_text(second.docx.read())  # the missed date
    step(client, case, "absent", on="2026-02-16")
    data = as_json(client, case)
    assert data["stage"] == "absent_twice"
    assert [s["step"] for s in data["next"]] == ["decision_on_evidence"]
    assert "decided" in data["may_record"]


def test_a_late_objection_can_only_be_ruled_not_admissible(
    world: Any, line: dict[str, Any], login: Any
) -> None:
    """PP 79/2021: an objection received after the window gets a "tidak dapat diterima"
    ruling; any other outcome is refused."""
    client = login("admin_ktp")
    case = open_case(client, confirmed(world, line["staff"]), level="sedang")
    step(client, case, "summoned", on="2026-02-04", scheduled="2026-02-09")
    client.post(f"/cases/{case.pk}/examination/", data={"answers": [{"q": "Q", "a": "A"}]},
                content_type="application/json")
    step(client, case, "examined", on="2026-02-09")
    data = as_json(client, case)
    sanction = data["allowed"][0]["id"]
    if "bap_forwarded" in data["may_record"] and any(
            s["step"] == "forward_bap" for s in data["next"]):
        step(client, case, "bap_forwarded", on="2026-02-10")
    assert ok(step(client, case, "decided", on="2026-02-11", sanction=sanction))
    step(client, case, "delivered", on="2026-02-12")
    employee = login("dewi")
    mine = as_json(employee, case)
    assert mine["may_file"] == "objection_filed" and not mine["may_manage"]
    assert mine["employee"]["nip"] == "199610102021012010"
    refused = step(employee, case, "decided", on="2026-02-13", sanction=sanction)
    assert "may not" in refused[0] or "tidak boleh" in refused[0]
    window = mine["remedy_window"]
    assert window["step"] == "objection" and window["working_days"] == 14
    # 14 working days of Ketapang after Thu 12 Feb: not 16 Feb (cuti bersama) nor 17 Feb (Imlek)
    assert window["last_day"] == "2026-03-06"
    # the employee files today, whatever date the request claims: a timely date cannot be
    # made up to pass the window (PP 79/2021 Pasal 4)
    filed = step(employee, case, "objection_filed", on="2026-02-13", copy_received="2026-02-13",
                 note="Saya keberatan.")
    assert ok(filed)
    late = case.events.get(kind="objection_filed").on
    assert late == timezone.localdate() and late > date.fromisoformat(window["last_day"])
    client = login("admin_ktp")
    data = as_json(client, case)
    assert "objection_late" in [f["code"] for f in data["progress"]["flags"]]
    refused = step(client, case, "objection_decided", on=late.isoformat(), outcome="lighten",
                   sanction="teguran_tertulis")
    assert case.events.filter(kind="objection_decided").count() == 0, refused
    step(client, case, "objection_decided", on=late.isoformat(), outcome="not_admissible")
    ruling = Document.objects.get(case=case, kind="putusan_keberatan")
    assert "tidak dapat diterima" in docx_text(ruling.docx.read())


# ----- scope ------------------------------------------------------------------------------
def test_who_sees_a_case(world: Any, line: dict[str, Any], login: Any) -> None:
    """The employee sees their own case; the unit head their units'; another agency
    nothing; a monitor nothing."""
    case = open_case(login("admin_ktp"), confirmed(world, line["staff"]))
    assert login("dewi").get(f"/cases/{case.pk}/").status_code == 200
    assert login("kadis").get(f"/cases/{case.pk}/").status_code == 200  # DINKES > RSUD
    assert login("admin_bks").get(f"/cases/{case.pk}/").status_code == 404
    assert login("satpol").get(f"/cases/{case.pk}/").status_code == 404
    assert login("admin_bks").get("/cases.json").json()["count"] == 0
    assert login("dewi").get("/cases.json").json()["count"] == 1
    assert login("norole").get("/cases.json").json()["count"] == 0
    letter = case.documents.first()
    assert letter is None or login("admin_bks").get(
        f"/cases/{case.pk}/letters/{letter.pk}.docx").status_code == 404


def test_the_next_deadline_is_coloured_as_it_nears() -> None:
    """Green; yellow within 3 working days; red once overdue; none without a deadline."""
    basis = Basis("PP 94/2021 Pasal 26")

    def at(**kwargs: Any) -> NextStep:
        return NextStep(Step.SUMMONS, Actor.DIRECT_SUPERIOR, "x", basis, **kwargs)

    assert colour(at(due=date(2026, 3, 2), remaining=5)) == "green"
    assert colour(at(due=date(2026, 3, 2), remaining=3)) == "yellow"
    assert colour(at(due=date(2026, 3, 2), remaining=-1, overdue=True)) == "red"
    assert colour(at()) == "none"


# ----- the API and the dashboard ----------------------------------------------------------
def test_the_api_opens_a_case_and_records_steps_with_the_same_refusals(
    world: Any, line: dict[str, Any], login: Any
) -> None:
    report = confirmed(world, line["staff"])
    client = login("admin_ktp")
    opened = client.post("/api/cases", {"reports": [report.pk], "levels": {str(report.pk):
                                                                         "ringan"}},
                         content_type="application/json")
    assert opened.status_code == 201, opened.content
    case_id = opened.json()["id"]
    refused = client.post(f"/api/cases/{case_id}/steps", {"kind": "delivered",
                                                          "on": "2026-02-04"},
                          content_type="application/json")
    assert refused.status_code == 409 and "cannot follow" in refused.json()["detail"]
    done = client.post(f"/api/cases/{case_id}/steps", {"kind": "summoned", "on": "2026-02-04",
                                                       "scheduled": "2026-02-09"},
                       content_type="application/json")
    assert done.status_code == 201 and done.json()["stage"] == "summoned"
    assert len(done.json()["letters"]) == 1
    again = client.post("/api/cases", {"reports": [report.pk]}, content_type="application/json")
    assert again.status_code == 404  # already in a case
    listed = client.get("/api/cases").json()
    assert listed["count"] == 1 and listed["results"][0]["stage"] == "summoned"
    assert login("admin_bks").get(f"/api/cases/{case_id}").status_code == 404
    assert login("dewi").post(f"/api/cases/{case_id}/steps", {"kind": "absent"},
                              content_type="application/json").status_code == 409


def test_the_dashboard_names_overdue_steps_and_superiors_who_have_not_summoned(
    world: Any, line: dict[str, Any], login: Any
) -> None:
    """PP 94/2021 Pasal 28: a superior who does not summon is sanctioned; the dashboard of
    the BKPSDM lists them with the working days waited, and every overdue step."""
    client = login("admin_ktp")
    waiting = open_case(client, confirmed(world, line["staff"]))
    late = open_case(client, confirmed(world, line["kasi"]))
    step(client, late, "summoned", on="2026-02-04", scheduled="2026-02-09")  # long past
    home = client.get("/?format=json").json()
    cases = home["cases"]
    assert [c["number"] for c in cases["not_summoned"]] == [waiting.number]
    assert cases["not_summoned"][0]["superior"] == "Kasi Keperawatan"
    assert cases["not_summoned"][0]["working_days"] > 100
    assert late.number in [c["number"] for c in cases["overdue"]]
    assert sum(bar["count"] for bar in cases["by_stage"]["bars"]) == cases["open"] == 2
    page = client.get("/").content.decode()
    assert "Kasi Keperawatan" in page and 'id="stage-chart-title"' in page
    mine = login("dewi").get("/?format=json").json()
    assert [c["number"] for c in mine["my_cases"]] == [waiting.number] and "cases" not in mine
