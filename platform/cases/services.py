"""Writes of the case engine. One entry point changes state: ``transition``.

Every write locks the case row, checks the actor's role and scope, writes timeline events and commits —
or changes nothing.
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import user_governorate_ids, user_role_keys
from cases import actions
from cases.audit import ciphertext_digest, event_prepare, event_write, protected_snapshot
from cases.errors import CaseConflict, CaseForbidden, CaseInvalid, CaseNotFound
from cases.models import (
    Attachment,
    Case,
    CaseConfidential,
    CaseEvent,
    CaseSequence,
    CaseType,
    EnforcementAction,
    Violation,
    WorkflowTransition,
)
from cases.notifications import notify_reporter
from cases.secrets_ import decrypt_json, encrypt_json, tracking_code_new, tracking_hash
from cases.selectors import case_visible, user_can_act
from core.i18n import localize
from core.localcache import remembered
from forms_builder.selectors import form_version_current
from forms_builder.validation import validate

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


def _allocate_number(case_type: CaseType, year: int) -> int:
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


def _walk(data, path: str):
    """The value at a dotted path ("a", "group.0.field", "item.evidence") or None."""
    node = data
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def _store_files(
    case: Case, files: dict, data: dict, actor, *, confidential_paths: set[str]
) -> list[Attachment]:
    stored = []
    for path, uploads in files.items():
        descriptors = _walk(data, path)
        for index, upload in enumerate(uploads):
            upload.seek(0)
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            descriptor = (
                descriptors[index] if isinstance(descriptors, list) and index < len(descriptors) else {}
            )
            attachment = Attachment(
                case=case,
                field=path,
                original_name=(descriptor.get("name") or upload.name)[:255],
                content_type=descriptor.get("type", ""),
                size=upload.size,
                sha256=digest.hexdigest(),
                uploaded_by=actor if getattr(actor, "pk", None) else None,
                confidential=path in confidential_paths,
            )
            attachment.file.save(upload.name or "file", upload, save=False)
            attachment.save()
            if isinstance(descriptor, dict):
                descriptor["attachment"] = attachment.pk
            stored.append(attachment)
    return stored


def _split_confidential(version, cleaned: dict) -> tuple[dict, dict]:
    """(public answers, confidential answers): confidential fields, also in repeat-group rows, go apart."""
    fields = version.ui["fields"]
    public, secret = {}, {}
    for key, value in cleaned.items():
        spec = fields.get(key, {})
        if spec.get("confidential"):
            secret[key] = value
        elif spec.get("type") == "repeat_group" and isinstance(value, list):
            hidden = {c for c in spec.get("fields", []) if fields.get(c, {}).get("confidential")}
            public[key] = [{c: v for c, v in row.items() if c not in hidden} for row in value]
            rows = [{c: v for c, v in row.items() if c in hidden} for row in value]
            if any(rows):
                secret[key] = rows
        else:
            public[key] = value
    return public, secret


def _confidential_paths(version, files: dict) -> set[str]:
    """The uploaded-file paths that belong to confidential fields (top level or in group rows)."""
    fields = version.ui["fields"]
    return {
        path for path in files if any(fields.get(part, {}).get("confidential") for part in path.split("."))
    }


def _keep_confidential(case: Case, secret: dict) -> bytes | None:
    """Merge confidential answers into the case's encrypted record; the new ciphertext (None: unchanged)."""
    if not secret:
        return None
    record = CaseConfidential.objects.filter(case=case).first()
    if record is None:
        record = CaseConfidential.objects.create(case=case, ciphertext=encrypt_json(secret))
        return record.ciphertext
    record.ciphertext = encrypt_json({**decrypt_json(record.ciphertext), **secret})
    record.save(update_fields=["ciphertext"])
    return record.ciphertext


def _place(case_type: CaseType, data: dict, secret: dict):
    """(governorate, establishment, employer's name as typed) from the intake answers."""
    from registry.models import Establishment, Governorate

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
    return governorate, establishment, employer_name


