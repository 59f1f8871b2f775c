"""Reports (issue 12): figures of an agency, unit and period beside the period before, checked
against a fixture whose every figure is computed by hand below; an empty period; a unit moved
between periods; CSV and XLSX read back; `pantau report`; scope; the public transparency page
and its suppression; the monthly PDF on the agency's letterhead (real LibreOffice)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from tests.conftest import require

from pantau.cli import main
from pantau.web.cases.models import Case, CaseFinding, Event
from pantau.web.intake.models import Report, ReportEvent
from pantau.web.registry.models import Unit

WIB = ZoneInfo("Asia/Jakarta")
TODAY = date(2026, 11, 5)
POLICY = {"id": "kab-ketapang/se-5-2026", "title": "Surat Edaran Bupati Ketapang"}
# violations as findings store them (policy and clause as objects) ...
LIVE = {"conduct": "live_in_work_hours", "policy": POLICY,
        "clause": {"reference": "butir 1", "text": "..."}}
UNIFORM = {"conduct": "uniform_in_personal_content", "policy": POLICY,
           "clause": {"reference": "butir 2", "text": "..."}}
# ... and as `pantau check` writes them (strings): the same key
LIVE_PLAIN = {"conduct": "live_in_work_hours", "policy": "kab-ketapang/se-5-2026",
              "clause": "butir 1"}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=WIB)


def complaint(world: Any, who: str | None, source: str, received: str, *, status: str = "",
              decided: str = "", reason: str = "", violations: tuple[dict[str, Any], ...] = (),
              filed_event: bool = False) -> Report:
    """A report received at `received`: its row's creation time, or (`filed_event`) its
    `filed` event while the row itself is created now, as the demo and imports do."""
    report = Report.objects.create(
        agency_id="kab-ketapang", source=source, happened_at=at(received),
        employee=world.employees[who] if who else None,
        status=status or "received", decided_at=at(decided) if decided else None,
        dismissal_reason=reason,
        finding={"verdict": "violation", "violations": list(violations)} if violations else None)
    if filed_event:
        ReportEvent.objects.create(report=report, at=at(received), actor="x", kind="filed")
    else:
        Report.objects.filter(pk=report.pk).update(created_at=at(received))
    return report


def case(world: Any, number: str, who: str, opened: str, stage: str, *, reports: tuple[Report, ...]
         = (), decided_on: str = "", sanction: str = "", flags: str = "",
         next_due: date | None = None) -> Case:
    record = Case.objects.create(
        agency_id="kab-ketapang", employee=world.employees[who], number=number,
        opened_at=at(opened), employee_type="PNS", stage=stage, decided=sanction, flags=flags,
        next_due=next_due)
    for report in reports:
        CaseFinding.objects.create(case=record, report=report, level="ringan", nature="live")
    if decided_on:
        Event.objects.create(case=record, seq=1, kind="decided", on=date.fromisoformat(decided_on),
                             data={"kind": "decided", "sanction": sanction},
                             recorded_by="admin_ktp", recorded_at=at(decided_on))
    return record


@pytest.fixture
def book(world: Any) -> dict[str, Any]:
    """October 2026 and September 2026 in Kabupaten Ketapang (WIB).

    Received in October: R1 public, R2 monitor, R3 public, R4 lapor, R5 public (nobody
    identified), R7 public at 23:30 on 31 October; R8 at 00:10 on 1 November is November's.
    Received in September: S1 public, R6 import. R4 and R6 are received by their `filed`
    event (their rows are created today).
    Review decisions in October: R1 confirmed after 3 days, R2 confirmed after 10, R3 dismissed
    (no violation) after 1, R4 dismissed (insufficient evidence) after 20, R6 confirmed after 5
    (received 28 September): sorted 1 3 5 10 20, median 5, p90 (rank 5 of 5) 20. In
    September: S1 confirmed after 5.
    Cases opened in October: C1 (Rina, R1+R2) decided 20 October teguran tertulis: 19 days from
    R1; C2 (Kadis, R6) decided 31 October, pemotongan tukin 6 bulan, a summons sent late: 33
    days from R6; C3 (Sekda) summoned, its deadline 20 October passed. In September: C4.
    """
    r1 = complaint(world, "perawat", "public", "2026-10-01T09:00", status="confirmed",
                   decided="2026-10-04T10:00", violations=(LIVE,))
    r2 = complaint(world, "perawat", "monitor", "2026-10-02T10:00", status="confirmed",
                   decided="2026-10-12T10:00", violations=(LIVE,))
    complaint(world, "staf_umum", "public", "2026-10-05T08:00", status="dismissed",
              decided="2026-10-06T08:00", reason="no_violation", violations=(UNIFORM,))
    complaint(world, "kabag", "lapor", "2026-10-10T08:00", status="dismissed",
              decided="2026-10-30T08:00", reason="insufficient_evidence", filed_event=True)
    complaint(world, None, "public", "2026-10-20T08:00")
    r6 = complaint(world, "kadinkes", "import", "2026-09-28T08:00", status="confirmed",
                   decided="2026-10-03T08:00", filed_event=True)
    complaint(world, "staf_umum", "public", "2026-10-31T23:30")
    complaint(world, "staf_umum", "public", "2026-11-01T00:10")
    complaint(world, "perawat", "public", "2026-09-10T08:00", status="confirmed",
              decided="2026-09-15T08:00", violations=(LIVE_PLAIN,))
    case(world, "C1", "perawat", "2026-10-05T10:00", "in_force", reports=(r1, r2),
         decided_on="2026-10-20", sanction="teguran_tertulis")
    case(world, "C2", "kadinkes", "2026-10-08T10:00", "decided", reports=(r6,),
         decided_on="2026-10-31", sanction="pemotongan_tukin_6_bulan", flags="summons_late")
    case(world, "C3", "sekda", "2026-10-15T10:00", "summoned", next_due=date(2026, 10, 20))
    case(world, "C4", "staf_umum", "2026-09-20T10:00", "reported")
    return {}


def report_json(client: Any, query: str) -> dict[str, Any]:
    response = client.get(f"/reports/report.json?{query}")
    assert response.status_code == 200, response.content[:500]
    data: dict[str, Any] = response.json()
    return data


def rows(data: dict[str, Any], section: str, key: str = "rows") -> dict[str, tuple[Any, Any]]:
    return {row["code"]: (row["current"], row["previous"])
            for row in data["sections"][section][key]}


@pytest.fixture
def today(monkeypatch: Any) -> None:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


# ----- figures against the hand-computed fixture -------------------------------------------
def test_the_agency_report_of_october_by_hand(book: Any, today: None, login: Any) -> None:
    data = report_json(login("admin_ktp"), "agency=kab-ketapang&period=2026-10")
    assert data["period"]["from"] == "2026-10-01" and data["previous_period"]["to"] == "2026-09-30"
    assert rows(data, "complaints") == {"public": (4, 1), "monitor": (1, 0), "import": (0, 1),
                                        "lapor": (1, 0)}
    assert data["sections"]["complaints"]["total"]["difference"] == 4
    found = rows(data, "findings")
    assert found["live_in_work_hours|kab-ketapang/se-5-2026|butir 1"] == (2, 1)
    assert found["uniform_in_personal_content|kab-ketapang/se-5-2026|butir 2"] == (1, 0)
    assert rows(data, "review") == {"confirmed": (3, 1), "dismissed": (2, 0)}
    reasons = rows(data, "review", "reasons")
    assert reasons["no_violation"] == (1, 0) and reasons["insufficient_evidence"] == (1, 0)
    assert reasons["duplicate"] == (0, 0)
    durations = rows(data, "durations")
    assert durations["review_days.count"] == (5, 1)
    assert durations["review_days.median"] == (5, 5)
    assert durations["review_days.p90"] == (20, 5)
    assert durations["sanction_days.median"] == (26, None)
    assert durations["sanction_days.p90"] == (33, None)
    stages = rows(data, "stages")
    assert (stages["in_force"], stages["decided"], stages["summoned"], stages["reported"]) == (
        (1, 0), (1, 0), (1, 0), (0, 1))
    assert rows(data, "deadlines") == {"met": (1, 1), "missed": (2, 0)}
    # by top-level unit: C1 (RSUD) and C2 under Dinas Kesehatan, C3 and C4 (Bagian Umum) Setda
    assert rows(data, "cases_by_unit") == {"DINKES": (2, 0), "SETDA": (1, 1)}
    assert rows(data, "missed_by_unit") == {"DINKES": (1, 0), "SETDA": (1, 0)}
    assert rows(data, "sanctions") == {"ringan|teguran_tertulis": (1, 0),
                                       "sedang|pemotongan_tukin_6_bulan": (1, 0)}
    repeat = data["sections"]["repeat_offenders"]
    assert rows(data, "repeat_offenders") == {"repeat_offenders": (1, 0)}
    assert repeat["people"] == [{"employee": "Rina Perawat", "unit": "RSUD Agoesdjam",
                                 "confirmed": 3}]


def test_a_unit_report_counts_the_unit_and_the_units_below_it(book: Any, today: None,
                                                              login: Any) -> None:
    data = report_json(login("admin_ktp"), "agency=kab-ketapang&unit=DINKES&period=2026-10")
    assert data["area"]["unit"]["code"] == "DINKES"
    assert rows(data, "complaints") == {"public": (1, 1), "monitor": (1, 0), "import": (0, 1),
                                        "lapor": (0, 0)}
    assert rows(data, "review") == {"confirmed": (3, 1), "dismissed": (0, 0)}
    durations = rows(data, "durations")
    assert durations["review_days.median"] == (5, 5)  # 3 5 10
    assert durations["review_days.p90"] == (10, 5)  # rank ceil(2.7) = 3
    # the unit itself and each unit directly below it
    assert rows(data, "cases_by_unit") == {"DINKES": (1, 0), "RSUD": (1, 0)}
    assert rows(data, "missed_by_unit") == {"DINKES": (1, 0), "RSUD": (0, 0)}


def test_an_empty_period_has_zeros_and_no_median(book: Any, today: None, login: Any) -> None:
    data = report_json(login("admin_ktp"), "agency=kab-ketapang&period=2027-01")
    assert set(rows(data, "complaints").values()) == {(0, 0)}
    assert rows(data, "findings") == {} and rows(data, "sanctions") == {}
    durations = rows(data, "durations")
    assert durations["review_days.median"] == (None, None)
    assert durations["review_days.count"] == (0, 0)
    assert data["sections"]["repeat_offenders"]["people"] == []


def test_a_moved_unit_counts_where_it_is_now_in_both_periods(book: Any, today: None,
                                                             login: Any) -> None:
    client = login("admin_ktp")
    before = report_json(client, "agency=kab-ketapang&unit=DINKES&period=2026-10")
    assert rows(before, "complaints")["public"] == (1, 1)  # R1 (Oct), S1 (Sep): RSUD
    rsud = Unit.objects.get(agency_id="kab-ketapang", code="RSUD")
    rsud.parent = Unit.objects.get(agency_id="kab-ketapang", code="SETDA")
    rsud.save()
    dinkes = report_json(client, "agency=kab-ketapang&unit=DINKES&period=2026-10")
    assert rows(dinkes, "complaints") == {"public": (0, 0), "monitor": (0, 0),
                                          "import": (0, 1), "lapor": (0, 0)}
    setda = report_json(client, "agency=kab-ketapang&unit=SETDA&period=2026-10")
    # RSUD's R1, R2, S1 follow it; UMUM's R3, R4, R7 were there already
    assert rows(setda, "complaints") == {"public": (3, 1), "monitor": (1, 0), "import": (0, 0),
                                         "lapor": (1, 0)}
    agency = report_json(client, "agency=kab-ketapang&period=2026-10")
    assert rows(agency, "cases_by_unit") == {"SETDA": (2, 1), "DINKES": (1, 0)}  # C1 moved


def test_a_range_of_dates_compares_with_as_many_days_before(book: Any, today: None,
                                                            login: Any) -> None:
    data = report_json(login("admin_ktp"),
                       "agency=kab-ketapang&from=2026-10-01&to=2026-10-05")
    assert data["previous_period"] == {"kind": "range", "label": "2026-09-26..2026-09-30",
                                       "from": "2026-09-26", "to": "2026-09-30", "days": 5}
    # R1, R2, R3 against R6 (28 September)
    assert rows(data, "complaints") == {"public": (2, 0), "monitor": (1, 0), "import": (0, 1),
                                        "lapor": (0, 0)}


# ----- the page, exports --------------------------------------------------------------------
def test_the_page_draws_charts_with_titles_and_tables(book: Any, today: None,
                                                      login: Any) -> None:
    response = login("admin_ktp").get("/reports/?agency=kab-ketapang&period=2026-10")
    assert response.status_code == 200
    page = response.content.decode()
    # one chart for each section with something to draw: all but durations and repeat
    assert page.count("<svg") == 8 and page.count('role="img"') == 8
    assert '<title id="chart-sanctions">' in page and 'aria-labelledby="chart-complaints"' in page
    assert "Rina Perawat" not in page.split('id="repeat_offenders"')[0]  # names: one table
    assert "<table" in page and "Rina Perawat" in page
    assert "<caption>Alasan penutupan</caption>" in page and "Selisih" in page  # Indonesian
    assert "/reports/monthly.pdf?" in page
    assert 'href="/reports/"' in page  # the nav links the report page
    assert "style=" not in page.split("<main>")[1]  # the CSP allows no inline style
    assert "pantau/reports.css" in page


def test_csv_and_xlsx_hold_the_same_figures(book: Any, today: None, login: Any) -> None:
    client = login("admin_ktp")
    query = "agency=kab-ketapang&period=2026-10"
    text = client.get(f"/reports/report.csv?{query}").content.decode()
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == ["agency", "kab-ketapang"]
    header = lines.index(["section", "code", "label", "current", "previous", "difference",
                          "percent"])
    found = {(line[0], line[1]): line[3:6] for line in lines[header + 1:]}
    assert found[("complaints", "public")] == ["4", "1", "3"]
    assert found[("durations", "review_days.p90")] == ["20.0", "5.0", "15.0"]
    assert found[("review.reasons", "no_violation")] == ["1", "0", "1"]
    response = client.get(f"/reports/report.xlsx?{query}")
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = {(r[0], r[1]): r[3:6] for r in workbook["report"].iter_rows(min_row=2,
                                                                        values_only=True)}
    assert sheet[("complaints", "public")] == (4, 1, 3)
    assert sheet[("durations", "review_days.median")] == (5, 5, 0)
    assert sheet[("deadlines", "missed")] == (2, 0, 2)
    people = list(workbook["repeat_offenders"].iter_rows(values_only=True))
    assert people == [("employee", "unit", "confirmed"), ("Rina Perawat", "RSUD Agoesdjam", 3)]


def test_a_bad_period_is_a_400_that_says_how(book: Any, login: Any) -> None:
    client = login("admin_ktp")
    response = client.get("/reports/report.json?agency=kab-ketapang&period=2026-13")
    assert response.status_code == 400 and "2026-Q4" in response.json()["detail"]
    response = client.get("/reports/report.json?agency=kab-ketapang&unit=NOPE")
    assert response.status_code == 400 and "'NOPE'" in response.json()["detail"]
    response = client.get("/reports/report.json?agency=kab-ketapang&from=2026-10-01")
    assert response.status_code == 400 and "keduanya" in response.json()["detail"]
    response = client.get("/reports/report.json?agency=kab-ketapang&from=2026-10-05"
                          "&to=2026-10-01")
    assert "sebelum dimulai" in response.json()["detail"]  # Indonesian first


# ----- scope ------------------------------------------------------------------------------
def test_a_unit_head_sees_their_subtree_only(book: Any, today: None, login: Any) -> None:
    client = login("kadis")  # head of Dinas Kesehatan
    data = report_json(client, "period=2026-10")
    assert data["area"]["unit"]["code"] == "DINKES"
    assert rows(data, "complaints")["public"] == (1, 1)
    assert report_json(client, "unit=RSUD&period=2026-10")["area"]["unit"]["code"] == "RSUD"
    assert client.get("/reports/report.json?unit=UMUM").status_code == 403
    assert client.get("/reports/report.json?agency=kota-bekasi").status_code == 403
    assert client.get("/reports/report.csv?unit=SETDA").status_code == 403


def test_an_authorised_official_sees_their_scope(book: Any, world: Any, today: None,
                                                 login: Any) -> None:
    client = login("pejabat")  # an authorised official of Setda: Setda and Bagian Umum
    data = report_json(client, "period=2026-10")
    assert data["area"]["unit"]["code"] == "SETDA"
    assert rows(data, "review") == {"confirmed": (0, 0), "dismissed": (2, 0)}  # R3, R4
    assert client.get("/reports/report.json?unit=DINKES").status_code == 403
    world.user("ppk", "authorised_official", "kab-ketapang")  # the PPK: no unit
    whole = report_json(login("ppk"), "period=2026-10")
    assert whole["area"]["unit"] is None
    assert rows(whole, "complaints")["public"] == (4, 1)  # R5, about nobody yet, counts too


@pytest.mark.parametrize("user", ["rina", "satpol", "norole"])
def test_employees_monitors_and_others_are_refused(book: Any, login: Any, user: str) -> None:
    client = login(user)
    assert client.get("/reports/?agency=kab-ketapang").status_code == 403
    assert client.get("/reports/report.json").status_code == 403
    assert client.get("/reports/monthly.pdf?period=2026-10").status_code == 403
    assert 'href="/reports/"' not in client.get("/").content.decode()


def test_another_agency_never(book: Any, login: Any) -> None:
    client = login("admin_bks")
    assert client.get("/reports/report.json?agency=kab-ketapang").status_code == 403
    data = report_json(client, "period=2026-10")
    assert data["area"]["agency"] == "kota-bekasi"
    assert rows(data, "complaints")["public"] == (0, 0)


def test_anonymous_readers_sign_in_first(client: Any) -> None:
    assert client.get("/reports/").status_code == 302
    assert client.get("/reports/report.json").status_code == 401


# ----- the command line ---------------------------------------------------------------------
def test_pantau_report_as_json_csv_and_xlsx(book: Any, tmp_path: Path) -> None:
    base = ["report", "--agency", "kab-ketapang", "--today", "2026-11-05"]
    result = CliRunner().invoke(main, [*base, "--period", "2026-10"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert rows(data, "review") == {"confirmed": (3, 1), "dismissed": (2, 0)}
    result = CliRunner().invoke(main, [*base, "--unit", "DINKES", "--from", "2026-10-01",
                                       "--to", "2026-10-31", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = {tuple(line[:2]): line[3:5] for line in csv.reader(io.StringIO(result.output))}
    assert lines[("unit", "DINKES")] == []
    assert lines[("complaints", "monitor")] == ["1", "0"]
    assert lines[("complaints", "import")] == ["0", "1"]
    out = tmp_path / "laporan.xlsx"
    result = CliRunner().invoke(main, [*base, "--period", "2026-10", "--format", "xlsx",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["report"]
    assert ("complaints", "public", 4) in {(r[0], r[1], r[3]) for r in
                                           sheet.iter_rows(values_only=True)}


@pytest.mark.parametrize(("options", "said"), [
    (["--agency", "kab-nowhere"], "agency 'kab-nowhere' does not exist"),
    (["--agency", "kab-ketapang", "--unit", "NOPE"], "unit 'NOPE' does not exist"),
    (["--agency", "kab-ketapang", "--from", "2026-10-32", "--to", "2026-11-01"],
     "--from '2026-10-32' is not a date"),
    (["--agency", "kab-ketapang", "--from", "2026-10-05", "--to", "2026-10-01"],
     "before it starts"),
    (["--agency", "kab-ketapang", "--period", "2026-13"], "is not a period"),
    (["--agency", "kab-ketapang", "--format", "xlsx"], "give --out"),
])
def test_pantau_report_names_what_is_wrong(world: Any, options: list[str], said: str) -> None:
    result = CliRunner().invoke(main, ["report", *options])
    assert result.exit_code == 2
    assert said in result.output


# ----- the public page ----------------------------------------------------------------------
def test_the_public_page_hides_small_counts_and_what_would_reveal_them(
        book: Any, today: None, client: Any, settings: Any) -> None:
    settings.PUBLIC_MIN_COUNT = 5
    data = client.get("/transparansi/kab-ketapang.json?year=2026").json()
    months = {m["month"]: m for m in data["months"]}
    assert list(months)[-1] == "2026-10"  # the months ended by today, 5 November
    # received: September 2 (S1, R6), October 6 (R1-R5, R7); November (R8) is still running.
    # 2 is small; 2 alone would be revealed by 8 - 6: October is hidden too.
    assert data["total"]["received"] == 8
    assert [months[m]["received"] for m in ("2026-08", "2026-09", "2026-10")] == [0, None, None]
    # resolved: September 1 (S1), October 5 (R1, R2, R3, R4, R6); 1 alone: October hidden
    assert data["total"]["resolved"] == 6
    assert (months["2026-09"]["resolved"], months["2026-10"]["resolved"]) == (None, None)
    assert data["total"]["median_days"] == 5  # 1 3 5 5 10 20
    # a median beside a hidden count would say it is at least 5, and with the total give
    # September's one complaint away: none is shown where the count is hidden
    assert months["2026-10"]["median_days"] is None and months["2026-09"]["median_days"] is None
    page = client.get("/transparansi/kab-ketapang/?year=2026").content.decode()
    assert "disembunyikan" in page and "&lt; 5" not in page
    for private in ("Rina", "Perawat", "RSUD", "Sekda", "tiktok", "live_in"):
        assert private not in page and private not in json.dumps(data)
    settings.PUBLIC_MIN_COUNT = 6  # six resolved: still shown, with their median
    data = client.get("/transparansi/kab-ketapang.json?year=2026").json()
    assert data["total"] == {"received": 8, "resolved": 6, "median_days": 5}
    settings.PUBLIC_MIN_COUNT = 7
    data = client.get("/transparansi/kab-ketapang.json?year=2026").json()
    assert data["total"] == {"received": 8, "resolved": None, "median_days": None}
    assert client.get("/transparansi/kab-nowhere/").status_code == 404
    assert client.get("/transparansi/kab-ketapang.json?year=2030").status_code == 400


# ----- the monthly PDF ----------------------------------------------------------------------
def test_the_monthly_pdf_on_the_letterhead(book: Any, today: None, login: Any,
                                           settings: Any) -> None:
    require(bool(shutil.which("soffice")), "LibreOffice",
            "apt-get install libreoffice-writer-nogui")
    require(bool(shutil.which("pdftotext")), "pdftotext", "apt-get install poppler-utils")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client = login("admin_ktp")
    response = client.get("/reports/monthly.pdf?agency=kab-ketapang&period=2026-10")
    assert response.status_code == 200, response.content[:300]
    assert response.content.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content,
                          capture_output=True, check=True).stdout.decode()
    assert "PEMERINTAH KABUPATEN KETAPANG" in text
    assert "Bupati Ketapang" in text
    assert "1 Oktober 2026 s.d. 31 Oktober 2026" in text
    assert "teguran tertulis" in text and "pemotongan" in text  # sanctions by type
    assert "Pengaduan diterima" in text  # the sections, in Indonesian
    assert "Rina" not in text  # the regional head gets figures, not names
    quarter = client.get("/reports/monthly.pdf?agency=kab-ketapang&period=2026-Q4")
    assert quarter.status_code == 400


# ----- the REST API -------------------------------------------------------------------------
def test_the_api_gives_the_same_figures_within_scope(book: Any, today: None, login: Any,
                                                     client: Any) -> None:
    query = "agency=kab-ketapang&period=2026-10"
    assert client.get(f"/api/reports/figures?{query}").status_code == 401
    admin = login("admin_ktp")
    answer = admin.get(f"/api/reports/figures?{query}")
    assert answer.status_code == 200
    assert answer.json() == report_json(admin, query)
    ranged = admin.get("/api/reports/figures?agency=kab-ketapang&from=2026-10-01&to=2026-10-05")
    assert ranged.json()["period"]["days"] == 5
    # a month 13 breaks the schema (422); a from without its to is a 400 saying what to send
    assert admin.get("/api/reports/figures?agency=kab-ketapang&period=2026-13").status_code == 422
    assert admin.get("/api/reports/figures?agency=kab-ketapang&from=2026-10-01").status_code \
        == 400
    assert login("kadis").get("/api/reports/figures?unit=UMUM").status_code == 403
    assert login("rina").get(f"/api/reports/figures?{query}").status_code == 403
    client.logout()
    public = client.get("/api/transparency/kab-ketapang?year=2026")
    assert public.status_code == 200 and public.json()["total"]["received"] == 8  # ended months
    assert client.get("/api/transparency/kab-nowhere").status_code == 404


def test_the_monthly_pdf_is_made_by_the_worker(book: Any, today: None, login: Any,
                                               settings: Any) -> None:
    """With the database queue, the page says the PDF is being made and queues it once; the
    worker's task leaves it for the page. The DOCX comes at once."""
    from django_tasks_db.models import DBTaskResult

    from pantau.web.reports.tasks import monthly_pdf

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login("kadis")
    address = "/reports/monthly.pdf?period=2026-10"
    first = client.get(address)
    assert first.status_code == 202 and "DOCX" in first.content.decode()
    assert client.get(address).status_code == 202
    queued = DBTaskResult.objects.get()  # asked once
    assert queued.task_path.endswith("monthly_pdf")
    assert queued.args_kwargs["args"] == ["kab-ketapang", "DINKES", "2026-10", "2026-11-05"]
    docx = client.get("/reports/monthly.docx?period=2026-10")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    if shutil.which("soffice"):
        monthly_pdf.call(*queued.args_kwargs["args"])
        done = client.get(address)
        assert done.status_code == 200 and done.content.startswith(b"%PDF")


