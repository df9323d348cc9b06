from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcmsConfig(AppConfig):
    """The project: settings, URLs, the demo and the configuration commands. No models."""

    name = "ecms"
    label = "ecms_project"
    verbose_name = _("ECMS project")
