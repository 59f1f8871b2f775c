"""Employees: their types and the discipline regime each type falls under."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pantau.domain.errors import InvalidNip


class EmployeeType(StrEnum):
    """Employee types as the registry keeps them.

    The check contract (SPEC §4) uses PNS, PPPK and NON_ASN; the registry also keeps CPNS
    (PP 94/2021 applies mutatis mutandis) and part-time PPPK, which are judged as PNS and
    PPPK respectively (see `judged_as`).
    """

    PNS = "PNS"
    CPNS = "CPNS"
    PPPK = "PPPK"
    PPPK_PARUH_WAKTU = "PPPK_PARUH_WAKTU"
    NON_ASN = "NON_ASN"

    @property
    def judged_as(self) -> EmployeeType:
        """The type whose rules apply: CPNS as PNS, part-time PPPK as PPPK."""
        return _JUDGED_AS.get(self, self)

    @property
    def is_asn(self) -> bool:
        """PNS, CPNS and PPPK are ASN (UU 20/2023); contract staff are not."""
        return self is not EmployeeType.NON_ASN


# One mapping for every call (the property used to build it each time).
_JUDGED_AS = {
    EmployeeType.CPNS: EmployeeType.PNS,
    EmployeeType.PPPK_PARUH_WAKTU: EmployeeType.PPPK,
}


class PositionLevel(StrEnum):
    """Where a post sits in the ladder that decides who may sanction whom (PP 94/2021 Pasal 16–23).

    KEPALA_DAERAH is the Bupati/Wali Kota, the PPK of a regency or city (not an ASN post).
    JPT_PRATAMA covers the Sekda and the heads of OPD in a regency or city; ADMINISTRATOR the
    sekretaris/kepala bidang/camat; PENGAWAS the kepala seksi/subbagian; PELAKSANA the
    implementing staff; FUNGSIONAL the functional posts (ahli/terampil).
    """

    KEPALA_DAERAH = "KEPALA_DAERAH"
    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    PELAKSANA = "PELAKSANA"
    FUNGSIONAL = "FUNGSIONAL"


class NipKind(StrEnum):
    """The two 18-digit employee numbers: NIP of a PNS/CPNS and NI PPPK."""

    PNS = "PNS"
    PPPK = "PPPK"

    @classmethod
    def for_type(cls, employee_type: EmployeeType) -> NipKind | None:
        """The number an employee of this type holds; None for contract staff (no NIP)."""
        judged = employee_type.judged_as
        if judged is EmployeeType.PNS:
            return cls.PNS
        if judged is EmployeeType.PPPK:
            return cls.PPPK
        return None


class Sex(StrEnum):
    """Sex as digit 15 of the NIP encodes it: 1 male (laki-laki), 2 female (perempuan)."""

    MALE = "L"
    FEMALE = "P"

    @property
    def nip_digit(self) -> str:
        return "1" if self is Sex.MALE else "2"


# Leniency of the age check (documented in README "Importing the registry"): the law sets 18
# as the minimum age of a CPNS or PPPK; one year of slack covers an appointment counted from
# a selection year and clerical rounding. The maximum covers a PPPK appointed one year before
# the retirement age of a senior functional post.
MIN_APPOINTMENT_AGE_YEARS = 17
MAX_APPOINTMENT_AGE_YEARS = 64
NIP_LENGTH = 18
_SPACING = " .-\u00a0"


@dataclass(frozen=True)
class Nip:
    """A parsed, valid 18-digit NIP (PNS, REGULATIONS §7.1) or NI PPPK (§7.2).

    PNS:  YYYYMMDD YYYYMM S NNN   (birth date, TMT CPNS year and month, sex, serial)
    PPPK: YYYYMMDD YYYY 2 F S NNN (birth date, TMT year, PPPK code, sequence, sex, serial)
    """

    digits: str
    kind: NipKind
    birth_date: date
    appointment_year: int
    appointment_month: int | None  # None for PPPK: the NI PPPK holds only the TMT year
    sex: Sex
    serial: int
    pppk_sequence: int | None = None  # digit 14 of an NI PPPK ("frequency"); None for PNS

    @property
    def appointment(self) -> tuple[int, int | None]:
        """(year, month) of first appointment for a PNS; (TMT year, None) for a PPPK."""
        return (self.appointment_year, self.appointment_month)

    @property
    def spaced(self) -> str:
        """The number grouped as printed on decrees: "19660801 198803 1 001"."""
        d = self.digits
        if self.kind is NipKind.PNS:
            return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"
        return f"{d[:8]} {d[8:12]} {d[12]} {d[13]} {d[14]} {d[15:]}"

    @property
    def masked(self) -> str:
        """For readers who may not see the NIP (UU PDP): see `mask_nip`."""
        return mask_nip(self.digits) or ""

    def __str__(self) -> str:
        return self.digits


def _invalid(  # one call per segment failure keeps both languages side by side
    shown: str,
    segment: str,
    positions: str,
    value: str,
    why: tuple[str, str],
    fix: tuple[str, str] = (
        "periksa NIP pada SK pengangkatan atau kartu pegawai dan ketik ulang",
        "check the number on the appointment decree or staff card and type it again",
    ),
) -> InvalidNip:
    label_id, label_en = _SEGMENT_LABELS[segment]
    where_id = f"segmen {label_id} (digit {positions}) '{value}'" if positions else label_id
    where_en = f"the {label_en} segment (digits {positions}) '{value}'" if positions else label_en
    return InvalidNip(
        f"NIP {shown}: {where_id} {why[0]}; {fix[0]}",
        message_en=f"NIP {shown}: {where_en} {why[1]}; {fix[1]}",
        segment=segment,
        positions=positions,
        value=value,
        fix=fix[0],
        fix_en=fix[1],
    )


_SEGMENT_LABELS: dict[str, tuple[str, str]] = {
    "format": ("format NIP", "the NIP format"),
    "birth_date": ("tanggal lahir", "date of birth"),
    "kind": ("kode jenis pegawai", "employee-kind code"),
    "appointment": ("TMT CPNS (tahun dan bulan)", "first appointment (TMT CPNS year and month)"),
    "pppk_year": ("tahun TMT PPPK", "PPPK start (TMT) year"),
    "pppk_sequence": ("urutan pengangkatan PPPK", "PPPK appointment sequence"),
    "sex": ("jenis kelamin", "sex"),
    "serial": ("nomor urut", "serial number"),
}


VISIBLE_NIP_DIGITS = 4


def mask_nip(nip: str | None) -> str | None:
    """The one masking rule for an NIP a reader may not see in full (UU PDP: only what the
    purpose needs): every digit but the last four replaced by `*`, so the birth date and the
    appointment date are hidden and a person can still tell two records apart."""
    if not nip:
        return nip
    hidden = max(len(nip) - VISIBLE_NIP_DIGITS, 0)
    return "*" * hidden + nip[hidden:]


def normalise_nip_text(text: str) -> str:
    """The digits as typed, without the spaces, dots or dashes people group them with."""
    cleaned = text.strip().lstrip("'")
    for char in _SPACING:
        cleaned = cleaned.replace(char, "")
    return cleaned


def parse_nip(text: str, employee_type: EmployeeType | None = None) -> Nip:
    """Parse and validate an NIP or NI PPPK; raise InvalidNip naming the wrong segment.

    Spaces (and dots or dashes) as typed are accepted. Digit 13 tells the kinds apart: a
    PNS month starts with 0 or 1, an NI PPPK carries the code 2. When `employee_type` is
    given, the number must be of the kind that type holds (contract staff hold none).
    """
    shown = text.strip()
    digits = normalise_nip_text(text)
    _check_format(shown, digits)
    birth = _parse_birth_date(shown, digits)
    kind = _parse_kind(shown, digits)
    month: int | None = None
    sequence: int | None = None
    if kind is NipKind.PNS:
        year, month = _parse_pns_appointment(shown, digits, birth)
    else:
        year, sequence = _parse_pppk_appointment(shown, digits, birth)
    sex = _parse_sex(shown, digits)
    serial = _parse_serial(shown, digits)
    if employee_type is not None:
        _check_type(shown, digits, kind, employee_type)
    return Nip(digits, kind, birth, year, month, sex, serial, sequence)


def _check_format(shown: str, digits: str) -> None:
    bad = next(
        (i for i, char in enumerate(digits) if not char.isascii() or not char.isdigit()), None
    )
    if bad is not None:
        raise _invalid(
            shown,
            "format",
            "",
            "",
            (
                f"berisi karakter '{digits[bad]}' yang bukan angka (posisi {bad + 1})",
                f"contains '{digits[bad]}', which is not a digit (position {bad + 1})",
            ),
            (
                "NIP hanya berisi 18 angka; hapus huruf dan tanda baca",
                "an NIP is 18 digits only; remove letters and punctuation",
            ),
        )
    if len(digits) != NIP_LENGTH:
        raise _invalid(
            shown,
            "format",
            "",
            "",
            (
                f"terdiri dari {len(digits)} angka, seharusnya {NIP_LENGTH}",
                f"has {len(digits)} digits, expected {NIP_LENGTH}",
            ),
            (
                "periksa apakah ada angka yang hilang atau berlebih (Excel dapat menghapus "
                "angka 0 di depan atau membulatkan angka panjang: format kolom sebagai Teks)",
                "check for a missing or extra digit (Excel may drop leading zeros or round "
                "long numbers: format the column as Text)",
            ),
        )


def _parse_birth_date(shown: str, digits: str) -> date:
    value = digits[:8]
    try:
        birth = date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900:
        raise _invalid(
            shown,
            "birth_date",
            "1–8",
            value,
            ("bukan tanggal yang valid (format TTTTBBHH)", "is not a valid date (format YYYYMMDD)"),
        )
    return birth


def _parse_kind(shown: str, digits: str) -> NipKind:
    code = digits[12]
    if code in "01":
        return NipKind.PNS
    if code == "2":
        return NipKind.PPPK
    raise _invalid(
        shown,
        "kind",
        "13",
        code,
        (
            "harus 0 atau 1 (awal bulan TMT CPNS pada NIP PNS) atau 2 (kode NI PPPK)",
            "must be 0 or 1 (first digit of the TMT CPNS month of a PNS NIP) or 2 (NI PPPK code)",
        ),
    )


def _parse_pns_appointment(shown: str, digits: str, birth: date) -> tuple[int, int]:
    value = digits[8:14]
    year, month = int(value[:4]), int(value[4:])
    if not 1 <= month <= 12:
        raise _invalid(
            shown,
            "appointment",
            "9–14",
            value,
            (
                f"memuat bulan {value[4:]}, seharusnya 01–12",
                f"has month {value[4:]}, expected 01–12",
            ),
        )
    _check_age(shown, "appointment", "9–14", value, birth, year, month)
    return year, month


def _parse_pppk_appointment(shown: str, digits: str, birth: date) -> tuple[int, int]:
    value = digits[8:12]
    _check_age(shown, "pppk_year", "9–12", value, birth, int(value), None)
    sequence = digits[13]
    if sequence == "0":
        raise _invalid(
            shown,
            "pppk_sequence",
            "14",
            sequence,
            ("harus 1–9", "must be 1–9"),
        )
    return int(value), int(sequence)


def _check_age(
    shown: str, segment: str, positions: str, value: str, birth: date, year: int, month: int | None
) -> None:
    # Without a month (NI PPPK) the whole TMT year counts in the person's favour.
    months = (year - birth.year) * 12 + ((month or 12) - birth.month)
    low, high = MIN_APPOINTMENT_AGE_YEARS, MAX_APPOINTMENT_AGE_YEARS
    if months < low * 12:
        why = (
            f"berarti diangkat pada usia {months // 12} tahun (lahir {birth.isoformat()}); "
            f"pengangkatan ASN paling muda sekitar 18 tahun",
            f"means appointment at age {months // 12} (born {birth.isoformat()}); ASN are "
            f"appointed at about 18 at the earliest",
        )
        raise _invalid(shown, segment, positions, value, why)
    if months > (high + 1) * 12:
        why = (
            f"berarti diangkat pada usia {months // 12} tahun (lahir {birth.isoformat()}), "
            f"melebihi batas {high} tahun",
            f"means appointment at age {months // 12} (born {birth.isoformat()}), above "
            f"the limit of {high}",
        )
        raise _invalid(shown, segment, positions, value, why)


def _parse_sex(shown: str, digits: str) -> Sex:
    code = digits[14]
    if code == "1":
        return Sex.MALE
    if code == "2":
        return Sex.FEMALE
    raise _invalid(
        shown,
        "sex",
        "15",
        code,
        ("harus 1 (laki-laki) atau 2 (perempuan)", "must be 1 (male) or 2 (female)"),
    )


def _parse_serial(shown: str, digits: str) -> int:
    value = digits[15:]
    if value == "000":
        raise _invalid(shown, "serial", "16–18", value, ("harus 001–999", "must be 001–999"))
    return int(value)


def _check_type(shown: str, digits: str, kind: NipKind, employee_type: EmployeeType) -> None:
    expected = NipKind.for_type(employee_type)
    if expected is kind:
        return
    if expected is None:
        raise _invalid(
            shown,
            "kind",
            "",
            "",
            (
                f"diisi untuk pegawai {employee_type.value}, padahal tenaga kontrak (Non ASN) "
                "tidak memiliki NIP",
                f"is given for a {employee_type.value} employee, but contract staff (non-ASN) "
                "have no NIP",
            ),
            (
                "kosongkan NIP dan isi ID internal, atau perbaiki jenis pegawai",
                "leave the NIP empty and give an internal id, or correct the employee type",
            ),
        )
    held = "NI PPPK" if kind is NipKind.PPPK else "NIP PNS"
    raise _invalid(
        shown,
        "kind",
        "13",
        digits[12],
        (
            f"menunjukkan {held}, tetapi jenis pegawai {employee_type.value}",
            f"marks an {held}, but the employee type is {employee_type.value}",
        ),
        ("perbaiki kolom jenis pegawai atau NIP-nya", "correct the employee type or the number"),
    )


def make_nip(
    birth_date: date,
    appointment_year: int,
    *,
    appointment_month: int | None = None,
    sex: Sex = Sex.MALE,
    serial: int = 1,
    kind: NipKind = NipKind.PNS,
    pppk_sequence: int = 1,
) -> Nip:
    """Build a valid number (for demo data and tests); raise InvalidNip if the parts are not."""
    head = f"{birth_date.year:04d}{birth_date.month:02d}{birth_date.day:02d}"
    if kind is NipKind.PNS:
        middle = f"{appointment_year:04d}{appointment_month or 1:02d}"
    else:
        middle = f"{appointment_year:04d}2{pppk_sequence}"
    return parse_nip(f"{head}{middle}{sex.nip_digit}{serial:03d}")
