from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.configs import register_loader


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registries")

    def ready(self) -> None:
        from registry import services  # imports the models: only once the app registry is ready

        register_loader(
            "legal",
            "legal/*.yaml",
            services.legal_instrument_load_document,
            order=15,
            export=services.legal_export,
        )
