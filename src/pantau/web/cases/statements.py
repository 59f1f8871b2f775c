"""The clean-record statement (Surat Pernyataan Tidak Pernah Dijatuhi Hukuman Disiplin) of an
employee on a date: the case history as it stood on that date (only steps recorded on or
before it), judged by pantau.domain.procedure.clean_record with the rules of
procedure/sanction_terms.yaml; issued as DOCX (PDF on the worker, like the case letters),
numbered in the agency's letter series, or refused with every reason."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.documents.render import latest_version, letterhead, render_docx, tanggal, to_pdf
from pantau.domain.procedure.cases import progress as fold
from pantau.domain.procedure.clean_record import (
    Block,
    OpenCase,
    Reason,
    ServedSanction,
    Standing,
    standing,
    term_end,
)
from pantau.domain.procedure.progress import Stage
from pantau.rules.calendars import load_calendar
from pantau.rules.procedure import load_procedure
from pantau.rules.sanction_terms import statement_basis, statement_rules, term
from pantau.web.cases import letters, people
from pantau.web.cases.models import Case, RecordStatement
from pantau.web.cases.procedure import case_file, sanction_label
from pantau.web.registry.models import Employee

KIND = "surat_pernyataan_tidak_pernah_hukdis"
CONCLUDED = (Stage.DELIVERED, Stage.IN_FORCE, Stage.FINAL)


class StatementRefused(Exception):
    """The statement cannot be made: the standing says why."""

    def __init__(self, found: Standing) -> None:
        super().__init__(_("The statement cannot be made on this date."))
        self.standing = found


def _as_of(case: Case, on: date) -> tuple[ServedSanction | None, OpenCase | None]:
    """The case as it stood on `on`: its sanction, or the case still open (or neither)."""
    full = case_file(case)
    events = tuple(event for event in full.events if event.on <= on)
    if not events:
        return None, None
    answer = fold(dataclasses.replace(full, events=events), load_procedure(case.agency_id),
                  load_calendar(case.agency_id), on)
    if answer.stage not in CONCLUDED:
        return None, OpenCase(case.number, answer.stage.value, events[0].on)
    effective = answer.effective_sanction
    if effective is None:  # annulled or revoked on objection or appeal
        return None, None
    found = sanction_label(case, effective)
    decided = max(event.on for event in events if event.sanction)
    starts = answer.in_force_on
    return ServedSanction(case.number, effective, found["label"], found["level"], decided,
                          starts, term_end(starts, term(effective)) if starts else None), None


def standing_of(employee: Employee, on: date) -> Standing:
    """Whether the statement may be made for `employee` on `on`, and why not."""
    sanctions, open_cases = [], []
    for case in Case.objects.filter(employee=employee).order_by("opened_at", "pk"):
        sanction, still_open = _as_of(case, on)
        if sanction is not None:
            sanctions.append(sanction)
        if still_open is not None:
            open_cases.append(still_open)
    return standing(on, sanctions, open_cases, statement_rules())


def standing_json(found: Standing) -> dict[str, Any]:
    return {"on": found.on.isoformat(), "clean": found.clean,
            "reasons": [_reason(reason) for reason in found.reasons]}


def _reason(reason: Reason) -> dict[str, Any]:
    data: dict[str, Any] = {"block": reason.block.value, "case": reason.case,
                            "basis": reason.basis.to_json(), "message": _message(reason)}
    if reason.sanction is not None:
        item = reason.sanction
        data["sanction"] = {
            "id": item.type_id, "label": item.label, "level": item.level,
            "decided_on": item.decided_on.isoformat(),
            "starts": item.starts.isoformat() if item.starts else None,
            "ends": item.ends.isoformat() if item.ends else None}
    if reason.open_case is not None:
        data["stage"] = reason.open_case.stage
    return data


def _message(reason: Reason) -> str:
    values = {"case": reason.case, "basis": reason.basis.reference}
    item = reason.sanction
    if item is not None:
        values |= {"sanction": item.label, "decided": tanggal(item.decided_on),
                   "starts": tanggal(item.starts) if item.starts else "-",
                   "ends": tanggal(item.ends) if item.ends else "-"}
    if reason.block is Block.IN_FORCE:
        return _("Case %(case)s: the sanction %(sanction)s is in force from %(starts)s until "
                 "%(ends)s (%(basis)s).") % values
    if reason.block is Block.IMPOSED:
        return _("Case %(case)s: the sanction %(sanction)s was imposed on %(decided)s; the "
                 "statement says the employee was never sanctioned (%(basis)s).") % values
    values["stage"] = reason.open_case.stage if reason.open_case else ""
    return _("Case %(case)s is still open (%(stage)s): its outcome is not known yet "
             "(%(basis)s).") % values


def _scope() -> str:
    """The statement's words for what it covers (the look-back period of the rules)."""
    years = statement_rules().look_back_years
    text = "tingkat ringan, sedang, maupun berat"
    return f"{text} dalam {years} tahun terakhir" if years else text


def issue(employee: Employee, on: date, purpose: str, author: str, now: datetime
          ) -> RecordStatement:
    """Make the statement (DOCX now, PDF on the worker); StatementRefused when it may not.

    A statement is dated and numbered the day it is made (`on` must be that day): one dated
    earlier would be a backdated official letter, and could say "never sanctioned" of someone
    sanctioned since."""
    if on != timezone.localdate(now):
        raise ValueError(f"a statement is dated the day it is made ({timezone.localdate(now)}), "
                         f"not {on}")
    found = standing_of(employee, on)
    if not found.clean:
        raise StatementRefused(found)
    head = letterhead(employee.agency_id, employee.agency.name)
    signer = people.personnel_head(employee, on)
    context: dict[str, Any] = {
        "kop": head.kop(), "city": head.city, "date": tanggal(on),
        "employee": {"name": employee.name, "nip": employee.nip or employee.staff_id or "-",
                     "position": employee.position or employee.get_level_display(),
                     "unit": employee.unit.name},
        "signer": {"name": signer.name, "nip": signer.nip or "-", "title": signer.title,
                   "position": signer.title, "unit": head.office},
        "scope": _scope(), "office": head.office,
        "purpose": purpose.strip()[:200] or "administrasi kepegawaian",
        "basis": statement_basis().reference,
    }
    version = latest_version(KIND)
    with transaction.atomic():
        context["number"] = head.number(letters.next_number(employee.agency_id, on.year),
                                        on.year)
        row = RecordStatement.objects.create(
            agency_id=employee.agency_id, employee=employee, on=on, purpose=context["purpose"],
            kind=KIND, version=version, number=context["number"], context=context,
            created_at=now, created_by=author)
        row.docx.save(f"statements/{employee.pk}/{KIND}-{row.pk}.docx",
                      ContentFile(render_docx(KIND, version, context)), save=True)
        from pantau.web.cases.tasks import convert_statement_pdf

        transaction.on_commit(lambda: convert_statement_pdf.enqueue(row.pk))
    return row


def make_pdf(row: RecordStatement) -> None:
    """Convert the stored DOCX to PDF and archive it with its SHA-256."""
    with row.docx.open("rb") as handle:
        pdf = to_pdf(handle.read())
    row.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    row.pdf.save(f"statements/{row.employee_id}/{row.kind}-{row.pk}.pdf", ContentFile(pdf),
                 save=False)
    row.pdf_error = ""
    row.save(update_fields=["pdf", "pdf_sha256", "pdf_error"])


__all__ = ["StatementRefused", "issue", "make_pdf", "standing_json", "standing_of"]
