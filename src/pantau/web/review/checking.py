"""A report becomes an activity (SPEC §4), is matched to the registry and checked by the same
engine and code path as `pantau check --registry`; the finding is stored with the versions of
the law it was made with.

Identification: a NIP (typed with spaces or not) in what the complainant said, else an
account: a profile or post link, or the platform and handle given, among the accounts of the
report's agency. An unmatched report waits for a person to identify the employee.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from pantau.batch.evaluate import check_activities
from pantau.domain.activities import Activity, parse_activity
from pantau.domain.employees import normalise_nip_text
from pantau.domain.errors import InputError, PantauError
from pantau.domain.findings import Finding, finding_from_json
from pantau.domain.intake import Urgency
from pantau.domain.organisation import profile_of_url
from pantau.domain.registry import MatchedBy, RegistryRecord
from pantau.rules.checker import Checker, default_classifier
from pantau.web.intake.models import Report
from pantau.web.intake.table import activity_json
from pantau.web.registry.models import Account, Employee
from pantau.web.registry.records import record_of

NIP = re.compile(r"\b\d{8}[ .-]?\d{6}[ .-]?\d[ .-]?\d{3}\b")
_checker: Checker | None = None


def checker() -> Checker:
    """One checker a process (policies, calendars and the classifier load once)."""
    global _checker
    if _checker is None:
        _checker = Checker(classifier=default_classifier)
    return _checker


def _accounts(report: Report) -> list[tuple[str, str]]:
    found = [profile for link in report.links if (profile := profile_of_url(link))]
    pairs = [(platform.value, handle) for platform, handle in found]
    if report.platform and report.account:
        pairs.append((report.platform.lower(), "@" + report.account.strip().lstrip("@").lower()))
    return pairs


def identify(report: Report) -> tuple[Employee | None, Account | None, str]:
    """The employee a report names, the account that matched, and how it was matched."""
    nip = NIP.search(f"{report.who} {report.description}")
    if nip is not None:
        digits = normalise_nip_text(nip.group(0))
        employee = Employee.objects.filter(agency_id=report.agency_id, nip=digits).first()
        if employee is not None:
            return employee, None, MatchedBy.NIP.value
    condition = Q()
    for platform, handle in _accounts(report):
        condition |= Q(platform=platform, handle__iexact=handle)
    if not condition:
        return None, None, ""
    account = (
        Account.objects.filter(condition, employee__agency_id=report.agency_id)
        .select_related("employee").first()
    )
    if account is None:
        return None, None, ""
    return account.employee, account, MatchedBy.ACCOUNT.value


def activity_of(report: Report, account: Account | None = None) -> dict[str, Any]:
    """The report as an activity of SPEC §4 (what a person established in `signals`); the
    batch reads the same from the table (pantau.web.intake.table)."""
    employee = report.employee
    return activity_json(
        report.pk, report.agency_id, report.kind, report.happened_at, report.happened_until,
        (account.platform if account else report.platform),
        (account.handle if account else report.account), report.text, report.signals,
        (employee.nip, employee.name) if employee else None,
        account.account_type if account is not None else None,
    )


def _account_of(report: Report) -> Account | None:
    if report.employee_id is None:
        return None
    wanted = _accounts(report)
    rows = Account.objects.filter(employee_id=report.employee_id)
    return next((row for row in rows if (row.platform, row.handle.lower()) in wanted), None)


def prepare(report: Report) -> tuple[Activity, RegistryRecord | None]:
    """Identify the employee (when nobody has) and give the report's activity and the
    registry record of its employee (None when unknown)."""
    account: Account | None = None
    if report.employee_id is None:
        employee, account, how = identify(report)
        if employee is not None:
            report.employee, report.matched_by = employee, how
    else:
        account = _account_of(report)
    activity: Activity = parse_activity(activity_of(report, account))
    record = record_of(report.employee) if report.employee is not None else None
    return activity, record


def keep(report: Report, result: Finding | PantauError, now: datetime | None = None
         ) -> Finding | None:
    """Store a finding on its report; a report the engine could not check (a date the
    calendars do not cover) keeps the reason instead."""
    if isinstance(result, PantauError):
        report.check_error = str(result)[:500]
        report.checked_at = now or timezone.now()
        report.save()
        return None
    store(report, result, now)
    return result


def check(report: Report, now: datetime | None = None) -> Finding | None:
    """Identify (when nobody has), check, and store the finding on the report, through the
    batch code path (pantau.batch.check_activities) the re-evaluation uses too. A report
    whose fields do not make an activity (its end before its start, say) keeps the reason."""
    try:
        activity, record = prepare(report)
    except InputError as error:
        return keep(report, error, now)
    [(_, result)] = check_activities(checker(), [(report, activity, record)])
    return keep(report, result, now)


def store(report: Report, finding: Finding, now: datetime | None = None) -> None:
    """Keep a finding on its report with what the queue sorts and filters by."""
    suggestions = finding.suggestions
    score = max((s.score for s in suggestions), default=0.0)
    report.finding = finding.to_json()
    report.verdict = finding.verdict.value
    report.conducts = ",".join(sorted({v.conduct for v in finding.violations}))
    report.severity = Urgency(finding.verdict, score).severity
    report.classifier_score = round(score, 4)
    report.law_versions = ",".join(f"{k}={v}" for k, v in finding.versions)
    report.check_error = ""
    report.checked_at = now or timezone.now()
    report.save()


def finding_of(report: Report) -> Finding | None:
    """The stored finding of a report, as the domain object."""
    return finding_from_json(report.finding) if report.finding else None


def current_versions(agency: str) -> str:
    """The versions of the law an agency's findings would be made with now."""
    return ",".join(f"{k}={v}" for k, v in checker().versions(agency))


__all__ = ["activity_of", "check", "checker", "current_versions", "finding_of", "identify",
           "keep", "prepare", "store"]
