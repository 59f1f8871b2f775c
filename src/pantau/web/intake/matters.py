"""Several complaints about the same post are one matter: the same link (normalised), or the
same evidence file (its SHA-256)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit

from pantau.web.intake.models import Matter, MatterKey, Report

KEPT_QUERY = {"v", "id", "story_fbid", "fbid"}


def link_key(link: str) -> str | None:
    """A link as a matter key: host without www./m., path without trailing slash, only the
    query parameters that name a post (YouTube `v`, Facebook `id`); None for a non-link."""
    text = link.strip()
    if not text:
        return None
    parts = urlsplit(text if "://" in text else f"https://{text}")
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if "." not in host:
        return None
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if k in KEPT_QUERY))
    path = parts.path.rstrip("/").lower()
    return f"{host}{path}" + (f"?{query}" if query else "")


def keys_of(links: Iterable[str], hashes: Iterable[str]) -> list[str]:
    keys = [key for link in links if (key := link_key(link))]
    keys += [f"sha256:{digest}" for digest in hashes]
    return list(dict.fromkeys(keys))


def group(report: Report, hashes: Iterable[str] = ()) -> Matter:
    """Put the report in the matter of an earlier report with one of its keys, or a new one;
    every key of the report then names that matter."""
    keys = keys_of(report.links, hashes)
    found = MatterKey.objects.filter(agency_id=report.agency_id, key__in=keys).select_related(
        "matter").first()
    matter = found.matter if found is not None else (
        report.matter or Matter.objects.create(agency_id=report.agency_id))
    known = set(MatterKey.objects.filter(agency_id=report.agency_id, key__in=keys)
                .values_list("key", flat=True))
    MatterKey.objects.bulk_create([
        MatterKey(matter=matter, agency_id=report.agency_id, key=key)
        for key in keys if key not in known
    ])
    if report.matter_id != matter.pk:
        report.matter = matter
        report.save(update_fields=["matter"])
    return matter


__all__ = ["group", "keys_of", "link_key"]
