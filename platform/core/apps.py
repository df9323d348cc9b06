from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel: translated fields, i18n, the job outbox, caches, rate limits, YAML, ImmutableModel.

    It keeps the app label ``ecms`` it had before it was separated from the project, so the tables,
    migrations and permissions of existing installations stay where they are (docs/decisions.md).
    """

    name = "core"
    label = "ecms"
    verbose_name = _("ECMS platform")

    def ready(self):
        from core.spreadsheets import (
            neutralise_admin_spreadsheets,  # patches import-export once apps are ready
        )

        neutralise_admin_spreadsheets()
