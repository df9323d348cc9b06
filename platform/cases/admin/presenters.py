"""How the staff screens show a case: employer, SLA badge, the timeline as items, revealed answers."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.admin.forms import person_label
from cases.models import Case, CaseEvent, EnforcementAction, Violation
from cases.primitives.verification import OUTCOMES
from cases.selectors import (
    DUE_SOON_DAYS,
    LATENESS_KEY,
    case_timeline,
    satisfaction_options,
    state_labels,
)
from core.i18n import localize
from forms_builder.models import FormVersion
from forms_builder.rendering import summary

CHANNELS = dict(Case.Channel.choices)


def enforcement_text(data: dict) -> str:
    """An enforcement event in the timeline: the kind, its notice number, the status it reached."""
    parts = [dict(EnforcementAction.Kind.choices).get(data.get("kind"), data.get("kind", ""))]
    if data.get("notice_number"):
        parts.append(data["notice_number"])
    if data.get("status"):
        parts.append(str(dict(EnforcementAction.Status.choices).get(data["status"], data["status"])))
    return " — ".join(str(p) for p in parts if p)


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


def _event_author(data: dict) -> str:
    """Who wrote an event without a staff actor: the person who reported (from tracking), or the system."""
    return _("The person who reported") if data.get("by") == "reporter" else _("The system")


def _violation_text(data: dict) -> str:
    """A violation event: its new status, or what a visit found of it (e.g. could not be verified)."""
    if data.get("status"):
        status = dict(Violation.Status.choices).get(data["status"], data["status"])
        return _("Violation status: %(status)s") % {"status": status}
    if data.get("outcome"):
        outcome = OUTCOMES.get(data["outcome"], data["outcome"])
        return _("Violation checked at %(visit)s: %(outcome)s") % {
            "visit": data.get("visit", ""),
            "outcome": outcome,
        }
    return ""


def _establishment_text(data: dict) -> str:
    if data.get("to"):
        return _("Linked to %(name)s") % {"name": data["to_name"]}
    return _("No longer linked to %(name)s") % {"name": data.get("from_name") or "—"}


def escalation_text(data: dict) -> str:
    """An ``escalated`` event: the level, who was told (or that no one could be), a hand-over."""
    if data.get("nobody"):
        text = _("Level %(level)s: no one to escalate to") % {"level": data.get("level")}
    else:
        text = _("Level %(level)s: %(people)s told") % {
            "level": data.get("level"),
            "people": ", ".join(data.get("notified") or []),
        }
    if data.get("reassigned_to"):
        text += " — " + _("assigned to %(person)s") % {"person": data["reassigned_to"]}
    return text


_EVENT_TEXTS = {CaseEvent.Kind.ESTABLISHMENT: _establishment_text, CaseEvent.Kind.ESCALATED: escalation_text}


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
            "actor": person_label(event.actor) if event.actor else _event_author(data),
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
        elif event.kind in (CaseEvent.Kind.ENFORCEMENT, CaseEvent.Kind.ENFORCEMENT_OUTCOME):
            item["text"] = enforcement_text(data)
        elif event.kind == CaseEvent.Kind.VIOLATION:
            item["text"] = _violation_text(data)
        elif event.kind == CaseEvent.Kind.CREATED:
            item["text"] = _("%(state)s — through: %(channel)s") % {
                "state": labels.get((case.case_type.workflow_id, data.get("state")), ""),
                "channel": CHANNELS.get(data.get("channel"), data.get("channel") or ""),
            }
        elif event.kind in (CaseEvent.Kind.ESTABLISHMENT, CaseEvent.Kind.ESCALATED):
            item["text"] = _EVENT_TEXTS[event.kind](data)
        item.update(_voice(event, case, labels, language) or {})
        item["comment"] = data.get("comment") or data.get("text") or data.get("note") or ""
        form = data.get("form")
        if isinstance(form, dict) and (form.get("key"), form.get("version")) in versions:
            item["answers"] = summary(
                versions[(form["key"], form["version"])], form.get("data") or {}, language
            )
        items.append(item)
    return items


def _voice(event, case: Case, labels: dict, language: str) -> dict | None:
    """A reopening, the reporter's satisfaction, an earlier case reopened by this one: their timeline text."""
    data, workflow = event.data or {}, case.case_type.workflow_id
    if event.kind == CaseEvent.Kind.REOPENED:
        text = _(
            "Reopened after the decision on %(reference)s: %(from)s → %(to)s (the outcome was: %(outcome)s)"
        )
        values = {
            "from": labels.get((workflow, data.get("from")), data.get("from")),
            "to": labels.get((workflow, data.get("to")), data.get("to")),
        }
        return {
            "text": text
            % {**values, "reference": data.get("by_case", ""), "outcome": data.get("outcome_was") or "—"}
        }
    if event.kind == CaseEvent.Kind.SATISFACTION:
        options = dict(satisfaction_options(case_type=case.case_type, language=language))
        answer = options.get(data.get("answer"), data.get("answer"))
        return {"actor": _("The reporter"), "text": _("Satisfaction: %(answer)s") % {"answer": answer}}
    if event.kind == CaseEvent.Kind.UPDATED and data.get("parent_reopened"):
        return {
            "text": _("The earlier case %(reference)s was reopened") % {"reference": data["parent_reopened"]}
        }
    return None


def revealed_rows(case: Case, values: dict, language: str) -> list:
    """The revealed answers, labelled and shown by their field type (repeat groups and files included)."""
    return case.form_version.spec.labelled(dict(sorted(values.items())), language)
