"""The complaint form (public) and the report form (monitors, unit heads): each refusal is a
field error saying what to fix; what the person typed is kept when the form comes back."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantau.domain.activities import ActivityKind, Location, require_convertible
from pantau.domain.errors import InvalidDatetime
from pantau.domain.intake import Source
from pantau.domain.organisation import Platform
from pantau.web.intake.challenge import Challenge, new_challenge, solved
from pantau.web.intake.evidence import EvidenceRefused, check_upload
from pantau.web.intake.services import Filing
from pantau.web.labels import choices
from pantau.web.registry.models import Agency

MAX_FILES = 5
MAX_LINKS = 10
TRI = [("", _("not known")), ("yes", _("yes")), ("no", _("no"))]
SIGNALS = ("official_duty", "leader_permission", "uniform_visible", "asn_identity_shown",
           "commercial", "confidential_material", "content_creator", "conflict_of_interest")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked on its content."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "accept": "image/*,video/*,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Upload at most %(n)d files.") % {"n": MAX_FILES})
        for upload in files:
            _check(upload)
        return list(files)


def _check(upload: Any) -> None:
    try:
        check_upload(upload)
    except EvidenceRefused as refused:
        name = str(getattr(upload, "name", ""))[:80]
        limit = settings.UPLOAD_LIMIT_BYTES // (1024 * 1024)
        texts = {
            "empty": _("“%(name)s” is empty."),
            "too_large": _("“%(name)s” is larger than %(limit)d MB: send a shorter clip or a "
                           "link to the post."),
            "type": _("“%(name)s” is not an image, a video or a PDF (pantau looks at the "
                      "content, not the name). Send a photo, a screenshot, a video or a PDF."),
        }
        raise forms.ValidationError(texts[refused.code] % {"name": name, "limit": limit}
                                    ) from None


class FilingForm(forms.Form):
    """What every filing holds."""

    agency = forms.ChoiceField(label=_("Regional government"), choices=[])
    links = forms.CharField(
        label=_("Link(s) to the post or live"), required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://www.tiktok.com/@…"}),
        help_text=_("One link a line."),
    )
    evidence = MultipleFileField(label=_("Evidence (video, photo, screenshot, PDF)"),
                                 required=False)
    happened_at = forms.DateTimeField(
        label=_("When it happened"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    kind = forms.ChoiceField(label=_("What it was"), choices=choices(ActivityKind),
                             initial=ActivityKind.LIVE.value)
    platform = forms.ChoiceField(label=_("Platform"), required=False,
                                 choices=[("", "—"), *choices(Platform)])
    account = forms.CharField(label=_("Account (handle)"), required=False, max_length=200)
    who = forms.CharField(label=_("Who it was, if known (name, NIP)"), required=False,
                          max_length=300)
    unit_hint = forms.CharField(label=_("Office or unit, if known"), required=False,
                                max_length=300)
    description = forms.CharField(label=_("What happened"), max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    text = forms.CharField(label=_("Words in the post (caption, comment), if any"),
                           required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, agencies: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(a.pk, a.name) for a in agencies]

    def clean_links(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        if len(lines) > MAX_LINKS:
            raise forms.ValidationError(_("Give at most %(n)d links.") % {"n": MAX_LINKS})
        for line in lines:
            if not line.lower().startswith(("http://", "https://")) or " " in line:
                raise forms.ValidationError(
                    _("“%(link)s” is not a web address: copy it from the browser or the "
                      "app's Share → Copy link.") % {"link": line[:80]})
        return lines

    def clean_happened_at(self) -> datetime:
        value: datetime = self.cleaned_data["happened_at"]
        if value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("This is in the future: check the date and time."))
        try:  # a year such as 0001 would overflow when stored in UTC (a server error)
            require_convertible(value, "happened_at")
        except InvalidDatetime:
            raise forms.ValidationError(
                _("This date is too near year 1 to be kept: check the date and time.")
            ) from None
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("links") and not data.get("evidence") and data.get("kind") != "offline":
            raise forms.ValidationError(
                _("Give a link to the post or upload the evidence (or both)."))
        return data

    def filing(self, source: Source, **extra: Any) -> Filing:
        data = self.cleaned_data
        return Filing(
            agency_id=data["agency"], source=source, happened_at=data["happened_at"],
            kind=data["kind"], links=data["links"], platform=data.get("platform") or "",
            account=data.get("account") or "", who=data.get("who") or "",
            unit_hint=data.get("unit_hint") or "", description=data["description"],
            text=data.get("text") or "", **extra,
        )


class ComplaintForm(FilingForm):
    """A complaint from the public: a contact only with consent, a challenge, a honeypot."""

    contact_name = forms.CharField(label=_("Your name (optional)"), required=False,
                                   max_length=200)
    contact = forms.CharField(label=_("Phone or email (optional)"), required=False,
                              max_length=200)
    consent = forms.BooleanField(
        label=_("I agree that pantau keeps my contact to ask about this complaint and tell me "
                "its outcome (UU PDP 27/2022); it is deleted when the complaint is closed."),
        required=False,
    )
    answer = forms.CharField(label="", max_length=4)
    token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(required=False, label="", widget=forms.TextInput(attrs={
        "tabindex": "-1", "autocomplete": "off", "class": "hp"}))

    def __init__(self, agencies: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(agencies, *args, **kwargs)
        if not self.is_bound:
            self._ask(new_challenge())

    def _ask(self, challenge: Challenge) -> None:
        self.fields["answer"].label = _("Check: how much is %(a)d + %(b)d?") % {
            "a": challenge.first, "b": challenge.second}
        self.initial["token"] = challenge.token

    def fresh_challenge(self) -> None:
        """After a refusal: the same form, what was typed kept, with a new question."""
        challenge = new_challenge()
        self._ask(challenge)
        data = QueryDict(mutable=True)
        data.update(self.data)
        data["token"], data["answer"] = challenge.token, ""
        self.data = data

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("The form could not be sent; try again."))
        if not solved(data.get("token", ""), data.get("answer", "")):
            self.add_error("answer", _("The answer to the check is not right; try again."))
        if (data.get("contact") or data.get("contact_name")) and not data.get("consent"):
            self.add_error("consent", _("Tick the consent to leave a contact, or leave the "
                                        "contact empty."))
        return data

    def filing(self, source: Source = Source.PUBLIC, **extra: Any) -> Filing:
        data = self.cleaned_data
        return super().filing(source, contact_name=data.get("contact_name") or "",
                              contact=data.get("contact") or "",
                              consent=bool(data.get("consent")))


class ReportForm(FilingForm):
    """A report of a monitor or a unit head, with what they observed (SPEC §4 signals)."""

    location = forms.ChoiceField(label=_("Where"), required=False,
                                 choices=[("", _("not known")), *choices(Location)])
    account_type = forms.ChoiceField(label=_("Account"), required=False, choices=[
        ("", _("not known")), ("personal", _("personal")), ("official", _("official"))])

    def __init__(self, agencies: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(agencies, *args, **kwargs)
        for name in SIGNALS:
            self.fields[f"signal_{name}"] = forms.ChoiceField(
                label=signal_label(name), required=False, choices=TRI)

    def signals(self) -> dict[str, Any]:
        data = self.cleaned_data
        found: dict[str, Any] = {}
        for name in SIGNALS:
            value = data.get(f"signal_{name}")
            if value in ("yes", "no"):
                found[name] = value == "yes"
        if data.get("location"):
            found["location"] = data["location"]
        if data.get("account_type"):
            found["account_type"] = data["account_type"]
        return found

    def filing(self, source: Source = Source.MONITOR, **extra: Any) -> Filing:
        return super().filing(source, signals=self.signals())


def signal_label(name: str) -> Any:
    return {
        "official_duty": _("For official duty"),
        "leader_permission": _("With the unit head's permission"),
        "uniform_visible": _("Uniform or service attributes visible"),
        "asn_identity_shown": _("ASN identity shown"),
        "commercial": _("Commercial (selling, endorsement)"),
        "confidential_material": _("Confidential documents or data shown"),
        "content_creator": _("Content-creator or influencer work"),
        "conflict_of_interest": _("May conflict with the employee's post"),
        "allowed_content": _("Content the circular expressly allows"),
        "on_leave": _("On approved leave"),
    }[name]


def agencies_for_public() -> Any:
    return Agency.objects.order_by("name")


__all__ = ["SIGNALS", "ComplaintForm", "FilingForm", "ReportForm", "agencies_for_public",
           "signal_label"]
