"""The letters of a case: which a recorded step makes (pantau/documents/letters.yaml), the
context each is filled from, its number (the agency's running number of the year), the DOCX
kept in storage, and the PDF made by LibreOffice on the worker and archived with its SHA-256.

The context is stored with the letter and the template version it used, so an old letter
re-prints exactly even after the template or the case changed."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pantau.documents.render import (
    latest_version,
    letterhead,
    letters_for,
    render_docx,
    tanggal,
    to_pdf,
)
from pantau.domain.procedure.events import CaseEvent, EventKind
from pantau.domain.procedure.progress import CaseProgress
from pantau.domain.procedure.steps import Step
from pantau.rules.policies import conduct_codes
from pantau.text import render
from pantau.web.cases import people
from pantau.web.cases.models import Case, Document, LetterCounter
from pantau.web.cases.procedure import progress_before_last, regime_of, sanction_label
from pantau.web.review.checking import finding_of

OUTCOME_TEXT = {
    "uphold": "Menguatkan keputusan hukuman disiplin",
    "lighten": "Memperingan hukuman disiplin",
    "make_heavier": "Memperberat hukuman disiplin",
    "change": "Mengubah hukuman disiplin",
    "revoke": "Membatalkan keputusan hukuman disiplin",
    "annul": "Membatalkan keputusan hukuman disiplin demi hukum",
    "not_admissible": "Keberatan tidak dapat diterima",
}
LEVEL_TEXT = {"ringan": "ringan", "sedang": "sedang", "berat": "berat"}


def next_number(agency_id: str, year: int, series: str = "letter") -> int:
    """The next running number of the agency's series in a year (safe under concurrency)."""
    with transaction.atomic():
        counter, _ = LetterCounter.objects.select_for_update().get_or_create(
            agency_id=agency_id, year=year, series=series)
        LetterCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
        counter.refresh_from_db()
        return counter.last


def step_key(event: CaseEvent) -> str:
    if event.kind is EventKind.SUMMONED:
        return f"summoned_{event.attempt or 1}"
    return event.kind.value


def breaches(case: Case) -> list[dict[str, str]]:
    """Each confirmed finding's breached clauses, as the letters state them."""
    codes = conduct_codes()
    found = []
    for item in case.findings.select_related("report").order_by("pk"):
        finding = finding_of(item.report)
        on = tanggal(timezone.localdate(item.report.happened_at))
        if finding is None or not finding.violations:
            found.append({"clause": "", "what": item.report.description[:300], "on": on,
                          "conduct": item.nature})
            continue
        for violation in finding.violations:
            meaning = codes.get(violation.conduct)
            found.append({
                "clause": violation.clause_text,
                "what": item.report.description[:300] or render(violation.explanation(), "id"),
                "on": on,
                "conduct": meaning.meaning_id if meaning else violation.conduct,
            })
    return found


def _employee(case: Case) -> dict[str, str]:
    row = case.employee
    return {"name": row.name, "nip": row.nip or row.staff_id or "-",
            "position": row.position or row.get_level_display(), "unit": row.unit.name}


def _signer(person: people.Person | None) -> dict[str, str]:
    if person is None:
        return {"name": "", "nip": "-", "title": ""}
    return {"name": person.name, "nip": person.nip or "-", "title": person.title}


def _basis(case: Case, step: Step) -> str:
    rule = regime_of(case).rule(step)
    return str(rule.basis) if rule else regime_of(case).title


def _remedy(case: Case, answer: CaseProgress) -> str:
    """What the employee may do against the decision, and within what time."""
    regime = regime_of(case)
    for step in (Step.OBJECTION, Step.APPEAL):
        window = next((s for s in answer.next_steps if s.step is step), None)
        rule = regime.rule(step)
        if window is not None and rule is not None:
            last = f", yaitu paling lambat {tanggal(window.due)}" if window.due else ""
            kind = "keberatan" if step is Step.OBJECTION else "banding administratif"
            return (f"Terhadap keputusan ini dapat diajukan {kind} paling lama "
                    f"{rule.working_days} hari kerja sejak keputusan diterima{last} "
                    f"({rule.basis}).")
    remedies = regime.remedies
    if remedies is not None and answer.decided in remedies.appealable:
        rule = regime.rule(Step.APPEAL)
        return ("Terhadap keputusan ini dapat diajukan banding administratif "
                f"({rule.basis if rule else remedies.appeal.scope}).")
    rule = regime.rule(Step.OBJECTION)
    if rule is not None and rule.working_days is not None:
        return (f"Terhadap keputusan ini dapat diajukan keberatan paling lama "
                f"{rule.working_days} hari kerja sejak keputusan diterima ({rule.basis}), "
                "sepanjang jenis hukuman disiplin ini dapat diajukan keberatan.")
    return "Keputusan ini bersifat final sesuai peraturan yang berlaku."


