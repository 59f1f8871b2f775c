"""A report as pages, the JSON twin, the API, CSV, XLSX and the monthly PDF show it: every
figure of the period beside the same figure of the period before, labelled in the reader's
language, in sections of rows (`report`), and the same rows flat for a spreadsheet (`flat`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from pantau.domain.errors import PantauError
from pantau.domain.intake import DismissalReason, Source
from pantau.domain.reporting import Period, change
from pantau.text.labels import label_of
from pantau.web.cases.present import STAGES
from pantau.web.reports.area import Area
from pantau.web.reports.figures import one_period

COLUMNS = ("section", "code", "label", "current", "previous", "difference", "percent")


def _row(code: str, label: str, current: float | None, previous: float | None
         ) -> dict[str, Any]:
    return {"code": code, "label": label} | change(current, previous)


def _rows(now: dict[Any, int], before: dict[Any, int], labels: dict[Any, str]
          ) -> list[dict[str, Any]]:
    keys = list(labels)
    return [_row(key if isinstance(key, str) else "|".join(key), labels[key],
                 now.get(key, 0), before.get(key, 0)) for key in keys]


def _total(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return change(sum(r["current"] for r in rows), sum(r["previous"] for r in rows))


def complaints(now: dict[str, Any], before: dict[str, Any], lang: str) -> dict[str, Any]:
    labels = {s.value: label_of(Source, s.value, lang) for s in Source}
    rows = _rows(now["complaints"], before["complaints"], labels)
    return {"title": _("Complaints received, by source"), "rows": rows, "total": _total(rows)}


def findings(now: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    keys = sorted(set(now["findings"]) | set(before["findings"]),
                  key=lambda key: (-now["findings"].get(key, 0), key))
    labels = {key: f"{key[0]} — {key[2] or key[1]}" for key in keys}
    rows = _rows(now["findings"], before["findings"], labels)
    for row, key in zip(rows, keys, strict=True):
        row |= {"conduct": key[0], "policy": key[1], "clause": key[2]}
    return {"title": _("Findings, by conduct and policy clause"), "rows": rows}


def review(now: dict[str, Any], before: dict[str, Any], lang: str) -> dict[str, Any]:
    outcome = {"confirmed": _("confirmed"), "dismissed": _("dismissed")}
    rows = _rows(now["review"], before["review"], outcome)
    reasons = {r.value: label_of(DismissalReason, r.value, lang) for r in DismissalReason}
    return {"title": _("Review decisions: confirmed and dismissed"), "rows": rows,
            "reasons_title": _("Dismissal reasons"),
            "reasons": _rows(now["review"]["reasons"], before["review"]["reasons"], reasons)}


def durations(now: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    names = {"review_days": _("complaint to review decision"),
             "sanction_days": _("complaint to signed decision")}
    rows = []
    for key, name in names.items():
        for measure, label in (("count", _("number decided")), ("median", _("median, days")),
                               ("p90", _("90th percentile, days"))):
            rows.append(_row(f"{key}.{measure}", f"{name}: {label}", now[key][measure],
                             before[key][measure]))
    return {"title": _("Time from complaint to decision (days)"), "rows": rows}


def stages(now: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    labels = {stage.value: str(label) for stage, label in STAGES.items()}
    rows = _rows(now["stages"], before["stages"], labels)
    return {"title": _("Cases opened, by stage today"), "rows": rows, "total": _total(rows)}


def deadlines(now: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    labels = {"met": _("deadlines met"), "missed": _("deadlines missed")}
    return {"title": _("Deadlines of the cases opened"),
            "rows": _rows(now["deadlines"], before["deadlines"], labels)}


def units(now: dict[str, Any], before: dict[str, Any], measure: str, title: str
          ) -> dict[str, Any]:
    names = before["by_unit"]["names"] | now["by_unit"]["names"]
    keys = sorted(names, key=lambda code: (-now["by_unit"][measure].get(code, 0), names[code]))
    labels = {code: names[code] for code in keys}
    rows = _rows(now["by_unit"][measure], before["by_unit"][measure], labels)
    return {"title": title, "rows": rows, "total": _total(rows)}


def sanctions(area: Area, now: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    keys = sorted(set(now["sanctions"]) | set(before["sanctions"]))
    labels = {key: f"{key[0]}: {sanction_name(area, key[1])}" for key in keys}
    rows = _rows(now["sanctions"], before["sanctions"], labels)
    for row, key in zip(rows, keys, strict=True):
        row |= {"level": key[0], "type": key[1]}
    return {"title": _("Sanctions decided, by level and type"), "rows": rows,
            "total": _total(rows)}


def sanction_name(area: Area, type_id: str) -> str:
    from pantau.domain.employees import EmployeeType
    from pantau.rules.procedure import load_procedure

    procedure = load_procedure(area.agency.pk)
    for kind in (EmployeeType.PNS, EmployeeType.PPPK, EmployeeType.NON_ASN):
        try:
            return procedure.regime_for(kind).catalogue.find(type_id).label_id
        except PantauError:
            continue  # another regime may name it
    return type_id


def repeat(now: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    label = _("employees with two or more confirmed findings")
    return {"title": _("Repeat offenders"),
            "rows": [_row("repeat_offenders", label, len(now["repeat_offenders"]),
                          len(before["repeat_offenders"]))],
            "people": now["repeat_offenders"]}


def report(area: Area, period: Period, today: date, lang: str) -> dict[str, Any]:
    """The whole report: the JSON twin, and what every other form is made from."""
    previous = period.previous()
    now, before = one_period(area, period, today), one_period(area, previous, today)
    return {
        "area": area.to_json(), "period": period.to_json(),
        "previous_period": previous.to_json(), "as_of": today.isoformat(),
        "sections": {
            "complaints": complaints(now, before, lang),
            "findings": findings(now, before),
            "review": review(now, before, lang),
            "durations": durations(now, before),
            "stages": stages(now, before),
            "deadlines": deadlines(now, before),
            "cases_by_unit": units(now, before, "cases", _("Cases opened, by unit")),
            "missed_by_unit": units(now, before, "missed", _("Deadlines missed, by unit")),
            "sanctions": sanctions(area, now, before),
            "repeat_offenders": repeat(now, before),
        },
    }


def flat(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every row of every section, one line each (dismissal reasons as `review.reasons`)."""
    lines = []
    for name, section in data["sections"].items():
        for row in section["rows"]:
            lines.append({"section": name} | {k: row[k] for k in COLUMNS[1:]})
        for row in section.get("reasons", []):
            lines.append({"section": f"{name}.reasons"} | {k: row[k] for k in COLUMNS[1:]})
    return lines


__all__ = ["COLUMNS", "flat", "report"]
