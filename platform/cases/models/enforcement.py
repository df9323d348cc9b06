"""Violations found on a visit and the enforcement actions taken on them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.cases import Case
from core.fields import TranslatedTextField


class Violation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CORRECTED = "corrected", _("Corrected")
        NOT_CORRECTED = "not_corrected", _("Not corrected")
        ESCALATED = "escalated", _("Not corrected, escalated")
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
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_in = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verified_violations",
        verbose_name=_("verified at the visit"),
    )
    verification_note = models.TextField(_("evidence of correction"), blank=True)
    evidence = models.ManyToManyField(
        "cases.Attachment", blank=True, related_name="+", verbose_name=_("photos and files")
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        ordering = ["case", "created_at"]
        verbose_name = _("violation")
        verbose_name_plural = _("violations")

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.provision or self.item_key}"

    @property
    def is_outstanding(self) -> bool:
        """Not yet corrected nor withdrawn: what a later visit verifies."""
        return self.status in OUTSTANDING

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        """The statuses this violation may move to (value, label), in the order of the choices."""
        allowed = NEXT_STATUSES.get(self.status, ())
        return [(value, label) for value, label in self.Status.choices if value in allowed]

    @property
    def is_overdue(self) -> bool:
        """Outstanding past its corrective deadline."""
        return bool(self.is_outstanding and self.deadline and self.deadline < timezone.localdate())


_S = Violation.Status
OUTSTANDING = (_S.OPEN, _S.NOT_CORRECTED, _S.ESCALATED)
# A violation's life: corrected (verified) or not corrected → escalated, or withdrawn (with a reason); a
# correction found wrong reopens it; a withdrawal is final.
NEXT_STATUSES = {
    _S.OPEN: (_S.CORRECTED, _S.NOT_CORRECTED, _S.WITHDRAWN),
    _S.NOT_CORRECTED: (_S.CORRECTED, _S.ESCALATED, _S.WITHDRAWN),
    _S.ESCALATED: (_S.CORRECTED, _S.WITHDRAWN),
    _S.CORRECTED: (_S.OPEN,),
    _S.WITHDRAWN: (),
}


class EnforcementAction(models.Model):
    class Kind(models.TextChoices):
        ADVICE = "advice", _("Advice")
        WARNING = "warning", _("Warning")
        IMPROVEMENT_NOTICE = "improvement_notice", _("Improvement notice")
        FINE = "fine", _("Fine")
        SUSPENSION = "suspension", _("Suspension of activity")
        CLOSURE_ORDER = "closure_order", _("Closure order")
        COURT_REFERRAL = "court_referral", _("Referral to court")
        STOP_ORDER = "stop_order", _("Stop order (imminent danger)")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed to the supervisor")
        REJECTED = "rejected", _("Proposal rejected")
        ISSUED = "issued", _("Issued")
        COMPLIED = "complied", _("Complied with")
        PARTLY_COMPLIED = "partly_complied", _("Partly complied with")
        NOT_COMPLIED = "not_complied", _("Not complied with")
        PAID = "paid", _("Paid")
        CONTESTED = "contested", _("Contested")
        UPHELD = "upheld", _("Upheld after objection")
        QUASHED = "quashed", _("Quashed after objection")
        CANCELLED = "cancelled", _("Cancelled")
        REFERRED = "referred", _("Referred to court")
        COURT_DECIDED = "court_decided", _("Decided by the court")
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
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why this action: required for a proposal and for an action allowed at any rung."),
    )
    penalty_provision = models.ForeignKey(
        "registry.LegalProvision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("legal basis of the penalty"),
    )
    notice_number = models.CharField(_("notice number"), max_length=32, blank=True, db_index=True)
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_by",
        verbose_name=_("follows"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        ordering = ["case", "issued_at"]
        verbose_name = _("enforcement action")
        verbose_name_plural = _("enforcement actions")
        constraints = [
            models.UniqueConstraint(
                fields=["notice_number"],
                condition=~models.Q(notice_number=""),
                name="cases_enforcement_notice_number_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_kind_display()}"


class EnforcementOutcome(models.Model):
    """One step of an enforcement action's history: its status then, who recorded it, and the particulars
    (a payment's amount, date and receipt; a cancellation's reason; a court's outcome)."""

    action = models.ForeignKey(EnforcementAction, on_delete=models.PROTECT, related_name="outcomes")
    status = models.CharField(_("status"), max_length=16, choices=EnforcementAction.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("recorded"), default=timezone.now)
    amount_iqd = models.DecimalField(
        _("amount paid (IQD)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    paid_on = models.DateField(_("payment date"), null=True, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=64, blank=True)
    note = models.TextField(_("reason or note"), blank=True)

    class Meta:
        ordering = ["action", "at", "pk"]
        verbose_name = _("enforcement outcome")
        verbose_name_plural = _("enforcement outcomes")

    def __str__(self) -> str:
        return f"{self.action}: {self.get_status_display()}"


class NoticeSequence(models.Model):
    """The last notice number used per kind of enforcement action and year (locked while one is issued)."""

    kind = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="cases_notice_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.kind}/{self.year}: {self.last_number}"
