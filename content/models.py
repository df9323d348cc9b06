from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from content.blocks import BodyBlock
from core.fields import TranslatedTextField

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, e.g. #0b5d3b."))
RICH = ["bold", "italic", "link", "ol", "ul"]


class HomePage(Page):
    """The portal's home page, one per language (Wagtail translations): services and key messages."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("key messages"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    template = "content/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = ServicePage.objects.live().child_of(self).specific()
        context["tracking_page"] = TrackingPage.objects.live().child_of(self).first()
        context["other_pages"] = (
            self.get_children()
            .live()
            .in_menu()
            .exclude(content_type__model__in=["servicepage", "trackingpage"])
            .specific()
        )
        return context


class InformationPage(Page):
    """Rights, OSH basics, how to complain... rich text, headings, callouts, FAQs, documents."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    template = "content/information_page.html"

    class Meta:
        verbose_name = _("information page")


class ContactPage(InformationPage):
    template = "content/information_page.html"

    class Meta:
        verbose_name = _("contact and help page")


class ServicePage(Page):
    """Runs a case type's published intake form as a step-by-step wizard, ending with the reference and
    tracking code shown once."""

    case_type = models.ForeignKey(
        "cases.CaseType",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("case type"),
        limit_choices_to={"public_intake": True},
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=RICH)
    confidentiality = RichTextField(
        _("what stays confidential"),
        blank=True,
        features=RICH,
        help_text=_("Shown before the form and on the last step."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("case_type"),
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("confidentiality"),
    ]
    template = "content/service_page.html"

    class Meta:
        verbose_name = _("service page")

    def serve(self, request, *args, **kwargs):
        from content.views import ServiceWizard, confirmation_response  # views import these models: a cycle

        if request.method == "GET" and request.GET.get("done"):
            return confirmation_response(request, self)
        if (
            request.method == "GET"
            and not request.GET.get("start")
            and not request.session.get(f"wizard_started_{self.pk}")
        ):
            return super().serve(request, *args, **kwargs)
        first_visit = request.method == "GET" and not request.session.keys()
        request.session[f"wizard_started_{self.pk}"] = True
        response = ServiceWizard.as_view(page=self)(request)
        if first_visit:
            # The first step shown to a new visitor holds no answers yet: nothing worth a session row
            # (the step's POST carries the wizard's state and starts the session).
            if hasattr(response, "render"):
                response.render()
            request.session.clear()
            request.session.modified = False
        return response

    def start_url(self) -> str:
        return f"{self.url}?start=1"


class TrackingPage(Page):
    """Reference + tracking code -> the case's state and public timeline, in the reader's language."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "content/tracking_page.html"

    class Meta:
        verbose_name = _("case tracking page")

    def serve(self, request, *args, **kwargs):
        from content.views import tracking_response  # views import these models: a cycle

        return tracking_response(request, self)


class LegalLibraryPage(Page):
    """Browse and search the legal library (instruments and their provisions)."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "content/legal_library_page.html"

    class Meta:
        verbose_name = _("legal library page")

    def get_context(self, request, *args, **kwargs):
        from content.views import legal_library_context  # views import these models: a cycle

        return {**super().get_context(request, *args, **kwargs), **legal_library_context(request)}


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
