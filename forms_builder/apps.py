from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.configs import register_loader


class FormsBuilderConfig(AppConfig):
    name = "forms_builder"
    verbose_name = _("Forms")

    def ready(self) -> None:
        from forms_builder import services  # imports the models: not before the app registry is ready

        register_loader(
            "option_lists",
            "option_lists/*.yaml",
            services.option_list_load_document,
            order=20,
            export=services.option_lists_export,
        )
        register_loader(
            "forms", "forms/*.yaml", services.form_load_document, order=30, export=services.forms_export
        )
