from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcmsConfig(AppConfig):
    name = "ecms"
    verbose_name = _("ECMS platform")

    def ready(self):
        from ecms.spreadsheets import neutralise_admin_spreadsheets

        neutralise_admin_spreadsheets()
