"""Sign-in, who-am-I, and the lockout list where BKPSDM administrators unlock logins."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.domain.access import Action
from pantau.text.labels import label
from pantau.web.access.backends import normal_username
from pantau.web.labels import reader_language
from pantau.web.pages import detail_answer, require, scope_of, signed_in

LOCKED = "locked"


class LoginView(auth_views.LoginView):
    template_name = "access/login.html"


def lockout_hours() -> float:
    return float(settings.AXES_COOLOFF_TIME or 0)


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
               ) -> HttpResponse:
    """What a locked-out login sees: for how long, and who can unlock it (403)."""
    context = {"hours": lockout_hours(), "limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "access/lockout.html", context, status=429)


def me(request: HttpRequest) -> HttpResponse:
    """Who the reader is, for scripts: roles, agencies, what they may do."""
    scope = scope_of(request)
    lang = reader_language()
    return JsonResponse(
        {
            "user": request.user.get_username() if request.user.is_authenticated else None,
            "role": scope.role,
            "agency": scope.agency_id,
            "roles": [
                {"role": g.role.value, "label": label(g.role, lang), "agency": g.agency_id,
                 "unit": g.unit_id, "employee": g.employee_id, "acting": g.acting}
                for g in scope.grants
            ],
            "may": sorted(action.value for action in Action if scope.can(action)),
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _lockouts(request: HttpRequest) -> list[dict[str, Any]]:
    scope = require(request, Action.MANAGE_USERS)
    rows = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    names = {normal_username(row.username) for row in rows}
    managed = User.objects.filter(username__in=names)
    if not scope.superuser:
        agencies = [g.agency_id for g in scope.grants if scope.can(Action.MANAGE_USERS,
                                                                     g.agency_id)]
        managed = managed.filter(memberships__agency_id__in=agencies).distinct()
    visible = set(managed.values_list("username", flat=True))
    return [
        {"username": normal_username(row.username), "ip_address": row.ip_address,
         "failures": row.failures_since_start, "since": row.attempt_time}
        for row in rows.order_by("-attempt_time") if normal_username(row.username) in visible
    ]


@signed_in
def lockout_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    found = _lockouts(request)
    data = {"hours": lockout_hours(), "results": found}
    return detail_answer(request, fmt, "access/lockout_list.html", data, {})


@signed_in
@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    name = normal_username(request.POST.get("username", ""))
    if name not in {item["username"] for item in _lockouts(request)}:
        messages.error(request, _("That login is not locked out, or not yours to unlock."))
        return redirect("lockout-list")
    reset(username=name)
    messages.success(request, _("Login %(name)s unlocked.") % {"name": name})
    return redirect("lockout-list")
