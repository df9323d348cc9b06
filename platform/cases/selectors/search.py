"""Case search and filters, shared by the API and the staff queues, and the state labels lists show."""

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from cases.errors import CaseInvalid
from cases.models import Case, CaseType, WorkflowState
from core.i18n import localize


def state_labels(*, workflow_ids, language: str, public: bool = False) -> dict:
    """{(workflow id, state key): label} for the given workflows, in one query."""
    labels = {}
    for state in WorkflowState.objects.filter(workflow_id__in=set(workflow_ids)):
        labels[(state.workflow_id, state.key)] = localize(
            state.public_label if public else state.label, language
        )
    return labels


FILTER_FIELDS = {
    "state": "state",
    "governorate": "governorate__code",
    "priority": "priority",
}


def _truthy(value) -> bool:
    return str(value).lower() in {"1", "true", "yes", "on"}


def _filter_assignee(queryset: QuerySet, assignee: str, user) -> QuerySet:
    if assignee == "me":
        return queryset.filter(assignee=user)
    if assignee == "none":
        return queryset.filter(assignee__isnull=True)
    return queryset.filter(assignee__username=assignee)


def _filter_dates(queryset: QuerySet, params) -> QuerySet:
    for param, lookup in (
        ("opened_after", "opened_at__date__gte"),
        ("opened_before", "opened_at__date__lte"),
    ):
        if params.get(param):
            try:
                day = parse_date(str(params[param]))
            except ValueError:  # well formed but impossible, e.g. 2026-13-45
                day = None
            if day is None:
                message = _("Enter a valid date (YYYY-MM-DD).")
                raise CaseInvalid.for_field(param, "invalid", message)
            queryset = queryset.filter(**{lookup: day})
    return queryset


def overdue(queryset: QuerySet) -> QuerySet:
    return queryset.filter(closed_at__isnull=True, due_at__lt=timezone.now())


def case_filter(queryset: QuerySet, *, params, user) -> QuerySet:
    """Filters shared by the API and the staff queues: type, state, governorate, priority, establishment,
    assignee (a username, "me" or "none"), overdue, open, opened_after/before, q (reference or employer)."""
    if params.get("type"):
        # By id, not through a join on the key: the planner can then walk the list index in order.
        type_ids = list(CaseType.objects.filter(key=params["type"]).values_list("pk", flat=True))
        queryset = queryset.filter(case_type_id__in=type_ids)
    for param, lookup in FILTER_FIELDS.items():
        if params.get(param):
            queryset = queryset.filter(**{lookup: params[param]})
    if params.get("establishment"):
        if not str(params["establishment"]).isdigit():
            message = _("Enter a whole number.")
            raise CaseInvalid.for_field("establishment", "invalid", message)
        queryset = queryset.filter(establishment_id=int(params["establishment"]))
    if params.get("assignee"):
        queryset = _filter_assignee(queryset, params["assignee"], user)
    if _truthy(params.get("overdue", "")):
        queryset = overdue(queryset)
    if params.get("open") not in (None, ""):
        queryset = queryset.filter(closed_at__isnull=_truthy(params["open"]))
    queryset = _filter_dates(queryset, params)
    return case_search(queryset, params.get("q"))


def case_search(queryset: QuerySet, query) -> QuerySet:
    """Cases matching a staff search (the API's ``q`` and the queues' search box): the reference, the
    establishment's names or registration number, the employer's name as reported, or any answer."""
    query = str(query or "").strip()[:100]
    if not query:
        return queryset
    return queryset.annotate(data_text=Cast("data", TextField())).filter(
        Q(reference__icontains=query)
        | Q(establishment__name__icontains=query)
        | Q(establishment__name_en__icontains=query)
        | Q(establishment__registration_number__iexact=query)
        | Q(employer_name__icontains=query)
        | Q(data_text__icontains=query)
    )


def cases_labelled(cases, *, language: str, public: bool = False) -> list[Case]:
    """The cases, each with ``state_label`` set in ``language`` (one query for all their workflows): what
    every list and page of cases shows for a state."""
    cases = list(cases)
    labels = state_labels(
        workflow_ids={case.case_type.workflow_id for case in cases}, language=language, public=public
    )
    for case in cases:
        case.state_label = labels.get((case.case_type.workflow_id, case.state), case.state)
    return cases
