"""Creating a case: its gap-free reference, its place (governorate, establishment), its first event, its
confidential record and files, then the workflow's actions on opening. No check of who opens it: the
opening services make those; a workflow action may open a related case through ``child_open``."""

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.audit import event_prepare, event_write, protected_snapshot
from cases.catalogue import ActionError, run_actions
from cases.confidential import split_confidential
from cases.errors import CaseInvalid
from cases.models import Case, CaseConfidential, CaseEvent, CaseSequence, CaseType
from cases.primitives.files import files_store
from cases.primitives.states import state_enter
from cases.secrets_ import encrypt_json, tracking_code_new, tracking_hash
from core.localcache import remembered
from forms_builder.selectors import form_version_current
from registry.models import Establishment, Governorate

SYSTEM_CHANNELS = {Case.Channel.SYSTEM}


@dataclass
class OpenedCase:
    case: Case
    tracking_code: str | None  # shown once to the reporter; only its keyed hash is stored
    initial_state: object = None  # the workflow state the case was opened in (its labels)


_NEXT_NUMBER_SQL = (
    "UPDATE cases_casesequence SET last_number = last_number + 1 "
    "WHERE case_type_id = %s AND year = %s RETURNING last_number"
)


def number_allocate(case_type: CaseType, year: int) -> int:
    """The next number for (type, year), gap-free: one UPDATE ... RETURNING, whose row lock holds until
    our transaction ends (the counter row is created the first time)."""
    for _attempt in range(2):
        with connection.cursor() as cursor:
            cursor.execute(_NEXT_NUMBER_SQL, [case_type.pk, year])
            row = cursor.fetchone()
        if row is not None:
            return row[0]
        try:
            with transaction.atomic():
                CaseSequence.objects.get_or_create(case_type=case_type, year=year)
        except IntegrityError:
            pass  # created by a concurrent transaction meanwhile
    raise RuntimeError("the case number counter could not be created")


def case_place(case_type: CaseType, data: dict, secret: dict, parent: Case | None = None):
    """(governorate, establishment, employer's name as typed) from the intake answers; a case opened from
    another carries the parent's unless its own answers name them."""
    values = {**data, **secret}
    establishment, employer_name = None, ""
    if case_type.establishment_field:
        chosen = values.get(case_type.establishment_field)
        if isinstance(chosen, dict):
            employer_name = str(chosen.get("name") or "").strip()[:255]
        if isinstance(chosen, dict) and chosen.get("id"):
            establishment = Establishment.objects.filter(pk=chosen["id"]).first()
    governorate = None
    if case_type.governorate_field and values.get(case_type.governorate_field):
        code = values[case_type.governorate_field]
        governorate = remembered("governorate", code, lambda: Governorate.objects.filter(code=code).first())
    if governorate is None and establishment is not None:
        governorate = establishment.governorate
    if parent is not None:
        governorate = governorate or parent.governorate
        establishment = establishment or parent.establishment
        employer_name = employer_name or parent.employer_name
    return governorate, establishment, employer_name


def _case_new(*, case_type, version, public, secret, language, actor, channel, parent, now):
    """(the unsaved case, its tracking code or None). The reference is allocated last: the counter row
    stays locked until commit and every opening of this case type waits for it."""
    governorate, establishment, employer_name = case_place(case_type, public, secret, parent)
    tracking_code = (
        tracking_code_new() if case_type.public_intake and channel not in SYSTEM_CHANNELS else None
    )
    number = number_allocate(case_type, now.year)
    case = Case(
        reference=f"{case_type.prefix}-{now.year}-{number:06d}",
        case_type=case_type,
        year=now.year,
        number=number,
        data=public,
        form_version=version,
        governorate=governorate,
        establishment=establishment,
        employer_name=employer_name,
        channel=channel,
        parent=parent,
        # A case opened from a restricted one is restricted too when its type has a restricted role; types
        # without one stay visible to their staff (they would otherwise be seen by nobody).
        restricted=bool(parent is not None and parent.restricted and case_type.restricted_role),
        opened_at=now,
        reporter_language=language,
        tracking_hash=tracking_hash(tracking_code) if tracking_code else "",
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    return case, tracking_code


def case_create(*, case_type, version, cleaned, files, language, actor, channel, parent) -> OpenedCase:
    """Create the case (inside the caller's transaction) and run the workflow's actions on opening."""
    workflow = case_type.workflow
    initial = workflow.initial_state()
    if initial is None:
        raise CaseInvalid(_("The workflow has no initial state."), code="misconfigured")
    public, secret = split_confidential(version, cleaned)
    open_actions = list(workflow.on_open_actions)
    ciphertext = encrypt_json(secret) if secret else None
    now = timezone.now()
    case, tracking_code = _case_new(
        case_type=case_type, version=version, public=public, secret=secret, language=language,
        actor=actor, channel=channel, parent=parent, now=now,
    )  # fmt: skip
    state_enter(case, initial, now)
    # The first event's hash covers the reference, not the row id: it is computed before the case is
    # written, so the case row is inserted once with its chain head instead of inserted then updated.
    created = event_prepare(
        case=case,
        kind=CaseEvent.Kind.CREATED,
        actor=actor,
        public=True,
        data={
            "state": initial.key,
            "channel": channel,
            "form": version.key,
            "version": version.number,
            # The parent is the case's own link (Case.parent), shown to those who may see it; its reference
            # is not copied into the chain, where everyone who sees this case would read it (C81 Art. 15(c)).
            # The protected fields as opened, so that a raw change of any of them shows (verify_audit).
            "protected": protected_snapshot(case, ciphertext=ciphertext),
        },
    )
    case.save()
    created.case = case
    created.save()
    if ciphertext is not None:
        CaseConfidential.objects.create(case=case, ciphertext=ciphertext)
    if files:
        files_store(case, version, files, case.data, actor)
        Case.objects.filter(pk=case.pk).update(data=case.data)
    run_actions(open_actions, {"case": case, "actor": actor, "data": {}})
    return OpenedCase(case=case, tracking_code=tracking_code, initial_state=initial)


def child_open(
    *, parent: Case, case_type: CaseType, actor, copies: list[tuple[str, str]], values: dict, extra: dict
) -> list:
    """Open a related case of another type from ``parent`` (inside the caller's transaction): answers copied
    from the parent's (``copies``: source → target keys) and set (``values``). Returns the parent's event."""
    version = form_version_current(key=case_type.intake_form.key)
    if version is None:
        raise ActionError(_("The form of %(type)s is not published.") % {"type": case_type})
    if case_type.parent_types.exists() and not case_type.parent_types.filter(pk=parent.case_type_id).exists():
        raise ActionError(
            _("%(child)s cannot be opened from %(parent)s.")
            % {"child": case_type, "parent": parent.case_type}
        )
    source = {**(parent.data or {}), **(extra or {})}
    spec = version.spec
    copied = {target: source[key] for key, target in copies if key in source and target in spec}
    copied.update({key: value for key, value in values.items() if key in spec})
    child = case_create(
        case_type=case_type,
        version=version,
        cleaned=copied,
        files={},
        language=parent.reporter_language,
        actor=actor,
        channel=Case.Channel.SYSTEM,
        parent=parent,
    ).case
    return [
        event_write(
            case=parent,
            kind=CaseEvent.Kind.CHILD_OPENED,
            actor=actor,
            public=False,
            data={"child": child.reference, "case_type": case_type.key},
        )
    ]
