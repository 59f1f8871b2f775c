"""Import through the pages and the command: preview, row-level errors, nothing written
until confirmed, idempotent re-import (same NIP updates, never duplicates)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile

from pantau.cli import main
from pantau.web.registry.models import Account, Employee, ImportJob, Unit

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "import"


def post_file(client: Any, kind: str, name: str, data: bytes, agency: str = "kab-ketapang") -> Any:
    """Upload a file: the answer is the preview page the upload leads to."""
    upload = SimpleUploadedFile(name, data)
    return client.post("/import/preview/", {"kind": kind, "agency": agency, "file": upload},
                       follow=True)


def confirm(client: Any, **options: Any) -> Any:
    """Confirm the signed-in user's latest import."""
    job = ImportJob.objects.filter(user_id=int(client.session["_auth_user_id"])).first()
    assert job is not None
    return client.post(f"/import/{job.pk}/confirm/", **options)


def test_a_bad_row_is_named_and_nothing_is_written(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    before = Employee.objects.count()
    data = (EXAMPLES / "pegawai-satu-salah.csv").read_bytes()
    body = post_file(client, "employees", "pegawai-satu-salah.csv", data).content.decode()
    assert "Baris 3, kolom NIP" in body  # Indonesian first: row 3 (header = row 1)
    assert "tanggal lahir" in body  # the segment that is wrong
    assert 'id="confirm"' not in body
    assert Employee.objects.count() == before
    response = confirm(client)  # a file with errors cannot be confirmed: nothing written
    assert response.status_code == 302 and response["Location"] == "/import/"
    assert Employee.objects.count() == before


def test_the_preview_speaks_english_when_asked(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    client.cookies["django_language"] = "en"
    data = (EXAMPLES / "pegawai-satu-salah.csv").read_bytes()
    body = post_file(client, "employees", "x.csv", data).content.decode()
    assert "Row 3, column NIP" in body
    assert "date of birth" in body


def test_confirming_writes_and_reimporting_changes_nothing(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    data = (EXAMPLES / "pegawai-contoh.csv").read_bytes()
    rows = len(data.decode("utf-8-sig").strip().splitlines()) - 1
    before = Employee.objects.count()
    body = post_file(client, "employees", "pegawai-contoh.csv", data).content.decode()
    assert 'id="confirm"' in body
    assert Employee.objects.count() == before  # a preview writes nothing
    response = confirm(client, follow=True)
    assert f"Impor selesai: {rows} baru, 0 diperbarui, 0 tetap." in response.content.decode()
    assert Employee.objects.count() == before + rows
    maria = Employee.objects.get(nip="198604172010032512")
    assert maria.unit.code == "RSUD"
    follower = Employee.objects.get(nip="199509022025212517")
    assert follower.superior == maria
    post_file(client, "employees", "pegawai-contoh.csv", data)
    again = confirm(client, follow=True).content.decode()
    assert f"Impor selesai: 0 baru, 0 diperbarui, {rows} tetap." in again
    assert Employee.objects.count() == before + rows


def test_same_nip_updates_instead_of_duplicating(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    header = "NIP;Nama;Jenis Pegawai;Unit Kerja (kode);Jabatan\n"
    first = header + "199003032015032003;Siti Umum;PNS;UMUM;Pelaksana\n"
    second = header + "199003032015032003;Siti Umum, S.E.;PNS;DINKES;Analis\n"
    for text in (first, second):
        post_file(client, "employees", "e.csv", text.encode())
        confirm(client)
    siti = Employee.objects.filter(nip="199003032015032003")
    assert siti.count() == 1
    assert siti.get().name == "Siti Umum, S.E." and siti.get().unit.code == "DINKES"


def test_xlsx_files_import_too(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    data = (EXAMPLES / "pegawai-contoh.xlsx").read_bytes()
    body = post_file(client, "employees", "pegawai-contoh.xlsx", data).content.decode()
    assert 'id="confirm"' in body, body[-3000:]
    confirm(client)
    assert Employee.objects.filter(nip="198604172010032512").exists()


def test_a_nip_of_another_agency_is_refused(world: Any, login: Any) -> None:
    client = login("admin_bks")
    header = "NIP;Nama;Jenis Pegawai;Unit Kerja (kode);Jabatan\n"
    text = header + "199505052020122005;Rina Perawat;PNS;SETDA;Staf\n"
    body = post_file(client, "employees", "e.csv", text.encode(), "kota-bekasi").content.decode()
    assert "NIP ini tidak dapat dipakai di instansi ini." in body and "hubungi BKPSDM" in body
    assert "kab-ketapang" not in body and "Ketapang" not in body  # not where it is (issue 14)
    assert 'id="confirm"' not in body
    assert Employee.objects.get(nip="199505052020122005").agency_id == "kab-ketapang"


def test_an_admin_cannot_import_into_another_agency(world: Any, login: Any) -> None:
    client = login("admin_bks")
    text = "Kode;Nama;Induk (kode);Jenis;Shift\nX;Unit X;;dinas;tidak\n"
    response = post_file(client, "units", "u.csv", text.encode(), "kab-ketapang")
    assert response.status_code == 400  # not a choice for this admin
    assert not Unit.objects.filter(code="X").exists()


def test_units_import_builds_the_tree_inside_the_unit_heads_scope(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    data = (EXAMPLES / "unit-contoh.csv").read_bytes()
    post_file(client, "units", "unit-contoh.csv", data)
    confirm(client)
    puskesmas = Unit.objects.get(agency_id="kab-ketapang", code="PKM-DELTAPAWAN")
    assert [unit.code for unit in puskesmas.ancestors()] == ["DINKES"]
    names = {unit["name"] for unit in login("kadis").get("/units.json").json()["results"]}
    assert "UPTD Puskesmas Delta Pawan" in names


def test_accounts_import_links_to_employees(world: Any, login: Any) -> None:
    client = login("admin_ktp")
    header = "NIP,Platform,Akun/Handle,Jenis Akun,URL\n"
    text = header + "199505052020122005,Instagram,@rina.perawat,pribadi,\n"
    body = post_file(client, "accounts", "a.csv", text.encode()).content.decode()
    assert 'id="confirm"' in body, body[-2000:]
    confirm(client)
    account = Account.objects.get(handle="@rina.perawat")
    assert account.employee == world.employees["perawat"]


def test_the_command_previews_then_commits(world: Any, tmp_path: Path) -> None:
    runner = CliRunner()
    good = str(EXAMPLES / "pegawai-contoh.csv")
    before = Employee.objects.count()
    result = runner.invoke(main, ["import", "employees", good, "--agency", "kab-ketapang"])
    assert result.exit_code == 0, result.output
    assert "--commit" in result.output
    assert Employee.objects.count() == before
    result = runner.invoke(
        main, ["import", "employees", good, "--agency", "kab-ketapang", "--commit"]
    )
    assert result.exit_code == 0, result.output
    assert Employee.objects.count() > before
    again = runner.invoke(
        main, ["import", "employees", good, "--agency", "kab-ketapang", "--commit"]
    )
    assert "0 baru" in again.output


def test_the_command_reports_errors_with_exit_2(world: Any) -> None:
    bad = str(EXAMPLES / "pegawai-satu-salah.csv")
    result = CliRunner().invoke(
        main, ["import", "employees", bad, "--agency", "kab-ketapang", "--commit"]
    )
    assert result.exit_code == 2
    assert "baris 3, kolom NIP" in result.output


def test_the_command_names_known_agencies(world: Any) -> None:
    bad = str(EXAMPLES / "pegawai-contoh.csv")
    result = CliRunner().invoke(main, ["import", "employees", bad, "--agency", "kab-nowhere"])
    assert result.exit_code == 1
    assert "kab-ketapang" in result.output and "kota-bekasi" in result.output
