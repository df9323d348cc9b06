import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRecord(models.Model):
    """The outbox row of a background job, written in the same transaction as the work that asked for it.

    It survives a Redis outage (the sweeper re-sends it) and makes a job run its effect once even when a
    queue delivers it twice (``core.jobs.execute`` skips a job already done).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        DISCARDED = "discarded", _("Discarded")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    func = models.CharField(_("function"), max_length=255)
    kwargs = models.JSONField(_("arguments"), default=dict)
    queue = models.CharField(_("queue"), max_length=64, default="default")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=4)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("sent to the queue"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="ecms_job_status_next_idx")]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.func} ({self.get_status_display()})"


class ImmutableModel(models.Model):
    """Rows written once: saving an existing row or deleting one is refused (audit records, versions)."""

    change_refused_message = _("This record cannot be changed.")
    delete_refused_message = _("This record cannot be deleted.")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(self.change_refused_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(self.delete_refused_message)
