from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin

from core.fields import TranslatedTextField
from core.i18n import localize
from core.text import search_normalize


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


class LegalInstrument(RevisionMixin, models.Model):
    """A law, regulation or international convention that provisions belong to."""

    class Kind(models.TextChoices):
        NATIONAL_LAW = "national_law", _("National law")
        REGULATION = "regulation", _("Regulation or instruction")
        ILO_CONVENTION = "ilo_convention", _("ILO convention")
        ILO_RECOMMENDATION = "ilo_recommendation", _("ILO recommendation")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = TranslatedTextField(_("title"), max_length=300)
    short_title = TranslatedTextField(_("short title"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    summary = TranslatedTextField(_("summary"), multiline=True, blank=True)
    source_reference = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Official gazette or ILO NORMLEX reference.")
    )
    is_active = models.BooleanField(_("in force"), default=True)
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="legalinstrument")

    panels = [
        FieldPanel("key"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("short_title"),
        FieldPanel("year"),
        FieldPanel("summary"),
        FieldPanel("source_reference"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["kind", "key"]
        verbose_name = _("legal instrument")
        verbose_name_plural = _("legal instruments")

    def __str__(self) -> str:
        return localize(self.short_title) or localize(self.title) or self.key


class LegalProvision(RevisionMixin, models.Model):
    """An article of a legal instrument. Checklist items and violations cite provisions."""

    class Validation(models.TextChoices):
        VALIDATED = "validated", _("Validated by the ministry")
        AWAITING = "awaiting_validation", _("Awaiting validation by the ministry")

    instrument = models.ForeignKey(
        LegalInstrument, on_delete=models.PROTECT, related_name="provisions", verbose_name=_("instrument")
    )
    key = models.SlugField(
        _("key"), max_length=120, unique=True, help_text=_("Stable key, e.g. iq-ll-2015-art-7.")
    )
    article = models.CharField(_("article"), max_length=40, help_text=_("Article reference, e.g. 7 or 7(2)."))
    title = TranslatedTextField(_("title"), max_length=300)
    text = TranslatedTextField(_("text"), multiline=True, blank=True)
    validation_status = models.CharField(
        _("validation"), max_length=32, choices=Validation.choices, default=Validation.AWAITING
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in force"), default=True)
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="legalprovision")
    search_text = models.TextField(blank=True, editable=False)

    panels = [
        FieldPanel("instrument"),
        FieldPanel("key"),
        FieldPanel("article"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("validation_status"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["instrument__key", "sort_order", "key"]
        verbose_name = _("legal provision")
        verbose_name_plural = _("legal provisions")

    def __str__(self) -> str:
        return f"{self.instrument} — {self.article_label}: {localize(self.title)}"

    def save(self, *args, **kwargs):
        # What the legal library's search reads: the article, the key, and the title and text in every
        # language, folded so that Arabic letter variants, diacritics and Latin case do not matter.
        self.search_text = provision_search_text(
            article=self.article, key=self.key, title=self.title, text=self.text
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"article", "key", "title", "text"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def article_confirmed(self) -> bool:
        """Whether the article number is known (the source documents leave some to be confirmed: "—")."""
        return bool(self.article.strip(" —-–?"))

    @property
    def article_label(self) -> str:
        """ "Art. 7(2)", or "article to be confirmed": never "Art. —" on a notice a court may read."""
        if not self.article_confirmed:
            return str(_("article to be confirmed"))
        return f"{_('Art.')} {self.article.strip()}"

    @property
    def citation_short(self) -> str:
        """How a document cites the provision: its instrument and article, in the reader's language."""
        separator = "، " if translation.get_language_bidi() else ", "
        return f"{localize(self.instrument.title)}{separator}{self.article_label}"

    @property
    def citation(self) -> str:
        """The short citation and the provision's title (screens and notices)."""
        return f"{self.citation_short} — {localize(self.title)}"


def provision_search_text(*, article: str, key: str, title, text) -> str:
    """A provision's searchable text: its parts joined by " | ", folded by ``core.text.search_normalize``."""
    parts = [str(article or ""), str(key or ""), *(title or {}).values(), *(text or {}).values()]
    return search_normalize(" | ".join(str(part) for part in parts if part))


class Establishment(models.Model):
    """An employer's workplace: what inspections, incidents and complaints are about."""

    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Commercial or ministry registration number."),
    )
    social_security_number = models.CharField(_("social security number"), max_length=64, blank=True)
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="establishments", verbose_name=_("governorate")
    )
    activity = models.ForeignKey(
        EconomicActivity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="establishments",
        verbose_name=_("economic activity"),
    )
    district = models.CharField(_("district"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    workers_total = models.PositiveIntegerField(_("workers"), null=True, blank=True)
    workers_women = models.PositiveIntegerField(_("women workers"), null=True, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    search_name = models.CharField(max_length=520, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["governorate", "name"], name="registry_est_gov_name_idx")]
        verbose_name = _("establishment")
        verbose_name_plural = _("establishments")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Both names folded for lookups that ignore Arabic letter variants and Latin case.
        self.search_name = search_normalize(f"{self.name} | {self.name_en}")
        if kwargs.get("update_fields") is not None and {"name", "name_en"} & set(kwargs["update_fields"]):
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)
