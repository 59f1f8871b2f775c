"""Background work on the task worker (django-tasks, database backend): telling a superior,
drawing a poster frame for video evidence, and checking open reports again after the law
changed. `pantau demo` starts a worker; `pantau worker` runs one beside `pantau serve`."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from pantau.domain.intake import OPEN
from pantau.web.access.models import Membership
from pantau.web.intake.models import Evidence, Report
from pantau.web.intake.services import event
from pantau.web.intake.storage import evidence_storage


def superior_logins(report: Report) -> list[User]:
    """Who is told of a confirmed finding: the logins of the employee's direct superior (by
    their employee record), and the unit heads of the employee's unit and of the superior's
    unit (the login of a head may not be linked to their record), valid today."""
    employee = report.employee
    if employee is None:
        return []
    today = timezone.localdate()
    units = {employee.unit_id}
    condition = Q()
    superior = employee.superior
    if superior is not None:
        condition |= Q(employee_id=superior.pk)
        units.add(superior.unit_id)
    condition |= Q(role="unit_head", unit_id__in=units)
    rows = Membership.objects.valid_on(today).filter(condition, agency_id=report.agency_id)
    return list(User.objects.filter(pk__in=rows.values("user_id"), is_active=True))


@task()
def notify_superior(report_id: int) -> int:
    """Email the superior that a finding about their unit was confirmed; how many were sent."""
    report = Report.objects.select_related("employee").get(pk=report_id)
    users = superior_logins(report)
    sent = 0
    for user in users:
        if not user.email:
            continue
        subject = _("pantau: a confirmed finding about %(name)s") % {
            "name": report.employee.name if report.employee else ""}
        body = _("A finding about an employee of your unit was confirmed on %(at)s. As their "
                 "direct superior you must act on it (PP 94/2021: a breach is not a "
                 "complaint-based offence). Open report %(id)s in pantau.") % {
            "at": timezone.localtime(report.superior_told_at).strftime("%d/%m/%Y %H:%M")
            if report.superior_told_at else "", "id": report.pk}
        sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    event(report, timezone.now(), "system", "superior_notified",
          to=[user.get_username() for user in users], emails=sent)
    return sent


@task()
def poster_frames(report_id: int) -> int:
    """A poster frame (PNG) for each video of the report, drawn by ffmpeg; how many."""
    made = 0
    for item in Evidence.objects.filter(report_id=report_id, content_type__startswith="video/",
                                        poster=""):
        frame = draw_poster(item)
        if frame is not None:
            item.poster.save(f"posters/{item.sha256}.png", ContentFile(frame), save=True)
            made += 1
    return made


def draw_poster(item: Evidence) -> bytes | None:
    """The first frame after one second (or the first) of a video, as PNG bytes."""
    storage = evidence_storage()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "video"
        with storage.open(str(item.file.name), "rb") as handle:
            source.write_bytes(handle.read())
        target = Path(folder) / "poster.png"
        for offset in ("1", "0"):
            command = ["ffmpeg", "-loglevel", "error", "-y", "-ss", offset, "-i", str(source),
                       "-frames:v", "1", "-vf", "scale=640:-2", str(target)]
            try:
                subprocess.run(command, check=True, timeout=60, capture_output=True)
            except (OSError, subprocess.SubprocessError):
                continue
            if target.is_file() and target.stat().st_size:
                return target.read_bytes()
    return None


@task()
def recheck_stale() -> int:
    """Check again every open report made with other versions of the law than today's; how
    many changed outcome (every re-check, changed or not, is on the report's timeline)."""
    from pantau.web.review import checking, services

    now, count = timezone.now(), 0
    for agency in Report.objects.filter(status__in=list(OPEN)).values_list(
            "agency_id", flat=True).distinct():
        current = checking.current_versions(agency)
        stale = Report.objects.filter(agency_id=agency, status__in=list(OPEN)).exclude(
            law_versions=current)
        count += len(services.recheck(stale.select_related("employee"), now))
    return count


__all__ = ["draw_poster", "notify_superior", "poster_frames", "recheck_stale",
           "superior_logins"]
