"""Opening cases: by the public through a published form, from an earlier, closed case, by staff (their
own planned work, or a report taken by phone, at the counter or on paper). All or nothing."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import user_governorate_ids
from cases.errors import CaseConflict, CaseForbidden, CaseInvalid
from cases.models import Case, CaseType
from cases.notifications import notify_reporter
from cases.primitives.opening import OpenedCase, case_create
from cases.selectors import case_type_may_open
from forms_builder.selectors import form_version_current
from forms_builder.validation import validate

STAFF_INTAKE_SUBJECT = {"ar": "سُجّلت قضيتك برقم {reference}", "en": "Your case is registered as {reference}"}
STAFF_INTAKE_MESSAGE = {
    "ar": "سجّلت الوزارة طلبك برقم {reference}. رمز المتابعة: {tracking_code}. احتفظ بهما لمتابعة القضية "
    "على البوابة، ولا تعطِ الرمز لأحد.",
    "en": "The ministry has registered your case as {reference}. Tracking code: {tracking_code}. Keep "
    "both to follow the case on the portal, and give the code to nobody.",
}


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
        opened = case_create(
            case_type=case_type,
            version=version,
            cleaned=result.cleaned_data,
            files=result.files,
            language=language,
            actor=actor,
            channel=channel,
            parent=parent,
        )
        if within is not None:
            within(opened)
    return opened


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
    """Open a case as staff: the actor's role must be among the case type's intake roles, the channel among
    its channels, and the case's governorate in the actor's scope. A case recorded for a member of the
    public gets a tracking code, shown once to the clerk and sent to the reporter's phone or e-mail when
    given. All or nothing."""
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
