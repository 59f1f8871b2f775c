"""Render a letter: DOCX from a versioned template and a context (docxtpl), PDF from the DOCX
by LibreOffice headless (Debian's `libreoffice-writer-nogui`), Indonesian dates, letterheads
and letter numbers from data."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from docxtpl import DocxTemplate

from pantau.domain.errors import DataError

ROOT = Path(__file__).resolve().parent
TEMPLATES = ROOT / "templates"
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
CONVERT_TIMEOUT = 120


class DocumentError(DataError):
    """A letter that cannot be made: no template of that kind and version, or no converter."""


def tanggal(day: date, weekday: bool = False) -> str:
    """An Indonesian date as letters write it: `3 Februari 2026` (`Selasa, 3 Februari 2026`)."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]}, {text}" if weekday else text


@dataclass(frozen=True)
class Letterhead:
    """An agency's kop surat, the city its letters are signed in, and its numbering."""

    lines: tuple[str, ...]
    address: str
    city: str
    office: str
    head_title: str
    numbering: str
    personnel_unit: str = "BKPSDM"  # the registry code of the personnel office's unit

    def number(self, seq: int, year: int) -> str:
        return self.numbering.format(seq=seq, year=year, office=self.office)

    def kop(self) -> dict[str, Any]:
        return {"lines": list(self.lines), "address": self.address}


@cache
def _letterheads() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "letterheads.yaml").read_text("utf-8"))
    return data


def letterhead(agency: str, name: str = "") -> Letterhead:
    """The agency's letterhead; a plain one made from its name when the data has none."""
    data = _letterheads()
    found = data["agencies"].get(agency)
    if found is None:
        return Letterhead((name.upper() or agency.upper(),), "", name or agency, "BKPSDM",
                          "Pejabat Pembina Kepegawaian", data["default_numbering"])
    return Letterhead(tuple(found["lines"]), found["address"], found["city"], found["office"],
                      found["head_title"], found.get("numbering", data["default_numbering"]),
                      found.get("personnel_unit", data.get("personnel_unit", "BKPSDM")))


@cache
def _plan() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "letters.yaml").read_text("utf-8"))
    return data


def letters_for(regime: str, step: str, sanction: str = "") -> tuple[str, ...]:
    """The template kinds a recorded step makes under a regime (letters.yaml): `step` is an
    event kind, with `_1`/`_2` for the first and second summons."""
    plan = _plan()
    kinds = plan["regimes"].get(regime, {}).get(step, plan["default"].get(step, ()))
    return tuple(str(kind).format(sanction=sanction) for kind in kinds)


def template_path(kind: str, version: int) -> Path:
    path = TEMPLATES / f"{kind}.v{version}.docx"
    if not path.is_file():
        known = sorted({p.name.split(".v")[0] for p in TEMPLATES.glob("*.docx")})
        raise DocumentError(f"no template {kind!r} version {version}; kinds: {', '.join(known)}")
    return path


def latest_version(kind: str) -> int:
    versions = [int(p.stem.split(".v")[1]) for p in TEMPLATES.glob(f"{kind}.v*.docx")]
    if not versions:
        template_path(kind, 1)
    return max(versions)


def render_docx(kind: str, version: int, context: dict[str, Any]) -> bytes:
    """The letter as an editable DOCX."""
    template = DocxTemplate(str(template_path(kind, version)))
    template.render(context, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def converter() -> str | None:
    """LibreOffice's program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes) -> bytes:
    """The DOCX converted to PDF by LibreOffice headless, in a private profile folder."""
    program = converter()
    if program is None:
        raise DocumentError("LibreOffice is not installed: apt-get install "
                            "libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "surat.docx"
        source.write_bytes(docx)
        profile = Path(folder) / "profile"
        command = [program, f"-env:UserInstallation=file://{profile}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", folder, str(source)]
        env = {**os.environ, "HOME": folder}
        subprocess.run(command, check=True, timeout=CONVERT_TIMEOUT, capture_output=True,
                       env=env)
        target = Path(folder) / "surat.pdf"
        if not target.is_file():
            raise DocumentError("LibreOffice wrote no PDF")
        return target.read_bytes()


__all__ = ["DocumentError", "Letterhead", "latest_version", "letterhead", "letters_for",
           "render_docx",
           "tanggal", "template_path", "to_pdf"]
