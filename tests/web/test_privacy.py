"""Personal data over time (UU PDP 27/2022): retention (dry run, run, idempotence, the audit
chain verified afterwards), the data-protection officer's role, and subject access."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile

from pantau.cli import main
from pantau.domain.access import Role
from pantau.domain.retention import Category
from pantau.rules.retention import load_schedule
from pantau.web.audit import chain
from pantau.web.audit.access import record_reads
from pantau.web.audit.chain import verify
from pantau.web.audit.models import AccessEntry, AuditEntry
from pantau.web.audit.trail import acting_as
from pantau.web.cases.models import Case, CaseFinding, Event
from pantau.web.intake.evidence import store
from pantau.web.intake.models import Evidence, Matter, MatterKey, Message, Report
from pantau.web.intake.storage import evidence_storage

WIB = ZoneInfo("Asia/Jakarta")
AS_OF = date(2031, 6, 15)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
CONTACT = "0812-7777-1234"


@pytest.fixture(autouse=True)
def _stores(evidence_in_tmp: Path) -> None:
    """Evidence under the test's folder (tests/web/conftest.py)."""


def _cutoff(category: Category) -> date:
    return load_schedule().rule(category).cutoff(AS_OF)


def _at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), WIB)


def _report(world: Any, status: str, decided: date | None, **extra: Any) -> Report:
    with acting_as("admin_ktp"):
        report = Report.objects.create(
            agency=world.agencies["kab-ketapang"], source="public", status=status,
            happened_at=_at(date(2026, 2, 3)), who="Rina dari RSUD",
            description="live saat jam kerja",
            contact_name="Pelapor Rahasia", contact=CONTACT, links=["https://x.test/@rina/1"],
            employee=extra.pop("employee", world.employees["perawat"]),
            decided_at=_at(decided, 23) if decided else None, **extra)
    return report


def _png(name: str, salt: bytes = b"") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG + salt, content_type="image/png")


def _closed_case(world: Any, report: Report, closed: date, number: str) -> Case:
    case = Case.objects.create(agency=world.agencies["kab-ketapang"], employee=report.employee,
                               number=number, opened_at=_at(date(2026, 2, 10)),
                               employee_type="PNS", stage="final")
    CaseFinding.objects.create(case=case, report=report, level="ringan", nature="x")
    Event.objects.create(case=case, seq=1, kind="decided", on=closed, data={},
                         recorded_by="x", recorded_at=_at(closed))
    return case


def _backdate(pk: int, at: datetime) -> None:
    """Set when an access-log entry was written (test set-up only): on PostgreSQL the
    append-only trigger is switched off for this one update, inside the test's transaction."""
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("ALTER TABLE audit_accessentry DISABLE TRIGGER USER")
        AccessEntry._base_manager.filter(pk=pk).update(at=at)
        if postgres:
            cursor.execute("ALTER TABLE audit_accessentry ENABLE TRIGGER USER")


@pytest.fixture
def dated(world: Any) -> dict[str, Any]:
    """Rows exactly at the end of their period (due on AS_OF) and one day younger (not)."""
    found: dict[str, Any] = {}
    for name, shift in (("old", 0), ("young", 1)):
        dismissed = _cutoff(Category.DISMISSED_REPORT) + timedelta(days=shift)
        found[f"dismissed_{name}"] = report = _report(world, "dismissed", dismissed)
        store(report, _png("budi.png", name.encode()), "satpol")
        Message.objects.create(report=report, from_complainant=True, author="pelapor",
                               text=f"saya {CONTACT}")
        contact = _cutoff(Category.COMPLAINANT_CONTACT) + timedelta(days=shift)
        found[f"contact_{name}"] = _report(world, "confirmed", contact)
        closed = _cutoff(Category.CLOSED_CASE_EVIDENCE) + timedelta(days=shift)
        confirmed = _report(world, "confirmed", date(2026, 2, 5))
        found[f"evidence_{name}"] = store(confirmed, _png("bukti.png", b"c" + name.encode()),
                                          "satpol")
        _closed_case(world, confirmed, closed, f"K/{name}")
        read = _cutoff(Category.ACCESS_LOG) + timedelta(days=shift)
        record_reads("admin_ktp", [(world.employees["perawat"].pk, "kab-ketapang")], "page")
        entry = AccessEntry.objects.order_by("-pk").first()
        assert entry is not None
        _backdate(entry.pk, _at(read, 23))
        found[f"read_{name}"] = entry.pk
    found["filer"] = world.users["satpol"]
    return found


def _retention(*args: str) -> Any:
    result = CliRunner().invoke(main, ["retention", "--as-of", AS_OF.isoformat(), "--force",
                                       *args])
    assert result.exit_code == 0, result.output
    return result


