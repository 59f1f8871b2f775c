"""Fixtures of the web suite: a small registry of two agencies and a user for every role.

The suite runs on SQLite by default. `make test` runs it a second time on PostgreSQL with
PANTAU_TEST_DB=postgres and PANTAU_DATABASE_URL set to PANTAU_TEST_POSTGRES_URL (settings
read the URL at start-up); `test_database_backend` checks the run used the backend it claims.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from pantau.domain.access import Role
from pantau.web.access.models import Membership
from pantau.web.registry.models import Account, Agency, Employee, Leave, Unit

PASSWORD = "rahasia-uji-123"
WANTED_BACKEND = "postgresql" if os.environ.get("PANTAU_TEST_DB") == "postgres" else "sqlite"


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    """Two agencies; in `kab-ketapang`: Setda > Bagian Umum, Dinas Kesehatan > RSUD, Satpol PP
    and Kecamatan Delta Pawan (the codes the example import files use)."""

    agencies: dict[str, Agency] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    employees: dict[str, Employee] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def employee(self, key: str, agency: str, unit: str, nip: str, **extra: Any) -> Employee:
        record = Employee.objects.create(
            agency=self.agencies[agency],
            unit=self.units[unit],
            nip=nip,
            name=extra.pop("name", key.replace("_", " ").title()),
            employee_type=extra.pop("employee_type", "PNS"),
            position=extra.pop("position", "Pelaksana"),
            **extra,
        )
        self.employees[key] = record
        return record

    def user(self, name: str, role: str, agency: str, **membership: Any) -> User:
        user = User.objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=user, agency=self.agencies[agency], role=role, **membership)
        self.users[name] = user
        return user


def _units(world: World) -> None:
    def unit(code: str, agency: str, name: str, parent: str | None = None, **extra: Any) -> None:
        world.units[code] = Unit.objects.create(
            agency=world.agencies[agency],
            code=code,
            name=name,
            parent=world.units[parent] if parent else None,
            **extra,
        )

    unit("SETDA", "kab-ketapang", "Sekretariat Daerah")
    unit("UMUM", "kab-ketapang", "Bagian Umum", "SETDA")
    unit("DINKES", "kab-ketapang", "Dinas Kesehatan")
    unit("RSUD", "kab-ketapang", "RSUD Agoesdjam", "DINKES", shift=True)
    unit("SATPOLPP", "kab-ketapang", "Satuan Polisi Pamong Praja", shift=True)
    unit("KEC-DELTAPAWAN", "kab-ketapang", "Kecamatan Delta Pawan")
    unit("SETDA", "kota-bekasi", "Sekretariat Daerah Kota Bekasi")
    world.units["BKS-SETDA"] = world.units.pop("SETDA")
    world.units["SETDA"] = Unit.objects.get(agency_id="kab-ketapang", code="SETDA")


def build_world() -> World:
    world = World()
    world.agencies["kab-ketapang"] = Agency.objects.create(
        id="kab-ketapang", name="Kabupaten Ketapang"
    )
    world.agencies["kota-bekasi"] = Agency.objects.create(id="kota-bekasi", name="Kota Bekasi")
    _units(world)
    sekda = world.employee(
        "sekda", "kab-ketapang", "SETDA", "197001012000031001", name="Sekda Ketapang"
    )
    world.employee(
        "kabag", "kab-ketapang", "UMUM", "197502022001121002", name="Kabag Umum", superior=sekda
    )
    world.employee("staf_umum", "kab-ketapang", "UMUM", "199003032015032003", name="Siti Umum")
    kadinkes = world.employee(
        "kadinkes", "kab-ketapang", "DINKES", "197104042000031004", name="Kadis Kesehatan"
    )
    world.employee(
        "perawat",
        "kab-ketapang",
        "RSUD",
        "199505052020122005",
        name="Rina Perawat",
        superior=kadinkes,
    )
    world.employee(
        "bekasi_staf", "kota-bekasi", "BKS-SETDA", "198806062010011006", name="Budi Bekasi"
    )
    Account.objects.create(
        employee=world.employees["perawat"], platform="tiktok", handle="@rina.rsud"
    )
    Account.objects.create(
        employee=world.employees["bekasi_staf"], platform="tiktok", handle="@budi.bks"
    )
    Leave.objects.create(
        employee=world.employees["perawat"],
        kind="cuti tahunan",
        start="2026-02-03",
        end="2026-02-05",
    )
    world.user("admin_ktp", Role.BKPSDM_ADMIN, "kab-ketapang")
    world.user("kadis", Role.UNIT_HEAD, "kab-ketapang", unit=world.units["DINKES"])
    world.user("pejabat", Role.AUTHORISED_OFFICIAL, "kab-ketapang", unit=world.units["SETDA"])
    world.user("satpol", Role.MONITOR, "kab-ketapang")
    world.user("rina", Role.EMPLOYEE, "kab-ketapang", employee=world.employees["perawat"])
    world.user("admin_bks", Role.BKPSDM_ADMIN, "kota-bekasi")
    User.objects.create_user("norole", password=PASSWORD)
    return world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def login(client: Any) -> Any:
    """Sign `client` in as a user of the world (None: stay anonymous)."""

    def sign_in(name: str | None) -> Any:
        client.logout()
        if name is not None:
            client.force_login(User.objects.get(username=name))
        return client

    return sign_in


@pytest.fixture
def evidence_in_tmp(settings: Any, tmp_path: Path) -> Path:
    """Evidence files (and letters) stored under the test's own folder."""
    folder = tmp_path / "evidence"
    settings.STORAGES = {**settings.STORAGES, "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(folder)}}}
    return folder


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    """Background tasks run at once, in the test's process."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
