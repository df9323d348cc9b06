"""A case as staff see it, whatever the screen (the admin page, the API, the printable report): the one
place that decides what of a case a reader is shown."""

from dataclasses import dataclass, field

from cases.models import Attachment, Case, CaseConfidential, CaseEvent, EnforcementAction, Violation
from cases.selectors.search import cases_labelled
from cases.selectors.visibility import case_list_visible_to, case_visible
from forms_builder.rendering import summary


@dataclass
class CaseDetail:
    case: Case
    state_label: str
    #: The answers as readable sections [{"title", "rows": [{"label", "value", "heading"}]}], rendered by the
    #: case's own form version; confidential answers are never among them (they are revealed apart).
    sections: list[dict]
    attachments: list[Attachment] = field(default_factory=list)
    confidential_attachments: list[Attachment] = field(default_factory=list)
    has_confidential: bool = False
    violations: list[Violation] = field(default_factory=list)
    enforcement_actions: list[EnforcementAction] = field(default_factory=list)
    #: The case it was opened from and the cases opened from it, as far as the reader may see them.
    parent: Case | None = None
    children: list[Case] = field(default_factory=list)
    #: Whether the report came after its legal delay, as computed on opening (``notification_lateness``).
    lateness: dict | None = None


#: The key of a timeline event's data recording whether a report came after its legal delay
#: (the ``flag_late_notification`` action writes it; the case page and statistics read it).
LATENESS_KEY = "late_notification"


def notification_lateness(case: Case) -> dict | None:
    """{"late", "delay_hours", "allowed_hours"} as last computed for ``case``, or None if never checked."""
    event = (
        case.events.filter(kind=CaseEvent.Kind.UPDATED, data__has_key=LATENESS_KEY)
        .order_by("-sequence")
        .first()
    )
    if event is None:
        return None
    return {
        "late": bool(event.data[LATENESS_KEY]),
        "delay_hours": event.data.get("delay_hours"),
        "allowed_hours": event.data.get("allowed_hours"),
    }


def public_sections(case: Case, language: str) -> list[dict]:
    """The case's answers as sections of rows, without any confidential row."""
    sections = []
    for section in summary(case.form_version, case.data or {}, language):
        rows = [row for row in section["rows"] if not row.get("confidential")]
        if rows:
            sections.append({**section, "rows": rows})
    return sections


def case_detail(*, case: Case, user, language: str) -> CaseDetail:
    """Everything a reader who may see ``case`` is shown of it (the caller found it through a scoped
    selector), in a fixed number of queries."""
    attachments = list(case.attachments.all())
    parent = case.parent if case.parent_id and case_visible(case=case.parent, user=user) else None
    return CaseDetail(
        case=case,
        state_label=cases_labelled([case], language=language)[0].state_label,
        sections=public_sections(case, language),
        attachments=[a for a in attachments if not a.confidential],
        confidential_attachments=[a for a in attachments if a.confidential],
        has_confidential=CaseConfidential.objects.filter(case=case).exists(),
        violations=list(
            case.violations.select_related("provision__instrument", "verified_in", "verified_by")
        ),
        enforcement_actions=list(
            case.enforcement_actions.select_related("issued_by", "proposed_by").prefetch_related(
                "violations", "outcomes__actor"
            )
        ),
        parent=parent,
        children=list(case_list_visible_to(user=user, queryset=case.children.all())),
        lateness=notification_lateness(case),
    )