def test_the_dry_run_lists_exactly_the_rows_past_their_period(dated: dict[str, Any]) -> None:
    before = AuditEntry.objects.count()
    plan = {item["category"]: item for item in json.loads(_retention("--dry-run", "--json").stdout)}
    assert plan["dismissed_report"]["ids"] == [dated["dismissed_old"].pk]
    # the dismissed one's contact is due too (90 days passed long ago); the young contact not
    assert dated["contact_old"].pk in plan["complainant_contact"]["ids"]
    assert dated["contact_young"].pk not in plan["complainant_contact"]["ids"]
    assert plan["closed_case_evidence"]["ids"] == [dated["evidence_old"].pk]
    assert plan["access_log"]["count"] == 1
    assert plan["access_log"]["first_id"] == dated["read_old"]
    assert AuditEntry.objects.count() == before  # nothing changed
    text = _retention("--dry-run").stdout
    assert CONTACT not in text and "Pelapor" not in text and "Rina" not in text
    assert f"id: {dated['dismissed_old'].pk}" in text


def test_the_run_removes_what_is_due_keeps_hashes_and_the_chain_verifies(
    dated: dict[str, Any],
) -> None:
    old, young = dated["dismissed_old"], dated["dismissed_young"]
    old_file = Evidence.objects.get(report=old)
    old_name = old_file.file.name
    matter = Matter.objects.create(agency_id="kab-ketapang")
    Report.objects.filter(pk=old.pk).update(matter=matter, filed_by=dated["filer"],
                                            external_id="LAPOR-123", signals={"a": 1})
    for key in ("x.test/@rina/1", f"sha256:{old_file.sha256}"):
        MatterKey.objects.create(matter=matter, agency_id="kab-ketapang", key=key)
    out = _retention("--json", "--progress")
    assert "dismissed_report: 1/1" in out.stderr and "access_log: 1/1" in out.stderr
    summary = json.loads(out.stdout.splitlines()[-1])
    assert summary["chain_intact"] and summary["redacted"] > 0
    old.refresh_from_db()
    assert (old.who, old.description, old.contact, old.contact_name, old.links) == (
        "", "", "", "", [])
    assert old.employee_id is None and old.finding is None and old.anonymised_at is not None
    # nothing left that points at the complainant: their login, a LAPOR! ticket, the signals
    assert (old.filed_by_id, old.external_id, old.signals) == (None, "", {})
    assert old.status == "dismissed" and old.dismissal_reason == ""  # the row stays
    young.refresh_from_db()
    assert young.who == "Rina dari RSUD" and young.employee_id is not None
    gone = Evidence.objects.get(pk=old_file.pk)
    assert not gone.file and gone.removed_at is not None
    assert gone.sha256 == hashlib.sha256(PNG + b"old").hexdigest()
    assert not evidence_storage().exists(old_name)
    kept = Evidence.objects.get(report=young)
    assert evidence_storage().exists(kept.file.name)
    case_file = Evidence.objects.get(pk=dated["evidence_old"].pk)
    assert not case_file.file and case_file.sha256
    assert Evidence.objects.get(pk=dated["evidence_young"].pk).file
    assert not AccessEntry.objects.filter(pk=dated["read_old"]).exists()
    assert AccessEntry.objects.filter(pk=dated["read_young"]).exists()
    assert Message.objects.get(report=old).text == ""
    assert list(MatterKey.objects.filter(matter=matter).values_list("key", flat=True)) == [
        f"sha256:{old_file.sha256}"]
    # the removed values are gone from the audit trail too, and the chain still verifies
    trail = json.dumps(list(AuditEntry.objects.filter(
        model="intake.report", object_pk=str(old.pk)).values("before", "after", "names")))
    assert CONTACT not in trail and "Pelapor Rahasia" not in trail
    evidence_trail = json.dumps(list(AuditEntry.objects.filter(
        model="intake.evidence", object_pk=str(old_file.pk)).values(
            "object_repr", "before", "after")))
    assert "budi.png" not in evidence_trail and old_file.sha256 in evidence_trail
    young_trail = json.dumps(list(AuditEntry.objects.filter(
        model="intake.report", object_pk=str(young.pk)).values("after")))
    assert "Rina dari RSUD" in young_trail
    found = verify()
    assert found.intact and found.redacted > 0
    removal = AuditEntry.objects.filter(action="retention", model="intake.evidence",
                                        object_pk=str(old_file.pk)).get()
    assert removal.after["kept"]["sha256"] == gone.sha256


