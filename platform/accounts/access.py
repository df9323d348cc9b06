"""Who may give whom which role, and the user-management log (hash-chained, append-only): role grants and
removals, superuser status, lockouts, break-glass. The admin's user screens and the services call these;
nothing else decides."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import AccessEvent, Role, User
from accounts.selectors import user_role_keys
from core import jobs
from core.crypto import event_hash


def _payload(event: AccessEvent) -> dict:
    return {
        "sequence": event.sequence,
        "kind": event.kind,
        "actor": event.actor_id,
        "subject": event.subject_id,
        "data": event.data,
        "created_at": event.created_at.isoformat(),
        "expires_at": event.expires_at.isoformat() if event.expires_at else None,
        "previous": event.previous_hash,
    }


def access_event_write(*, kind: str, actor=None, subject=None, data=None, expires_at=None) -> AccessEvent:
    """Append an event to the access log (the chain's next link; retried once if another writer won)."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                last = AccessEvent.objects.select_for_update().order_by("-sequence").first()
                event = AccessEvent(
                    sequence=(last.sequence + 1) if last else 1,
                    kind=kind,
                    actor=actor if getattr(actor, "pk", None) else None,
                    subject=subject,
                    data=data or {},
                    created_at=timezone.now(),
                    expires_at=expires_at,
                    previous_hash=last.hash if last else "",
                )
                event.hash = event_hash({"access": _payload(event)})
                event.save()
                return event
        except IntegrityError:
            if attempt == 2:
                raise
    raise RuntimeError("unreachable")


def access_log_verify() -> list[str]:
    """Problems in the access log's chain: a changed, removed or inserted event."""
    problems, previous, expected = [], "", 1
    for event in AccessEvent.objects.order_by("sequence"):
        if event.sequence != expected or event.previous_hash != previous:
            problems.append(_("access event %(n)s does not follow the previous one") % {"n": event.sequence})
        if event_hash({"access": _payload(event)}) != event.hash:
            problems.append(_("access event %(n)s was changed") % {"n": event.sequence})
        previous, expected = event.hash, event.sequence + 1
    return problems


def may_give_role(*, actor, role: Role) -> bool:
    """Restricted roles: superusers, or holders of a role configured as the role's grantor."""
    if not role.restricted or actor.is_superuser:
        return True
    return bool(user_role_keys(user=actor) & set(role.grantor_role_keys))


def role_change_problems(
    *, actor, subject, before: set, after: set, superuser_before: bool, superuser_after: bool
) -> list[str]:
    """Why ``actor`` may not change ``subject``'s roles (group ids ``before`` → ``after``) or superuser
    status as asked; [] when allowed."""
    problems = []
    changed = before ^ after
    for role in Role.objects.filter(group_id__in=changed, restricted=True):
        if subject is not None and actor.pk == subject.pk:
            problems.append(
                _("Nobody may give or take the role “%(role)s” on their own account.") % {"role": role}
            )
        elif not may_give_role(actor=actor, role=role):
            problems.append(
                _("Only a superuser, or a role allowed to, may give or take the role “%(role)s”.")
                % {"role": role}
            )
    if superuser_before != superuser_after:
        if not actor.is_superuser:
            problems.append(_("Only a superuser may give or take superuser status."))
        elif subject is not None and actor.pk == subject.pk:
            problems.append(_("Nobody may change their own superuser status."))
    return problems


def user_access_changes_record(
    *, actor, subject, before: set, after: set, superuser_before: bool, superuser_after: bool
) -> list[AccessEvent]:
    """One event per role given or taken and per change of superuser status (after the change is saved)."""
    events = []
    roles = {role.group_id: role for role in Role.objects.filter(group_id__in=before ^ after)}
    for group_id, kind in [(g, AccessEvent.Kind.ROLE_GRANTED) for g in sorted(after - before)] + [
        (g, AccessEvent.Kind.ROLE_REMOVED) for g in sorted(before - after)
    ]:
        role = roles.get(group_id)
        data = {
            "role": role.key if role else None,
            "group": group_id,
            "restricted": bool(role and role.restricted),
        }
        events.append(access_event_write(kind=kind, actor=actor, subject=subject, data=data))
    if superuser_before != superuser_after:
        kind = AccessEvent.Kind.SUPERUSER_GRANTED if superuser_after else AccessEvent.Kind.SUPERUSER_REMOVED
        events.append(access_event_write(kind=kind, actor=actor, subject=subject))
    return events


# --- break-glass: a superuser opens sensitive cases in an emergency --------------------------------------


def break_glass_hours() -> int:
    return int(getattr(settings, "ECMS_BREAK_GLASS_HOURS", 4))


def break_glass_active(*, user) -> bool:
    """Whether ``user`` (a superuser) has opened sensitive cases, for a limited time, with a reason."""
    if not getattr(user, "is_superuser", False):
        return False
    cached = getattr(user, "_ecms_break_glass", None)
    if cached is None:
        cached = AccessEvent.objects.filter(
            kind=AccessEvent.Kind.BREAK_GLASS, subject=user, expires_at__gt=timezone.now()
        ).exists()
        user._ecms_break_glass = cached
    return cached


class BreakGlassRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def break_glass_open(*, actor, reason: str) -> AccessEvent:
    """A superuser sees restricted cases for ``ECMS_BREAK_GLASS_HOURS`` hours: the reason is logged and the
    holders of the restricted roles are told by e-mail."""
    reason = (reason or "").strip()
    if not actor.is_superuser:
        raise BreakGlassRefused(_("Only a superuser may do this."))
    if break_glass_hours() <= 0:
        raise BreakGlassRefused(_("Emergency access to sensitive cases is turned off."))
    if len(reason) < 20:
        raise BreakGlassRefused(_("Give the reason in a sentence or more (20 characters at least)."))
    event = access_event_write(
        kind=AccessEvent.Kind.BREAK_GLASS,
        actor=actor,
        subject=actor,
        data={"reason": reason[:2000]},
        expires_at=timezone.now() + timedelta(hours=break_glass_hours()),
    )
    jobs.enqueue(break_glass_notify, event_id=event.pk)
    return event


def break_glass_notify(*, event_id: int) -> None:
    """Job: tell the holders of the restricted roles that a superuser opened their cases, and why."""
    event = AccessEvent.objects.select_related("actor").get(pk=event_id)
    people = (
        User.objects.filter(is_active=True, groups__role__restricted=True)
        .exclude(email="")
        .exclude(pk=event.actor_id)
        .distinct()
    )
    for person in people:
        with translation.override(person.preferred_language):
            _notify_break_glass(event, person)


def _notify_break_glass(event: AccessEvent, person) -> None:
    subject = _("Emergency access to sensitive cases by %(name)s") % {"name": event.actor.get_username()}
    body = _("%(name)s may see the sensitive cases until %(until)s. Reason given: %(reason)s") % {
        "name": event.actor.get_full_name() or event.actor.get_username(),
        "until": timezone.localtime(event.expires_at).strftime("%Y-%m-%d %H:%M"),
        "reason": event.data.get("reason", ""),
    }
    send_mail(subject, body, None, [person.email])
