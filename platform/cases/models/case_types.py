"""Case types: what a case is (intake form, workflow, who opens it, staff roles, enforcement ladder)."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin

from cases.models.workflows import Workflow
from core.fields import TranslatedTextField
from core.i18n import localize
from forms_builder.blocks import key_validator

prefix_validator = RegexValidator(r"^[A-Z]{2,5}$", _("Use 2 to 5 capital letters, e.g. ABC."))


class CaseType(RevisionMixin, models.Model):
    """A kind of case: its reference prefix, intake form, workflow, who may open and see it."""

    key = models.CharField(_("key"), max_length=64, unique=True, validators=[key_validator])
    name = TranslatedTextField(_("name"), max_length=200)
    description = TranslatedTextField(_("description"), multiline=True, blank=True)
    prefix = models.CharField(_("reference prefix"), max_length=5, unique=True, validators=[prefix_validator])
    intake_form = models.ForeignKey(
        "forms_builder.FormDefinition",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("intake form"),
    )
    workflow = models.ForeignKey(
        Workflow, on_delete=models.PROTECT, related_name="case_types", verbose_name=_("workflow")
    )
    public_intake = models.BooleanField(_("the public may open cases"), default=False)
    allow_anonymous = models.BooleanField(_("anonymous cases allowed"), default=False)
    staff_roles = models.CharField(
        _("roles that work these cases"), max_length=500, help_text=_("Role keys, separated by commas.")
    )
    intake_roles = models.CharField(
        _("roles that may open these cases"),
        max_length=500,
        blank=True,
        help_text=_(
            "Role keys, separated by commas: staff holding one of them may open a case of this type "
            "(New case, the API). Empty: staff cannot open them."
        ),
    )
    intake_channels = models.CharField(
        _("channels staff record them through"),
        max_length=200,
        blank=True,
        help_text=_("Separated by commas, among: staff, phone, walk_in, paper, email."),
    )
    restricted_role = models.CharField(
        _("roles for restricted cases"),
        max_length=300,
        blank=True,
        help_text=_(
            "Role keys, separated by commas: cases marked restricted are seen only by holders of one of "
            "these roles (e.g. the officers and the supervisors of sensitive cases)."
        ),
    )
    governorate_field = models.CharField(
        _("governorate field"),
        max_length=64,
        blank=True,
        help_text=_("Key of the intake field that gives the governorate."),
    )
    establishment_field = models.CharField(
        _("establishment field"),
        max_length=64,
        blank=True,
        help_text=_("Key of the intake field that gives the establishment."),
    )
    contact_fields = models.CharField(
        _("reporter contact fields"),
        max_length=300,
        blank=True,
        help_text=_("Keys of the intake fields with the reporter's phone or e-mail, for notifications."),
    )
    parent_types = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="child_types",
        verbose_name=_("may be opened from cases of"),
    )
    parent_reference_field = models.CharField(
        _("field holding the parent's reference"),
        max_length=64,
        blank=True,
        help_text=_(
            "Key of the intake form's field that holds the earlier case's reference; the portal fills it "
            "with the reference it has checked with the tracking code."
        ),
    )
    parent_window_days = models.PositiveIntegerField(
        _("days allowed after the parent closes"),
        null=True,
        blank=True,
        help_text=_("For a case opened from a closed case: how long after its closure it may be opened."),
    )
    satisfaction_list = models.CharField(
        _("satisfaction question (option list)"),
        max_length=64,
        blank=True,
        help_text=_(
            "Key of the option list the reporter answers through tracking once the case is closed; empty: "
            "the reporter is not asked."
        ),
    )
    escalation_role = models.CharField(
        _("role told of overdue cases"),
        max_length=64,
        blank=True,
        help_text=_("Holders of this role (in the case's governorate) are notified when a case is overdue."),
    )
    calendar = models.ForeignKey(
        "cases.WorkCalendar",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("working calendar"),
        help_text=_("Time allowed counts only its working days; empty: every hour counts."),
    )
    enforcement_ladder = models.JSONField(
        _("enforcement ladder"),
        default=dict,
        blank=True,
        help_text=_(
            'Which enforcement actions may follow which, e.g. {"start": ["advice", "warning"], '
            '"warning": ["improvement_notice", "fine"]}.'
        ),
    )
    enforcement_outcome_roles = models.JSONField(
        _("who records enforcement outcomes"),
        default=dict,
        blank=True,
        help_text=_(
            'Per outcome, the roles that may record it, e.g. {"paid": ["supervisor", "data_clerk"]}. '
            "An outcome not named here is recorded by those who may issue enforcement actions."
        ),
    )
    notice_texts = models.JSONField(
        _("notice wording"),
        default=dict,
        blank=True,
        help_text=_(
            "Per kind of enforcement action, the printed notice's wording in each language: title, body, "
            "payment (instructions), objection (the right to object), objection_days, e.g. "
            '{"fine": {"title": {"ar": "...", "en": "..."}, "body": {...}, "objection_days": 30}}.'
        ),
    )
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="casetype")

    class Meta:
        ordering = ["key"]
        verbose_name = _("case type")
        verbose_name_plural = _("case types")

    def __str__(self) -> str:
        return localize(self.name) or self.key

    @property
    def staff_role_keys(self) -> list[str]:
        return [k.strip() for k in self.staff_roles.split(",") if k.strip()]

    @property
    def restricted_role_keys(self) -> list[str]:
        return [k.strip() for k in self.restricted_role.split(",") if k.strip()]

    @property
    def contact_field_keys(self) -> list[str]:
        return [k.strip() for k in self.contact_fields.split(",") if k.strip()]

    @property
    def intake_role_keys(self) -> list[str]:
        return [k.strip() for k in self.intake_roles.split(",") if k.strip()]

    @property
    def intake_channel_keys(self) -> list[str]:
        return [k.strip() for k in self.intake_channels.split(",") if k.strip()]
