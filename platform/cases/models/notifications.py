"""Messages to reporters and staff, sent by a background job."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.cases import Case


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
