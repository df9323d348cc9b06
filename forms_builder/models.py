from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, PreviewableMixin, RevisionMixin

from core.fields import TranslatedTextField
from core.i18n import localize
from core.models import ImmutableModel
from forms_builder.blocks import key_validator
from forms_builder.fieldtypes import build_fields_block
from forms_builder.spec import FormSpec


class OptionList(RevisionMixin, ClusterableModel):
    """A bilingual list of options with stable codes, flat or two-level (category → sub-category)."""

    key = models.CharField(_("key"), max_length=64, unique=True, validators=[key_validator])
    name = TranslatedTextField(_("name"), max_length=200)
    description = TranslatedTextField(_("description"), multiline=True, blank=True)
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="optionlist")

    class Meta:
        ordering = ["key"]
        verbose_name = _("option list")
        verbose_name_plural = _("option lists")

    def __str__(self) -> str:
        return localize(self.name) or self.key


class Option(Orderable):
    """One option. Retired options are not offered any more but stay valid for data made before."""

    option_list = ParentalKey(OptionList, on_delete=models.CASCADE, related_name="options")
    code = models.CharField(_("code"), max_length=64, help_text=_("Stable code stored in submissions."))
    label = TranslatedTextField(_("label"), max_length=300)
    parent_code = models.CharField(
        _("category code"),
        max_length=64,
        blank=True,
        help_text=_("For a sub-category: the code of its category in this list."),
    )
    retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("No longer offered; kept so that older records still read well."),
    )

    panels = [FieldPanel("code"), FieldPanel("label"), FieldPanel("parent_code"), FieldPanel("retired")]

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return f"{self.code}: {localize(self.label)}"


class FormDefinition(PreviewableMixin, LockableMixin, DraftStateMixin, RevisionMixin, models.Model):
    """A form built in the admin. Publishing compiles it into an immutable FormVersion."""

    class Kind(models.TextChoices):
        INSPECTION_CHECKLIST = "inspection_checklist", _("Inspection checklist")
        INCIDENT_REPORT = "incident_report", _("Incident report")
        GRIEVANCE = "grievance", _("Grievance")
        GENERIC = "generic", _("Generic")

    key = models.CharField(
        _("key"),
        max_length=64,
        unique=True,
        validators=[key_validator],
        help_text=_("Stable machine name, e.g. grievance_intake. Never change it once published."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.GENERIC)
    title = TranslatedTextField(_("title"), max_length=200)
    description = TranslatedTextField(_("description"), multiline=True, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Offered to the public on the portal and through the public API."),
    )
    fields = StreamField(build_fields_block(), blank=True, verbose_name=_("fields"))
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="formdefinition")

    class Meta:
        ordering = ["key"]
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    def __str__(self) -> str:
        return localize(self.title) or self.key

    @property
    def preview_modes(self):
        return [("", _("The form")), ("changes", _("What changes"))]

    def get_preview_template(self, request, mode_name):
        if mode_name == "changes":
            return "forms_builder/preview_changes.html"
        return "forms_builder/preview.html"

    def get_preview_context(self, request, mode_name):
        # rendering and changes → compiler → models: a cycle, hence the imports here
        from forms_builder.changes import changes_context
        from forms_builder.rendering import preview_context

        context = super().get_preview_context(request, mode_name)
        if mode_name == "changes":
            return {**context, **changes_context(self)}
        return {**context, **preview_context(self, request)}

    def publish(self, revision, user=None, **kwargs):
        """Publish and compile the published content into a FormVersion, in one transaction."""
        from forms_builder.services import form_version_record  # services import the models: a cycle

        with transaction.atomic():
            result = super().publish(revision, user=user, **kwargs)
            published = type(self).objects.get(pk=self.pk)
            if published.live and published.live_revision_id == revision.pk:
                form_version_record(definition=published, revision=revision, user=user)
        return result

    def unpublish(self, *args, **kwargs):
        from forms_builder.services import form_version_forget  # services import the models: a cycle

        result = super().unpublish(*args, **kwargs)
        form_version_forget(self.key)
        transaction.on_commit(lambda: form_version_forget(self.key))
        return result


class FormVersion(ImmutableModel):
    """An immutable compiled form: JSON Schema of the data plus the UI description, with a checksum.

    Every submission points at the version it was made against, so old cases keep rendering after changes.
    """

    definition = models.ForeignKey(
        FormDefinition, on_delete=models.PROTECT, related_name="versions", verbose_name=_("form")
    )
    key = models.CharField(_("key"), max_length=64, db_index=True)
    number = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=32, choices=FormDefinition.Kind.choices)
    title = models.JSONField(_("title"))
    schema = models.JSONField(_("JSON Schema"))
    ui = models.JSONField(_("UI description"))
    checksum = models.CharField(_("checksum"), max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("published"), auto_now_add=True)

    change_refused_message = _("A published form version cannot be changed; publish a new version.")
    delete_refused_message = _("A published form version cannot be deleted.")

    class Meta:
        ordering = ["key", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["definition", "number"], name="forms_version_unique_number")
        ]
        verbose_name = _("form version")
        verbose_name_plural = _("form versions")

    def __str__(self) -> str:
        return f"{self.key} v{self.number}"

    @property
    def spec(self) -> FormSpec:
        """The typed view of this version: how everything outside ``forms_builder`` reads it."""
        return FormSpec.of(self)
