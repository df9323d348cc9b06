"""What a case keeps apart: the encrypted confidential answers and the uploaded files."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.cases import Case
from cases.storage import private_storage


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
