"""The case: reference, type, state, answers, place, assignee, dates; and its reference counter."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.case_types import CaseType


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
    escalation_level = models.PositiveSmallIntegerField(
        _("escalation level reached"), default=0, help_text=_("In the current state; 0: not escalated.")
    )
    escalation_next_at = models.DateTimeField(_("next escalation"), null=True, blank=True, db_index=True)
    # The reporter's own answer after closure (given through tracking, never typed by staff): a code of the
    # case type's satisfaction list, kept on the row so that analytics can count it without the timeline.
    satisfaction = models.CharField(_("reporter's satisfaction"), max_length=64, blank=True, editable=False)
    satisfaction_at = models.DateTimeField(_("satisfaction given"), null=True, blank=True, editable=False)
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
