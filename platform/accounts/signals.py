"""Configuration changes join the hash-chained access log: every saved revision of versioned configuration
(forms, option lists, case types, workflows, legal provisions, pages) and every change of a role's
permissions, with who made it and a digest of the content."""

import hashlib
import json

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from wagtail.models import Revision

from accounts.access import access_event_write
from accounts.models import AccessEvent


def _digest(content) -> str:
    body = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@receiver(post_save, sender=Revision)
def configuration_revision_logged(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    access_event_write(
        kind=AccessEvent.Kind.CONFIGURATION,
        actor=instance.user,
        data={
            "model": instance.content_type.model_class()._meta.label if instance.content_type_id else "",
            "object": str(instance.object_id),
            "title": str(instance.object_str)[:200],
            "revision": instance.pk,
            "digest": _digest(instance.content),
        },
    )


@receiver(m2m_changed, sender=Group.permissions.through)
def role_permissions_logged(sender, instance, action, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or not isinstance(instance, Group):
        return
    access_event_write(
        kind=AccessEvent.Kind.CONFIGURATION,
        data={
            "model": "auth.Group",
            "object": str(instance.pk),
            "title": instance.name,
            "change": action.removeprefix("post_"),
            "permissions": sorted(pk_set or []),
        },
    )
