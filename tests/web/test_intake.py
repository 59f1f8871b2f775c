"""Intake and review (SPEC §5.1, issue 10): complaints with receipts and evidence, reports of
monitors, grouping, identification, the queue by role, decisions, the superior told,
re-evaluation, imports, and the evidence store that verifies every read."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pantau.domain.intake import Status
from pantau.web.audit.models import AuditEntry
from pantau.web.intake.models import Evidence, EvidenceRead, Report
from pantau.web.intake.storage import evidence_storage

WIB = ZoneInfo("Asia/Jakarta")
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
RINA_LINK = "https://www.tiktok.com/@rina.rsud/video/7400000000000000001"


@pytest.fixture(autouse=True)
def _stores(settings: Any, evidence_in_tmp: Path, immediate_tasks: None) -> None:
    settings.PUBLIC_RATE = "100/h"


def challenge_answer(body: str) -> dict[str, str]:
    token = re.search(r'name="token" value="([^"]+)"', body)
    numbers = re.search(r"(\d+) \+ (\d+)", body)
    assert token is not None and numbers is not None
    return {"token": token.group(1), "answer": str(int(numbers.group(1)) + int(numbers.group(2)))}


def complain(client: Client, **fields: Any) -> Any:
    form = client.get("/lapor/").content.decode()
    data = {
        "agency": "kab-ketapang", "links": RINA_LINK, "happened_at": "2026-02-02T10:00",
        "kind": "live", "description": "Live TikTok saat jam kerja di rumah sakit.",
        **challenge_answer(form), **fields,
    }
    return client.post("/lapor/", data)


def receipt_of(client: Client) -> str:
    page = client.get("/lapor/terima/").content.decode()
    found = re.search(r'id="receipt-code">([^<]+)', page)
    assert found is not None
    return found.group(1)


def newest() -> Report:
    report = Report.objects.order_by("-pk").first()
    assert report is not None
    return report


# ----- the public complaint -------------------------------------------------------------------
def test_a_complaint_with_an_upload_gets_a_receipt_and_is_checked(world: Any) -> None:
    client = Client()
    upload = SimpleUploadedFile("layar.png", PNG, content_type="image/png")
    response = complain(client, evidence=upload, who="perawat RSUD")
    assert response.status_code == 302 and response["Location"] == "/lapor/terima/"
    code = receipt_of(client)
    report = newest()
    assert report.source == "public" and report.status == Status.RECEIVED
    assert report.receipt_digest and code not in report.receipt_digest  # only a digest kept
    assert report.employee == world.employees["perawat"]  # by the account in the link
    assert report.verdict in {"violation", "needs_review", "no_violation"}
    item = report.evidence.get()
    assert item.sha256 == __import__("hashlib").sha256(PNG).hexdigest()
    assert item.content_type == "image/png" and item.size == len(PNG)
    assert "layar" not in item.file.name and item.sha256 in item.file.name
    status = client.post("/lapor/status/", {"code": code.lower().replace("-", "")})
    assert status.status_code == 200
    body = status.content.decode()
    assert "Rina" not in body and "RSUD" not in body  # nothing about the employee


def test_a_wrong_and_an_unknown_code_get_the_same_answer(world: Any) -> None:
    client = Client()
    complain(client)
    code = receipt_of(client)
    mistyped = code[:-1] + ("X" if code[-1] != "X" else "Y")
    unknown = "0000-0000-000"
    answers = [Client().post("/lapor/status/", {"code": typed}) for typed in (mistyped, unknown)]
    assert [a.status_code for a in answers] == [404, 404]
    texts = [re.sub(r'value="[^"]*"', "", a.content.decode()) for a in answers]
    texts = [re.sub(r'name="csrfmiddlewaretoken"[^>]*', "", t) for t in texts]
    assert texts[0] == texts[1]


def test_an_upload_is_judged_by_its_content_and_a_refusal_keeps_nothing(world: Any) -> None:
    client = Client()
    fake = SimpleUploadedFile("video.mp4", b"MZ\x90\x00 not a video at all", "video/mp4")
    response = complain(client, evidence=fake, description="Ada videonya")
    assert response.status_code == 400
    body = response.content.decode()
    assert "bukan gambar, video, atau PDF" in body or "not an image" in body
    assert 'value="Ada videonya"' in body or "Ada videonya</textarea>" in body  # kept
    assert Report.objects.count() == 0 and Evidence.objects.count() == 0
    assert not evidence_storage().exists("")  or not list(Path(
        evidence_storage().location).rglob("*.*"))


def test_a_wrong_challenge_answer_is_a_field_error(world: Any) -> None:
    client = Client()
    response = complain(client, answer="999")
    assert response.status_code == 400
    assert 'id="error-answer"' in response.content.decode()
    assert Report.objects.count() == 0


def test_an_address_that_complains_too_often_must_wait(world: Any, settings: Any) -> None:
    settings.PUBLIC_RATE = "2/h"
    client = Client()
    assert complain(client).status_code == 302
    assert complain(client).status_code == 302
    assert complain(client).status_code == 429
    assert Report.objects.count() == 2


def test_a_contact_needs_consent(world: Any) -> None:
    response = complain(Client(), contact="0812-0000-1111")
    assert response.status_code == 400 and 'id="error-consent"' in response.content.decode()
    assert complain(Client(), contact="0812-0000-1111", consent="on").status_code == 302
    assert newest().contact == "0812-0000-1111" and newest().contact_consent_at is not None


# ----- matters --------------------------------------------------------------------------------
def test_complaints_about_the_same_post_are_one_matter(world: Any) -> None:
    complain(Client(), links="https://www.tiktok.com/@rina.rsud/video/7400000000000000001")
    complain(Client(), links="https://m.tiktok.com/@Rina.RSUD/video/7400000000000000001/?is=1")
    upload = SimpleUploadedFile("a.png", PNG, content_type="image/png")
    complain(Client(), links="https://www.instagram.com/p/XYZ/", evidence=upload)
    again = SimpleUploadedFile("b.png", PNG, content_type="image/png")
    complain(Client(), links="https://www.facebook.com/watch?v=55", evidence=again)
    first, second, third, fourth = Report.objects.order_by("pk")
    assert first.matter_id == second.matter_id
    assert third.matter_id == fourth.matter_id != first.matter_id


# ----- evidence read back ---------------------------------------------------------------------
def _one_evidence(world: Any) -> Evidence:
    complain(Client(), evidence=SimpleUploadedFile("a.png", PNG, content_type="image/png"))
    return Evidence.objects.get()


def test_evidence_is_served_after_its_hash_is_checked_and_every_read_is_logged(
    world: Any, login: Any
) -> None:
    item = _one_evidence(world)
    response = login("admin_ktp").get(f"/evidence/{item.pk}/")
    assert response.status_code == 200 and response.content == PNG
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith(f'inline; filename="bukti-{item.pk}.')
    assert EvidenceRead.objects.filter(evidence=item, actor="admin_ktp", intact=True).count() == 1
    assert login("admin_bks").get(f"/evidence/{item.pk}/").status_code == 404


def test_evidence_changed_on_disk_is_refused_and_flagged(world: Any, login: Any) -> None:
    item = _one_evidence(world)
    path = Path(evidence_storage().path(item.file.name))
    path.write_bytes(PNG + b"tampered")
    response = login("admin_ktp").get(f"/evidence/{item.pk}/")
    assert response.status_code == 409
    assert PNG not in response.content
    item.refresh_from_db()
    assert item.flagged
    assert EvidenceRead.objects.filter(evidence=item, intact=False).exists()


# ----- the queue and the decisions ------------------------------------------------------------
def test_the_queue_by_role(world: Any, login: Any) -> None:
    complain(Client())  # about Rina (RSUD, under Dinas Kesehatan)
    complain(Client(), links="https://www.tiktok.com/@nobody/video/1")  # not identified
    ids = {r.pk for r in Report.objects.all()}
    assert {row["id"] for row in login("admin_ktp").get("/review.json").json()["results"]} == ids
    kadis = {row["id"] for row in login("kadis").get("/review.json").json()["results"]}
    assert kadis == {Report.objects.get(employee__isnull=False).pk}
    assert login("admin_bks").get("/review.json").json()["results"] == []
    assert login("satpol").get("/review.json").json()["results"] == []
    assert login("rina").get("/review/").status_code == 403
    other = Report.objects.get(employee__isnull=True)
    assert login("kadis").get(f"/review/{other.pk}/").status_code == 404


def _decide(client: Client, report: Report, action: str, **data: Any) -> Any:
    return client.post(f"/review/{report.pk}/{action}/", data)


def test_a_reviewer_establishes_confirms_and_the_superior_is_told(
    world: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    world.users["kadis"].email = "kadis@example.go.id"
    world.users["kadis"].save()
    # a video on a working Tuesday, no leave: Ketapang's uniform rule is only suspected
    complain(Client(), happened_at="2026-02-10T10:00", kind="video")
    report = newest()
    assert report.verdict == "needs_review"
    client = login("admin_ktp")
    _decide(client, report, "claim")
    refused = client.post(f"/review/{report.pk}/confirm/", follow=True).content.decode()
    assert "Belum ada aturan" in refused or "No rule is established" in refused
    _decide(client, report, "establish", uniform_visible="yes", account_type="personal",
            content_judged="yes")
    report.refresh_from_db()
    assert report.verdict == "violation" and "uniform_in_personal_content" in report.conducts
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, report, "confirm", note="Terbukti dari video.")
    report.refresh_from_db()
    assert report.status == Status.CONFIRMED
    assert report.superior == world.employees["kadinkes"]
    assert report.superior_told_at is not None
    assert [m.to for m in mail.outbox] == [["kadis@example.go.id"]]
    kadis_view = login("kadis").get(f"/review/{report.pk}.json").json()
    assert kadis_view["superior_told_at"] and kadis_view["status"] == "confirmed"
    assert AuditEntry.objects.filter(model="intake.report", object_pk=str(report.pk),
                                     actor="admin_ktp").exists()


def test_ask_the_complainant_and_the_answer_returns_it_to_the_queue(world: Any,
                                                                     login: Any) -> None:
    public = Client()
    complain(public)
    code = receipt_of(public)
    report = newest()
    _decide(login("admin_ktp"), report, "ask", text="Kirim tangkapan layar lengkap, ya.")
    report.refresh_from_db()
    assert report.status == Status.WAITING
    page = public.post("/lapor/status/", {"code": code}).content.decode()
    assert "Kirim tangkapan layar lengkap" in page and 'id="reply-form"' in page
    public.post("/lapor/status/", {"code": code, "reply": "Sudah saya kirim lewat email."})
    report.refresh_from_db()
    assert report.status == Status.RECEIVED
    assert report.messages.filter(from_complainant=True).count() == 1


def test_a_dismissal_needs_a_reason_and_closes_the_report(world: Any, login: Any) -> None:
    complain(Client())
    report = newest()
    client = login("admin_ktp")
    _decide(client, report, "dismiss", reason="other", note="")
    report.refresh_from_db()
    assert report.status == Status.RECEIVED  # "other" needs a note
    _decide(client, report, "dismiss", reason="insufficient_evidence", note="Video buram.")
    report.refresh_from_db()
    assert report.status == Status.DISMISSED and report.dismissal_reason == "insufficient_evidence"
    assert _decide(client, report, "claim").status_code == 302
    report.refresh_from_db()
    assert report.status == Status.DISMISSED  # a closed report stays closed


def test_a_reviewer_identifies_an_unmatched_report(world: Any, login: Any) -> None:
    complain(Client(), links="https://www.tiktok.com/@akun.lain/video/1")
    report = newest()
    assert report.employee is None
    client = login("admin_ktp")
    found = client.get(f"/review/{report.pk}/candidates.json", {"q": "Siti"}).json()
    assert [row["name"] for row in found["results"]] == ["Siti Umum"]
    _decide(client, report, "identify", employee=world.employees["staf_umum"].pk)
    report.refresh_from_db()
    assert report.employee == world.employees["staf_umum"] and report.matched_by == "reviewer"
    _decide(client, report, "identify", employee=world.employees["bekasi_staf"].pk)
    report.refresh_from_db()
    assert report.employee == world.employees["staf_umum"]  # another agency's: refused


def test_content_judgements_are_kept_as_classifier_feedback(world: Any, login: Any) -> None:
    complain(Client(), text="ayo coblos nomor 2 ya gaes")
    report = newest()
    client = login("admin_ktp")
    _decide(client, report, "establish", content_judged="yes", content=["practical_politics"])
    _decide(client, report, "dismiss", reason="not_our_employee", note="")
    judgement = report.judgements.get()
    assert judgement.codes == ["practical_politics"] and judgement.text.startswith("ayo coblos")


# ----- monitors -------------------------------------------------------------------------------
def test_a_monitor_files_an_offline_observation_and_follows_it(world: Any, login: Any) -> None:
    client = login("satpol")
    page = client.post("/laporan/baru/", {
        "agency": "kab-ketapang", "links": "", "happened_at": "2026-02-10T10:00",
        "kind": "offline", "description": "Nongkrong berseragam di warung kopi.",
        "signal_uniform_visible": "yes", "signal_official_duty": "no", "location": "public",
        "who": "199003032015032003",
    })
    assert page.status_code == 302
    report = newest()
    assert report.source == "monitor" and report.filed_by == world.users["satpol"]
    assert report.signals == {"uniform_visible": True, "official_duty": False,
                              "location": "public"}
    assert report.employee == world.employees["staf_umum"]  # by the NIP given
    mine = client.get("/laporan.json").json()["results"]
    assert [row["id"] for row in mine] == [report.pk]
    assert [row["id"] for row in client.get("/review.json").json()["results"]] == [report.pk]


# ----- re-evaluation --------------------------------------------------------------------------
def test_open_reports_are_checked_again_when_the_law_changes(world: Any) -> None:
    from pantau.web.review.tasks import recheck_stale

    complain(Client(), happened_at="2026-02-10T10:00")
    report = newest()
    verdict = report.verdict
    Report.objects.filter(pk=report.pk).update(law_versions="calendar=old,policies=old",
                                               verdict="no_violation")
    result = recheck_stale.enqueue()
    assert result.return_value == (1 if verdict != "no_violation" else 0)
    report.refresh_from_db()
    assert report.verdict == verdict and "calendar=old" not in report.law_versions
    change = report.events.get(kind="rechecked")
    assert change.detail["before"] == "no_violation" and change.detail["after"] == verdict


# ----- bulk import ----------------------------------------------------------------------------
def _import(client: Client, name: str, data: bytes, source: str = "import") -> Any:
    upload = SimpleUploadedFile(name, data)
    return client.post("/review/import/", {"agency": "kab-ketapang", "source": source,
                                           "file": upload})


def test_a_jsonl_import_is_previewed_confirmed_and_idempotent(world: Any, login: Any) -> None:
    lines = [
        {"id": "x-1", "agency": "kab-ketapang", "kind": "live", "platform": "tiktok",
         "account": "@rina.rsud", "started_at": "2026-02-10T10:00:00+07:00"},
        {"id": "x-2", "kind": "post", "started_at": "2026-02-10T21:00:00+07:00"},
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    client = login("admin_ktp")
    assert _import(client, "a.jsonl", data).status_code == 200
    client.post("/review/import/confirm/")
    assert Report.objects.filter(source="import").count() == 2
    assert Report.objects.get(external_id="x-1").employee == world.employees["perawat"]
    _import(client, "a.jsonl", data)
    client.post("/review/import/confirm/")
    assert Report.objects.filter(source="import").count() == 2


def test_an_import_with_a_bad_row_names_row_and_column(world: Any, login: Any) -> None:
    csv = (b"ID;Waktu;Jenis;Akun;Seragam\n1;2026-02-10 10:00;live;@rina.rsud;ya\n"
           b"2;kemarin;menari;;mungkin\n")
    response = _import(login("admin_ktp"), "a.csv", csv)
    assert response.status_code == 400
    body = response.content.decode()
    assert "<td>3</td>" in body and "Seragam" in body and "Jenis" in body
    assert Report.objects.count() == 0


def test_one_lapor_tracking_number_is_one_complaint(world: Any, login: Any) -> None:
    csv = (b"Nomor Tracking;Tanggal Laporan;Judul;Isi Laporan\n"
           b"LPR-0001;2026-02-10;Live saat kerja;Pegawai live TikTok saat jam kerja\n"
           b"LPR-0002;2026-02-11;Jualan;Pegawai berjualan dengan seragam\n")
    client = login("admin_ktp")
    _import(client, "lapor.csv", csv, "lapor")
    client.post("/review/import/confirm/")
    _import(client, "lapor.csv", csv, "lapor")
    client.post("/review/import/confirm/")
    rows = Report.objects.filter(source="lapor").order_by("external_id")
    assert [r.external_id for r in rows] == ["LPR-0001", "LPR-0002"]
    assert rows[0].description.startswith("Live saat kerja")


def test_a_monitor_cannot_import_for_another_agency(world: Any, login: Any) -> None:
    response = login("satpol").post("/review/import/", {
        "agency": "kota-bekasi", "source": "import",
        "file": SimpleUploadedFile("a.jsonl", b'{"id":"1","kind":"live",'
                                   b'"started_at":"2026-02-10T10:00:00+07:00"}')})
    assert response.status_code == 400
    assert Report.objects.count() == 0


def test_happened_at_in_the_future_is_refused(world: Any) -> None:
    future = datetime(2099, 1, 1, 10, 0, tzinfo=WIB).strftime("%Y-%m-%dT%H:%M")
    response = complain(Client(), happened_at=future)
    assert response.status_code == 400 and 'id="error-happened_at"' in response.content.decode()


def test_happened_at_in_year_one_is_a_field_error_not_a_server_error(world: Any) -> None:
    # found by a review: year 0001 overflowed when stored in UTC (500 on the public form)
    response = complain(Client(), happened_at="0001-01-01T00:00")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="error-happened_at"' in page and "terlalu dekat dengan tahun 1" in page


# ----- the RBAC matrix of the new pages -------------------------------------------------------
PAGES = {  # route -> users allowed (200); others: 403 (a page) or 404 (a record out of scope)
    "/review/": {"admin_ktp", "kadis", "satpol", "admin_bks"},
    "/review.json": {"admin_ktp", "kadis", "satpol", "admin_bks"},
    "/laporan/": {"admin_ktp", "kadis", "satpol", "admin_bks"},
    "/laporan/baru/": {"admin_ktp", "kadis", "satpol", "admin_bks"},
    "/review/import/": {"admin_ktp", "satpol", "admin_bks"},
    "/lapor/": {"admin_ktp", "kadis", "pejabat", "satpol", "rina", "admin_bks", "norole"},
    "/lapor/status/": {"admin_ktp", "kadis", "pejabat", "satpol", "rina", "admin_bks",
                       "norole"},
}
RECORDS = {"review": {"admin_ktp", "kadis"}, "evidence": {"admin_ktp", "kadis"}}
USERS = ["admin_ktp", "kadis", "pejabat", "satpol", "rina", "admin_bks", "norole"]


@pytest.mark.parametrize("user", USERS)
def test_every_new_page_for_every_role(world: Any, login: Any, user: str) -> None:
    client = login(user)
    for route, allowed in PAGES.items():
        status = client.get(route).status_code
        assert status == (200 if user in allowed else 403), (user, route, status)


@pytest.mark.parametrize("user", USERS)
def test_every_report_and_evidence_for_every_role(world: Any, login: Any, user: str) -> None:
    complain(Client(), evidence=SimpleUploadedFile("a.png", PNG, content_type="image/png"))
    report, item = newest(), Evidence.objects.get()
    client = login(user)
    routes = {"review": f"/review/{report.pk}/", "evidence": f"/evidence/{item.pk}/"}
    for name, route in routes.items():
        status = client.get(route).status_code
        assert status == (200 if user in RECORDS[name] else 404), (user, route, status)
    api = client.get(f"/api/reports/{report.pk}").status_code
    assert api == (200 if user in RECORDS["review"] else 404), (user, api)


def test_anonymous_readers_of_the_queue_sign_in_first(world: Any) -> None:
    assert Client().get("/review/").status_code == 302
    assert Client().get("/review.json").status_code == 401
    assert Client().get("/api/queue").status_code == 401
    assert Client().get("/lapor/").status_code == 200
