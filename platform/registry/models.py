from django.db import models
from django.utils.translation import gettext_lazy as _

from ecms.fields import TranslatedTextField
from ecms.i18n import localize


class BilingualNameMixin(models.Model):
    """A name in every configured language, shown in the reader's language."""

    name = TranslatedTextField(_("name"), max_length=255)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return localize(self.name) or getattr(self, "code", "")

    def name_ar(self) -> str:
        return localize(self.name, "ar")

    name_ar.short_description = _("name (Arabic)")

    def name_en(self) -> str:
        return localize(self.name, "en")

    name_en.short_description = _("name (English)")


class Governorate(BilingualNameMixin):
    """A governorate (ISO 3166-2:IQ code). Staff scopes and cases refer to these."""

    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("ISO 3166-2 code, e.g. IQ-BG."))
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("governorate")
        verbose_name_plural = _("governorates")


class EconomicActivity(BilingualNameMixin):
    """An economic activity of the ISIC Rev. 4 classification (sections for now)."""

    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("ISIC Rev. 4 code, e.g. C."))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("economic activity")
        verbose_name_plural = _("economic activities")
