"""Revealing what a case keeps apart to someone allowed to see it; every look is an event."""

from django.db import transaction
from django.utils.translation import gettext as _

from cases.access import case_for_update, case_locked
from cases.audit import event_write
from cases.confidential import confidential_values
from cases.errors import CaseForbidden, CaseNotFound
from cases.models import Attachment, Case, CaseEvent
from cases.permissions import CasePermissions
from cases.selectors import case_visible


def confidential_read(*, case: Case, actor) -> dict:
    """Reveal the reporter's confidential answers to someone allowed to see them; the reading is logged."""
    with transaction.atomic():
        case = case_for_update(case=case, actor=actor)
        if not CasePermissions(actor, case).may_reveal:
            raise CaseForbidden(_("You may not see the reporter's confidential data."))
        values = confidential_values(case)
        event_write(
            case=case, kind=CaseEvent.Kind.CONFIDENTIAL_VIEWED, actor=actor, data={"fields": sorted(values)}
        )
        return values


def attachment_open(*, case: Case, attachment_id: int, actor) -> Attachment:
    """A case file for someone who can see the case; confidential files need the permission, and opening
    one is an event. An absent file, a case out of scope and a forbidden file get the same answer."""
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None or not case_visible(case=case, user=actor):
        raise CaseNotFound(_("No such file."))
    if attachment.confidential and not CasePermissions(actor, case).may_reveal:
        raise CaseNotFound(_("No such file."))
    if attachment.confidential:
        with transaction.atomic():
            event_write(
                case=case_locked(case),
                kind=CaseEvent.Kind.CONFIDENTIAL_VIEWED,
                actor=actor,
                data={"attachment": attachment.pk, "field": attachment.field},
            )
    return attachment