def test_removed_evidence_answers_gone_with_its_hash(
    dated: dict[str, Any], login: Any,
) -> None:
    from django.urls import reverse

    _retention()
    gone = Evidence.objects.get(pk=dated["evidence_old"].pk)
    page = login("admin_ktp").get(reverse("evidence-file", args=[gone.pk]))
    assert page.status_code == 410 and gone.sha256 in page.content.decode()
    kept = Evidence.objects.get(pk=dated["evidence_young"].pk)
    assert login("admin_ktp").get(reverse("evidence-file", args=[kept.pk])).status_code == 200


def test_the_audit_pages_show_the_removals(dated: dict[str, Any], login: Any) -> None:
    _retention()
    client = login("admin_ktp")
    assert "dihapus (retensi)" in client.get("/audit/").content.decode()
    check = client.get("/audit/verify.json").json()
    assert check["intact"] and check["redacted"] > 0


def test_an_unknown_agency_is_refused(dated: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["retention", "--dry-run", "--agency", "kab-entah"])
    assert result.exit_code == 2 and "kab-ketapang" in result.stderr


def test_a_second_run_changes_nothing(dated: dict[str, Any]) -> None:
    _retention()
    entries = AuditEntry.objects.count()
    again = json.loads(_retention("--json").stdout.splitlines()[-1])
    assert set(again["treated"].values()) == {0}
    assert AuditEntry.objects.count() == entries
    assert verify().intact


def test_an_undocumented_edit_still_breaks_the_chain(dated: dict[str, Any]) -> None:
    from django.db import models

    _retention()
    entry = AuditEntry.objects.filter(model="intake.report").order_by("seq").first()
    assert entry is not None
    models.QuerySet.update(AuditEntry.objects.filter(pk=entry.pk), actor="someone else")
    broken = verify().first_break
    assert broken is not None and broken.seq == entry.seq


