"""The SIASN export of an agency: every final sanction of its cases as a `hukdis/save` payload
(pantau.siasn.hukdis), each with what is missing and the letters to upload beside it.

A sanction is exported once its decision was delivered and no objection or appeal is pending:
the decision itself, the sanction an objection or appeal ruling put in its place (lightened,
made heavier, changed: the ruling is the SK), or the annulment (revoked or annulled: the
original decision with the ruling as SK pembatalan). Contract staff and cases still waiting
for a ruling are listed as skipped, with the reason. Every payload is checked against
hukdis.schema.json before it leaves."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from pantau.domain.procedure.events import EventKind
from pantau.domain.procedure.progress import CaseProgress, Stage
from pantau.siasn import hukdis
from pantau.text.cells import safe_cell
from pantau.web.cases.models import Case, Document
from pantau.web.cases.procedure import last_event, progress, regime_of, sanction_label

LETTERS = ("bap", "berita_acara", "laporan_hasil_pemeriksaan", "surat_penyampaian",
           "putusan_keberatan")
RULINGS = (EventKind.OBJECTION_DECIDED, EventKind.APPEAL_DECIDED)
REMOVED = ("revoke", "annul")
CSV_HEAD = ("case", "kind", "stage", "nip", "name", "employee_type", "sanction", "level",
            "complete", "missing", "documents",
            *(name for name in hukdis.FIELDS if name != "path"))


@dataclass(frozen=True)
class Export:
    """The records of an agency, and the cases left out with the reason."""

    agency: str
    on: date
    records: list[dict[str, Any]]
    skipped: list[dict[str, str]]

    def to_json(self) -> dict[str, Any]:
        complete = sum(1 for record in self.records if record["complete"])
        return {"agency": self.agency, "on": self.on.isoformat(),
                "schema": hukdis.SCHEMA.name, "source": hukdis.rules()["source"],
                "count": len(self.records), "complete": complete,
                "records": self.records, "skipped": self.skipped}


def agency_cases(agency_id: str) -> QuerySet[Case]:
    return Case.objects.filter(agency_id=agency_id)


def export(agency_id: str, cases: QuerySet[Case], today: date,
           references: dict[str, Any] | None = None) -> Export:
    """The national record of the agency's cases in `cases` (already scoped by the caller)."""
    refs = references if references is not None else hukdis.load_references()
    records, skipped = [], []
    rows = cases.filter(agency_id=agency_id, events__kind=EventKind.DELIVERED.value).distinct()
    for case in rows.select_related("employee__unit").order_by("number", "pk"):
        answer = progress(case, today)
        reason = _skip(case, answer)
        if reason:
            skipped.append({"case": case.number, "reason": reason})
            continue
        item = final_sanction(case, answer)
        record = hukdis.payload(item, refs)
        hukdis.validate(record.payload, f"case {case.number}")
        records.append(_present(case, answer, item, record))
    return Export(agency_id, today, records, skipped)


def _skip(case: Case, answer: CaseProgress) -> str:
    if case.employee_type not in hukdis.exported_types():
        return hukdis.skipped_reason()
    if answer.stage in (Stage.OBJECTED, Stage.APPEALED):
        return _("An objection or appeal is pending: the sanction is not final yet.")
    if answer.decided is None:
        return _("No sanction was decided.")
    return ""


def _letter(case: Case, prefix: str) -> Document | None:
    return case.documents.filter(kind__startswith=prefix).order_by("-created_at", "-pk").first()


def final_sanction(case: Case, answer: CaseProgress) -> hukdis.FinalSanction:
    """What pantau holds about the case's final sanction, for the payload."""
    decided = last_event(case, EventKind.DECIDED)
    ruling = case.events.filter(kind__in=[k.value for k in RULINGS]).order_by("-seq").first()
    decision = _letter(case, "keputusan_")
    ruling_letter = _letter(case, "putusan_keberatan") if ruling else None
    finding = case.findings.order_by("pk").first()
    base: dict[str, Any] = {
        "case": case.number, "regime": answer.regime, "nature": finding.nature if finding else "",
        "decision_number": decision.number if decision else "",
        "decided_on": decided.on if decided else case.opened_at.date(),
        "starts": answer.in_force_on,
    }
    decided_type = str(answer.decided)
    effective = answer.effective_sanction
    outcome = str(ruling.data.get("outcome") or "") if ruling else ""
    if ruling is not None and effective is None and outcome in REMOVED:
        return hukdis.FinalSanction(
            **base | {"starts": None}, type_id=decided_type, level=_level(case, decided_type),
            cancelled_number=ruling_letter.number if ruling_letter else "",
            cancelled_on=ruling.on)
    if ruling is not None and effective and effective != decided_type:
        return hukdis.FinalSanction(
            **base | {"decision_number": ruling_letter.number if ruling_letter else "",
                      "decided_on": ruling.on, "replaced": base["decision_number"]},
            type_id=effective, level=_level(case, effective))
    return hukdis.FinalSanction(**base, type_id=decided_type, level=_level(case, decided_type))


def _level(case: Case, type_id: str) -> str:
    return regime_of(case).catalogue.find(type_id).level.value


def _present(case: Case, answer: CaseProgress, item: hukdis.FinalSanction,
             record: hukdis.Record) -> dict[str, Any]:
    employee = case.employee
    documents = []  # the letters to upload to SIASN with the record (its path[])
    for doc in case.documents.order_by("created_at", "pk"):
        if doc.kind.startswith("keputusan_") or doc.kind in LETTERS:
            documents.append({
                "kind": doc.kind, "number": doc.number, "date": doc.context.get("date", ""),
                "docx": reverse("case-document", args=[case.pk, doc.pk, "docx"]),
                "pdf": reverse("case-document", args=[case.pk, doc.pk, "pdf"])
                if doc.pdf else None, "pdf_sha256": doc.pdf_sha256 or None})
    return {
        "case": case.number, "case_id": case.pk,
        "url": reverse("case-detail", args=[case.pk]),
        "kind": "cancellation" if item.cancelled else "sanction",
        "stage": answer.stage.value,
        # final: no objection or appeal can come any more; otherwise the window is still open
        # and a ruling may yet replace or annul this record
        "final": answer.stage is Stage.FINAL,
        "employee": {"id": employee.pk, "name": employee.name, "nip": employee.nip or "",
                     "type": case.employee_type, "unit": employee.unit.name},
        "sanction": sanction_label(case, item.type_id),
        "complete": record.complete,
        "missing": [missing.to_json() for missing in record.missing],
        "payload": record.payload,
        "documents": documents,
    }


def to_csv(found: Export) -> str:
    """The batch as CSV: one row a record, the payload's fields after pantau's own columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEAD)
    for record in found.records:
        payload = record["payload"]
        writer.writerow([safe_cell(value) for value in (
            record["case"], record["kind"], record["stage"], record["employee"]["nip"],
            record["employee"]["name"], record["employee"]["type"], record["sanction"]["id"],
            record["sanction"]["level"], "yes" if record["complete"] else "no",
            ";".join(m["field"] for m in record["missing"]),
            ";".join(d["number"] for d in record["documents"]),
            *(payload[name] for name in CSV_HEAD[11:]),
        )])
    return buffer.getvalue()


__all__ = ["CSV_HEAD", "Export", "agency_cases", "export", "final_sanction", "to_csv"]