def _state_due(case: Case, state) -> None:
    case.due_at = timezone.now() + timedelta(hours=state.sla_hours) if state and state.sla_hours else None


def case_open(
    *,
    case_type: CaseType,
    data: dict,
    files: dict | None = None,
    language: str,
    actor=None,
    channel: str = Case.Channel.PORTAL,
    parent: Case | None = None,
    within=None,
) -> OpenedCase:
    """Validate an intake against the case type's published form and open a case (all or nothing).

    Raises CaseInvalid with per-field errors when the answers do not validate. ``within(opened)``, if
    given, runs inside the case's transaction (e.g. to claim an idempotency key): if it raises, no case.
    """
    version = form_version_current(key=case_type.intake_form.key)
    if version is None:
        raise CaseInvalid(_("This form is not published."), code="form_unavailable")
    result = validate(version, data, files or {}, language)
    if not result.is_valid:
        raise CaseInvalid(_("Some answers need correcting."), errors=result.error_list())
    if getattr(actor, "pk", None) is None and not case_type.public_intake:
        raise CaseForbidden(_("The public cannot open cases of this type."))
    if parent is None and case_type.parent_window_days is not None:
        raise CaseInvalid(
            _("This kind of case is opened from an earlier, closed case."), code="parent_required"
        )
    with transaction.atomic():
        case, code, initial = _case_create(
            case_type=case_type,
            version=version,
            cleaned=result.cleaned_data,
            files=result.files,
            language=language,
            actor=actor,
            channel=channel,
            parent=parent,
        )
        opened = OpenedCase(case=case, tracking_code=code, initial_state=initial)
        if within is not None:
            within(opened)
    return opened


