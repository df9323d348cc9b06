"""How the staff screens show a case: employer, SLA badge, the timeline as items, revealed answers."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.admin.forms import person_label
from cases.models import Case, CaseEvent, EnforcementAction, Violation
from cases.selectors import (
    DUE_SOON_DAYS,
    LATENESS_KEY,
    case_timeline,
    state_labels,
)
from core.i18n import localize
from forms_builder.models import FormVersion
from forms_builder.rendering import summary

CHANNELS = dict(Case.Channel.choices)


def establishment_name(establishment) -> str:
    """The establishment's name in the reader's language when it has one (the English name is optional)."""
    if establishment is None:
        return ""
    if translation.get_language() == "en" and establishment.name_en:
        return establishment.name_en
    return establishment.name


def employer_label(case: Case) -> str:
    """The linked registry entry's name, or the employer's name as reported (marked as not linked)."""
    if case.establishment_id:
        return establishment_name(case.establishment)
    if case.employer_name:
        return _("%(name)s (not in the registry)") % {"name": case.employer_name}
    return ""


def sla_status(case: Case, now=None) -> dict:
    """The SLA badge of a case: closed, overdue, due soon or on time (with the due time)."""
    now = now or timezone.now()
    if case.closed_at:
        return {"key": "closed", "label": _("Closed"), "due": None}
    if not case.due_at:
        return {"key": "none", "label": _("No deadline"), "due": None}
    if case.due_at < now:
        return {"key": "overdue", "label": _("Overdue"), "due": case.due_at}
    if case.due_at < now + timedelta(days=DUE_SOON_DAYS):
        return {"key": "due_soon", "label": _("Due this week"), "due": case.due_at}
    return {"key": "on_time", "label": _("On time"), "due": case.due_at}


def _event_versions(events) -> dict:
    """The form versions the timeline's step forms were filled against, in one query."""
    wanted = {
        (e.data["form"]["key"], e.data["form"]["version"])
        for e in events
        if isinstance(e.data.get("form"), dict) and "key" in e.data["form"]
    }
    if not wanted:
        return {}
    condition = Q()
    for key, number in wanted:
        condition |= Q(key=key, number=number)
    return {(v.key, v.number): v for v in FormVersion.objects.filter(condition)}


def lateness_text(data: dict) -> str:
    """Whether a report came after its legal delay, as the timeline says it."""
    values = {"delay": data.get("delay_hours"), "allowed": data.get("allowed_hours")}
    if data.get(LATENESS_KEY):
        return _("Reported late: %(delay)s hours after the event (legal delay: %(allowed)s hours)") % values
    return _("Reported on time: %(delay)s hours after the event (legal delay: %(allowed)s hours)") % values


def timeline_items(case: Case, language: str) -> list[dict]:
    """The full timeline as readable items: who, when, what (state names, comments, the step's answers)."""
    events = list(case_timeline(case=case))
    labels = state_labels(workflow_ids=[case.case_type.workflow_id], language=language)
    versions = _event_versions(events)
    transitions = {t.key: t for t in case.case_type.workflow.transitions.all()}
    items = []
    for event in events:
        data = event.data or {}
        item = {
            "event": event,
            "kind": event.get_kind_display(),
            "actor": person_label(event.actor) if event.actor else _("The system"),
            "text": lateness_text(data) if LATENESS_KEY in data else "",
            "answers": None,
        }
        if event.kind == CaseEvent.Kind.TRANSITION:
            transition_ = transitions.get(data.get("transition"))
            item["text"] = _("%(step)s: %(from)s → %(to)s") % {
                "step": localize(transition_.label, language) if transition_ else data.get("transition"),
                "from": labels.get((case.case_type.workflow_id, data.get("from")), data.get("from")),
                "to": labels.get((case.case_type.workflow_id, data.get("to")), data.get("to")),
            }
        elif event.kind == CaseEvent.Kind.ASSIGNMENT:
            item["text"] = _("Assigned to %(person)s") % {"person": data.get("to") or _("nobody")}
        elif event.kind == CaseEvent.Kind.ENFORCEMENT:
            item["text"] = dict(EnforcementAction.Kind.choices).get(data.get("kind"), data.get("kind", ""))
        elif event.kind == CaseEvent.Kind.VIOLATION and data.get("status"):
            status = dict(Violation.Status.choices).get(data["status"], data["status"])
            item["text"] = _("Violation status: %(status)s") % {"status": status}
        elif event.kind == CaseEvent.Kind.CREATED:
            item["text"] = _("%(state)s — through: %(channel)s") % {
                "state": labels.get((case.case_type.workflow_id, data.get("state")), ""),
                "channel": CHANNELS.get(data.get("channel"), data.get("channel") or ""),
            }
        elif event.kind == CaseEvent.Kind.ESTABLISHMENT:
            item["text"] = (
                _("Linked to %(name)s") % {"name": data["to_name"]}
                if data.get("to")
                else _("No longer linked to %(name)s") % {"name": data.get("from_name") or "—"}
            )
        item["comment"] = data.get("comment") or data.get("text") or data.get("note") or ""
        form = data.get("form")
        if isinstance(form, dict) and (form.get("key"), form.get("version")) in versions:
            item["answers"] = summary(
                versions[(form["key"], form["version"])], form.get("data") or {}, language
            )
        items.append(item)
    return items


def revealed_rows(case: Case, values: dict, language: str) -> list:
    """The revealed answers, labelled and shown by their field type (repeat groups and files included)."""
    return case.form_version.spec.labelled(dict(sorted(values.items())), language)
