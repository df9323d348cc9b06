from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from ecms.fields import TranslatedTextField

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, e.g. #0b5d3b."))


class HomePage(Page):
    """The portal's home page, one per language (Wagtail translations)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    template = "content/home_page.html"

    class Meta:
        verbose_name = _("home page")


@register_setting(icon="cog")
class PortalSettings(BaseSiteSetting):
    """The ministry's name, logo and colours, edited in Settings > Portal settings, never in code."""

    ministry_name = TranslatedTextField(_("ministry name"), max_length=200)
    short_name = TranslatedTextField(_("short name"), max_length=60, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#0b5d3b", validators=[colour_validator]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#8a6d1d", validators=[colour_validator]
    )
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    panels = [
        FieldPanel("ministry_name"),
        FieldPanel("short_name"),
        FieldPanel("logo"),
        FieldPanel("primary_colour"),
        FieldPanel("accent_colour"),
        FieldPanel("contact_phone"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("portal settings")