def test_retention_on_a_copy_of_the_demo(db: None, settings: Any) -> None:
    """The demo (built into the test database, a throwaway copy) with an evidence file on
    every dismissed report: years later everything dismissed is anonymised, its files are
    gone with their hashes kept, and the audit chain verifies; a second run changes nothing."""
    result = CliRunner().invoke(main, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    dismissed = list(Report.objects.filter(status="dismissed"))
    assert dismissed, "the demo holds dismissed reports"
    for index, report in enumerate(dismissed):
        store(report, _png("demo.png", str(index).encode()), "system:demo")
    names = list(Evidence.objects.filter(report__in=dismissed).values_list("file", flat=True))
    assert all(evidence_storage().exists(name) for name in names)
    later = (date.today() + timedelta(days=4000)).isoformat()
    out = CliRunner().invoke(main, ["retention", "--as-of", later, "--force", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout.splitlines()[-1])["treated"]["dismissed_report"] == len(dismissed)
    assert not Report.objects.filter(status="dismissed", anonymised_at__isnull=True).exists()
    assert not any(evidence_storage().exists(name) for name in names)
    assert all(e.sha256 for e in Evidence.objects.filter(report__in=dismissed))
    assert not Report.objects.exclude(contact="").filter(
        status__in=["dismissed", "confirmed"], decided_at__isnull=False).exists()
    chain = CliRunner().invoke(main, ["audit", "verify", "--json"])
    assert chain.exit_code == 0 and json.loads(chain.stdout)["intact"]
    count = AuditEntry.objects.count()
    again = CliRunner().invoke(main, ["retention", "--as-of", later, "--force", "--json"])
    assert set(json.loads(again.stdout.splitlines()[-1])["treated"].values()) == {0}
    assert AuditEntry.objects.count() == count


# ----- the data-protection officer ----------------------------------------------------------
@pytest.fixture
def dpo(world: Any) -> Any:
    return world.user("dpo_ktp", Role.DATA_PROTECTION_OFFICER, "kab-ketapang")


def test_the_dpo_reads_the_access_log_and_the_retention_report(
    world: Any, dpo: Any, login: Any, dated: dict[str, Any],
) -> None:
    client = login("dpo_ktp")
    assert client.get("/access/").status_code == 200
    log = client.get("/access.json").json()
    assert log["count"] == 2
    page = client.get("/privacy/retention/")
    assert page.status_code == 200 and "Data kontak pelapor" in page.content.decode()
    report = client.get("/privacy/retention.json").json()
    assert {c["category"] for c in report["categories"]} == {c.value for c in Category}
    assert CONTACT not in json.dumps(report)
    assert login("admin_bks").get("/privacy/retention.json").json()["categories"][0]["count"] == 0


def test_the_dpo_home_page_opens_and_shows_their_two_pages(dpo: Any, login: Any) -> None:
    body = login("dpo_ktp").get("/").content.decode()
    assert 'href="/privacy/retention/"' in body and 'href="/access/"' in body
    for refused in ("/employees/", "/agencies/", "/units/", "/review/", "/cases/", "/audit/"):
        assert f'href="{refused}"' not in body, refused


@pytest.mark.parametrize("route", [
    "/employees/", "/employees.json", "/agencies/", "/units.json", "/review/", "/review.json",
    "/cases/", "/cases.json", "/audit/", "/audit/verify/", "/import/", "/laporan/baru/",
    "/api/employees", "/api/agencies", "/api/queue", "/api/cases", "/me/data/",
])
def test_the_dpo_is_refused_everything_else(dpo: Any, login: Any, route: str) -> None:
    assert login("dpo_ktp").get(route).status_code == 403, route


@pytest.mark.parametrize("user", ["satpol", "kadis", "pejabat", "rina"])
def test_other_roles_do_not_get_the_retention_report_or_access_log(
    world: Any, login: Any, user: str,
) -> None:
    client = login(user)
    assert client.get("/privacy/retention.json").status_code == 403
    assert client.get("/access/").status_code == 403


# ----- subject access -----------------------------------------------------------------------
def test_an_employee_sees_their_own_data_and_never_the_complainant(
    world: Any, login: Any,
) -> None:
    mine = _report(world, "in_review", None)
    other = _report(world, "dismissed", date(2026, 3, 1), employee=world.employees["staf_umum"])
    record_reads("admin_ktp", [(world.employees["perawat"].pk, "kab-ketapang")], "page")
    record_reads("admin_ktp", [(world.employees["staf_umum"].pk, "kab-ketapang")], "page")
    client = login("rina")
    page = client.get("/me/data/")
    assert page.status_code == 200 and "Rina Perawat" in page.content.decode()
    data = client.get("/me/data.json").json()
    assert data["record"]["name"] == "Rina Perawat"
    assert data["record"]["nip"] == world.employees["perawat"].nip
    assert [r["id"] for r in data["reports"]] == [mine.pk]
    assert other.pk not in [r["id"] for r in data["reports"]]
    # newest first: her own look at the page above, then the admin's; never Siti's readers
    assert [e["who"] for e in data["reads_of_your_record"]["entries"]] == ["rina", "admin_ktp"]
    assert {m["role"] for m in data["memberships"]} == {"employee"}
    body = json.dumps(data)
    for secret in (CONTACT, "Pelapor Rahasia", "Rina dari RSUD", "live saat jam kerja",
                   "Siti Umum"):
        assert secret not in body, secret
    assert data["withheld"]
    download = client.get("/me/data.json?download=1")
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize("user", ["admin_ktp", "satpol", "norole"])
def test_subject_access_needs_an_employee_record(world: Any, login: Any, user: str) -> None:
    assert login(user).get("/me/data.json").status_code == 403


def test_a_removal_cannot_run_ahead_of_its_period(dated: dict[str, Any]) -> None:
    """A future --as-of would remove today what the schedule keeps: refused (exit 2), nothing
    removed; a dry run may look ahead."""
    result = CliRunner().invoke(main, ["retention", "--as-of", "2099-01-01"])
    assert result.exit_code == 2 and "after today" in result.output
    young = dated["dismissed_young"]
    young.refresh_from_db()
    assert young.anonymised_at is None
    ahead = CliRunner().invoke(main, ["retention", "--dry-run", "--as-of", "2099-01-01"])
    assert ahead.exit_code == 0


def test_a_retention_entry_about_another_record_cannot_vouch_for_an_edit(world: Any) -> None:
    """The chain accepts a changed entry only as documented by a later retention entry of the
    same record: one about an unrelated record leaves the edit a break."""
    from django.db import models

    victim = AuditEntry.objects.filter(action="create").order_by("seq").first()
    assert victim is not None and chain.verify().intact
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:  # the attacker's edit (on PostgreSQL past the trigger)
        if postgres:
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        models.QuerySet.update(AuditEntry.objects.filter(pk=victim.pk), actor="someone_else",
                               after={"name": "forged"})
        if postgres:
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")
    victim.refresh_from_db()
    forged = [{"seq": victim.seq, "digest": chain.digest(chain.fields_of(victim),
                                                         victim.prev_hash)}]
    chain.append(at=victim.at, actor="x", agency_id="", action=chain.RETENTION,
                 model="unrelated.model", object_pk="1", object_repr="", before=None, names={},
                 after={"redacted": forged})
    found = chain.verify()
    assert not found.intact and found.first_break is not None
    assert found.first_break.seq == victim.seq
