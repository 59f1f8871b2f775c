"""The SIASN discipline record (`POST /hukdis/save`, REGULATIONS.md §10) of one final sanction.

`payload(item, references)` fills the payload from what pantau holds (a `FinalSanction`, made
by the web's export service from a case) and the SIASN reference ids BKPSDM filled in
(references.yaml); every field SIASN needs that pantau cannot fill is left empty and named in
`missing` with its reason (hukdis.yaml), never guessed. `validate(payload)` checks it against
hukdis.schema.json and raises `PayloadError` naming the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from pantau.domain.errors import DataError
from pantau.domain.procedure.clean_record import term_end
from pantau.rules.sanction_terms import term

ROOT = Path(__file__).resolve().parent
SCHEMA = ROOT / "hukdis.schema.json"
FIELDS = ("id", "pnsOrangId", "jenisHukumanId", "jenisTingkatHukumanId",
          "alasanHukumanDisiplinId", "hukumanTanggal", "akhirHukumanTanggal", "masaTahun",
          "masaBulan", "skNomor", "skTanggal", "skPembatalanNomor", "skPembatalanTanggal",
          "nomorPp", "kedudukanHukumId", "golonganId", "golonganLama",
          "hukdisYangDiberhentikanId", "keterangan", "path")


class PayloadError(DataError):
    """A payload that does not match hukdis.schema.json (a bug or bad reference data)."""


@dataclass(frozen=True)
class FinalSanction:
    """What pantau holds about one final sanction (or its annulment)."""

    case: str
    regime: str
    type_id: str
    level: str
    nature: str
    decided_on: date
    decision_number: str
    starts: date | None
    cancelled_number: str = ""
    cancelled_on: date | None = None
    replaced: str = ""  # the decision an objection ruling replaced

    @property
    def cancelled(self) -> bool:
        return bool(self.cancelled_number)


@dataclass(frozen=True)
class Missing:
    field: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "reason": self.reason}


@dataclass(frozen=True)
class Record:
    payload: dict[str, Any]
    missing: tuple[Missing, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


@cache
def rules() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "hukdis.yaml").read_text(encoding="utf-8"))
    return data


@cache
def _default_references() -> dict[str, Any]:
    return load_references(ROOT / "references.yaml")


def load_references(path: Path | None = None) -> dict[str, Any]:
    """The SIASN reference ids (references.yaml, or the agency's copy at `path`)."""
    if path is None:
        return _default_references()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DataError(f"{path}: cannot read the SIASN references: {error}") from None
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping with sanction_types, levels, reasons")
    return data


def exported_types() -> tuple[str, ...]:
    return tuple(rules()["employee_types"]["value"])


def skipped_reason() -> str:
    return str(rules()["employee_types"]["skipped_reason"])


def _date(day: date | None) -> str:
    return day.strftime(rules()["date_format"]["value"]) if day else ""


def _reference(references: dict[str, Any], table: str, key: str) -> str:
    found = (references.get(table) or {}).get(key) if table else references.get(key)
    return str(found or "").strip()


def nomor_pp(item: FinalSanction) -> str:
    regulations = rules()["regulations"]
    found = regulations["by_type"].get(item.type_id) or regulations["by_regime"].get(
        item.regime) or {}
    return str(found.get("value", ""))


def _keterangan(item: FinalSanction) -> str:
    parts = [f"Kasus {item.case}"]
    if item.nature:
        parts.append(f"pelanggaran: {item.nature}")
    if item.replaced:
        parts.append(f"mengganti keputusan {item.replaced}")
    if item.cancelled:
        parts.append(f"keputusan {item.decision_number} dibatalkan dengan "
                     f"{item.cancelled_number}")
    return "; ".join(parts)[:1000]


def payload(item: FinalSanction, references: dict[str, Any] | None = None) -> Record:
    """The hukdis/save payload of one final sanction, and what is missing from it."""
    refs = references if references is not None else load_references()
    length = term(item.type_id)
    ends = term_end(item.starts, length) if item.starts else None
    values: dict[str, Any] = {
        "id": "", "pnsOrangId": "",
        "jenisHukumanId": _reference(refs, "sanction_types", item.type_id),
        "jenisTingkatHukumanId": _reference(refs, "levels", item.level),
        "alasanHukumanDisiplinId": _reference(refs, "reasons", item.nature),
        "hukumanTanggal": _date(item.starts), "akhirHukumanTanggal": _date(ends),
        "masaTahun": str(length.years), "masaBulan": str(length.months),
        "skNomor": item.decision_number, "skTanggal": _date(item.decided_on),
        "skPembatalanNomor": item.cancelled_number,
        "skPembatalanTanggal": _date(item.cancelled_on),
        "nomorPp": nomor_pp(item),
        "kedudukanHukumId": _reference(refs, "", "default_legal_status"),
        "golonganId": "", "golonganLama": "", "hukdisYangDiberhentikanId": "",
        "keterangan": _keterangan(item), "path": [],
    }
    return Record(values, tuple(_missing(item, values)))


def _needed(item: FinalSanction) -> list[str]:
    needed = ["pnsOrangId", "jenisHukumanId", "jenisTingkatHukumanId",
              "alasanHukumanDisiplinId", "hukumanTanggal", "skNomor", "nomorPp",
              "kedudukanHukumId", "golonganId", "path"]
    if item.type_id in rules()["rank_changes"]:
        needed.append("golonganLama")
    if item.cancelled:
        needed.insert(0, "id")
        needed.remove("hukumanTanggal")  # an annulled decision may never have taken effect
    return needed


def _missing(item: FinalSanction, values: dict[str, Any]) -> list[Missing]:
    fields = rules()["fields"]
    return [Missing(name, str(fields[name]["missing"])) for name in _needed(item)
            if values[name] in ("", [])]


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate(values: dict[str, Any], where: str = "") -> None:
    """Raise PayloadError naming every field where `values` breaks hukdis.schema.json."""
    problems = sorted(_validator().iter_errors(values), key=lambda e: list(e.absolute_path))
    if problems:
        said = "; ".join(f"{'/'.join(str(p) for p in e.absolute_path) or '(payload)'}: "
                         f"{e.message}" for e in problems)
        raise PayloadError(f"{where or 'hukdis payload'} does not match {SCHEMA.name}: {said}")


__all__ = ["FIELDS", "FinalSanction", "Missing", "PayloadError", "Record",
           "exported_types", "load_references", "payload", "rules", "skipped_reason",
           "validate"]
