from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts import services
        from core.configs import register_loader

        register_loader("roles", "roles.yaml", services.roles_load, order=10)
        from accounts import signals  # noqa: F401 - configuration changes go to the access log


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user screens, with our fields (governorates, preferred language) on the forms."""

    user_viewset = "accounts.viewsets.UserViewSet"
