"""Times on pages are shown in the reader's agency zone (WIB, WITA or WIT), not the server's."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from pantau.web.pages import scope_of
from pantau.web.registry.models import Agency


class AgencyZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        agency_id = scope_of(request).agency_id
        zone = None
        if agency_id:
            zone = Agency.objects.filter(pk=agency_id).values_list("zone", flat=True).first()
        try:
            timezone.activate(ZoneInfo(zone)) if zone else timezone.deactivate()
        except ZoneInfoNotFoundError:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
