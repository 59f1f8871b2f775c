"""The national record (issue 12; REGULATIONS.md §1.9 item 12 and §10): every final sanction
as a SIASN hukdis record, valid against hukdis.schema.json, with what SIASN needs and pantau
does not hold listed per record; the annulment after a successful objection as SK pembatalan;
the batch CSV; `pantau export siasn`; the page only for BKPSDM of the agency; and the
clean-record statement, made as DOCX and PDF for a clean employee and refused for a
sanctioned one."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client
from django.utils import timezone
from docx import Document as Docx
from jsonschema import Draft202012Validator
from tests.conftest import require
from tests.web import test_cases as cases_tests
from tests.web.test_cases import as_json, confirmed, ok, open_case, step

from pantau.cli import main
from pantau.documents.render import tanggal
from pantau.domain.access import Role
from pantau.siasn import hukdis
from pantau.web.access.models import Membership
from pantau.web.cases.models import Case, Document, RecordStatement
from pantau.web.cases.siasn import CSV_HEAD
from pantau.web.registry.models import Employee

AGENCIES = ("kab-banyuasin", "kab-kepulauan-anambas", "kab-ketapang", "kab-pasaman-barat",
            "kota-bekasi")
SCHEMA = Draft202012Validator(json.loads(hukdis.SCHEMA.read_text(encoding="utf-8")))
line = cases_tests.line  # the RSUD line of superiors and its employee login (fixture)
_stores = cases_tests._stores  # letters in a temporary folder, tasks run at once (fixture)


@pytest.fixture
def demo(db: None) -> None:
    result = CliRunner().invoke(main, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output


def member(agency: str, role: Role) -> Client:
    row = Membership.objects.filter(agency_id=agency, role=role).order_by("pk").first()
    assert row is not None, (agency, role)
    client = Client()
    client.force_login(row.user)
    return client


def export(agency: str) -> dict[str, Any]:
    response = member(agency, Role.BKPSDM_ADMIN).get("/cases/siasn.json")
    assert response.status_code == 200, response.content[:500]
    data: dict[str, Any] = response.json()
    return data


# ----- the export on the demo -------------------------------------------------------------
def test_every_final_sanction_of_the_demo_is_a_valid_record_with_its_missing_fields(
    demo: None,
) -> None:
    """PP 94/2021 Pasal 39: every delivered decision goes to SIASN; contract staff (not ASN,
    UU 20/2023 Pasal 5) and a case whose objection is pending are skipped, with the reason."""
    assert Case.objects.count() == 19
    found = {agency: export(agency) for agency in AGENCIES}
    records = [r for data in found.values() for r in data["records"]]
    delivered = Case.objects.filter(events__kind="delivered").distinct()
    skipped = [s for data in found.values() for s in data["skipped"]]
    assert len(records) + len(skipped) == delivered.count() and len(records) >= 3
    for record in records:
        assert list(SCHEMA.iter_errors(record["payload"])) == [], record["case"]
        assert record["payload"]["skNomor"] and record["payload"]["skTanggal"]
        missing = {m["field"]: m["reason"] for m in record["missing"]}
        # pantau never holds SIASN's person id, the rank, nor the uploaded documents
        assert {"pnsOrangId", "golonganId", "path"} <= set(missing)
        assert all(reason for reason in missing.values())
        # the shipped references.yaml is empty: reported, never guessed
        assert record["payload"]["jenisHukumanId"] == "" and "jenisHukumanId" in missing
        assert not record["complete"] and record["documents"]
    bekasi = found["kota-bekasi"]
    assert bekasi["records"] == [] and len(bekasi["skipped"]) == 7
    assert all("non-ASN" in s["reason"] for s in bekasi["skipped"])
    assert [s["case"] for s in found["kab-kepulauan-anambas"]["skipped"]]
    # Pasaman Barat: the objection lightened the sanction (PP 79/2021 Pasal 6): the ruling is
    # the SK of the sanction that stands, and the note names the decision it replaced
    pasbar = found["kab-pasaman-barat"]["records"]
    assert len(pasbar) == 1
    ruling = Document.objects.get(case__number=pasbar[0]["case"],
                                  case__agency_id="kab-pasaman-barat", kind="putusan_keberatan")
    assert pasbar[0]["payload"]["skNomor"] == ruling.number
    assert "mengganti keputusan" in pasbar[0]["payload"]["keterangan"]
    assert pasbar[0]["sanction"]["level"] == "sedang" and pasbar[0]["final"] is True
    # Ketapang: delivered, its objection window still open (PP 79/2021 Pasal 4): not final yet
    assert [r["final"] for r in found["kab-ketapang"]["records"]] == [False]


def test_the_cli_writes_json_and_the_batch_csv(demo: None, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["export", "siasn", "--agency", "kab-ketapang"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["agency"] == "kab-ketapang" and data["schema"] == "hukdis.schema.json"
    out = tmp_path / "hukdis.csv"
    result = runner.invoke(main, ["export", "siasn", "--agency", "kab-ketapang",
                                  "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"))))
    assert tuple(rows[0]) == CSV_HEAD
    assert rows[0][:11] == ["case", "kind", "stage", "nip", "name", "employee_type",
                            "sanction", "level", "complete", "missing", "documents"]
    assert "pnsOrangId" in rows[0] and "skPembatalanNomor" in rows[0]
    assert "path" not in rows[0]
    assert len(rows) - 1 == len(data["records"])
    assert all(row[8] == "no" and "pnsOrangId" in row[9] for row in rows[1:])
    unknown = runner.invoke(main, ["export", "siasn", "--agency", "kab-nowhere"])
    assert unknown.exit_code == 2 and "kab-ketapang" in unknown.output


def test_only_bkpsdm_of_the_agency_sees_its_national_record(demo: None) -> None:
    """A unit head gets 403; another agency's records never appear; the API agrees."""
    admin = member("kab-ketapang", Role.BKPSDM_ADMIN)
    page = admin.get("/cases/siasn/")
    assert page.status_code == 200 and "hukdis" in page.content.decode()
    ketapang = set(Case.objects.filter(agency_id="kab-ketapang").values_list("number", "pk"))
    data = admin.get("/cases/siasn.json").json()
    assert {(r["case"], r["case_id"]) for r in data["records"]} <= ketapang
    assert admin.get("/cases/siasn.json?agency=kab-pasaman-barat").status_code == 403
    assert admin.get("/cases/siasn.csv?agency=kab-pasaman-barat").status_code == 403
    response = admin.get("/cases/siasn.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0].startswith("case,kind,stage,nip")
    for role in (Role.UNIT_HEAD, Role.MONITOR, Role.EMPLOYEE):
        client = member("kab-ketapang", role)
        assert client.get("/cases/siasn/").status_code == 403, role
        assert client.get("/cases/siasn.json").status_code == 403, role
        assert client.get("/cases/record/").status_code == 403, role
        assert client.get("/api/cases/siasn").status_code == 403, role
    clean = Employee.objects.filter(agency_id="kab-ketapang", cases__isnull=True,
                                    level="PELAKSANA").exclude(nip=None).order_by("pk").first()
    assert clean is not None
    admin.post("/cases/record/", {"employee": clean.nip, "purpose": "mutasi"})
    statement = RecordStatement.objects.get(employee=clean)
    text = docx_text(statement.docx.read())
    # signed by the head of the agency's BKPSDM unit in the registry (letterheads.yaml)
    assert "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia" in text
    assert clean.name in text and "mutasi" in text
    assert member("kota-bekasi", Role.BKPSDM_ADMIN).get(
        f"/cases/record.json?employee={clean.nip}").json()["employee"] is None
    api = admin.get("/api/cases/siasn")
    assert api.status_code == 200 and api.json()["records"] == data["records"]
    assert admin.get("/api/cases/siasn?agency=kota-bekasi").status_code == 403


# ----- the annulment after a successful objection -----------------------------------------
def revoked_case(world: Any, line: dict[str, Any], login: Any) -> Case:
    client = login("admin_ktp")
    case = open_case(client, confirmed(world, line["staff"]), level="sedang")
    step(client, case, "summoned", on="2026-02-04", scheduled="2026-02-09")
    client.post(f"/cases/{case.pk}/examination/", data={"answers": [{"q": "Q", "a": "A"}]},
                content_type="application/json")
    step(client, case, "examined", on="2026-02-09")
    data = as_json(client, case)
    if any(s["step"] == "forward_bap" for s in data["next"]):
        step(client, case, "bap_forwarded", on="2026-02-10")
    assert ok(step(client, case, "decided", on="2026-02-11", sanction=data["allowed"][0]["id"]))
    step(client, case, "delivered", on="2026-02-12")
    # the employee's objection on paper, entered by BKPSDM with the day it was received
    assert ok(step(client, case, "objection_filed", on="2026-02-20",
                   note="Siaran itu pada jam istirahat."))
    pending = client.get("/cases/siasn.json").json()
    assert pending["records"] == [] and pending["skipped"][0]["case"] == case.number
    assert ok(step(client, case, "objection_decided", on="2026-03-05", outcome="revoke",
                   note="Terbukti pada jam istirahat."))
    return case


def test_a_sanction_revoked_on_objection_is_exported_as_its_annulment(
    world: Any, line: dict[str, Any], login: Any
) -> None:
    """PP 79/2021 Pasal 6 (mencabut): the decision and the ruling as SK pembatalan; the SIASN
    record it updates is named as missing, and no TMT is asked for (PP 94/2021 Pasal 38 ayat
    (2): the decision takes effect as the ruling says)."""
    case = revoked_case(world, line, login)
    data = login("admin_ktp").get("/cases/siasn.json").json()
    [record] = data["records"]
    decision = Document.objects.get(case=case, kind__startswith="keputusan_")
    ruling = Document.objects.get(case=case, kind="putusan_keberatan")
    payload = record["payload"]
    assert record["kind"] == "cancellation"
    assert (payload["skNomor"], payload["skTanggal"]) == (decision.number, "11-02-2026")
    assert (payload["skPembatalanNomor"], payload["skPembatalanTanggal"]) == (ruling.number,
                                                                              "05-03-2026")
    assert payload["hukumanTanggal"] == ""
    missing = {m["field"] for m in record["missing"]}
    assert "id" in missing and "hukumanTanggal" not in missing
    assert list(SCHEMA.iter_errors(payload)) == []
    assert login("admin_bks").get("/cases/siasn.json").json()["records"] == []


def test_a_revoked_sanction_does_not_block_the_clean_record_statement(
    world: Any, line: dict[str, Any], login: Any
) -> None:
    revoked_case(world, line, login)
    data = login("admin_ktp").get(
        f"/cases/record.json?employee={line['staff'].nip}&on=2026-03-06").json()
    assert data["standing"]["clean"] is True, data


# ----- the clean-record statement ---------------------------------------------------------
def docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Docx(io.BytesIO(content)).paragraphs)


