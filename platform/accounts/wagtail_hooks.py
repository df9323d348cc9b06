"""Admin additions for accounts: emergency access to sensitive cases and the access log (superusers)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.admin_views import BreakGlassView, LockedAccountsView, may_unlock


@hooks.register("register_admin_urls")
def access_urls():
    return [
        path("access/emergency/", BreakGlassView.as_view(), name="accounts_break_glass"),
        path("access/locked/", LockedAccountsView.as_view(), name="accounts_locked"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def break_glass_menu_item():
    return SuperuserMenuItem(
        _("Access log and emergency access"), reverse("accounts_break_glass"), icon_name="warning", order=910
    )


class UnlockMenuItem(MenuItem):
    def is_shown(self, request):
        return may_unlock(request.user)


@hooks.register("register_settings_menu_item")
def locked_accounts_menu_item():
    return UnlockMenuItem(_("Locked accounts"), reverse("accounts_locked"), icon_name="lock", order=905)
