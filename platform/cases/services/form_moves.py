"""Moving open cases to a newer version of their intake form, explicitly and case by case.

Publishing a form never changes a case: each keeps the version it was made with. An administrator may move
the open cases to the version published now: answers are carried by key (renames declared old → new), each
case is validated against the new version, and one that would not be valid stays where it is, with the
reasons. A case that moves gets a ``form_migrated`` event that records the versions, the renames and any
answer the new version has no field for (kept in the event: nothing is lost), and the new data's digest for
the audit chain.
Answers kept apart (confidential fields) and attached files stay as they are, under their keys.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from cases.audit import data_digest, event_write
from cases.errors import CaseInvalid
from cases.models import Case, CaseEvent
from forms_builder.selectors import form_version_current
from forms_builder.validation import validate


@dataclass
class CaseMove:
    case: Case
    from_number: int
    moved: bool = False
    problems: list[str] = field(default_factory=list)  # why it cannot move, in the reader's language
    dropped: list[str] = field(default_factory=list)  # answers the new version has no field for


def renames_parse(text: str) -> dict[str, str]:
    """Renames as the administrator writes them, one per line: ``old_key = new_key`` (or ``old -> new``)."""
    renames = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        old, sep, new = line.replace("->", "=").partition("=")
        old, new = old.strip(), new.strip()
        if not sep or not old or not new:
            raise CaseInvalid.for_field(
                "renames", "invalid", _("Line %(n)s: write a rename as old_key = new_key.") % {"n": number}
            )
        renames[old] = new
    return renames


def _renames_checked(version, renames: dict[str, str]) -> None:
    fields = version.ui["fields"]
    for new in renames.values():
        if new not in fields:
            raise CaseInvalid.for_field(
                "renames",
                "invalid",
                _("%(new)s is not a field of version %(n)s.") % {"new": new, "n": version.number},
            )
        if fields[new].get("confidential"):
            raise CaseInvalid.for_field(
                "renames",
                "invalid",
                _("%(new)s is confidential: its answers are kept apart and cannot be renamed by a move.")
                % {"new": new},
            )


def _open_cases(form_key: str, target):
    return (
        Case.objects.filter(
            closed_at__isnull=True,
            form_version__definition__key=form_key,
            form_version__number__lt=target.number,
        )
        .select_related("form_version", "case_type")
        .order_by("form_version__number", "opened_at", "pk")
    )


def _kept_apart(spec: dict) -> bool:
    return bool(spec.get("confidential")) or spec.get("type") in ("file",)


def _plan_one(case: Case, target, renames: dict[str, str], language: str) -> tuple[CaseMove, dict]:
    move = CaseMove(case=case, from_number=case.form_version.number)
    fields = target.ui["fields"]
    data = {}
    for key, value in (case.data or {}).items():
        new_key = renames.get(key, key)
        if new_key in fields:
            data[new_key] = value  # a file's answer is its attachment's reference: the file stays attached
        else:
            move.dropped.append(key)
    result = validate(target, data, {}, language)
    for path, errors in result.errors.items():
        spec = fields.get(path.split(".")[0]) or {}
        if _kept_apart(spec):
            continue
        label = str((spec.get("label") or {}).get(language) or path)
        move.problems += [f"{label} ({path}): {error.message}" for error in errors]
    return move, data


def form_cases_move(*, form_key: str, renames: dict[str, str], actor, language: str, apply: bool) -> list:
    """Check (``apply=False``) or move the open cases of ``form_key`` made on earlier versions to the version
    published now. Returns one ``CaseMove`` per case; only those without problems move, each in its own
    transaction (a failure half-way leaves each case either moved with its event or untouched)."""
    target = form_version_current(key=form_key)
    if target is None:
        raise CaseInvalid(_("This form has no published version."))
    _renames_checked(target, renames)
    moves = []
    for case in _open_cases(form_key, target):
        move, data = _plan_one(case, target, renames, language)
        moves.append(move)
        if apply and not move.problems:
            _move(case, target, data, move, renames, actor)
    return moves


def _move(case: Case, target, data: dict, move: CaseMove, renames: dict, actor) -> None:
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        if locked.form_version_id != case.form_version_id or locked.closed_at:
            move.problems.append(_("The case changed while it was being moved; try again."))
            return
        dropped = {key: (locked.data or {}).get(key) for key in move.dropped}
        locked.data, locked.form_version = data, target
        locked.save(update_fields=["data", "form_version"])
        event_write(
            case=locked,
            kind=CaseEvent.Kind.FORM_MIGRATED,
            actor=actor,
            data={
                "from_version": move.from_number,
                "to_version": target.number,
                "renamed": {k: v for k, v in renames.items() if k in (case.data or {})},
                "dropped": dropped,
                "data_digest": data_digest(data),
            },
        )
        move.moved = True
