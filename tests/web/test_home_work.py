"""Each role's home page is its work (issue 12): BKPSDM the review queue and the steps of the
personnel office, a unit head what the superiors of their units must do by when, the PPK the
decisions waiting for them, a monitor what they filed, an employee their own cases. Who must
act comes from the procedure's next steps (PP 94/2021 Pasal 24–33)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from tests.web.test_cases import (  # noqa: F401 (fixtures)
    WIB,
    _stores,
    confirmed,
    line,
    open_case,
    step,
)

from pantau.domain.access import Role
from pantau.web.access.models import Membership
from pantau.web.cases import services
from pantau.web.intake.models import Report


def home(login: Any, user: str) -> dict[str, Any]:
    response = login(user).get("/?format=json")
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data


def test_bkpsdm_sees_the_queue_oldest_first_and_findings_without_a_case(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    old = Report.objects.create(agency_id="kab-ketapang", source="public", kind="post",
                                happened_at=datetime(2026, 2, 1, 9, tzinfo=WIB))
    new = Report.objects.create(agency_id="kab-ketapang", source="public", kind="live",
                                happened_at=datetime(2026, 2, 2, 9, tzinfo=WIB))
    Report.objects.filter(pk=old.pk).update(created_at=datetime(2026, 2, 1, 10, tzinfo=WIB))
    Report.objects.create(agency_id="kota-bekasi", source="public", kind="post",
                          happened_at=datetime(2026, 2, 1, 9, tzinfo=WIB))
    confirmed(world, line["staff"])  # confirmed, no case yet
    queue = home(login, "admin_ktp")["queue"]
    assert queue["open"] == 2  # Bekasi's report is not Ketapang's queue
    assert [r["id"] for r in queue["oldest"]] == [old.pk, new.pk]
    assert queue["without_case"] == 1
    received = next(bar for bar in queue["by_status"]["bars"] if bar["status"] == "received")
    assert received["count"] == 2 and received["width"] == 300
    page = login("admin_ktp").get("/").content.decode()
    assert 'id="queue-chart-title"' in page and "1 temuan terkonfirmasi belum ada kasusnya" \
        in page
    open_case(login("admin_ktp"), Report.objects.get(status="confirmed"))
    assert home(login, "admin_ktp")["queue"]["without_case"] == 0


def test_the_unit_head_sees_the_summons_their_pengawas_owes_and_by_when(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    """PP 94/2021 Pasal 27: the direct superior summons; the head of Dinas Kesehatan (whose
    units hold RSUD) sees that Kasi Keperawatan must, and by which date."""
    case = open_case(login("admin_ktp"), confirmed(world, line["staff"]))
    steps = home(login, "kadis")["steps"]
    summons = [s for s in steps if s["case"]["number"] == case.number]
    assert [s["step"] for s in summons] == ["summons"]
    assert summons[0]["who"]["name"] == "Kasi Keperawatan"
    detail = login("admin_ktp").get(f"/cases/{case.pk}.json").json()
    assert summons[0]["due"] == next(s["due"] for s in detail["next"] if s["step"] == "summons")
    assert "nip" not in summons[0]["who"]
    page = login("kadis").get("/").content.decode()
    assert case.number in page and "Kasi Keperawatan" in page
    # the head of the Setda (another subtree) and the employee see none of it
    User.objects.create_user("kabag_setda", password="rahasia-sekali-123")
    Membership.objects.create(user=User.objects.get(username="kabag_setda"),
                              agency_id="kab-ketapang", role=Role.UNIT_HEAD,
                              unit=world.units["SETDA"])
    assert home(login, "kabag_setda")["steps"] == []
    mine = home(login, "dewi")
    assert "steps" not in mine and [c["number"] for c in mine["my_cases"]] == [case.number]


def test_the_ppk_sees_the_decisions_waiting_for_them_and_nothing_else(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    """PP 94/2021 Pasal 18–25: a heavy sanction is the PPK's to impose; after the examination
    the decision waits for the PPK (an authorised official without a unit), not for an
    authorised official of a unit, and the summons before it is not the PPK's work."""
    User.objects.create_user("bupati", password="rahasia-sekali-123")
    Membership.objects.create(user=User.objects.get(username="bupati"),
                              agency_id="kab-ketapang", role=Role.AUTHORISED_OFFICIAL)
    client = login("admin_ktp")
    case = open_case(client, confirmed(world, line["staff"]), level="berat")
    before = home(login, "bupati")["steps"]  # the summons is the superior's; Pasal 29: the
    assert [s["step"] for s in before] == ["form_team"]  # team is the official's to form
    step(client, case, "summoned", on="2026-02-04", scheduled="2026-02-09")
    services.add_member(case, line["kabid"], "ketua")
    step(client, case, "team_formed", on="2026-02-05")
    services.save_answers(case, [{"q": "Apakah Saudara siaran langsung?", "a": "Ya."}],
                          "Ruang Kepegawaian", "langsung")
    step(client, case, "examined", on="2026-02-09")
    detail = client.get(f"/cases/{case.pk}.json").json()
    assert detail["authority"]["official"] == "PPK"
    waiting = home(login, "bupati")["steps"]
    assert {s["case"]["number"] for s in waiting} == {case.number}
    assert "decision" in [s["step"] for s in waiting]
    page = login("bupati").get("/").content.decode()
    assert "Keputusan yang menunggu Anda" in page and case.number in page


def test_a_monitor_sees_what_they_filed_and_where_it_stands(
    world: Any, line: dict[str, Any], login: Any  # noqa: F811
) -> None:
    satpol = world.users["satpol"]
    filed = [Report.objects.create(agency_id="kab-ketapang", source="monitor", kind="live",
                                   filed_by=satpol,
                                   happened_at=datetime(2026, 2, day, 9, tzinfo=WIB))
             for day in (2, 3)]
    Report.objects.filter(pk=filed[0].pk).update(status="dismissed")
    Report.objects.create(agency_id="kab-ketapang", source="public", kind="post",
                          happened_at=datetime(2026, 2, 1, 9, tzinfo=WIB))  # not theirs
    data = home(login, "satpol")["filed"]
    assert data["total"] == 2
    assert [r["id"] for r in data["latest"]] == [filed[1].pk, filed[0].pk]
    counts = {bar["status"]: bar["count"] for bar in data["by_status"]["bars"]}
    assert counts["dismissed"] == 1 and counts["received"] == 1 and counts["confirmed"] == 0
    assert "queue" not in home(login, "satpol")
    page = login("satpol").get("/").content.decode()
    assert 'id="filed-chart-title"' in page
