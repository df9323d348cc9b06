"""What the person who reported may do and read on the tracking page: the steps open to them in the case's
current state, and the exchange with the staff (the questions and reasons shown to them, their answers)."""

from cases.models import Case, CaseEvent, WorkflowTransition
from core.i18n import localize


def reporter_steps(case: Case) -> list[WorkflowTransition]:
    """The steps the reporter may take now (``by_reporter``), in the workflow's order."""
    steps = WorkflowTransition.objects.filter(workflow_id=case.case_type.workflow_id, by_reporter=True)
    return [step for step in steps if case.state in step.from_state_keys]


def reporter_messages(case: Case) -> tuple[list[dict], str]:
    """The exchange, oldest first (what the staff wrote for the reporter, what the reporter wrote), and the
    question waiting for an answer: the staff's message of the step that brought the case where it is."""
    events = case.events.filter(kind=CaseEvent.Kind.TRANSITION).order_by("sequence")
    items, last = [], {}
    for event in events:
        last = data = event.data or {}
        if data.get("comment") and (data.get("by") == "reporter" or data.get("comment_public")):
            items.append(
                {
                    "at": event.created_at,
                    "from_reporter": data.get("by") == "reporter",
                    "text": data["comment"],
                }
            )
    waiting = last.get("comment_public") and last.get("by") != "reporter" and last.get("to") == case.state
    return items, (last["comment"] if waiting else "")


def reporter_view(case: Case, language: str) -> dict:
    """For the tracking result: the steps open to the reporter now, the exchange, the question waiting."""
    messages, question = reporter_messages(case)
    return {
        "steps": [
            {"key": step.key, "label": localize(step.label, language), "text_required": step.comment_required}
            for step in reporter_steps(case)
        ],
        "messages": messages,
        "question": question,
    }
