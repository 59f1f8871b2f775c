"""Who may do what: the roles of SPEC §1 and the actions each role allows.

A person signs in with one login and may hold several roles at once, each in one agency (and
one unit, or as one employee), each for a period: an acting official (Plt/Plh) holds the
role of the post they act in for the weeks they act. The web's access app turns these into a
scope over records; this module only says which role may do which action.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """The roles of SPEC §1 that sign in (the public files complaints without an account)."""

    BKPSDM_ADMIN = "bkpsdm_admin"
    UNIT_HEAD = "unit_head"
    AUTHORISED_OFFICIAL = "authorised_official"
    MONITOR = "monitor"
    EMPLOYEE = "employee"
    DATA_PROTECTION_OFFICER = "data_protection_officer"  # Pejabat Pelindungan Data Pribadi


class Action(StrEnum):
    """What a role may do; each page, twin, API route and admin view asks for one."""

    VIEW_STRUCTURE = "view_structure"  # agencies and units
    VIEW_EMPLOYEES = "view_employees"  # employees and what hangs on them
    SEE_FULL_NIP = "see_full_nip"  # NIP unmasked (UU PDP: only who needs it)
    IMPORT = "import"  # import employees, units, accounts
    VIEW_AUDIT = "view_audit"  # the audit trail and the access log
    MANAGE_USERS = "manage_users"  # create logins and roles, unlock locked-out logins
    FILE_REPORT = "file_report"  # file a report (observed signals, offline observations)
    REVIEW = "review"  # the review queue of their scope: identify, establish, decide
    IMPORT_ACTIVITIES = "import_activities"  # bulk import of activities and LAPOR! complaints
    VIEW_CASES = "view_cases"  # disciplinary cases of their scope (an employee: their own)
    MANAGE_CASES = "manage_cases"  # open cases, record steps, make the letters
    VIEW_REPORTS = "view_reports"  # reports of figures for their agency or unit subtree
    EXPORT_SIASN = "export_siasn"  # the national record: SIASN export, clean-record statements
    VIEW_ACCESS_LOG = "view_access_log"  # who read whose personal record (UU PDP Pasal 31)
    VIEW_RETENTION = "view_retention"  # what is due for removal, what was removed


PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.BKPSDM_ADMIN: frozenset(Action),
    Role.UNIT_HEAD: frozenset({Action.VIEW_STRUCTURE, Action.VIEW_EMPLOYEES, Action.SEE_FULL_NIP,
                               Action.FILE_REPORT, Action.REVIEW, Action.VIEW_CASES,
                               Action.MANAGE_CASES, Action.VIEW_REPORTS}),
    Role.AUTHORISED_OFFICIAL: frozenset(
        {Action.VIEW_STRUCTURE, Action.VIEW_EMPLOYEES, Action.SEE_FULL_NIP, Action.VIEW_CASES,
         Action.MANAGE_CASES, Action.VIEW_REPORTS}
    ),
    Role.MONITOR: frozenset({Action.VIEW_STRUCTURE, Action.FILE_REPORT,
                             Action.IMPORT_ACTIVITIES}),
    Role.EMPLOYEE: frozenset({Action.VIEW_STRUCTURE, Action.VIEW_EMPLOYEES}),
    Role.DATA_PROTECTION_OFFICER: frozenset({Action.VIEW_ACCESS_LOG, Action.VIEW_RETENTION}),
}

UNIT_SCOPED = frozenset({Role.UNIT_HEAD, Role.AUTHORISED_OFFICIAL})
"""Roles that see their own unit and the units below it (the PPK, an authorised official
without a unit, sees the whole agency)."""


def allows(role: Role, action: Action) -> bool:
    """Whether a role allows an action."""
    return action in PERMISSIONS.get(role, frozenset())


__all__ = ["PERMISSIONS", "UNIT_SCOPED", "Action", "Role", "allows"]
