from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registries")

    def ready(self) -> None:
        from core.configs import register_loader
        from registry import services

        register_loader(
            "legal",
            "legal/*.yaml",
            services.legal_instrument_load_document,
            order=15,
            export=services.legal_export,
        )
