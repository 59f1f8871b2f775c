"""Social-media accounts: personal accounts of employees and official accounts of units."""

from __future__ import annotations

from urllib.parse import urlsplit

from pantau.domain.employees import normalise_nip_text, parse_nip
from pantau.domain.errors import InvalidNip
from pantau.domain.organisation import HOSTS
from pantau.importing.cells import RowReader
from pantau.importing.columns import Column
from pantau.importing.common import replace_rows, run_preview, with_errors
from pantau.importing.crosscheck import duplicate_errors, unknown_code_error
from pantau.importing.limits import DEFAULT_LIMITS, Limits
from pantau.importing.preview import ImportPreview, PreviewRow, RowError
from pantau.importing.records import AccountRecord, AccountType, Platform

COLUMNS = (
    Column("owner", "NIP", ("NIP Pemilik", "NIP/ID", "ID Internal", "ID Pegawai", "Pemilik")),
    Column("unit", "Unit Kerja (kode)", ("Unit Kerja", "Kode Unit", "Kode Unit Kerja", "Unit")),
    Column("platform", "Platform", ("Media Sosial", "Medsos", "Aplikasi", "Jenis Medsos"), True),
    Column("handle", "Akun/Handle", ("Akun", "Handle", "Username", "Nama Akun", "Nama Pengguna")),
    Column("type", "Jenis Akun", ("Tipe Akun", "Status Akun", "Kepemilikan"), True),
    Column("url", "URL", ("Tautan", "Link", "Alamat Akun", "Alamat")),
)
SHEETS = ("akun", "akun media sosial", "accounts", "medsos")
PLATFORMS = {
    "tiktok": "tiktok",
    "tik tok": "tiktok",
    "instagram": "instagram",
    "ig": "instagram",
    "facebook": "facebook",
    "fb": "facebook",
    "youtube": "youtube",
    "yt": "youtube",
    "x": "x",
    "twitter": "x",
    "x twitter": "x",
    "threads": "threads",
}
ACCOUNT_TYPES = {
    "pribadi": "personal",
    "personal": "personal",
    "perorangan": "personal",
    "resmi": "official",
    "official": "official",
    "dinas": "official",
    "instansi": "official",
}
_NO_SPACES = {Platform.TIKTOK, Platform.INSTAGRAM, Platform.X, Platform.THREADS}


def preview_accounts(
    data: bytes,
    filename: str,
    known_units: set[str] | None = None,
    known_nips: set[str] | None = None,
    *,
    sheet: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportPreview[AccountRecord]:
    """Read accounts; `known_nips` holds the NIPs and internal ids of registered employees."""
    preview = run_preview(
        "accounts",
        data,
        filename,
        COLUMNS,
        SHEETS,
        sheet,
        lambda reader: _account(reader, known_units, known_nips),
        limits,
    )
    if preview.file_errors:
        return preview
    headers = {field: header for header, field in preview.columns}
    extra: dict[int, list[RowError]] = {}
    for error in duplicate_errors(preview.rows, _key, headers.get("handle", "Akun/Handle")):
        extra.setdefault(error.row, []).append(error)
    return replace_rows(preview, [with_errors(r, extra.get(r.row, ())) for r in preview.rows])


def _key(row: PreviewRow[AccountRecord]) -> str | None:
    record = row.record
    return f"{record.platform.value} {record.handle}" if record is not None else None


def _account(
    reader: RowReader, known_units: set[str] | None, known_nips: set[str] | None
) -> AccountRecord | None:
    platform_text = reader.choice("platform", PLATFORMS)
    type_text = reader.choice("type", ACCOUNT_TYPES)
    if not platform_text or not type_text:
        return None
    platform, account_type = Platform(platform_text), AccountType(type_text)
    url = _url(reader, platform)
    handle = _handle(reader, platform, url)
    owner = _owner(reader, account_type, known_nips)
    unit = reader.text("unit") or None
    if unit and known_units is not None and unit not in known_units:
        reader.errors.append(unknown_code_error(reader, "unit", unit))
    if account_type is AccountType.OFFICIAL and not (unit or owner):
        reader.fail(
            "unit",
            (
                "Akun resmi harus menyebut unit kerja pemiliknya.",
                "An official account must name the unit that owns it.",
            ),
            (
                "Isi kode unit kerja (atau NIP pengelola akun).",
                "Give the unit code (or the NIP of the account's manager).",
            ),
        )
    if reader.errors or not handle:
        return None
    return AccountRecord(reader.row, owner, unit, platform, handle, account_type, url)


def _url(reader: RowReader, platform: Platform) -> str | None:
    url = reader.text("url")
    if not url:
        return None
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    if parts.scheme not in {"http", "https"} or not any(
        host == allowed or host.endswith(f".{allowed}") for allowed in HOSTS[platform]
    ):
        reader.fail(
            "url",
            (
                f"Tautan '{url}' bukan alamat {platform.value}.",
                f"'{url}' is not a {platform.value} address.",
            ),
            (
                f"Tempel alamat profil dari {HOSTS[platform][0]}, atau perbaiki platform.",
                f"Paste the profile address from {HOSTS[platform][0]}, or fix the platform.",
            ),
        )
        return None
    return parts.geturl()


def _handle(reader: RowReader, platform: Platform, url: str | None) -> str:
    text = reader.text("handle")
    if not text and url:
        path = [part for part in urlsplit(url).path.split("/") if part and part != "c"]
        text = path[0] if path else ""
    if not text:
        if not reader.errors:
            reader.fail(
                "handle" if reader.has("handle") else "url",
                ("Akun/handle atau URL wajib diisi.", "A handle or a URL is required."),
                (
                    "Isi nama akun, mis. @dinkes.ketapang, atau tautan profilnya.",
                    "Give the handle, e.g. @dinkes.ketapang, or the profile link.",
                ),
            )
        return ""
    handle = "@" + text.strip().lstrip("@").lower()
    if platform in _NO_SPACES and any(char.isspace() for char in handle):
        reader.fail(
            "handle",
            (
                f"Handle {platform.value} '{text}' tidak boleh berisi spasi.",
                f"A {platform.value} handle '{text}' cannot contain spaces.",
            ),
            (
                "Salin nama pengguna persis dari profil (tanpa spasi).",
                "Copy the username exactly from the profile (no spaces).",
            ),
        )
    return handle


def _owner(reader: RowReader, account_type: AccountType, known_nips: set[str] | None) -> str | None:
    text = reader.text("owner")
    if not text:
        if account_type is AccountType.PERSONAL:
            reader.fail(
                "owner",
                (
                    "Akun pribadi harus menyebut NIP (atau ID internal) pemiliknya.",
                    "A personal account must name its owner's NIP or internal id.",
                ),
                ("Isi NIP pemilik akun.", "Give the owner's NIP."),
            )
        return None
    owner = text
    digits = normalise_nip_text(text)
    if digits.isdigit() and len(digits) >= 15:
        try:
            owner = parse_nip(digits).digits
        except InvalidNip as error:
            reader.fail(
                "owner",
                (str(error).removesuffix(f"; {error.fix}"), error.message_en),
                (error.fix, error.fix_en),
            )
            return None
    if known_nips is not None and owner not in known_nips:
        reader.fail(
            "owner",
            (
                f"Pegawai '{owner}' belum ada di registri.",
                f"Employee '{owner}' is not in the registry.",
            ),
            (
                "Impor data pegawai terlebih dahulu, atau perbaiki NIP.",
                "Import the employees first, or correct the NIP.",
            ),
        )
    return owner
