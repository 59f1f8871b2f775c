"""The home page: what a reader may see of their agency at a glance."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from pantau.web.access.models import Membership
from pantau.web.labels import reader_language
from pantau.web.pages import detail_answer, scope_of, signed_in
from pantau.web.reports import dashboard


@signed_in
def home(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """The dashboard of the reader's scope; the clock is read here, at the edge."""
    scope = scope_of(request)
    data = dashboard.dashboard(scope, timezone.localtime(), reader_language())
    lang = reader_language()
    chart = dashboard.chart(data.get("units_by_type", []), lang)
    context = {
        "chart": chart,
        "roles": roles_of(request),
        "type_counts": dashboard.type_counts(data.get("employees"), lang),
    }
    return detail_answer(request, fmt, "reports/home.html", data, context)


def roles_of(request: HttpRequest) -> list[Membership]:
    """The reader's roles valid today, for the greeting."""
    if not request.user.is_authenticated:
        return []
    rows = Membership.objects.valid_on(timezone.localdate()).filter(user_id=request.user.pk)
    return list(rows.select_related("agency", "unit").order_by("pk"))