def _case_create(*, case_type, version, cleaned, files, language, actor, channel, parent, extra_events=()):
    workflow = case_type.workflow
    initial = workflow.initial_state()
    if initial is None:
        raise CaseInvalid(_("The workflow has no initial state."), code="misconfigured")
    public, secret = _split_confidential(version, cleaned)
    governorate, establishment, employer_name = _place(case_type, public, secret)
    if parent is not None:
        # A child case (opened from another, or by an action) carries the
        # parent's registry link and employer unless its own answers name them.
        governorate = governorate or parent.governorate
        establishment = establishment or parent.establishment
        employer_name = employer_name or parent.employer_name
    # Everything that can be done before the counter row is locked is done first: the lock is held
    # until commit and every opening of this case type waits for it.
    open_actions = list(workflow.on_open_actions)
    code = tracking_code_new() if case_type.public_intake and channel not in SYSTEM_CHANNELS else None
    hashed_code = tracking_hash(code) if code else ""
    ciphertext = encrypt_json(secret) if secret else None
    now = timezone.now()
    number = _allocate_number(case_type, now.year)
    case = Case(
        reference=f"{case_type.prefix}-{now.year}-{number:06d}",
        case_type=case_type,
        year=now.year,
        number=number,
        state=initial.key,
        state_entered_at=now,
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
        tracking_hash=hashed_code,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _state_due(case, initial)
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
        _store_files(case, files, case.data, actor, confidential_paths=_confidential_paths(version, files))
        Case.objects.filter(pk=case.pk).update(data=case.data)
    actions.run_actions(open_actions, {"case": case, "actor": actor, "data": {}})
    return case, code, initial


def case_open_child(
    *, parent: Case, case_type: CaseType, actor, copies: list[tuple[str, str]], values: dict, extra: dict
) -> list:
    """Open a related case of another type from ``parent`` (inside the caller's transaction)."""
    version = form_version_current(key=case_type.intake_form.key)
    if version is None:
        raise actions.ActionError(_("The form of %(type)s is not published.") % {"type": case_type})
    if case_type.parent_types.exists() and not case_type.parent_types.filter(pk=parent.case_type_id).exists():
        raise actions.ActionError(
            _("%(child)s cannot be opened from %(parent)s.")
            % {"child": case_type, "parent": parent.case_type}
        )
    source = {**(parent.data or {}), **(extra or {})}
    copied = {
        target: source[key] for key, target in copies if key in source and target in version.ui["fields"]
    }
    copied.update({key: value for key, value in values.items() if key in version.ui["fields"]})
    child, _code, _initial = _case_create(
        case_type=case_type,
        version=version,
        cleaned=copied,
        files={},
        language=parent.reporter_language,
        actor=actor,
        channel=Case.Channel.SYSTEM,
        parent=parent,
    )
    return [
        event_write(
            case=parent,
            kind=CaseEvent.Kind.CHILD_OPENED,
            actor=actor,
            public=False,
            data={"child": child.reference, "case_type": case_type.key},
        )
    ]


def case_parent_check(case_type: CaseType, parent: Case) -> None:
    """Refuse (CaseError) a parent the case type does not take, or one outside its window after closure."""
    if not case_type.parent_types.filter(pk=parent.case_type_id).exists():
        raise CaseInvalid(_("This case cannot be opened from that case."), code="invalid_parent")
    if case_type.parent_window_days is not None:
        if parent.closed_at is None:
            raise CaseConflict(_("The case must be closed first."), code="parent_open")
        if timezone.now() > parent.closed_at + timedelta(days=case_type.parent_window_days):
            raise CaseConflict(_("The time allowed after closure has passed."), code="window_passed")


def case_open_from_parent(
    *,
    case_type: CaseType,
    parent: Case,
    data: dict,
    files=None,
    language: str,
    actor=None,
    channel: str = Case.Channel.PORTAL,
) -> OpenedCase:
    """Open a case from an earlier, closed one, within the configured window after its closure."""
    case_parent_check(case_type, parent)
    return case_open(
        case_type=case_type,
        data=data,
        files=files,
        language=language,
        actor=actor,
        channel=channel,
        parent=parent,
    )


def case_open_by_staff(
    *,
    case_type: CaseType,
    actor,
    channel: str,
    data: dict,
    files: dict | None = None,
    language: str,
    within=None,
) -> OpenedCase:
    """Open a case as staff (planned work of their own, or a report taken by phone, at the counter or on
    paper): the actor's role must be among the case type's intake roles, the channel among its channels,
    and the case's governorate in the actor's scope. A case recorded for a member of the public gets a
    tracking code, shown once to the clerk and sent to the reporter's phone or e-mail when given. All or
    nothing."""
    from cases.selectors import case_type_may_open

    if not case_type_may_open(user=actor, case_type=case_type):
        raise CaseForbidden(_("Your role may not open cases of this type."))
    if channel not in case_type.intake_channel_keys:
        raise CaseInvalid.for_field(
            "channel", "invalid_choice", _("Cases of this type are not recorded through this channel.")
        )

    def checked(opened: OpenedCase) -> None:
        scope = user_governorate_ids(user=actor)
        if scope is not None and opened.case.governorate_id not in scope:
            raise CaseInvalid.for_field(
                case_type.governorate_field or "governorate",
                "out_of_scope",
                _("Choose a governorate you work in."),
            )
        if opened.tracking_code:
            notify_reporter(
                case=opened.case,
                subject=STAFF_INTAKE_SUBJECT,
                message=STAFF_INTAKE_MESSAGE,
                sealed={"tracking_code": opened.tracking_code},
            )
        if within is not None:
            within(opened)

    return case_open(
        case_type=case_type,
        data=data,
        files=files,
        language=language,
        actor=actor,
        channel=channel,
        within=checked,
    )


STAFF_INTAKE_SUBJECT = {"ar": "سُجّلت قضيتك برقم {reference}", "en": "Your case is registered as {reference}"}
STAFF_INTAKE_MESSAGE = {
    "ar": "سجّلت الوزارة طلبك برقم {reference}. رمز المتابعة: {tracking_code}. احتفظ بهما لمتابعة القضية "
    "على البوابة، ولا تعطِ الرمز لأحد.",
    "en": "The ministry has registered your case as {reference}. Tracking code: {tracking_code}. Keep "
    "both to follow the case on the portal, and give the code to nobody.",
}


def case_set_establishment(*, case: Case, establishment, actor) -> CaseEvent:
    """Link a case to a registry entry, change the link, or unlink it (``establishment=None``); an event
    each. The establishment must be in the actor's governorates; a case without a governorate takes its."""
    from registry.selectors import establishments_in_scope

    with transaction.atomic():
        case = _locked(case)
        if not case_visible(case=case, user=actor):
            raise CaseNotFound(_("No such case."))
        if (
            establishment is not None
            and not establishments_in_scope(governorate_ids=user_governorate_ids(user=actor))
            .filter(pk=establishment.pk, is_active=True)
            .exists()
        ):
            raise CaseInvalid.for_field(
                "establishment", "invalid_choice", _("This establishment is not in your governorates.")
            )
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
    from registry.models import Establishment

    if not (actor.is_superuser or actor.has_perm("registry.add_establishment")):
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


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("case_type__workflow").get(pk=case.pk)


def _transition_for(case: Case, key: str) -> WorkflowTransition:
    transition = WorkflowTransition.objects.filter(workflow_id=case.case_type.workflow_id, key=key).first()
    if transition is None:
        raise CaseInvalid(_("There is no such transition."), code="unknown_transition")
    if case.state not in transition.from_state_keys:
        raise CaseConflict(_("This step is not possible from the case's current state."), code="wrong_state")
    return transition


@dataclass
class TransitionResult:
    case: Case
    event: CaseEvent


def _transition_form(case, transition_, data, files, actor, language) -> tuple[dict, object]:
    """Validate the step's form (if it has one) and store its files: (cleaned answers, form version)."""
    if not transition_.form_id:
        if data:
            raise CaseInvalid(_("This step takes no form."), code="unexpected_data")
        return {}, None
    form_version = form_version_current(key=transition_.form.key)
    if form_version is None:
        raise CaseInvalid(_("The form of this step is not published."), code="form_unavailable")
    result = validate(form_version, data or {}, files or {}, language)
    if not result.is_valid:
        raise CaseInvalid(_("Some answers need correcting."), errors=result.error_list())
    _store_files(
        case,
        result.files,
        result.cleaned_data,
        actor,
        confidential_paths=_confidential_paths(form_version, result.files),
    )
    return result.cleaned_data, form_version


def _form_event_data(case, form_version, cleaned: dict) -> dict:
    """What the timeline keeps of a step's form: the public answers; confidential ones are encrypted apart."""
    public_answers, secret_answers = _split_confidential(form_version, cleaned)
    ciphertext = _keep_confidential(case, secret_answers)
    data = {"key": form_version.key, "version": form_version.number, "data": public_answers}
    if secret_answers:
        data["confidential"] = sorted(secret_answers)
        data["confidential_digest"] = ciphertext_digest(ciphertext)
    return data


def transition(
    case: Case,
    key: str,
    actor,
    data: dict | None = None,
    files: dict | None = None,
    *,
    comment: str = "",
    language: str | None = None,
    assignee=None,
) -> TransitionResult:
    """Move a case along its workflow: lock, check role and scope, validate the form, write the event,
    run the actions — all in one transaction, or nothing at all. ``assignee``, if given, is assigned
    with the step (before its actions, so an assignment rule keeps that choice)."""
    language = language or getattr(actor, "preferred_language", None) or "ar"
    with transaction.atomic():
        case = _locked(case)
        if not case_visible(case=case, user=actor):
            raise CaseNotFound(_("No such case."))
        transition_ = _transition_for(case, key)
        if not user_can_act(user=actor, case=case, transition=transition_):
            raise CaseForbidden(_("Your role may not take this step."))
        comment = (comment or "").strip()
        if transition_.comment_required and not comment:
            raise CaseInvalid.for_field(
                "comment", "comment_required", _("A comment is required for this step.")
            )
        cleaned, form_version = _transition_form(case, transition_, data, files, actor, language)
        previous = case.state
        target = case.case_type.workflow.state(transition_.to_state)
        case.state, case.state_entered_at = target.key, timezone.now()
        _state_due(case, target)
        case.closed_at = (case.closed_at or timezone.now()) if target.is_terminal else None
        case.overdue_notified_at = None
        case.save(
            update_fields=[
                "state",
                "state_entered_at",
                "due_at",
                "closed_at",
                "overdue_notified_at",
                "updated_at",
            ]
        )
        event_data = {"transition": key, "from": previous, "to": target.key}
        if comment:
            event_data["comment"] = comment
        if form_version is not None:
            event_data["form"] = _form_event_data(case, form_version, cleaned)
        event = event_write(
            case=case, kind=CaseEvent.Kind.TRANSITION, actor=actor, data=event_data, public=transition_.public
        )
        if assignee is not None and assignee.pk != case.assignee_id:
            case_assign(case=case, assignee=assignee, actor=actor, lock=False)
        actions.run_actions(
            transition_.actions,
            {
                "case": case,
                "actor": actor,
                "transition": transition_,
                "data": cleaned,
                "form_version": form_version,
            },
        )
        case.refresh_from_db()
        if target.requires_assignee and case.assignee_id is None:
            # Rolled back: the case stays where it was, in the unassigned queue, and the actor is told.
            raise CaseConflict(
                _(
                    "Nobody could be assigned to this case, so it cannot move to “%(state)s”. Assign "
                    "someone who can work on it, then take this step again."
                )
                % {"state": localize(target.label)},
                code="assignee_required",
            )
    return TransitionResult(case=case, event=event)


def case_comment(*, case: Case, actor, text: str) -> CaseEvent:
    text = (text or "").strip()
    if not text:
        raise CaseInvalid.for_field("text", "required", _("Write a comment."))
    with transaction.atomic():
        case = _locked(case)
        if not case_visible(case=case, user=actor):
            raise CaseNotFound(_("No such case."))
        return event_write(case=case, kind=CaseEvent.Kind.COMMENT, actor=actor, data={"text": text[:5000]})


def user_may_assign(user, case: Case) -> bool:
    return bool(user.is_superuser or user.has_perm("cases.bulk_assign"))


def _assignee_required(case: Case) -> bool:
    state = case.case_type.workflow.state(case.state)
    return bool(state and state.requires_assignee)


def case_assign(*, case: Case, assignee, actor, by_rule: bool = False, lock: bool = True) -> CaseEvent:
    """Assign a case to a staff member who can work on it: by a supervisor, by a configured rule, or by
    someone who can work on it taking it ("assign to me"). A case in a state that needs an assignee
    cannot be left with nobody."""
    from cases.selectors import user_may_take_case

    with transaction.atomic():
        case = _locked(case) if lock else case
        if not by_rule:
            if not case_visible(case=case, user=actor):
                raise CaseNotFound(_("No such case."))
            taking_it = (
                assignee is not None and assignee.pk == actor.pk and user_may_take_case(user=actor, case=case)
            )
            if not (taking_it or user_may_assign(actor, case)):
                raise CaseForbidden(_("You may not assign cases."))
        if assignee is not None and not case_visible(case=case, user=assignee):
            raise CaseInvalid.for_field(
                "assignee",
                "invalid_assignee",
                _("This person cannot work on this case (role or governorate)."),
            )
        if assignee is None and _assignee_required(case):
            raise CaseConflict(
                _("A case in this state must have someone assigned: choose another person instead."),
                code="assignee_required",
            )
        previous = case.assignee
        if previous is not None and assignee is not None and previous.pk == assignee.pk:
            raise CaseConflict(_("The case is already assigned to this person."), code="unchanged")
        case.assignee = assignee
        case.save(update_fields=["assignee", "updated_at"])
        return event_write(
            case=case,
            kind=CaseEvent.Kind.ASSIGNMENT,
            actor=actor if not by_rule else None,
            data={
                "from": getattr(previous, "username", None),
                "to": getattr(assignee, "username", None),
                "by_rule": by_rule,
            },
        )


def assignee_by_rule(*, case: Case, role_key: str, same_governorate: bool = True):
    """The active holder of ``role_key`` who can see the case and has the fewest open cases."""
    from accounts.models import User

    candidates = User.objects.filter(is_active=True, groups__role__key=role_key).distinct()
    if same_governorate and case.governorate_id:
        candidates = candidates.filter(Q(governorates=case.governorate_id) | Q(governorates__isnull=True))
    candidates = candidates.annotate(
        open_cases=Count("assigned_cases", filter=Q(assigned_cases__closed_at__isnull=True), distinct=True)
    ).order_by("open_cases", "pk")
    for user in candidates[:50]:
        if case_visible(case=case, user=user):
            return user
    return None


def violations_from_checklist(*, case: Case, version, data: dict, actor) -> list[CaseEvent]:
    """Record a violation for each non-compliant checklist answer, with its provision and severity."""
    from registry.models import LegalProvision

    if version is None:
        return []
    events = []
    today = timezone.localdate()
    for key in version.ui["order"]:
        spec = version.ui["fields"][key]
        answer = data.get(key)
        if spec["type"] != "checklist_item" or not isinstance(answer, dict):
            continue
        if answer.get("answer") != "non_compliant":
            continue
        provision_key = (spec.get("provision") or {}).get("key")
        provision = LegalProvision.objects.filter(key=provision_key).first() if provision_key else None
        days = spec.get("corrective_days")
        violation = Violation.objects.create(
            case=case,
            provision=provision,
            item_key=key,
            description=spec["label"],
            note=answer.get("note", ""),
            severity=spec.get("severity") or "medium",
            corrective_action=spec.get("corrective_action") or {},
            deadline=today + timedelta(days=days) if days is not None else None,
        )
        events.append(
            event_write(
                case=case,
                kind=CaseEvent.Kind.VIOLATION,
                actor=actor,
                data={
                    "violation": violation.pk,
                    "item": key,
                    "provision": provision_key,
                    "severity": violation.severity,
                },
            )
        )
    return events


def violation_set_status(*, violation: Violation, status: str, actor, note: str = "") -> CaseEvent:
    if status not in Violation.Status.values:
        raise CaseInvalid(_("Unknown status."), code="invalid_choice")
    with transaction.atomic():
        case = _locked(violation.case)
        if not case_visible(case=case, user=actor):
            raise CaseNotFound(_("No such case."))
        works_on = user_role_keys(user=actor) & set(case.case_type.staff_role_keys)
        if not actor.is_superuser and not (works_on and actor.has_perm("cases.change_violation")):
            raise CaseForbidden(_("You may not change this violation."))
        violation.status = status
        violation.resolved_at = timezone.now() if status != Violation.Status.OPEN else None
        violation.save(update_fields=["status", "resolved_at"])
        return event_write(
            case=case,
            kind=CaseEvent.Kind.VIOLATION,
            actor=actor,
            data={"violation": violation.pk, "status": status, "note": note[:2000]},
        )


def enforcement_allowed_next(case: Case) -> list[str]:
    """The enforcement actions the case type's ladder allows after the case's latest one."""
    ladder = case.case_type.enforcement_ladder or {}
    latest = (
        case.enforcement_actions.exclude(status=EnforcementAction.Status.WITHDRAWN)
        .order_by("-issued_at")
        .first()
    )
    step = latest.kind if latest else "start"
    if not ladder:
        return list(EnforcementAction.Kind.values)
    return list(ladder.get(step, []))


def enforcement_issue(
    *, case: Case, kind: str, actor, violations=(), amount_iqd=None, due_date=None, notes: str = ""
) -> EnforcementAction:
    """Issue an enforcement action, if the ladder allows it after the previous one (fines need an amount)."""
    with transaction.atomic():
        case = _locked(case)
        if not case_visible(case=case, user=actor):
            raise CaseNotFound(_("No such case."))
        if not actor.has_perm("cases.add_enforcementaction"):
            raise CaseForbidden(_("You may not issue enforcement actions."))
        if kind not in EnforcementAction.Kind.values:
            raise CaseInvalid(_("Unknown enforcement action."), code="invalid_choice")
        if kind not in enforcement_allowed_next(case):
            raise CaseConflict(_("This enforcement action cannot follow the previous one."), code="ladder")
        if kind == EnforcementAction.Kind.FINE and (amount_iqd is None or amount_iqd <= 0):
            raise CaseInvalid.for_field("amount_iqd", "required", _("A fine needs an amount in IQD."))
        violations = [v for v in violations if v.case_id == case.pk]
        action = EnforcementAction.objects.create(
            case=case, kind=kind, amount_iqd=amount_iqd, due_date=due_date, notes=notes, issued_by=actor
        )
        action.violations.set(violations)
        event_write(
            case=case,
            kind=CaseEvent.Kind.ENFORCEMENT,
            actor=actor,
            data={
                "enforcement": action.pk,
                "kind": kind,
                "amount_iqd": str(amount_iqd) if amount_iqd else None,
                "violations": [v.pk for v in violations],
            },
        )
        return action


def confidential_values(case: Case) -> dict:
    """The decrypted confidential answers, for internal use (notifications). Never shown without a check."""
    record = CaseConfidential.objects.filter(case=case).first()
    return decrypt_json(record.ciphertext) if record else {}


def confidential_read(*, case: Case, actor) -> dict:
    """Reveal the reporter's confidential answers to someone allowed to see them; the reading is logged."""
    with transaction.atomic():
        case = _locked(case)
        if not case_visible(case=case, user=actor):
            raise CaseNotFound(_("No such case."))
        if not actor.has_perm("cases.view_confidential"):
            raise CaseForbidden(_("You may not see the reporter's confidential data."))
        values = confidential_values(case)
        event_write(
            case=case, kind=CaseEvent.Kind.CONFIDENTIAL_VIEWED, actor=actor, data={"fields": sorted(values)}
        )
        return values


def attachment_open(*, case: Case, attachment_id: int, actor) -> Attachment:
    """A case file for someone who can see the case; confidential files need the permission, and opening
    one is an event. An absent or forbidden file gets the same answer."""
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None or (attachment.confidential and not actor.has_perm("cases.view_confidential")):
        raise CaseNotFound(_("No such file."))
    if attachment.confidential:
        with transaction.atomic():
            locked = _locked(case)
            event_write(
                case=locked,
                kind=CaseEvent.Kind.CONFIDENTIAL_VIEWED,
                actor=actor,
                data={"attachment": attachment.pk, "field": attachment.field},
            )
    return attachment


def sla_sweep(*, now=None) -> int:
    """Mark open cases past their due time; notify the escalation role once. Returns how many were marked."""
    from accounts.models import User
    from cases.notifications import notify_user

    now = now or timezone.now()
    due = Case.objects.filter(closed_at__isnull=True, due_at__lt=now, overdue_notified_at__isnull=True)
    count = 0
    for case_id in due.values_list("pk", flat=True)[:1000]:
        with transaction.atomic():
            case = Case.objects.select_for_update().select_related("case_type__workflow").get(pk=case_id)
            if case.overdue_notified_at or case.closed_at or not case.due_at or case.due_at >= now:
                continue
            case.overdue_notified_at = now
            case.save(update_fields=["overdue_notified_at"])
            event_write(case=case, kind=CaseEvent.Kind.SLA, data={"due_at": case.due_at.isoformat()})
            role = case.case_type.escalation_role
            if role:
                for user in User.objects.filter(is_active=True, groups__role__key=role).distinct():
                    if case_visible(case=case, user=user):
                        notify_user(case=case, user=user, subject=OVERDUE_SUBJECT, message=OVERDUE_MESSAGE)
            count += 1
    return count


OVERDUE_SUBJECT = {"ar": "قضية متأخرة: {reference}", "en": "Overdue case: {reference}"}
OVERDUE_MESSAGE = {
    "ar": "تجاوزت القضية {reference} الوقت المسموح به في حالة «{state}».",
    "en": "Case {reference} has passed the time allowed in the state “{state}”.",
}
