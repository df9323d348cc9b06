"""The staff queues (mine, unassigned, overdue, due this week, all in my scope), bulk assignment, workload."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case as CaseWhen
from django.db.models import IntegerField, Value, When
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin

from cases import services
from cases.admin.common import QUEUE_TITLES, StaffMixin
from cases.admin.forms import (
    BulkAssignForm,
    CaseQueueFilterSet,
    person_label,
)
from cases.admin.presenters import employer_label, sla_status
from cases.errors import CaseError
from cases.models import Case
from cases.permissions import user_may_assign
from cases.selectors import (
    QUEUES,
    case_list_visible_to,
    case_search,
    cases_labelled,
    queue_cases,
    staff_in_scope,
    workload,
)
from core.i18n import localize

PRIORITY_RANK = CaseWhen(
    When(priority=Case.Priority.URGENT, then=Value(4)),
    When(priority=Case.Priority.HIGH, then=Value(3)),
    When(priority=Case.Priority.NORMAL, then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)


class SLAColumn(Column):
    cell_template_name = "cases/staff/cells/sla.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["sla"] = sla_status(instance)
        return context


class SelectColumn(Column):
    """A checkbox per case, for bulk assignment (the form is outside the table)."""

    cell_template_name = "cases/staff/cells/select.html"
    header_template_name = "cases/staff/cells/select_header.html"


class CaseQueueView(StaffMixin, BaseListingView):
    template_name = "cases/staff/queue.html"
    results_template_name = "cases/staff/queue_results.html"
    filterset_class = CaseQueueFilterSet
    is_searchable = True
    default_ordering = "-opened_at"
    paginate_by = 25
    header_icon = "folder-inverse"
    verbose_name = gettext_lazy("case")
    verbose_name_plural = gettext_lazy("cases")

    def dispatch_allowed(self, request, *args, **kwargs):
        if kwargs.get("queue") not in QUEUES:
            raise Http404
        return super().dispatch_allowed(request, *args, **kwargs)

    @property
    def queue(self) -> str:
        return self.kwargs["queue"]

    def get_page_title(self):
        return QUEUE_TITLES[self.queue]

    def get_index_url(self):
        return reverse("ecms_cases:queue", args=[self.queue])

    def get_index_results_url(self):
        return reverse("ecms_cases:queue_results", args=[self.queue])

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    @cached_property
    def columns(self):
        columns = [
            TitleColumn(
                "reference",
                label=_("Reference"),
                sort_key="reference",
                get_url=lambda case: reverse("ecms_cases:detail", args=[case.reference]),
                classname="ecms-nowrap",
            ),
            Column("case_type", label=_("Type"), accessor=lambda case: localize(case.case_type.name)),
            Column("state", label=_("State"), accessor="state_label"),
            Column(
                "governorate",
                label=_("Governorate"),
                accessor=lambda c: localize(getattr(c.governorate, "name", "")),
            ),
            Column(
                "establishment",
                label=_("Establishment"),
                accessor=employer_label,
            ),
            Column(
                "assignee",
                label=_("Assigned to"),
                accessor=lambda c: person_label(c.assignee) if c.assignee else _("Nobody"),
            ),
            Column(
                "priority", label=_("Priority"), accessor="get_priority_display", sort_key="priority_rank"
            ),
            SLAColumn("due_at", label=_("Due"), sort_key="due_at"),
            DateColumn("opened_at", label=_("Opened"), sort_key="opened_at"),
        ]
        if user_may_assign(self.request.user):
            columns.insert(0, SelectColumn("select", label=_("Select")))
        return columns

    def get_base_queryset(self):
        return queue_cases(user=self.request.user, queue=self.queue).annotate(priority_rank=PRIORITY_RANK)

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        ordering = self.ordering or self.default_ordering
        return queryset.order_by(ordering, "-pk" if ordering.startswith("-") else "pk")

    def search_queryset(self, queryset):
        return case_search(queryset, self.search_query)

    def get_table(self, object_list):
        return super().get_table(cases_labelled(object_list, language=translation.get_language()))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        user = self.request.user
        context.update(queue=self.queue, queue_titles=QUEUE_TITLES, may_assign=user_may_assign(user))
        if context["may_assign"]:
            context["assign_people"] = staff_in_scope(user=user)
        return context


class BulkAssignView(StaffMixin, View):
    """Assign the selected cases of a queue to one person (supervisors). Each case goes through the
    service; cases the person cannot work on are reported, the others are assigned."""

    def post(self, request, queue: str):
        if not user_may_assign(request.user):
            raise PermissionDenied
        form = BulkAssignForm(
            request.POST,
            cases=case_list_visible_to(user=request.user),
            people=staff_in_scope(user=request.user),
        )
        back = reverse("ecms_cases:queue", args=[queue if queue in QUEUES else "all"])
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(back)
        assignee, done, refused = form.cleaned_data["assignee"], [], []
        for case in form.cleaned_data["cases"]:
            try:
                services.case_assign(case=case, assignee=assignee, actor=request.user)
                done.append(case.reference)
            except CaseError as error:
                refused.append(f"{case.reference}: {error.message}")
        if done:
            messages.success(
                request,
                _("%(count)s case(s) assigned to %(person)s: %(references)s")
                % {"count": len(done), "person": person_label(assignee), "references": ", ".join(done)},
            )
        for line in refused:
            messages.error(request, line)
        return HttpResponseRedirect(back)


class WorkloadView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cases/staff/workload.html"
    page_title = gettext_lazy("Workload")
    header_icon = "group"

    def dispatch_allowed(self, request, *args, **kwargs):
        if not user_may_assign(request.user):
            raise PermissionDenied
        return super().dispatch_allowed(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = workload(user=self.request.user)
        return context
