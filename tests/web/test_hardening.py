"""What a heavy or hostile user broke (issue 14), on the web: an access log that failed the
read it records, API errors that were not JSON, NUL characters stored on SQLite that
PostgreSQL refuses, inline script under a Content-Security-Policy, one lockout for everybody
behind a reverse proxy, and what was already fixed when the issue was read (SQLite for
concurrent use, the superior outside a unit head's scope)."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client

from pantau.domain.intake import Source
from pantau.web.audit.models import AccessEntry
from pantau.web.intake.models import Message, Report
from pantau.web.intake.services import Filing, file_report

PASSWORD = "rahasia-uji-123"  # as in conftest.py
WEB = Path(__file__).resolve().parents[2] / "src" / "pantau" / "web"
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any, tmp_path: Path) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {**settings.STORAGES, "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "evidence")}}}


def _locked(*args: Any, **kwargs: Any) -> Any:
    raise OperationalError("database is locked")


# -- the access log never fails a read -------------------------------------------------

@pytest.mark.parametrize("route", ["/employees/{pk}/", "/employees/{pk}.json",
                                   "/api/employees/{pk}"])
def test_a_read_whose_access_entry_cannot_be_written_still_answers(
    world: Any, login: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any, route: str
) -> None:
    """20 readers and one import on SQLite gave 12 HTTP 500 "database is locked", all on
    employee pages: each read writes an access-log entry. The read answers; the entry goes
    to the server log with every field."""
    monkeypatch.setattr(AccessEntry.objects, "bulk_create", _locked)
    rina = world.employees["perawat"]
    client = login("admin_ktp")
    client.raise_request_exception = False
    with caplog.at_level(logging.WARNING, logger="pantau.access"):
        response = client.get(route.format(pk=rina.pk))
    assert response.status_code == 200
    assert "Rina Perawat" in response.content.decode()
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "database is locked" in logged
    assert f"actor=admin_ktp agency=kab-ketapang employee={rina.pk}" in logged


def test_the_access_entry_is_still_written_when_the_database_takes_it(
    world: Any, login: Any
) -> None:
    rina = world.employees["perawat"]
    login("admin_ktp").get(f"/employees/{rina.pk}/")
    assert AccessEntry.objects.filter(employee_id=rina.pk, actor="admin_ktp").count() == 1


# -- every API error is JSON ------------------------------------------------------------

@pytest.mark.parametrize(("method", "route"), [("delete", "/api/employees"),
                                                 ("put", "/api/units"),
                                                 ("post", "/api/agencies")])
def test_a_method_the_api_does_not_take_is_a_json_405(
    world: Any, login: Any, method: str, route: str
) -> None:
    response = getattr(login("admin_ktp"), method)(route)
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"] == "GET"
    assert response.json()["status"] == 405 and "GET" in response.json()["detail"]


def test_a_server_error_in_the_api_is_json(
    world: Any, login: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pantau.web.registry import present

    monkeypatch.setattr(present, "employee_detail", _locked)
    client = login("admin_ktp")
    client.raise_request_exception = False
    response = client.get(f"/api/employees/{world.employees['perawat'].pk}")
    assert response.status_code == 500
    assert response.json()["status"] == 500 and "Traceback" not in response.json()["detail"]


# -- NUL characters are refused at input ------------------------------------------------

def _complaint() -> Report:
    filing = Filing(agency_id="kab-ketapang", source=Source.PUBLIC,
                    happened_at=datetime(2026, 2, 2, 10, 0, tzinfo=WIB), kind="live",
                    description="Live saat jam kerja.")
    report, _code = file_report(filing, [], "public", datetime(2026, 2, 2, 12, 0, tzinfo=WIB))
    return report


def test_a_nul_in_a_json_body_is_refused_before_it_is_stored(world: Any, login: Any) -> None:
    """`/api/reports/{id}/ask` stored a question holding NUL on SQLite; PostgreSQL refuses
    it. Refused by the API's schema (its OpenAPI document says so), on both."""
    report = _complaint()
    client = login("admin_ktp")
    body = '{"text": "Kirim tangkapan layar\\u0000 lengkap"}'
    response = client.post(f"/api/reports/{report.pk}/ask", body,
                           content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "string_pattern_mismatch"
    assert not Message.objects.filter(report=report).exists()
    surrogate = client.post(f"/api/reports/{report.pk}/ask", '{"text": "a \\ud800 b"}',
                            content_type="application/json")
    assert surrogate.status_code == 422
    assert not Message.objects.filter(report=report).exists()
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert schema["Question"]["properties"]["text"]["pattern"] == "^[^\\x00]*$"


def test_content_codes_nobody_knows_are_not_stored(world: Any, login: Any) -> None:
    """Codes a reviewer established are conduct codes; anything else is dropped, not
    stored (the API took any text there, NUL included)."""
    report = _complaint()
    client = login("admin_ktp")
    client.post(f"/review/{report.pk}/claim/")
    client.post(f"/review/{report.pk}/establish/", {
        "content_judged": "yes", "content": ["improper_content", "x y", "<b>"]})
    report.refresh_from_db()
    assert report.signals["content"] == ["improper_content"]


def test_a_nul_in_a_form_is_refused_before_it_is_stored(world: Any, login: Any) -> None:
    """The review's "ask" form reads its text straight from the request."""
    report = _complaint()
    response = login("admin_ktp").post(f"/review/{report.pk}/ask/",
                                       {"text": "Kirim\x00 tangkapan layar"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert not Message.objects.filter(report=report).exists()


def test_a_search_with_nul_is_still_harmless(world: Any, login: Any) -> None:
    """Query strings are not stored: search drops the NUL, as before."""
    response = login("admin_ktp").get("/employees.json", {"q": "Rina\x00"})
    assert response.status_code == 200 and response.json()["count"] == 1


# -- Content-Security-Policy: no inline script or style ---------------------------------

def test_pages_are_sent_with_a_content_security_policy(world: Any, login: Any) -> None:
    for client, route in ((Client(), "/accounts/login/"), (login("admin_ktp"), "/"),
                          (Client(), "/lapor/")):
        policy = client.get(route)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


INLINE = [
    (re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I),
     "an inline script"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def test_no_template_holds_inline_script_or_style() -> None:
    """The language menu submitted itself with onchange=, the dashboard legend had style=:
    both blocked by the policy."""
    found = [
        f"{path.relative_to(WEB)}: {what}"
        for path in sorted(WEB.rglob("*.html"))
        for pattern, what in INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_language_menu_script_is_a_static_file(world: Any, login: Any) -> None:
    page = login("admin_ktp").get("/").content.decode()
    assert re.search(r'<script src="/static/pantau/pantau\.js" defer>', page)
    assert (WEB / "static" / "pantau" / "pantau.js").is_file()


# -- lockouts and rate limits behind a reverse proxy ------------------------------------

def _through_proxy(client_address: str, **extra: Any) -> Client:
    """A browser behind the reverse proxy at 10.0.0.1, which appends the client's address."""
    return Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=client_address, **extra)


def _fail(client: Client, name: str, times: int = 5) -> None:
    for _ in range(times):
        client.post("/accounts/login/", {"username": name, "password": "salah-salah"})


def test_behind_a_proxy_a_lockout_holds_one_login_at_one_address(
    world: Any, settings: Any
) -> None:
    """Five wrong passwords from anyone locked any login, the PPK's too, for everyone behind
    the proxy. With the proxy's header trusted: that login, from that address, only."""
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    _fail(_through_proxy("203.0.113.7"), "admin_ktp")
    locked = _through_proxy("203.0.113.7").post(
        "/accounts/login/", {"username": "admin_ktp", "password": PASSWORD})
    assert locked.status_code == 429
    at_her_desk = _through_proxy("198.51.100.20").post(
        "/accounts/login/", {"username": "admin_ktp", "password": PASSWORD})
    assert at_her_desk.status_code == 302
    others = _through_proxy("203.0.113.7").post(
        "/accounts/login/", {"username": "kadis", "password": PASSWORD})
    assert others.status_code == 302


def test_without_a_trusted_header_a_forged_one_changes_nothing(
    world: Any, settings: Any
) -> None:
    """The header is read only when configured: a client cannot dodge a lockout by sending
    a new X-Forwarded-For with every try."""
    settings.TRUSTED_PROXY_HEADER = ""
    for number in range(5):
        _fail(Client(REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=f"10.9.9.{number}"),
              "rina", times=1)
    again = Client(REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="10.9.9.99").post(
        "/accounts/login/", {"username": "rina", "password": PASSWORD})
    assert again.status_code == 429


def test_the_trusted_header_takes_the_address_the_proxy_appended(
    world: Any, settings: Any
) -> None:
    """X-Forwarded-For: "what the client wrote, the address the proxy saw"."""
    from pantau.web.addresses import client_address

    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    request = Client().get("/healthz").wsgi_request
    request.META.update(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert client_address(request) == "203.0.113.7"
    request.META["HTTP_X_FORWARDED_FOR"] = "not an address"
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_HEADER = "X-Real-IP"
    request.META["HTTP_X_REAL_IP"] = "2001:db8::1"
    assert client_address(request) == "2001:db8::1"


def test_public_rate_limits_count_each_client_behind_the_proxy(
    world: Any, settings: Any
) -> None:
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.STATUS_RATE = "2/h"
    first = _through_proxy("203.0.113.7")
    for _ in range(2):
        first.post("/lapor/status/", {"code": "AAAA-BBBB-CCC"})
    assert first.post("/lapor/status/", {"code": "AAAA-BBBB-CCC"}).status_code == 429
    second = _through_proxy("198.51.100.20")
    assert second.post("/lapor/status/", {"code": "AAAA-BBBB-CCC"}).status_code == 404


# -- already fixed when the issue was read: verified ------------------------------------

@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's settings")
def test_sqlite_is_set_for_several_readers_and_one_writer(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    """WAL (readers never wait for the writer), a busy timeout (a writer waits for the lock
    instead of failing at once) and write transactions that take the lock when they begin."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    settings_dict = {**connections["default"].settings_dict, "NAME": str(tmp_path / "x.db")}
    probe = DatabaseWrapper(settings_dict, alias="probe")
    with django_db_blocker.unblock():
        _check_probe(probe)


def _check_probe(probe: Any) -> None:
    try:
        with probe.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20_000
        assert probe.transaction_mode == "IMMEDIATE"
    finally:
        probe.close()


def test_a_unit_heads_own_record_shows_a_superior_outside_their_scope_without_nip(
    world: Any, login: Any
) -> None:
    """ketapang.kepala read the Sekda's full NIP on their own record (page, JSON and API)."""
    kadinkes, sekda = world.employees["kadinkes"], world.employees["sekda"]
    kadinkes.superior = sekda
    kadinkes.save()
    client = login("kadis")
    for route in (f"/employees/{kadinkes.pk}.json", f"/api/employees/{kadinkes.pk}"):
        superior = client.get(route).json()["superior"]
        assert superior == {"name": "Sekda Ketapang", "position": "Pelaksana", "nip": None,
                            "url": None}
    page = client.get(f"/employees/{kadinkes.pk}/").content.decode()
    assert sekda.nip not in page and sekda.nip[-4:] not in page
    assert json.dumps(sekda.nip) not in client.get(f"/api/employees/{kadinkes.pk}").content.decode()


def test_a_time_near_year_one_or_9999_is_a_422_not_a_server_error(world: Any, login: Any
                                                                    ) -> None:
    """Found by a review: such a time overflowed when stored in UTC (a 500)."""
    client = login("admin_ktp")
    body = {"agency": "kab-ketapang", "kind": "live", "description": "Live saat jam kerja.",
            "happened_at": "2026-02-02T10:00:00+07:00"}
    before = Report.objects.count()
    for field, at in (("happened_at", "0001-01-01T00:00:00+07:00"),
                      ("happened_until", "9999-12-31T23:00:00-12:00"),
                      ("happened_at", "0001-01-01T05:00:00")):
        response = client.post("/api/reports", json.dumps({**body, field: at}),
                               content_type="application/json")
        assert response.status_code == 422, (field, at)
        assert "too near the first or the last date" in json.dumps(response.json())
    assert Report.objects.count() == before
    good = client.post("/api/reports", json.dumps(body), content_type="application/json")
    assert good.status_code == 201


def test_signals_of_the_wrong_json_type_are_dropped_not_a_server_error(
        world: Any, login: Any) -> None:
    """Found by a probe: a list where `location` or a content code belongs raised
    TypeError (unhashable) in `clean_signals`, a 500 on `POST /api/reports`; and `1` passed
    for `true` (1 == True), so the stored signals failed the check later."""
    client = login("admin_ktp")
    body = {"agency": "kab-ketapang", "kind": "live", "description": "Live saat jam kerja.",
            "happened_at": "2026-02-02T10:00:00+07:00",
            "signals": {"location": ["office"], "content": ["improper_content", ["x"], 1,
                                                           {"a": 1}, None],
                        "official_duty": 1, "uniform_visible": True, "on_leave": 5}}
    response = client.post("/api/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 201
    report = Report.objects.get(pk=response.json()["id"])
    assert report.signals == {"uniform_visible": True, "content": ["improper_content"]}
    assert not report.check_error  # what was kept is checkable


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "1" * 5000])
def test_a_number_no_int_or_database_key_can_hold_is_refused_not_a_server_error(
        world: Any, login: Any, value: str) -> None:
    """Found by a probe: `report=99999999999999999999` on the open-case form overflowed
    SQLite's integer (a 500); '²' passes `str.isdigit` but not `int()`, and `int()` refuses
    more than 4,300 digits: the page number, the queue's search by id, the calendar's and the
    public transparency page's year and the open-case form took such text to `int()`."""
    client = login("admin_ktp")
    assert client.get("/review/", {"q": value}).status_code == 200
    assert client.get("/review/", {"page": value}).status_code == 200
    calendar = client.get("/agencies/kab-ketapang/calendar/", {"year": value})
    assert calendar.status_code == 400  # the page again, saying the year is not one
    public = Client().get("/transparansi/kab-ketapang/", {"year": value})  # no login
    assert public.status_code == 400
    opened = client.post("/cases/open/", {"report": value, "level-1": "ringan"})
    assert opened.status_code == 200  # nothing chosen: the page again with the refusal


def test_an_end_before_the_start_or_a_number_for_a_time_is_a_422(world: Any, login: Any
                                                                  ) -> None:
    """Found by a probe: `happened_until` before `happened_at` on `POST /api/reports` reached
    the check, whose InvalidActivity was a 500; a number was read as seconds since 1970."""
    client = login("admin_ktp")
    body = {"agency": "kab-ketapang", "kind": "live", "description": "Live saat jam kerja.",
            "happened_at": "2026-11-03T09:00:00+07:00"}
    before = Report.objects.count()
    for until in ["2026-11-02T09:00:00+07:00", "2026-11-03T08:59:00", 0, 1.5, True]:
        response = client.post("/api/reports", json.dumps({**body, "happened_until": until}),
                               content_type="application/json")
        assert response.status_code == 422, (until, response.content)
        assert "happened_until" in response.content.decode()
    assert Report.objects.count() == before
    assert client.post("/api/reports", json.dumps({**body, "happened_at": 1700000000}),
                       content_type="application/json").status_code == 422
    fine = client.post("/api/reports", json.dumps(
        {**body, "happened_until": "2026-11-03T10:00:00+07:00"}), content_type="application/json")
    assert fine.status_code == 201


def test_a_stored_report_whose_end_is_before_its_start_keeps_the_reason(world: Any) -> None:
    """A report that does not make an activity (stored before the API refused it, or edited
    by hand) keeps the check's reason instead of failing its check or a re-check."""
    from pantau.web.review import checking, services

    report, _code = file_report(Filing(
        agency_id="kab-ketapang", source=Source.MONITOR, kind="live", description="d",
        happened_at=datetime(2026, 11, 3, 9, tzinfo=WIB)), [], "uji", datetime.now(WIB))
    report.happened_until = datetime(2026, 11, 2, 9, tzinfo=WIB)
    report.save()
    assert checking.check(report) is None
    report.refresh_from_db()
    assert "before started_at" in report.check_error
    report.check_error = ""
    report.save()
    assert services.recheck([report], datetime.now(WIB)) == []  # its verdict did not change
    report.refresh_from_db()
    assert "before started_at" in report.check_error  # kept again, and on its timeline
    assert report.events.filter(kind="rechecked", actor="system:recheck").exists()


def test_a_body_that_is_not_well_formed_multipart_is_a_400(world: Any, login: Any) -> None:
    """Found by a probe: `Content-Type: multipart/form-data; boundary=x` with a broken body
    made ninja read a body Django had stopped reading: a 500 on every API POST, the public
    ones without a login too."""
    client = login("admin_ktp")
    for path in ["/api/reports", "/api/public/complaints"]:
        response = client.generic("POST", path, b"--x\r\n",
                                  content_type="multipart/form-data; boundary=x")
        assert response.status_code == 400, (path, response.content)
        assert "could not be read" in response.json()["detail"]
    # a well-formed form sent where JSON is read: the same 400, nothing stored
    before = Report.objects.count()
    form = client.post("/api/reports", {"agency": "kab-ketapang", "description": "d"})
    assert form.status_code == 400 and Report.objects.count() == before


def test_the_complaint_challenge_takes_the_sum_in_ascii_digits_only(world: Any) -> None:
    """'²' passes `str.isdigit` and then failed `int()` in the public form's challenge (a
    500 on /lapor/ for a careless or hostile answer)."""
    from pantau.web.intake.challenge import new_challenge, solved

    challenge = new_challenge()
    total = challenge.first + challenge.second
    assert solved(challenge.token, f" {total} ")
    for answer in ["²", "1" * 5000, f"{total}.0", "", str(total + 1)]:
        assert not solved(challenge.token, answer)


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options", "trace"])
def test_a_page_answers_a_method_it_does_not_take_with_a_405(
        world: Any, login: Any, method: str) -> None:
    """Found by a probe: pages answered PUT, PATCH, DELETE and TRACE as if they were GET."""
    client = login("admin_ktp")
    for path in ["/review/", "/lapor/", "/admin/auth/user/"]:
        response = getattr(client, method)(path)
        assert response.status_code == 405, (method, path)
        assert response["Allow"] == "GET, HEAD, POST"
        assert "Metode tidak diterima" in response.content.decode()  # Indonesian first
    as_json = getattr(client, method)("/review/", HTTP_ACCEPT="application/json")
    assert as_json.json()["status"] == 405 and "GET, HEAD, POST" in as_json.json()["detail"]
    assert client.get("/review/").status_code == 200 and client.head("/review/").status_code == 200
    assert getattr(client, method)("/api/reports").status_code == 405  # the API's own answer