def test_without_libreoffice_the_page_offers_the_docx(book: Any, today: None, login: Any,
                                                      settings: Any, monkeypatch: Any) -> None:
    from pantau.documents.render import DocumentError
    from pantau.web.reports import tasks

    def missing(content: bytes) -> bytes:
        raise DocumentError("LibreOffice is not installed")

    monkeypatch.setattr(tasks, "to_pdf", missing)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    answer = login("admin_ktp").get("/reports/monthly.pdf?period=2026-10")
    assert answer.status_code == 503 and "DOCX" in answer.content.decode()


@pytest.mark.parametrize("query", ["period=0001", "period=0001-01", "period=0001-Q1",
                                   "period=9999", "period=2026-%EF%BC%91%EF%BC%90",
                                   "from=0001-01-01&to=0001-01-02",
                                   "from=9999-12-30&to=9999-12-31"])
def test_a_period_beyond_what_a_report_covers_is_a_clear_error(
        book: Any, today: None, login: Any, query: str) -> None:
    """Periods whose previous period or bounds no date can hold are refused with the reason
    (400), never a 500; fullwidth digits are not a month."""
    response = login("admin_ktp").get(f"/reports/report.json?agency=kab-ketapang&{query}")
    assert response.status_code == 400, (query, response.status_code)


def test_the_public_year_takes_ascii_digits_only(book: Any, today: None, client: Any) -> None:
    assert client.get("/transparansi/kab-ketapang.json?year=%C2%B2%E2%81%B0%C2%B2%E2%81%B6"
                      ).status_code == 400  # ²⁰²⁶
