"""A user's API tokens are revoked when their password changes or they are deactivated."""

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver
from rest_framework.authtoken.models import Token


@receiver(pre_save, sender=get_user_model())
def revoke_tokens_on_password_change_or_deactivation(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = sender._default_manager.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["password"] != instance.password or (before["is_active"] and not instance.is_active):
        Token.objects.filter(user_id=instance.pk).delete()