def test_a_clean_employee_gets_the_statement_as_docx_and_pdf(
    world: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    require(bool(shutil.which("soffice")), "LibreOffice",
            "apt-get install libreoffice-writer-nogui")
    require(bool(shutil.which("pdftotext")), "pdftotext", "apt-get install poppler-utils")
    client = login("admin_ktp")
    siti = world.employees["staf_umum"]
    assert f"/cases/record/?id={siti.pk}" in client.get(f"/employees/{siti.pk}/"
                                                        ).content.decode()
    assert "/cases/record/" not in login("kadis").get(
        f"/employees/{world.employees['perawat'].pk}/").content.decode()
    client = login("admin_ktp")
    check = client.get(f"/cases/record.json?employee={siti.nip}&on=2026-03-02").json()
    assert check["standing"] == {"on": "2026-03-02", "clean": True, "reasons": []}
    # issued today whatever date the request names: a statement is never backdated
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cases/record/", {"id": siti.pk, "on": "1900-01-01",
                                                  "purpose": "kenaikan pangkat"})
    assert response.status_code == 302
    row = RecordStatement.objects.get(employee=siti)
    today = timezone.localdate()
    assert row.on == today and row.pdf_error == ""
    assert row.number.endswith(f"/BKPSDM/{today.year}")
    text = docx_text(row.docx.read())
    assert "SURAT PERNYATAAN TIDAK PERNAH DIJATUHI HUKUMAN DISIPLIN" in text
    assert "Siti Umum" in text and "199003032015032003" in text
    assert tanggal(today) in text and "kenaikan pangkat" in text
    assert "PP 94/2021 Pasal 39" in text and row.number in text
    pdf = client.get(f"/cases/record/{row.pk}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    pdf_text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf.content,
                              capture_output=True, check=True).stdout.decode()
    flat = " ".join(pdf_text.split())
    assert "TIDAK PERNAH DIJATUHI HUKUMAN DISIPLIN" in flat and "Siti Umum" in flat
    assert tanggal(today) in flat
    listed = client.get(f"/cases/record.json?id={siti.pk}&on=2026-03-02").json()
    assert [item["number"] for item in listed["issued"]] == [row.number]
    assert login("admin_bks").get(f"/cases/record/{row.pk}.docx").status_code == 404
    assert login("kadis").get(f"/cases/record/{row.pk}.docx").status_code == 403


