"""Activities and SP4N-LAPOR! complaints, imported in bulk into the review queue.

Three shapes are read:
- JSON Lines in the check format (SPEC §4): one activity a line, its `id` the external id;
- CSV or XLSX with Indonesian headers (one activity a row: ID, Waktu, Jenis, Platform, Akun,
  NIP, Teks, Tautan, Keterangan, and the observed signals as ya / tidak / empty);
- the spreadsheet a LAPOR! administrator exports (Nomor Tracking, Tanggal, Judul, Isi, ...):
  the tracking number is the external id, so one number is one complaint.

Each row becomes an `ActivityRecord` (the activity as SPEC §4 JSON, validated by the same
parser as `pantau check`) or row errors naming row, column and fix. Nothing is written here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from pantau.domain.activities import ActivityKind, Location, parse_activity
from pantau.domain.errors import InputError
from pantau.importing.cells import RowReader
from pantau.importing.columns import Column
from pantau.importing.common import run_preview
from pantau.importing.limits import DEFAULT_LIMITS, Limits, too_many_rows
from pantau.importing.preview import FileError, ImportPreview, PreviewRow, RowError

JAKARTA = ZoneInfo("Asia/Jakarta")
ACTIVITY_SHEETS = ("aktivitas", "kegiatan", "laporan", "activities")
LAPOR_SHEETS = ("lapor", "laporan", "pengaduan", "sp4n lapor")
SIGNAL_COLUMNS = {
    "official_duty": ("Tugas Kedinasan", ("Kedinasan", "Untuk Tugas Kedinasan", "Dinas")),
    "leader_permission": ("Izin Pimpinan", ("Izin Kepala Unit", "Izin Atasan")),
    "uniform_visible": ("Seragam", ("Seragam Dinas", "Memakai Seragam", "Atribut Dinas")),
    "asn_identity_shown": ("Identitas ASN", ("Identitas Pegawai",)),
    "commercial": ("Komersial", ("Jualan", "Berjualan")),
    "confidential_material": ("Dokumen Rahasia", ("Rahasia", "Data Rahasia")),
    "content_creator": ("Konten Kreator", ("Kreator Konten", "Influencer")),
    "conflict_of_interest": ("Konflik Kepentingan", ("Benturan Kepentingan",)),
}
ACTIVITY_COLUMNS = (
    Column("id", "ID", ("ID Laporan", "Nomor", "No Laporan", "Kode"), True),
    Column("started_at", "Waktu", ("Waktu Mulai", "Tanggal", "Tanggal dan Waktu", "Mulai"), True),
    Column("ended_at", "Selesai", ("Waktu Selesai", "Sampai")),
    Column("kind", "Jenis", ("Jenis Kegiatan", "Jenis Aktivitas", "Bentuk"), True),
    Column("platform", "Platform", ("Media Sosial", "Medsos", "Aplikasi")),
    Column("account", "Akun", ("Handle", "Nama Akun", "Username")),
    Column("account_type", "Jenis Akun", ("Tipe Akun",)),
    Column("nip", "NIP", ("NIP Pegawai", "NI PPPK")),
    Column("text", "Teks", ("Keterangan Unggahan", "Caption", "Isi Unggahan", "Transkrip")),
    Column("links", "Tautan", ("Link", "URL", "Tautan Unggahan")),
    Column("description", "Keterangan", ("Uraian", "Catatan", "Deskripsi")),
    Column("location", "Lokasi", ("Tempat",)),
    *(Column(name, label, synonyms) for name, (label, synonyms) in SIGNAL_COLUMNS.items()),
)
LAPOR_COLUMNS = (
    Column("tracking", "Nomor Tracking", ("No Tracking", "Tracking ID", "Nomor Laporan",
                                          "ID Laporan LAPOR", "Kode Tracking"), True),
    Column("date", "Tanggal Laporan", ("Tanggal", "Tanggal Masuk", "Waktu Laporan"), True),
    Column("title", "Judul", ("Judul Laporan", "Perihal")),
    Column("body", "Isi Laporan", ("Isi", "Uraian", "Deskripsi", "Isi Pengaduan"), True),
    Column("links", "Tautan", ("Link", "URL", "Lampiran")),
    Column("happened", "Tanggal Kejadian", ("Waktu Kejadian",)),
)
KINDS = {
    **{kind.value: kind.value for kind in ActivityKind},
    "siaran langsung": "live", "live streaming": "live", "unggahan": "post",
    "postingan": "post", "komentar": "comment", "bagikan": "share", "luring": "offline",
    "pengamatan": "offline", "pengamatan langsung": "offline", "reaksi": "reaction",
}
LOCATIONS = {
    **{loc.value: loc.value for loc in Location},
    "kantor": "office", "ruang kerja": "workspace", "lapangan": "field", "tempat umum": "public",
    "rumah": "home", "kafe": "cafe", "warung kopi": "cafe", "warkop": "cafe",
    "tidak diketahui": "unknown",
}
ACCOUNT_TYPES = {"pribadi": "personal", "personal": "personal", "resmi": "official",
                 "official": "official", "dinas": "official"}
_YES, _NO = {"ya", "y", "yes", "true", "1"}, {"tidak", "t", "no", "false", "0"}


@dataclass(frozen=True)
class ActivityRecord:
    """One imported activity: its external id and the activity (SPEC §4 JSON)."""

    row: int
    external_id: str
    activity: dict[str, Any]
    links: tuple[str, ...] = ()
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def preview_activities(data: bytes, filename: str, agency: str,
                       limits: Limits = DEFAULT_LIMITS) -> ImportPreview[ActivityRecord]:
    """Activities of an agency from JSON Lines, CSV or XLSX."""
    if filename.lower().endswith((".jsonl", ".ndjson", ".json")):
        return _preview_jsonl(data, filename, agency, limits)
    return run_preview("activities", data, filename, ACTIVITY_COLUMNS, ACTIVITY_SHEETS, None,
                       lambda reader: _activity_row(reader, agency), limits)


def preview_lapor(data: bytes, filename: str, agency: str,
                  limits: Limits = DEFAULT_LIMITS) -> ImportPreview[ActivityRecord]:
    """Complaints from a LAPOR! export: the tracking number keeps one complaint one."""
    return run_preview("lapor", data, filename, LAPOR_COLUMNS, LAPOR_SHEETS, None,
                       lambda reader: _lapor_row(reader, agency), limits)


def _preview_jsonl(data: bytes, filename: str, agency: str,
                   limits: Limits) -> ImportPreview[ActivityRecord]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = FileError(f"Berkas bukan teks UTF-8 (byte {error.start + 1}).",
                        "Simpan berkas sebagai UTF-8.", f"Not UTF-8 text (byte {error.start + 1}).",
                        "Save the file as UTF-8.")
        return ImportPreview("activities", filename, None, (), (), (), (bad,))
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1)
             if line.strip()]
    if len(lines) > limits.rows:
        too_many = too_many_rows(None, limits, len(lines)).error
        return ImportPreview("activities", filename, None, (), (), (), (too_many,))
    rows = [_json_row(number, line, agency) for number, line in lines]
    return ImportPreview("activities", filename, None, (("JSON", "activity"),), (), tuple(rows))


def _json_row(number: int, line: str, agency: str) -> PreviewRow[ActivityRecord]:
    values = (("JSON", line[:200].replace("\x00", "")),)
    try:
        obj = _loaded(line)
        if isinstance(obj, dict) and obj.get("agency") in (None, ""):
            obj["agency"] = agency
        activity = parse_activity(obj)
    except (ValueError, InputError) as error:
        return PreviewRow(number, values, None, (_json_error(number, line, str(error)),))
    if activity.agency != agency:
        why = f"agency {activity.agency!r} is not {agency!r}"
        return PreviewRow(number, values, None, (_json_error(number, line, why),))
    record = ActivityRecord(number, str(activity.id), obj, tuple(obj.get("links") or ()),
                            str(obj.get("description") or ""))
    return PreviewRow(number, values, record)


def _loaded(line: str) -> Any:
    """The line's JSON, refusing what no database stores: nesting past Python's recursion
    limit, an escaped NUL character (PostgreSQL refuses it) or a lone UTF-16 surrogate (no
    UTF-8 text holds one). Both can only come from a \\u escape."""
    try:
        obj = json.loads(line)
    except RecursionError:
        raise ValueError("JSON bersarang terlalu dalam (nested too deeply)") from None
    if "\\u" in line:
        for text in _strings(obj):
            if "\x00" in text:
                raise ValueError("memuat karakter NUL \\u0000 (holds a NUL character)")
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("memuat surrogate UTF-16 tunggal (holds a lone surrogate)") \
                    from None
    return obj


def _strings(obj: Any) -> Iterator[str]:
    """Every string of a JSON value, keys included (without recursion: the value may be
    nested nearly as deep as Python allows)."""
    stack = [obj]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            stack.extend(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def _json_error(number: int, line: str, why: str) -> RowError:
    return RowError(number, "JSON", _printable(line[:80]), f"Baris tidak dapat dibaca: {why}.",
                    "Perbaiki baris itu sesuai format SPEC §4 (satu objek JSON per baris).",
                    f"The line cannot be read: {why}.",
                    "Fix the line to the SPEC §4 format (one JSON object a line).")


def _printable(text: str) -> str:
    """Text safe to show and to store: NUL and lone surrogates replaced."""
    return text.replace("\x00", "\u2400").encode("utf-8", "replace").decode("utf-8")


def _moment(reader: RowReader, name: str, required: bool) -> datetime | None:
    """A date-time cell: an Excel date-time (local WIB time unless it has an offset), or
    ISO text; a date alone is midnight."""
    cell = reader.raw(name)
    if isinstance(cell, datetime):
        return cell if cell.tzinfo else cell.replace(tzinfo=JAKARTA)
    if isinstance(cell, date):
        return datetime.combine(cell, time(0), tzinfo=JAKARTA)
    text = reader.text(name)
    if not text:
        if required:
            reader.required(name)
        return None
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    except ValueError:
        day = reader.date(name)
        return datetime.combine(day, time(0), tzinfo=JAKARTA) if day else None
    return moment if moment.tzinfo else moment.replace(tzinfo=JAKARTA)


def _tri(reader: RowReader, name: str) -> bool | None:
    value = reader.text(name).lower()
    if not value:
        return None
    if value in _YES or value in _NO:
        return value in _YES
    reader.fail(name, (f"'{value}' bukan ya/tidak/kosong.", f"'{value}' is not yes/no/empty."),
                ("Isi 'ya', 'tidak', atau kosongkan bila tidak diketahui.",
                 "Write 'ya', 'tidak', or leave it empty when unknown."))
    return None


def _signals(reader: RowReader) -> dict[str, Any]:
    signals: dict[str, Any] = {}
    for name in SIGNAL_COLUMNS:
        value = _tri(reader, name) if reader.has(name) else None
        if value is not None:
            signals[name] = value
    location = reader.choice("location", LOCATIONS, required=False) if reader.has("location") \
        else ""
    if location:
        signals["location"] = location
    return signals


def _activity_row(reader: RowReader, agency: str) -> ActivityRecord | None:
    identifier = reader.required("id")
    start = _moment(reader, "started_at", True)
    end = _moment(reader, "ended_at", False)
    kind = reader.choice("kind", KINDS)
    account_type = reader.choice("account_type", ACCOUNT_TYPES, required=False)
    signals = _signals(reader)
    if reader.errors or start is None:
        return None
    activity = {
        "id": identifier, "agency": agency, "kind": kind, "started_at": start.isoformat(),
        "ended_at": end.isoformat() if end else None,
        "platform": reader.text("platform").lower() or None,
        "account": reader.text("account") or None, "account_type": account_type or None,
        "employee": {"nip": reader.text("nip").replace(" ", "") or None},
        "text": reader.text("text") or None, "signals": signals,
    }
    try:
        parse_activity(activity)
    except InputError as error:
        reader.fail("started_at", (f"Aktivitas tidak sah: {error}.", f"Invalid: {error}."),
                    ("Periksa waktu dan jenis.", "Check the time and the kind."))
        return None
    links = tuple(reader.text("links").split())
    return ActivityRecord(reader.row, identifier, activity, links, reader.text("description"))


def _lapor_row(reader: RowReader, agency: str) -> ActivityRecord | None:
    tracking = reader.required("tracking")
    received = _moment(reader, "date", True)
    happened = _moment(reader, "happened", False) or received
    body = reader.required("body")
    if reader.errors or happened is None:
        return None
    title = reader.text("title")
    activity = {"id": tracking, "agency": agency, "kind": "post",
                "started_at": happened.isoformat(), "signals": {}}
    description = f"{title}\n\n{body}" if title else body
    return ActivityRecord(reader.row, tracking, activity, tuple(reader.text("links").split()),
                          description, {"received": received.isoformat() if received else None})


__all__ = ["ActivityRecord", "preview_activities", "preview_lapor"]
