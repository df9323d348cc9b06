"""The generic case engine. Nothing here knows what any particular scheme is: that is configuration."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import StreamField
from wagtail.models import Orderable, RevisionMixin

from cases.blocks import build_actions_block
from cases.storage import private_storage
from core.fields import TranslatedTextField
from core.i18n import localize
from core.models import ImmutableModel
from forms_builder.blocks import key_validator

prefix_validator = RegexValidator(r"^[A-Z]{2,5}$", _("Use 2 to 5 capital letters, e.g. ABC."))


class Workflow(RevisionMixin, ClusterableModel):
    """States and transitions that cases of one or more case types move through."""

    key = models.CharField(_("key"), max_length=64, unique=True, validators=[key_validator])
    name = TranslatedTextField(_("name"), max_length=200)
    description = TranslatedTextField(_("description"), multiline=True, blank=True)
    on_open_actions = StreamField(
        build_actions_block(), blank=True, verbose_name=_("actions when a case opens")
    )
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="workflow")

    class Meta:
        ordering = ["key"]
        verbose_name = _("workflow")
        verbose_name_plural = _("workflows")

    def __str__(self) -> str:
        return localize(self.name) or self.key

    def state(self, key: str) -> "WorkflowState | None":
        return next((s for s in self.states.all() if s.key == key), None)

    def initial_state(self) -> "WorkflowState | None":
        return next((s for s in self.states.all() if s.is_initial), None)


class WorkflowState(Orderable):
    workflow = ParentalKey(Workflow, on_delete=models.CASCADE, related_name="states")
    key = models.CharField(_("key"), max_length=64, validators=[key_validator])
    label = TranslatedTextField(_("label (staff)"), max_length=200)
    public_label = TranslatedTextField(
        _("label (public)"),
        max_length=200,
        help_text=_("What the person who reported sees when tracking the case."),
    )
    is_initial = models.BooleanField(_("initial"), default=False)
    is_terminal = models.BooleanField(_("terminal"), default=False)
    sla_hours = models.PositiveIntegerField(
        _("time allowed (hours)"),
        null=True,
        blank=True,
        help_text=_("The case is due this many hours after entering the state."),
    )
    requires_assignee = models.BooleanField(
        _("someone must be assigned"),
        default=False,
        help_text=_(
            "A case enters this state only with an assignee, and cannot be left without one while in it."
        ),
    )

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["workflow", "key"], name="cases_state_unique_key")]
        verbose_name = _("state")
        verbose_name_plural = _("states")

    def __str__(self) -> str:
        return localize(self.label) or self.key


class WorkflowTransition(Orderable):
    workflow = ParentalKey(Workflow, on_delete=models.CASCADE, related_name="transitions")
    key = models.CharField(_("key"), max_length=64, validators=[key_validator])
    label = TranslatedTextField(_("label"), max_length=200)
    from_states = models.CharField(
        _("from states"),
        max_length=500,
        help_text=_("Keys of the states it starts from, separated by commas."),
    )
    to_state = models.CharField(_("to state"), max_length=64, validators=[key_validator])
    allowed_roles = models.CharField(
        _("roles allowed"), max_length=500, blank=True, help_text=_("Role keys, separated by commas.")
    )
    form = models.ForeignKey(
        "forms_builder.FormDefinition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("form to fill in"),
    )
    comment_required = models.BooleanField(_("comment required"), default=False)
    public = models.BooleanField(_("shown in the public timeline"), default=True)
    actions = StreamField(build_actions_block(), blank=True, verbose_name=_("actions"))

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["workflow", "key"], name="cases_transition_unique_key")
        ]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return localize(self.label) or self.key

    @property
    def from_state_keys(self) -> list[str]:
        return [k.strip() for k in self.from_states.split(",") if k.strip()]

    @property
    def role_keys(self) -> list[str]:
        return [k.strip() for k in self.allowed_roles.split(",") if k.strip()]


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
        _("role for restricted cases"),
        max_length=64,
        blank=True,
        help_text=_("Cases marked restricted are seen only by holders of this role."),
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
    escalation_role = models.CharField(
        _("role told of overdue cases"),
        max_length=64,
        blank=True,
        help_text=_("Holders of this role (in the case's governorate) are notified when a case is overdue."),
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
    def contact_field_keys(self) -> list[str]:
        return [k.strip() for k in self.contact_fields.split(",") if k.strip()]

    @property
    def intake_role_keys(self) -> list[str]:
        return [k.strip() for k in self.intake_roles.split(",") if k.strip()]

    @property
    def intake_channel_keys(self) -> list[str]:
        return [k.strip() for k in self.intake_channels.split(",") if k.strip()]


class CaseSequence(models.Model):
    """The last reference number used per case type and year: locked while a case is opened (gap-free)."""

    case_type = models.ForeignKey(CaseType, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case_type", "year"], name="cases_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.case_type_id}/{self.year}: {self.last_number}"


class Case(models.Model):
    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Public portal")
        API = "api", _("API")
        STAFF = "staff", _("Staff (own initiative)")
        PHONE = "phone", _("Telephone")
        WALK_IN = "walk_in", _("In person at an office")
        PAPER = "paper", _("Paper")
        EMAIL = "email", _("E-mail")
        SYSTEM = "system", _("Opened by the system")

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    case_type = models.ForeignKey(
        CaseType, on_delete=models.PROTECT, related_name="cases", verbose_name=_("case type")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    state = models.CharField(_("state"), max_length=64, db_index=True)
    state_entered_at = models.DateTimeField(_("in this state since"), default=timezone.now)
    data = models.JSONField(_("data"), default=dict, blank=True)
    form_version = models.ForeignKey(
        "forms_builder.FormVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("form version"),
    )
    governorate = models.ForeignKey(
        "registry.Governorate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("governorate"),
    )
    establishment = models.ForeignKey(
        "registry.Establishment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("establishment"),
    )
    employer_name = models.CharField(
        _("employer as reported"),
        max_length=255,
        blank=True,
        help_text=_("The employer's name as typed at intake, kept when no registry entry is linked."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
        verbose_name=_("assigned to"),
    )
    priority = models.CharField(
        _("priority"), max_length=16, choices=Priority.choices, default=Priority.NORMAL
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.PORTAL)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent case"),
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=64, blank=True)
    overdue_notified_at = models.DateTimeField(_("overdue notice sent"), null=True, blank=True)
    restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Seen only by holders of the case type's restricted role."),
    )
    reporter_language = models.CharField(
        _("reporter's language"), max_length=10, default=settings.LANGUAGE_CODE
    )
    tracking_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opened by"),
    )
    last_event_hash = models.CharField(max_length=64, blank=True, editable=False)
    event_count = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["case_type", "year", "number"], name="cases_case_unique_number")
        ]
        indexes = [
            models.Index(fields=["governorate", "state"], name="cases_gov_state_idx"),
            models.Index(fields=["assignee", "closed_at"], name="cases_assignee_open_idx"),
            models.Index(fields=["due_at"], name="cases_due_idx"),
            models.Index(fields=["case_type", "-opened_at"], name="cases_type_opened_idx"),
            # Staff queues: a type and state in the user's governorates, newest first (cursor pages).
            models.Index(
                fields=["case_type", "state", "governorate", "-opened_at", "-id"],
                name="cases_queue_idx",
            ),
        ]
        permissions = [
            ("view_confidential", _("Can see reporters' confidential data")),
            ("bulk_assign", _("Can assign cases in bulk")),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_overdue(self) -> bool:
        return self.due_at is not None and self.closed_at is None and self.due_at < timezone.now()


# What staff record a case through (New case, the staff API); the public's channels are portal and api.
STAFF_INTAKE_CHANNELS = ("staff", "phone", "walk_in", "paper", "email")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("Timeline events cannot be changed."))

    def delete(self):
        raise ValidationError(_("Timeline events cannot be deleted."))


class CaseEvent(ImmutableModel):
    """The append-only, tamper-evident timeline: each hash covers the event and the previous event's hash."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Opened")
        TRANSITION = "transition", _("Moved")
        COMMENT = "comment", _("Comment")
        ASSIGNMENT = "assignment", _("Assigned")
        ATTACHMENT = "attachment", _("Attachment added")
        FORM = "form_submitted", _("Form filled in")
        VIOLATION = "violation", _("Violation recorded")
        ENFORCEMENT = "enforcement", _("Enforcement action")
        CONFIDENTIAL_VIEWED = "confidential_viewed", _("Confidential data viewed")
        CHILD_OPENED = "child_opened", _("Related case opened")
        NOTIFICATION = "notification", _("Notification sent")
        SLA = "sla", _("Deadline passed")
        UPDATED = "updated", _("Updated")
        ESTABLISHMENT = "establishment", _("Establishment linked")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    sequence = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    data = models.JSONField(_("details"), default=dict)
    public = models.BooleanField(_("public"), default=False)
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()
    change_refused_message = _("Timeline events cannot be changed.")
    delete_refused_message = _("Timeline events cannot be deleted.")

    class Meta:
        ordering = ["case", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="cases_event_unique_sequence")
        ]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case_id}#{self.sequence} {self.kind}"


