"""The append-only timeline of a case."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.cases import Case
from core.models import ImmutableModel


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
        ENFORCEMENT_OUTCOME = "enforcement_outcome", _("Enforcement action updated")
        CONFIDENTIAL_VIEWED = "confidential_viewed", _("Confidential data viewed")
        CHILD_OPENED = "child_opened", _("Related case opened")
        NOTIFICATION = "notification", _("Notification sent")
        SLA = "sla", _("Deadline passed")
        ESCALATED = "escalated", _("Escalated")
        UPDATED = "updated", _("Updated")
        ESTABLISHMENT = "establishment", _("Establishment linked")
        REOPENED = "reopened", _("Reopened")
        SATISFACTION = "satisfaction", _("Reporter's satisfaction")
        FORM_MIGRATED = "form_migrated", _("Moved to a newer form version")

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
