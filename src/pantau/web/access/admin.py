"""The admin site for BKPSDM administrators, scoped like every page.

`ScopedAdmin` shows and edits only the rows in the signed-in user's scope, and offers in its
choices and filters only records in scope, so an edit can never point into another agency
nor a filter list another agency's names. Agency administrators create the logins of their
own agency (a login and its roles); only the deployment's operator creates agencies.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils import timezone

from pantau.domain.access import Action, Role, allows
from pantau.web.access.backends import normal_username
from pantau.web.access.models import Membership
from pantau.web.pages import scope_of


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """A filter by a related record that lists only the records in scope."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        related = field.remote_field.model
        rows = scope_of(request).filter(related._default_manager.all())
        return [(row.pk, str(row)) for row in rows]


class ScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Shows and edits only the records in the signed-in user's scope."""

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return scope_of(request).filter(super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """Choices of a related record (unit, superior, agency) come from the scope too."""
        related = db_field.remote_field.model
        if getattr(related, "scoped_by", None) is not None:
            kwargs["queryset"] = scope_of(request).filter(related._default_manager.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_list_filter(self, request: HttpRequest) -> Any:
        found = []
        for item in super().get_list_filter(request):
            field = self.model._meta.get_field(item) if isinstance(item, str) else None
            found.append((item, ScopedRelatedFilter) if field is not None and field.is_relation
                         else item)
        return found

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_superuser", False)) or super().has_module_permission(
            request
        )


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    list_display = ("user", "role", "agency", "unit", "employee", "valid_from", "valid_until",
                    "acting")
    list_filter = ("role", "acting")
    search_fields = ("user__username", "employee__name")
    autocomplete_fields = ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = users_in_scope(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def users_in_scope(request: HttpRequest) -> models.QuerySet[User]:
    """Logins an agency administrator manages: those holding a role in their agencies, and
    logins with no role yet that they created (they need a role next)."""
    scope = scope_of(request)
    agencies = [g.agency_id for g in scope.grants if scope.can(Action.MANAGE_USERS, g.agency_id)]
    return User.objects.filter(
        models.Q(memberships__agency_id__in=agencies)
        | models.Q(memberships__isnull=True, pk__in=created_in(agencies)),
        is_superuser=False,
    ).distinct()


def created_in(agencies: list[str]) -> models.QuerySet[Any]:
    """The logins added through this admin (Django's admin log says who added which) by
    someone who manages the logins of one of `agencies` today: a login without a role yet
    belongs to the agencies whose administrator made it, not to every agency's. A login
    made otherwise (the shell, `createsuperuser`) is the operator's to give a role."""
    managers = [role.value for role in Role if allows(role, Action.MANAGE_USERS)]
    colleagues = Membership.objects.valid_on(timezone.localdate()).filter(
        agency_id__in=agencies, role__in=managers).values("user_id")
    return LogEntry.objects.filter(
        action_flag=ADDITION, content_type=ContentType.objects.get_for_model(User),
        user_id__in=colleagues).annotate(
        added=Cast("object_id", models.BigIntegerField())).values("added")


admin.site.unregister(User)


@admin.register(User)
class ScopedUserAdmin(UserAdmin):  # type: ignore[type-arg]
    """Logins of the administrator's agency; no staff, superuser or permission fields for
    them (those are the operator's)."""

    limited_fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("", {"fields": ("first_name", "last_name", "email", "is_active")}),
    )

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[User]:
        if request.user.is_superuser:
            return super().get_queryset(request)
        return users_in_scope(request)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None or request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.limited_fieldsets

    def has_module_permission(self, request: HttpRequest) -> bool:
        return scope_of(request).can(Action.MANAGE_USERS)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.username = normal_username(obj.username)
        super().save_model(request, obj, form, change)
