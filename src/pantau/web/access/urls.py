"""Routes of the access app."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path

from pantau.web.access import views
from pantau.web.routes import twin

urlpatterns: list[URLPattern] = [
    path("me.json", views.me, name="me"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    *twin("access/lockouts", views.lockout_list, "lockout-list"),
    path("access/lockouts/unlock/", views.unlock, name="lockout-unlock"),
]
