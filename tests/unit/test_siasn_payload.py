"""The SIASN hukdis payload (REGULATIONS.md §10; client kanekescom/laravel-siasn-simpeg-api
PostHukdisSaveCommand.php): every documented field, as strings; what pantau cannot fill is
named with a reason; hukdis.schema.json catches a payload of the wrong shape."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from pantau.siasn import hukdis

DOCUMENTED = ("akhirHukumanTanggal", "alasanHukumanDisiplinId", "golonganId", "golonganLama",
              "hukdisYangDiberhentikanId", "hukumanTanggal", "id", "jenisHukumanId",
              "jenisTingkatHukumanId", "kedudukanHukumId", "keterangan", "masaBulan",
              "masaTahun", "nomorPp", "path", "pnsOrangId", "skNomor", "skPembatalanNomor",
              "skPembatalanTanggal", "skTanggal")


def sanction(**extra: object) -> hukdis.FinalSanction:
    values: dict[str, object] = {
        "case": "KD-2026-0007", "regime": "pp-94-2021", "type_id": "pemotongan_tukin_6_bulan",
        "level": "sedang", "nature": "live_in_work_hours", "decided_on": date(2026, 3, 2),
        "decision_number": "800.1.6.4/012/BKPSDM/2026", "starts": date(2026, 3, 18)}
    return hukdis.FinalSanction(**(values | extra))  # type: ignore[arg-type]


def test_the_schema_and_the_field_sources_cover_exactly_the_documented_payload() -> None:
    schema = json.loads(hukdis.SCHEMA.read_text(encoding="utf-8"))
    assert tuple(sorted(schema["required"])) == DOCUMENTED
    assert tuple(sorted(hukdis.rules()["fields"])) == DOCUMENTED
    assert tuple(sorted(hukdis.FIELDS)) == DOCUMENTED
    for name, item in hukdis.rules()["fields"].items():
        assert item["from"] in ("pantau", "terms", "references", "siasn", "empty"), name
        assert item.get("note"), name


def test_a_six_month_cut_fills_its_term_and_names_what_pantau_does_not_hold() -> None:
    """PP 94/2021 Pasal 8 ayat (3) huruf a: 6 months from the TMT."""
    record = hukdis.payload(sanction())
    hukdis.validate(record.payload)
    values = record.payload
    assert (values["hukumanTanggal"], values["akhirHukumanTanggal"]) == ("18-03-2026",
                                                                          "17-09-2026")
    assert (values["masaTahun"], values["masaBulan"]) == ("0", "6")
    assert values["skTanggal"] == "02-03-2026" and values["nomorPp"] == "94 Tahun 2021"
    missing = {m.field: m.reason for m in record.missing}
    assert set(missing) == {"pnsOrangId", "jenisHukumanId", "jenisTingkatHukumanId",
                            "alasanHukumanDisiplinId", "kedudukanHukumId", "golonganId", "path"}
    assert "NIP" in missing["pnsOrangId"] and "references.yaml" in missing["jenisHukumanId"]
    assert not record.complete


def test_filled_references_are_used_and_no_longer_reported(tmp_path: Path) -> None:
    refs = tmp_path / "refs.yaml"
    refs.write_text(yaml.safe_dump({
        "sanction_types": {"pemotongan_tukin_6_bulan": "41"}, "levels": {"sedang": "2"},
        "reasons": {"live_in_work_hours": "7"}, "default_legal_status": "01"}), "utf-8")
    record = hukdis.payload(sanction(), hukdis.load_references(refs))
    assert (record.payload["jenisHukumanId"], record.payload["jenisTingkatHukumanId"],
            record.payload["alasanHukumanDisiplinId"]) == ("41", "2", "7")
    assert {m.field for m in record.missing} == {"pnsOrangId", "golonganId", "path"}


def test_a_demotion_in_rank_needs_the_rank_before_and_rests_on_pp_53() -> None:
    """PP 94/2021 Pasal 42 keeps PP 53/2010 Pasal 7 ayat (3) huruf c (1 year)."""
    record = hukdis.payload(sanction(type_id="penurunan_pangkat_1_tahun"))
    assert record.payload["nomorPp"] == "53 Tahun 2010"
    assert record.payload["masaTahun"] == "1"
    assert "golonganLama" in {m.field for m in record.missing}


def test_an_annulment_needs_the_siasn_record_it_updates() -> None:
    """PP 79/2021 Pasal 6: revoked on objection; the SK pembatalan is the ruling."""
    record = hukdis.payload(sanction(starts=None, cancelled_number="800.1.6.4/020/BKPSDM/2026",
                                     cancelled_on=date(2026, 4, 6)))
    hukdis.validate(record.payload)
    assert record.payload["skPembatalanNomor"] == "800.1.6.4/020/BKPSDM/2026"
    assert record.payload["skPembatalanTanggal"] == "06-04-2026"
    fields = {m.field for m in record.missing}
    assert "id" in fields and "hukumanTanggal" not in fields


@pytest.mark.parametrize(("field", "value"), [
    ("hukumanTanggal", "2026-03-18"),  # ISO, not DD-MM-YYYY
    ("masaBulan", 6),  # a number, not a string
    ("skNomor", ""),  # no decision number
    ("path", [{"dok_id": "1"}]),  # a document without its fields
    ("nomorPp", "PP 94/2021"),
])
def test_the_schema_catches_an_invalid_record(field: str, value: object) -> None:
    record = hukdis.payload(sanction())
    broken = record.payload | {field: value}
    with pytest.raises(hukdis.PayloadError, match=field):
        hukdis.validate(broken, "case KD-2026-0007")


def test_the_schema_catches_a_missing_or_unknown_field() -> None:
    values = dict(hukdis.payload(sanction()).payload)
    del values["pnsOrangId"]
    with pytest.raises(hukdis.PayloadError, match="pnsOrangId"):
        hukdis.validate(values)
    with pytest.raises(hukdis.PayloadError, match="nip"):
        hukdis.validate(hukdis.payload(sanction()).payload | {"nip": "1"})
    cancelled = hukdis.payload(sanction()).payload | {"skPembatalanNomor": "X/1"}
    with pytest.raises(hukdis.PayloadError, match="skPembatalanTanggal"):
        hukdis.validate(cancelled)