def test_a_sanctioned_or_examined_employee_is_refused_with_the_reason(
    world: Any, line: dict[str, Any], login: Any
) -> None:
    """An open case refuses it (PP 11/2017 Pasal 238 ayat (3), by analogy); then the sanction
    imposed (PP 94/2021 Pasal 8 ayat (2) huruf b, teguran tertulis) refuses it, naming it."""
    client = login("admin_ktp")
    dewi = line["staff"]
    case = open_case(client, confirmed(world, dewi))
    step(client, case, "summoned", on="2026-02-04", scheduled="2026-02-09")
    data = client.get(f"/cases/record.json?employee={dewi.nip}&on=2026-02-05").json()
    [reason] = data["standing"]["reasons"]
    assert reason["block"] == "pending" and reason["case"] == case.number
    assert "Pasal 238" in reason["basis"]["reference"]
    before = client.get(f"/cases/record.json?employee={dewi.nip}&on=2026-02-02").json()
    assert before["standing"]["clean"]  # the case was opened later
    client.post(f"/cases/{case.pk}/examination/", data={"answers": [{"q": "Q", "a": "A"}]},
                content_type="application/json")
    step(client, case, "examined", on="2026-02-09")
    step(client, case, "decided", on="2026-02-10", sanction="teguran_tertulis")
    step(client, case, "delivered", on="2026-02-11")
    data = client.get(f"/cases/record.json?employee={dewi.nip}&on=2026-06-01").json()
    [reason] = data["standing"]["reasons"]
    assert reason["block"] == "imposed" and reason["sanction"]["id"] == "teguran_tertulis"
    assert reason["sanction"]["decided_on"] == "2026-02-10"
    response = client.post("/cases/record/", {"employee": dewi.nip, "on": "2026-06-01"},
                           follow=True)
    said = " ".join(str(m) for m in response.context["messages"])
    assert case.number in said and "teguran tertulis" in said
    assert RecordStatement.objects.count() == 0
    page = client.get(f"/cases/record/?employee={dewi.nip}&on=2026-06-01").content.decode()
    assert 'id="record-refused"' in page and case.number in page
    assert 'id="record-issue"' not in page
    clean = client.get(f"/cases/record/?employee={world.employees['staf_umum'].nip}"
                        "&on=2099-01-01")
    said = [str(m) for m in clean.context["messages"]]
    assert 'id="record-issue"' in clean.content.decode() and said
    cli = CliRunner().invoke(main, ["export", "clean-record", dewi.nip, "--out", "/dev/null"])
    assert cli.exit_code == 1 and "teguran_tertulis" in cli.output
    backdated = CliRunner().invoke(main, ["export", "clean-record", dewi.nip, "--on",
                                          "2026-01-01", "--out", "/dev/null"])
    assert backdated.exit_code == 2 and RecordStatement.objects.count() == 0


