"""Who must act in a case, by name: the direct superior from the registry, and the authorised
official found up the line of superiors by the level of their post. An acting official (Plt,
Plh: a valid acting role for the unit the post heads) acts for the post; a post with nobody in
it passes the authority up (PP 94/2021 Pasal 25, applied by the state machine)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pantau.documents.render import letterhead
from pantau.domain.access import Role
from pantau.domain.employees import PositionLevel
from pantau.domain.procedure.authority import Official
from pantau.domain.procedure.steps import Role as Actor
from pantau.web.access.models import Membership
from pantau.web.registry.models import Employee, Unit

POSTS = {
    Official.PENGAWAS: PositionLevel.PENGAWAS,
    Official.ADMINISTRATOR: PositionLevel.ADMINISTRATOR,
    Official.JPT_PRATAMA: PositionLevel.JPT_PRATAMA,
    Official.JPT_MADYA: PositionLevel.JPT_MADYA,
}


@dataclass(frozen=True)
class Person:
    """Someone who signs or acts: name, NIP, and the title they sign with."""

    name: str
    nip: str
    title: str
    employee_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "nip": self.nip, "title": self.title,
                "employee": self.employee_id}


def _person(row: Employee, acting: str = "") -> Person:
    title = row.position or row.get_level_display()
    unit = row.unit.name if row.unit_id else ""
    if unit and unit.lower() not in title.lower() and not title.lower().startswith("kepala "):
        title = f"{title} {unit}"  # "Sekretaris" signs as "Sekretaris Dinas Kesehatan"
    if acting:
        title = f"{acting.capitalize()}. {title}"
    return Person(row.name, row.nip or row.staff_id, title, row.pk)


def chain(employee: Employee) -> list[Employee]:
    """The employee's superiors, nearest first."""
    found: list[Employee] = []
    current = employee.superior
    while current is not None and current not in found and current.pk != employee.pk:
        found.append(current)
        current = current.superior
    return found


def _acting(holder: Employee, today: date) -> Person | None:
    """Someone acting for the holder's post today (a Plt/Plh unit-head role for the unit),
    when the holder heads the unit (their own superior sits in another unit, or none): an
    acting head stands in for the head, not for every superior inside the unit."""
    boss = holder.superior
    if boss is not None and boss.unit_id == holder.unit_id:
        return None
    row = (Membership.objects.valid_on(today)
           .filter(unit_id=holder.unit_id, role=Role.UNIT_HEAD).exclude(acting="")
           .select_related("employee").first())
    if row is None or row.employee is None:
        return None
    return _person(row.employee, row.acting) if row.employee.pk != holder.pk else None


def direct_superior(employee: Employee, today: date) -> Person | None:
    boss = employee.superior
    if boss is None:
        return None
    return _acting(boss, today) or _person(boss)


def official(employee: Employee, post: Official, today: date) -> Person | None:
    """The holder of `post` in the employee's line of superiors (or who acts for them)."""
    if post is Official.PPK:
        head = letterhead(employee.agency_id)
        return Person(_ppk_name(employee.agency_id), "", head.head_title)
    wanted = POSTS.get(post)
    for boss in chain(employee):
        if boss.level == wanted:
            return _acting(boss, today) or _person(boss)
    return None


def office(employee: Employee) -> Person:
    """The personnel office (BKPSDM, BKPPD) of the employee's agency, signed by its head."""
    head = letterhead(employee.agency_id)
    login = (Membership.objects.filter(agency_id=employee.agency_id, role=Role.BKPSDM_ADMIN)
             .select_related("user").order_by("pk").first())
    name = (login.user.get_full_name() or login.user.get_username()) if login else ""
    return Person(name, "", f"Kepala {head.office}")


def personnel_head(employee: Employee, today: date) -> Person:
    """The head of the personnel office (BKPSDM, BKPPD) of the employee's agency: the unit
    head on `today` (acting included), else the unit's JPT Pratama, else the office."""
    head = letterhead(employee.agency_id)
    unit = Unit.objects.filter(agency_id=employee.agency_id, code=head.personnel_unit).first()
    if unit is None:
        return office(employee)
    row = (Membership.objects.valid_on(today).filter(unit=unit, role=Role.UNIT_HEAD,
                                                     employee__isnull=False)
           .select_related("employee__unit").order_by("acting", "pk").first())
    if row is not None and row.employee is not None:
        return _person(row.employee, row.acting)
    top = (Employee.objects.filter(unit=unit, level=PositionLevel.JPT_PRATAMA.value)
           .select_related("unit").order_by("pk").first())
    return _person(top) if top is not None else office(employee)


def unit_head(employee: Employee, today: date) -> Person | None:
    """The head of the employee's unit: an acting head today, else the unit's top post."""
    row = (Membership.objects.valid_on(today).filter(unit_id=employee.unit_id,
                                                     role=Role.UNIT_HEAD)
           .select_related("employee").order_by("acting", "pk").first())
    if row is not None and row.employee is not None:
        return _person(row.employee, row.acting)
    return direct_superior(employee, today)


def actor(employee: Employee, role: str, post: str | None, today: date,
          team: list[Employee] | None = None) -> Person | None:
    """The person who must take a step: `role` is the step's actor (procedure Role), `post`
    the official the state machine resolved, when it did."""
    who = Actor(role)
    if post:
        return official(employee, Official(post), today)
    if who is Actor.DIRECT_SUPERIOR:
        return direct_superior(employee, today)
    if who is Actor.EMPLOYEE:
        return _person(employee)
    if who is Actor.PERSONNEL_OFFICE:
        return office(employee)
    if who is Actor.UNIT_HEAD:
        return unit_head(employee, today)
    if who is Actor.PPK:
        return official(employee, Official.PPK, today)
    if who is Actor.EXAMINATION_TEAM and team:
        return _person(team[0])
    return None


def _ppk_name(agency: str) -> str:
    login = (Membership.objects.filter(agency_id=agency, role=Role.AUTHORISED_OFFICIAL,
                                       unit__isnull=True).select_related("user").first())
    if login is None:
        return ""
    return login.user.get_full_name() or login.user.get_username()


def vacant_posts(employee: Employee) -> list[str]:
    """The posts in the employee's line that nobody holds (their authority passes up)."""
    held = {boss.level for boss in chain(employee)}
    return [post.value for post, level in POSTS.items()
            if level not in held and post is not Official.JPT_MADYA]


def superior_post(employee: Employee) -> str:
    boss = employee.superior
    if boss is None:
        return Official.PPK.value
    for post, level in POSTS.items():
        if boss.level == level:
            return post.value
    return ""


def member_may_examine(member: Employee, examinee: Employee) -> bool:
    """A team member's post is not lower than the examinee's (the ladder of PositionLevel)."""
    ladder = [PositionLevel.PELAKSANA, PositionLevel.FUNGSIONAL, PositionLevel.PENGAWAS,
              PositionLevel.ADMINISTRATOR, PositionLevel.JPT_PRATAMA, PositionLevel.JPT_MADYA,
              PositionLevel.KEPALA_DAERAH]

    def rank(level: str) -> int:
        try:
            return ladder.index(PositionLevel(level))
        except ValueError:
            return -1

    return rank(member.level) >= rank(examinee.level)


__all__ = ["Person", "actor", "chain", "direct_superior", "member_may_examine", "office",
           "official", "personnel_head", "superior_post", "unit_head", "vacant_posts"]