def _context(case: Case, kind: str, event: CaseEvent, answer: CaseProgress,
             details: dict[str, Any], today: date) -> dict[str, Any]:
    head = letterhead(case.agency_id, case.agency.name)
    context: dict[str, Any] = {
        "kop": head.kop(), "city": head.city, "date": tanggal(event.on),
        "employee": _employee(case), "breaches": breaches(case),
        "level": LEVEL_TEXT.get(answer.level.value if answer.level else "", ""),
    }
    employee = case.employee
    team = [member.employee for member in case.team.select_related("employee").order_by("pk")]
    examiner = _signer(people.actor(employee, "examination_team", None, today, team)
                       if team else people.direct_superior(employee, today)
                       or people.office(employee))
    examination = getattr(case, "examination", None)
    if kind.startswith("surat_panggilan"):
        summons_rule = regime_of(case).rule(Step.SUMMONS)
        actor = summons_rule.actor.value if summons_rule else "direct_superior"
        context |= {
            "signer": _signer(people.actor(employee, actor, None, today)),
            "exam_date": tanggal(event.scheduled or event.on, weekday=True),
            "missed": _missed_text(case, kind),
            "exam_time": details.get("time") or "09.00",
            "place": details.get("place") or head.city,
            "basis": _basis(case, Step.SECOND_SUMMONS if kind.endswith("_2") else Step.SUMMONS),
        }
    elif kind in ("bap", "berita_acara"):
        context |= {
            "examiner": examiner,
            "exam_date": tanggal(event.on, weekday=True),
            "place": (examination.place if examination else "") or head.city,
            "mode": (examination.mode if examination else "") or "langsung",
            "answers": list(examination.answers) if examination else [],
            "basis": _basis(case, Step.EXAMINATION),
            "conclusion": details.get("conclusion") or event.note or "",
        }
    elif kind == "laporan_hasil_pemeriksaan":
        authority = answer.authority
        allowed = answer.allowed
        labels = [sanction_label(case, type_id)["label"] for type_id in
                  (allowed.type_ids if allowed else ())]
        holder = people.official(employee, authority.official, today) if authority else None
        context |= {
            "examiner": examiner,
            "authority": holder.title if holder else (
                authority.official.value if authority else ""),
            "authority_basis": authority.basis if authority else "",
            "allowed": "; ".join(labels),
            "conclusion": details.get("conclusion") or event.note
            or "Pegawai terbukti melakukan pelanggaran disiplin sebagaimana diuraikan di atas.",
        }
    elif kind == "pembentukan_tim":
        authority = answer.authority
        signer = people.official(employee, authority.official, today) if authority else None
        context |= {
            "signer": _signer(signer or people.office(employee)),
            "basis": _basis(case, Step.FORM_TEAM),
            "members": [{"name": m.employee.name,
                         "position": m.employee.position or m.employee.get_level_display(),
                         "role": m.role} for m in case.team.select_related("employee")],
        }
    elif kind.startswith("keputusan_"):
        sanction = sanction_label(case, event.sanction or "")
        post = event.official.value if event.official else None
        signer = people.actor(employee, "authorised_official", post, today) if post else (
            people.unit_head(employee, today) or people.office(employee))
        bases = [regime_of(case).title, sanction["basis"]]
        if answer.authority is not None:
            bases.append(answer.authority.basis)
        bases += sorted({b["clause"].split(":")[0] for b in context["breaches"] if b["clause"]})
        context |= {
            "signer": _signer(signer), "sanction": sanction, "bases": bases,
            "remedy": _remedy(case, answer),
            "in_force": _in_force_text(case),
        }
    elif kind == "surat_penyampaian":
        decision = _last_letter(case, "keputusan_")
        context |= {
            "signer": _signer(people.unit_head(employee, today) or people.office(employee)),
            "decision_number": decision.number if decision else "",
            "decision_date": decision.context.get("date", "") if decision else "",
            "sanction": sanction_label(case, answer.decided or "") if answer.decided else {},
            "remedy": _remedy(case, answer),
            "basis": _basis(case, Step.DELIVERY),
        }
    elif kind == "putusan_keberatan":
        decision = _last_letter(case, "keputusan_")
        outcome = event.outcome.value if event.outcome else "uphold"
        new = f" menjadi {sanction_label(case, event.sanction)['label']}" if event.sanction else ""
        step = Step.APPEAL_DECISION if event.kind is EventKind.APPEAL_DECIDED else (
            Step.OBJECTION_DECISION)
        context |= {
            "signer": _signer(_ruling_signer(case, today)),
            "decision_number": decision.number if decision else "",
            "sanction": sanction_label(case, answer.decided or "") if answer.decided else {},
            "filed": tanggal(_filed(case) or event.on),
            "outcome": OUTCOME_TEXT.get(outcome, outcome) + new,
            "reason": event.note or details.get("reason", ""),
            "basis": _basis(case, step),
        }
    context.setdefault("signer", examiner)
    return context


