"""The audit trail records every change to registry data and refuses to be changed."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from pantau.web.audit.models import AuditEntry, AuditTrailIsAppendOnly
from pantau.web.audit.trail import acting_as
from pantau.web.registry.models import Employee


def test_an_update_records_who_when_before_and_after(world: Any) -> None:
    employee = world.employees["staf_umum"]
    with acting_as("admin_ktp"):
        employee.position = "Analis Kebijakan"
        employee.save()
    entry = AuditEntry.objects.filter(model="registry.employee", object_pk=str(employee.pk)).first()
    assert entry is not None
    assert entry.action == "update"
    assert entry.actor == "admin_ktp"
    assert entry.agency_id == "kab-ketapang"
    assert entry.before["position"] == "Pelaksana"
    assert entry.after["position"] == "Analis Kebijakan"
    assert entry.at.tzinfo is not None


def test_saving_without_a_change_records_nothing(world: Any) -> None:
    employee = world.employees["staf_umum"]
    before = AuditEntry.objects.count()
    employee.save()
    assert AuditEntry.objects.count() == before


def test_a_delete_records_the_last_state(world: Any) -> None:
    employee = world.employees["kabag"]
    pk = employee.pk
    with acting_as("cli:operator"):
        employee.delete()
    entry = AuditEntry.objects.filter(
        model="registry.employee", object_pk=str(pk), action="delete"
    ).get()
    assert entry.before["name"] == "Kabag Umum"
    assert entry.after is None
    assert entry.actor == "cli:operator"


def test_a_page_request_attributes_changes_to_the_signed_in_user(world: Any, login: Any) -> None:
    """Confirming an import writes as the admin who confirmed it."""
    client = login("admin_ktp")
    data = b"Kode;Nama;Induk;Jenis;Shift\nBKPSDM;Badan Kepegawaian;;badan;tidak\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("unit.csv", data, content_type="text/csv")
    job = client.post("/import/preview/", {"kind": "units", "agency": "kab-ketapang",
                                           "file": upload})["Location"]
    client.post(f"{job}confirm/")
    entry = AuditEntry.objects.filter(model="registry.unit", action="create").first()
    assert entry is not None and entry.actor == "admin_ktp"
    assert entry.after["code"] == "BKPSDM"


def test_an_entry_cannot_be_changed_or_deleted(world: Any) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    entry.actor = "someone else"
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(actor="x")
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).actor != "someone else"


def test_the_database_refuses_changes_on_postgresql(world: Any) -> None:
    """Beyond the model: raw SQL is refused by a trigger (PostgreSQL pass only)."""
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL; this runs in the PostgreSQL pass")
    entry = AuditEntry.objects.first()
    assert entry is not None
    for sql in ("UPDATE registry_auditentry SET actor = 'x'", "DELETE FROM registry_auditentry"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntry.objects.get(pk=entry.pk).actor == entry.actor
    assert Employee.objects.count() == 6


def test_reading_an_employee_is_logged_and_shown_to_that_employee(world: Any, login: Any) -> None:
    from pantau.web.audit.models import AccessEntry

    rina = world.employees["perawat"].pk
    login("kadis").get(f"/employees/{rina}/")
    login("kadis").get(f"/api/employees/{rina}")
    entries = AccessEntry.objects.filter(employee_id=rina)
    assert sorted(entries.values_list("actor", "via")) == [("kadis", "api"), ("kadis", "page")]
    own = login("rina").get(f"/employees/{rina}/").content.decode()
    assert "Siapa yang membaca data saya" in own and "kadis" in own
    assert login("admin_ktp").get("/access.json").json()["count"] == 3
    assert login("admin_bks").get("/access.json").json()["count"] == 0
    assert login("kadis").get("/access.json").status_code == 403
    entry = entries.first()
    assert entry is not None
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.delete()


def test_reading_outside_the_scope_is_not_logged_as_a_read(world: Any, login: Any) -> None:
    from pantau.web.audit.models import AccessEntry

    budi = world.employees["bekasi_staf"].pk
    assert login("kadis").get(f"/employees/{budi}/").status_code == 404
    assert not AccessEntry.objects.filter(employee_id=budi).exists()
