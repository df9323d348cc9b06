"""What every staff case screen shares: the permission to work cases, the scoped case lookup (a case out
of scope is "not found", like one that does not exist), the queue titles."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case
from cases.permissions import user_may_work_cases
from cases.selectors import case_get_by_reference
from core.views import admin_forbidden

QUEUE_TITLES = {
    "mine": gettext_lazy("My cases"),
    "unassigned": gettext_lazy("Unassigned in my scope"),
    "overdue": gettext_lazy("Overdue"),
    "due_soon": gettext_lazy("Due this week"),
    "violations_overdue": gettext_lazy("Violations past their deadline"),
    "all": gettext_lazy("All cases in my scope"),
}


class StaffMixin:
    """Staff screens need the case permission; the case itself is found through the scoped selector, so a
    case outside the user's scope is 'not found', exactly like one that does not exist. A refusal is a 403
    page, never a silent redirect: someone posting a step they were not offered is told no."""

    def dispatch(self, request, *args, **kwargs):
        try:
            if not user_may_work_cases(request.user):
                raise PermissionDenied
            return self.dispatch_allowed(request, *args, **kwargs)
        except PermissionDenied:
            return admin_forbidden(request)

    def dispatch_allowed(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_case(self) -> Case:
        case = case_get_by_reference(user=self.request.user, reference=self.kwargs["reference"])
        if case is None:
            raise Http404(_("No such case."))
        return case

    def case_url(self, case) -> str:
        return reverse("ecms_cases:detail", args=[case.reference])