def _ruling_signer(case: Case, today: date) -> people.Person:
    """Who decides the objection: the official the state machine named for that step before
    it was recorded (the superior of the official who decided, or the PPK; PP 79/2021), not
    the official whose decision is objected to."""
    before = progress_before_last(case, today)
    for step in before.next_steps:
        if step.step in (Step.OBJECTION_DECISION, Step.SUPERIOR_OBJECTION_DECISION):
            who = people.actor(case.employee, step.actor.value,
                               step.official.value if step.official else None, today)
            if who is not None:
                return who
    return people.office(case.employee)


def _in_force_text(case: Case) -> str:
    """When the decision takes effect, as the regime's law data says (PP 94/2021 Pasal 38:
    not the day it is received); the date itself is known only once it is received."""
    basis = regime_of(case).in_force
    if basis is None:
        return "Keputusan ini mulai berlaku sejak tanggal diterima oleh yang bersangkutan."
    return f"Keputusan ini mulai berlaku sesuai ketentuan {basis.reference}."


def _missed_text(case: Case, kind: str) -> str:
    """The examination the employee missed, named by the second summons."""
    row = case.events.filter(kind=EventKind.ABSENT.value).order_by("seq").first()
    return tanggal(row.on) if row is not None and kind.endswith("_2") else ""


def _filed(case: Case) -> date | None:
    row = case.events.filter(kind__in=[EventKind.OBJECTION_FILED.value,
                                       EventKind.APPEAL_FILED.value]).order_by("-seq").first()
    return row.on if row else None


def _last_letter(case: Case, prefix: str) -> Document | None:
    return case.documents.filter(kind__startswith=prefix).order_by("-created_at", "-pk").first()


def make(case: Case, event: CaseEvent, answer: CaseProgress, author: str, now: datetime,
         today: date, details: dict[str, Any] | None = None) -> list[Document]:
    """The letters a recorded step makes, numbered and kept as DOCX (PDF follows)."""
    made = []
    head = letterhead(case.agency_id, case.agency.name)
    for kind in letters_for(case.regime, step_key(event), event.sanction or ""):
        version = latest_version(kind)
        context = _context(case, kind, event, answer, details or {}, today)
        context["number"] = head.number(next_number(case.agency_id, event.on.year),
                                        event.on.year)
        made.append(store(case, kind, version, context, author, now))
    return made


def store(case: Case, kind: str, version: int, context: dict[str, Any], author: str,
          now: datetime) -> Document:
    content = render_docx(kind, version, context)
    document = Document.objects.create(case=case, kind=kind, version=version,
                                       number=context["number"], context=context,
                                       created_at=now, created_by=author)
    document.docx.save(f"cases/{case.pk}/{kind}-{document.pk}.docx", ContentFile(content),
                       save=True)
    from pantau.web.cases.tasks import convert_pdf

    transaction.on_commit(lambda: convert_pdf.enqueue(document.pk))
    return document


def reprint(document: Document) -> bytes:
    """The letter again, from its own template version and stored context."""
    return render_docx(document.kind, document.version, document.context)


def make_pdf(document: Document) -> None:
    """Convert the stored DOCX to PDF and archive it with its SHA-256."""
    with document.docx.open("rb") as handle:
        content = handle.read()
    pdf = to_pdf(content)
    document.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    document.pdf.save(f"cases/{document.case_id}/{document.kind}-{document.pk}.pdf",
                      ContentFile(pdf), save=False)
    document.pdf_error = ""
    document.save(update_fields=["pdf", "pdf_sha256", "pdf_error"])


__all__ = ["breaches", "make", "make_pdf", "next_number", "reprint", "step_key", "store"]
