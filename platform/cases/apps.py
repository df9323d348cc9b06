from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.configs import register_check, register_loader


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        # Imported once the models are loaded (Django's app loading): both import the models. Importing the
        # actions registers the workflow action catalogue before a workflow's StreamField is first used.
        from cases import actions, configuration  # noqa: F401

        register_loader(
            "calendars",
            "calendars/*.yaml",
            configuration.calendar_load_document,
            order=35,
            export=configuration.calendars_export,
        )
        register_loader(
            "workflows",
            "workflows/*.yaml",
            configuration.workflow_load_document,
            order=40,
            export=configuration.workflows_export,
        )
        register_loader(
            "case_types",
            "case_types/*.yaml",
            configuration.case_type_load_document,
            order=50,
            export=configuration.case_types_export,
            resolve=configuration.case_type_parents_resolve,
        )
        register_check(configuration.case_type_references)

        from cases.selectors.form_uses import open_cases_per_form_version
        from forms_builder.changes import register_usage_counter

        register_usage_counter(open_cases_per_form_version)
