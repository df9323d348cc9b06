from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecms.fields import TranslatedTextField
from ecms.i18n import localize


class User(AbstractUser):
    """A staff member or administrator. No governorates means national scope."""

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of notifications and of the staff screens."),
    )
    governorates = models.ManyToManyField(
        "registry.Governorate",
        blank=True,
        related_name="users",
        verbose_name=_("governorates"),
        help_text=_("Governorates this user works in. Leave empty for national scope."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.Model):
    """A named role, seeded from configs/roles.yaml; its permissions live on the linked group."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="role", verbose_name=_("group")
    )
    name = TranslatedTextField(_("name"), max_length=255)
    description = TranslatedTextField(_("description"), multiline=True, blank=True)
    restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Grants access to sensitive matters; give it to as few people as possible."),
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return localize(self.name) or self.key
