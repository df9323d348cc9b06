from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig

from core.configs import register_loader


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Both import models, which exist only once the app registry is ready.
        from accounts import services, signals  # noqa: F401 - signals: configuration changes are logged

        register_loader("roles", "roles.yaml", services.roles_load, order=10)


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user screens, with our fields (governorates, preferred language) on the forms."""

    user_viewset = "accounts.viewsets.UserViewSet"