def test_namesakes_are_listed_not_guessed(world: Any, login: Any) -> None:
    """Two employees of one name: the page lists both and takes neither; the exact record id
    takes the one meant."""
    rina = world.employees["perawat"]
    other = world.employee("rina2", "kab-ketapang", "UMUM", "199101012015032001",
                           name="Rina Perawat")
    client = login("admin_ktp")
    data = client.get("/cases/record.json?employee=Rina Perawat").json()
    assert data["employee"] is None
    assert {c["id"] for c in data["candidates"]} == {rina.pk, other.pk}
    exact = client.get(f"/cases/record.json?id={other.pk}").json()
    assert exact["employee"]["id"] == other.pk


def test_a_name_a_spreadsheet_would_run_is_written_as_text(demo: None, tmp_path: Path) -> None:
    """OWASP CSV injection: an employee name typed as a formula stays text in the batch CSV."""
    record = CliRunner().invoke(main, ["export", "siasn", "--agency", "kab-ketapang"])
    first = json.loads(record.output)["records"][0]
    Employee.objects.filter(pk=first["employee"]["id"]).update(name='=HYPERLINK("http://x")')
    out = tmp_path / "hukdis.csv"
    CliRunner().invoke(main, ["export", "siasn", "--agency", "kab-ketapang", "--format", "csv",
                              "--out", str(out)])
    names = [row[4] for row in csv.reader(io.StringIO(out.read_text("utf-8")))][1:]
    assert "'=HYPERLINK(\"http://x\")" in names and not any(n.startswith("=") for n in names)
