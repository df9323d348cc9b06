from django.db import models


class IdempotencyRecord(models.Model):
    """The response to a submission made with an Idempotency-Key: a retried request gets it again
    instead of creating a second case. The response (which holds the tracking code) is encrypted."""

    key_hash = models.CharField(max_length=64, unique=True)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.key_hash[:12]
