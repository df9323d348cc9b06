"""A case's link to the establishment registry: linking, changing, unlinking, registering a new one."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.selectors import user_governorate_ids
from cases.access import case_for_update
from cases.audit import event_write
from cases.errors import CaseConflict, CaseForbidden, CaseInvalid, CaseNotFound
from cases.models import Case, CaseEvent
from cases.permissions import CasePermissions
from cases.selectors import case_visible
from registry.models import Establishment
from registry.selectors import establishments_in_scope


def _establishment_checked(actor, establishment) -> None:
    if establishment is None:
        return
    in_scope = establishments_in_scope(governorate_ids=user_governorate_ids(user=actor))
    if not in_scope.filter(pk=establishment.pk, is_active=True).exists():
        raise CaseInvalid.for_field(
            "establishment", "invalid_choice", _("This establishment is not in your governorates.")
        )


def case_set_establishment(*, case: Case, establishment, actor) -> CaseEvent:
    """Link a case to a registry entry, change the link, or unlink it (``establishment=None``); an event
    each. The establishment must be in the actor's governorates; a case without a governorate takes its."""
    with transaction.atomic():
        case = case_for_update(case=case, actor=actor)
        _establishment_checked(actor, establishment)
        previous = case.establishment
        if getattr(previous, "pk", None) == getattr(establishment, "pk", None):
            raise CaseConflict(_("The case is already linked to this establishment."), code="unchanged")
        case.establishment = establishment
        fields = ["establishment", "updated_at"]
        if establishment is not None and case.governorate_id is None:
            case.governorate_id = establishment.governorate_id
            fields.append("governorate")
        case.save(update_fields=fields)
        return event_write(
            case=case,
            kind=CaseEvent.Kind.ESTABLISHMENT,
            actor=actor,
            data={
                "from": getattr(previous, "pk", None),
                "from_name": getattr(previous, "name", None),
                "to": getattr(establishment, "pk", None),
                "to_name": getattr(establishment, "name", None),
            },
        )


def establishment_register_from_case(*, case: Case, actor, name: str = "", address: str = "") -> CaseEvent:
    """Create a registry entry from the employer a case names (an unregistered workplace) and link the
    case to it. Needs the registry's add permission; the governorate is the case's."""
    if not CasePermissions(actor, case).may_register_establishment:
        raise CaseForbidden(_("You may not add establishments to the registry."))
    if not case_visible(case=case, user=actor):
        raise CaseNotFound(_("No such case."))
    answer = (case.data or {}).get(case.case_type.establishment_field) or {}
    name = (name or case.employer_name or "").strip()[:255]
    address = (address or (answer.get("address") if isinstance(answer, dict) else "") or "").strip()[:500]
    if not name:
        raise CaseInvalid.for_field("name", "required", _("Enter the establishment's name."))
    if case.governorate_id is None:
        raise CaseInvalid.for_field(
            "governorate", "required", _("The case has no governorate to register the establishment in.")
        )
    with transaction.atomic():
        establishment = Establishment.objects.create(
            name=name, address=address, governorate_id=case.governorate_id
        )
        return case_set_establishment(case=case, establishment=establishment, actor=actor)
