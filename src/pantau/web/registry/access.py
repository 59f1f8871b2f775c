"""The access log: every reading of an employee's record by a signed-in user (UU PDP Pasal 31
asks controllers to record processing; Pasal 32 gives the person access to that trail)."""

from __future__ import annotations

from datetime import UTC, datetime

from django.http import HttpRequest

from pantau.web.registry.models import AccessEntry, Employee


def record_access(request: HttpRequest, employee_id: int, via: str) -> None:
    """Note that the signed-in user read this employee's record through `via`."""
    agency = Employee.objects.filter(pk=employee_id).values_list("agency_id", flat=True).first()
    AccessEntry.objects.create(
        at=datetime.now(UTC),
        actor=request.user.get_username(),
        agency_id=agency or "",
        employee_id=employee_id,
        via=via,
    )
