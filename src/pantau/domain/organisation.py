"""The vocabulary of a regional government's organisation and its social-media accounts."""

from __future__ import annotations

from enum import StrEnum
from urllib.parse import urlsplit


class UnitKind(StrEnum):
    """Kinds of organisational unit (perangkat daerah and their parts)."""

    SEKRETARIAT_DAERAH = "sekretariat_daerah"
    SEKRETARIAT_DPRD = "sekretariat_dprd"
    INSPEKTORAT = "inspektorat"
    DINAS = "dinas"
    BADAN = "badan"
    KECAMATAN = "kecamatan"
    KELURAHAN = "kelurahan"
    RSUD = "rsud"
    SATPOL_PP = "satpol_pp"
    BAGIAN = "bagian"
    BIDANG = "bidang"
    SEKSI = "seksi"
    UPTD = "uptd"
    PUSKESMAS = "puskesmas"


class Platform(StrEnum):
    """Social-media platforms, as the check contract (SPEC §4) names them."""

    TIKTOK = "tiktok"
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    YOUTUBE = "youtube"
    X = "x"
    THREADS = "threads"


class AccountType(StrEnum):
    """Personal (pribadi) or official (resmi: the unit's own) account (SPEC §4 account_type)."""

    PERSONAL = "personal"
    OFFICIAL = "official"


HOSTS: dict[Platform, tuple[str, ...]] = {
    Platform.TIKTOK: ("tiktok.com",),
    Platform.INSTAGRAM: ("instagram.com",),
    Platform.FACEBOOK: ("facebook.com", "fb.com", "fb.me"),
    Platform.YOUTUBE: ("youtube.com", "youtu.be"),
    Platform.X: ("x.com", "twitter.com"),
    Platform.THREADS: ("threads.net", "threads.com"),
}
_SKIP = {"c", "user", "channel", "profile.php", "watch", "video", "live", "p", "reel", "status"}


def platform_of_url(text: str) -> Platform | None:
    """The platform a web address belongs to (None when it is not one of theirs)."""
    parts = urlsplit(text if "://" in text else f"https://{text}")
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    for platform, hosts in HOSTS.items():
        if any(host == allowed or host.endswith(f".{allowed}") for allowed in hosts):
            return platform
    return None


def profile_of_url(text: str) -> tuple[Platform, str] | None:
    """(platform, handle) from a profile or post address, the handle as the registry keeps it
    (`@name`, lower case): `https://www.tiktok.com/@rina.rsud/video/1` → (tiktok, @rina.rsud).
    None when the text is not an address of a known platform or names no account."""
    text = text.strip()
    if "/" not in text and "." not in text.split("@")[-1]:
        return None
    platform = platform_of_url(text)
    if platform is None:
        return None
    path = [part for part in urlsplit(text if "://" in text else f"https://{text}").path.split("/")
            if part]
    names = [part for part in path if part.lower() not in _SKIP]
    if not names or names[0].isdigit():
        return None
    return platform, "@" + names[0].lstrip("@").lower()


__all__ = ["HOSTS", "AccountType", "Platform", "UnitKind", "platform_of_url", "profile_of_url"]