class CaseConfidential(models.Model):
    """The reporter's confidential answers and contact, encrypted, apart from the case data."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="confidential")
    ciphertext = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.case_id} (encrypted)"


def attachment_path(instance, filename) -> str:
    return f"cases/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    field = models.CharField(_("field"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    confidential = models.BooleanField(_("confidential"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Violation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CORRECTED = "corrected", _("Corrected")
        NOT_CORRECTED = "not_corrected", _("Not corrected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="violations")
    provision = models.ForeignKey(
        "registry.LegalProvision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="violations",
        verbose_name=_("legal provision"),
    )
    item_key = models.CharField(_("checklist item"), max_length=64, blank=True)
    description = TranslatedTextField(_("description"), multiline=True, blank=True)
    note = models.TextField(_("finding"), blank=True)
    severity = models.CharField(
        _("severity"), max_length=16, choices=Severity.choices, default=Severity.MEDIUM
    )
    corrective_action = TranslatedTextField(_("corrective action"), multiline=True, blank=True)
    deadline = models.DateField(_("correct by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["case", "created_at"]
        verbose_name = _("violation")
        verbose_name_plural = _("violations")

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.provision or self.item_key}"


class EnforcementAction(models.Model):
    class Kind(models.TextChoices):
        ADVICE = "advice", _("Advice")
        WARNING = "warning", _("Warning")
        IMPROVEMENT_NOTICE = "improvement_notice", _("Improvement notice")
        FINE = "fine", _("Fine")
        SUSPENSION = "suspension", _("Suspension of activity")
        CLOSURE_ORDER = "closure_order", _("Closure order")
        COURT_REFERRAL = "court_referral", _("Referral to court")

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        COMPLIED = "complied", _("Complied with")
        NOT_COMPLIED = "not_complied", _("Not complied with")
        CONTESTED = "contested", _("Contested")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="enforcement_actions")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    violations = models.ManyToManyField(
        Violation, blank=True, related_name="enforcement_actions", verbose_name=_("violations")
    )
    amount_iqd = models.DecimalField(
        _("amount (IQD)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    due_date = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ISSUED)
    notes = models.TextField(_("notes"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        ordering = ["case", "issued_at"]
        verbose_name = _("enforcement action")
        verbose_name_plural = _("enforcement actions")

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_kind_display()}"


class Notification(models.Model):
    """A message to a reporter or staff member, written in the recipient's language and sent by a job."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Being sent (if it stays so, check with the provider)")
        SENT = "sent", _("Sent")
        NO_CONTACT = "no_contact", _("No contact details")
        FAILED = "failed", _("Failed")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notifications")
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    channel = models.CharField(_("channel"), max_length=16, default="email")
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    # Encrypted values filled in only when the message is sent (a tracking code), then erased.
    sealed = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.subject}"
