"""Staff case screens in the Wagtail admin: queues, case detail, transitions (their forms as wizards),
assignment, comments, violations, enforcement, confidential data, workload and printable documents.

Views only collect input and show results: every read goes through ``cases.selectors`` (scoped by role
and governorate), every change through ``cases.services``.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case as CaseWhen
from django.db.models import IntegerField, Q, TextField, Value, When
from django.db.models.functions import Cast
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin

from accounts.selectors import user_governorate_ids
from cases import services
from cases.errors import CaseError, CaseNotFound
from cases.models import Case, CaseConfidential, CaseEvent, EnforcementAction, Violation
from cases.selectors import (
    DUE_SOON_DAYS,
    QUEUES,
    assignee_candidates,
    case_get_by_reference,
    case_list_visible_to,
    case_timeline,
    case_visible,
    queue_cases,
    state_labels,
    transitions_available,
    user_may_take_case,
    workload,
)
from cases.staff_forms import (
    AssignForm,
    BulkAssignForm,
    CaseQueueFilterSet,
    CommentForm,
    EnforcementForm,
    EstablishmentLinkForm,
    EstablishmentRegisterForm,
    TransitionForm,
    ViolationStatusForm,
    person_label,
)
from core.i18n import localize
from core.views import admin_forbidden
from forms_builder import fieldtypes
from forms_builder.models import FormVersion
from forms_builder.rendering import summary
from forms_builder.selectors import form_version_current
from forms_builder.wizard import REVIEW_STEP, FormWizardView, ReviewForm

CHANNELS = dict(Case.Channel.choices)
QUEUE_TITLES = {
    "mine": gettext_lazy("My cases"),
    "unassigned": gettext_lazy("Unassigned in my scope"),
    "overdue": gettext_lazy("Overdue"),
    "due_soon": gettext_lazy("Due this week"),
    "all": gettext_lazy("All cases in my scope"),
}
PRIORITY_RANK = CaseWhen(
    When(priority=Case.Priority.URGENT, then=Value(4)),
    When(priority=Case.Priority.HIGH, then=Value(3)),
    When(priority=Case.Priority.NORMAL, then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)


def may_work_cases(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("cases.view_case"))


def may_change_violations(user) -> bool:
    return user.is_superuser or user.has_perm("cases.change_violation")


def may_assign(user) -> bool:
    return user.is_superuser or user.has_perm("cases.bulk_assign")


class StaffMixin:
    """Staff screens need the case permission; the case itself is found through the scoped selector, so a
    case outside the user's scope is 'not found', exactly like one that does not exist. A refusal is a 403
    page, never a silent redirect: someone posting a step they were not offered is told no."""

    def dispatch(self, request, *args, **kwargs):
        try:
            if not may_work_cases(request.user):
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


# --- queues ------------------------------------------------------------------


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
        if may_assign(self.request.user):
            columns.insert(0, SelectColumn("select", label=_("Select")))
        return columns

    def get_base_queryset(self):
        return queue_cases(user=self.request.user, queue=self.queue).annotate(priority_rank=PRIORITY_RANK)

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        ordering = self.ordering or self.default_ordering
        return queryset.order_by(ordering, "-pk" if ordering.startswith("-") else "pk")

    def search_queryset(self, queryset):
        query = (self.search_query or "").strip()[:100]
        if not query:
            return queryset
        return queryset.annotate(data_text=Cast("data", TextField())).filter(
            Q(reference__icontains=query)
            | Q(establishment__name__icontains=query)
            | Q(establishment__registration_number__iexact=query)
            | Q(employer_name__icontains=query)
            | Q(data_text__icontains=query)
        )

    def get_table(self, object_list):
        cases = list(object_list)
        labels = state_labels(
            workflow_ids={case.case_type.workflow_id for case in cases}, language=translation.get_language()
        )
        for case in cases:
            case.state_label = labels.get((case.case_type.workflow_id, case.state), case.state)
        return super().get_table(cases)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        user = self.request.user
        context.update(queue=self.queue, queue_titles=QUEUE_TITLES, may_assign=may_assign(user))
        if context["may_assign"]:
            from cases.selectors import staff_in_scope

            context["assign_people"] = staff_in_scope(user=user)
        return context


class BulkAssignView(StaffMixin, View):
    """Assign the selected cases of a queue to one person (supervisors). Each case goes through the
    service; cases the person cannot work on are reported, the others are assigned."""

    def post(self, request, queue: str):
        if not may_assign(request.user):
            raise PermissionDenied
        from cases.selectors import staff_in_scope

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
        if not may_assign(request.user):
            raise PermissionDenied
        return super().dispatch_allowed(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = workload(user=self.request.user)
        return context


# --- case detail ------------------------------------------------------------------


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
            "text": "",
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


class CaseDetailView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cases/staff/detail.html"
    header_icon = "folder-open-inverse"

    def get_page_title(self):
        return self.case.reference

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("ecms_cases:queue", args=["all"]), "label": QUEUE_TITLES["all"]},
            {"url": "", "label": self.case.reference},
        ]

    def dispatch_allowed(self, request, *args, **kwargs):
        self.case = self.get_case()
        return super().dispatch_allowed(request, *args, **kwargs)

    def get_context_data(self, revealed=None, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        case, user, language = self.case, self.request.user, translation.get_language()
        forms = forms or {}
        labels = state_labels(workflow_ids=[case.case_type.workflow_id], language=language)
        attachments = list(case.attachments.all())
        allowed_next = services.enforcement_allowed_next(case)
        may_enforce = user.is_superuser or user.has_perm("cases.add_enforcementaction")
        violations = list(case.violations.select_related("provision__instrument"))
        context.update(
            case=case,
            state_label=labels.get((case.case_type.workflow_id, case.state), case.state),
            sla=sla_status(case),
            establishment_label=establishment_name(case.establishment),
            sections=summary(case.form_version, case.data, language),
            timeline=timeline_items(case, language),
            transitions=[
                {"transition": t, "label": localize(t.label, language)}
                for t in transitions_available(case=case, user=user)
            ],
            attachments=[a for a in attachments if not a.confidential],
            confidential_attachments=[a for a in attachments if a.confidential],
            may_reveal=user.is_superuser or user.has_perm("cases.view_confidential"),
            revealed=revealed,
            violations=violations,
            enforcement_actions=list(
                case.enforcement_actions.select_related("issued_by").prefetch_related("violations")
            ),
            may_enforce=may_enforce and bool(allowed_next),
            enforcement_form=forms.get("enforcement") or EnforcementForm(case=case, allowed=allowed_next),
            may_assign=may_assign(user),
            assign_form=forms.get("assign")
            or AssignForm(candidates=assignee_candidates(case=case), initial={"assignee": case.assignee_id}),
            comment_form=forms.get("comment") or CommentForm(),
            violation_status_form=ViolationStatusForm(),
            may_change_violations=may_change_violations(user),
            parent=case.parent if case.parent_id and case_visible(case=case.parent, user=user) else None,
            children=list(case_list_visible_to(user=user, queryset=case.children.all())),
            has_confidential=CaseConfidential.objects.filter(case=case).exists(),
            may_take=case.assignee_id != user.pk and user_may_take_case(user=user, case=case),
            employer=employer_label(case),
            establishment_form=forms.get("establishment")
            or EstablishmentLinkForm(governorate_ids=user_governorate_ids(user=user)),
            may_register_establishment=not case.establishment_id
            and bool(case.employer_name)
            and (user.is_superuser or user.has_perm("registry.add_establishment")),
            channel_label=CHANNELS.get(case.channel, case.channel),
        )
        return context


class CaseActionView(StaffMixin, View):
    """A POST on the case page: run one service, then go back to the case (or show the page with errors)."""

    form_name = ""

    def post(self, request, reference: str, **kwargs):
        self.case = self.get_case()
        try:
            response = self.act(request)
        except CaseError as error:
            messages.error(request, error.message)
            for item in error.errors or []:
                if item.get("field") and item.get("message") != error.message:
                    messages.error(request, f"{item['field']}: {item['message']}")
            return HttpResponseRedirect(self.case_url(self.case))
        return response or HttpResponseRedirect(self.case_url(self.case))

    def invalid(self, form):
        view = CaseDetailView(request=self.request, kwargs=self.kwargs, args=())
        view.case = self.case
        context = view.get_context_data(forms={self.form_name: form})
        return render(self.request, view.template_name, context, status=400)


class CaseCommentView(CaseActionView):
    form_name = "comment"

    def act(self, request):
        form = CommentForm(request.POST)
        if not form.is_valid():
            return self.invalid(form)
        services.case_comment(case=self.case, actor=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Comment added."))
        return None


class CaseAssignView(CaseActionView):
    form_name = "assign"

    def act(self, request):
        if not may_assign(request.user):
            raise PermissionDenied
        form = AssignForm(request.POST, candidates=assignee_candidates(case=self.case))
        if not form.is_valid():
            return self.invalid(form)
        assignee = form.cleaned_data["assignee"]
        services.case_assign(case=self.case, assignee=assignee, actor=request.user)
        if assignee:
            messages.success(request, _("Assigned to %(person)s.") % {"person": person_label(assignee)})
        else:
            messages.success(request, _("The case is no longer assigned."))
        return None


class CaseTakeView(CaseActionView):
    """ "Assign to me": for anyone who can work on the case."""

    def act(self, request):
        services.case_assign(case=self.case, assignee=request.user, actor=request.user)
        messages.success(request, _("The case is assigned to you."))


class CaseEstablishmentView(CaseActionView):
    """Link the case to a registry entry, change the link, or unlink it."""

    form_name = "establishment"

    def act(self, request):
        if request.POST.get("unlink"):
            services.case_set_establishment(case=self.case, establishment=None, actor=request.user)
            messages.success(request, _("The case is no longer linked to an establishment."))
            return None
        form = EstablishmentLinkForm(request.POST, governorate_ids=user_governorate_ids(user=request.user))
        if not form.is_valid():
            return self.invalid(form)
        establishment = form.cleaned_data["establishment"]
        services.case_set_establishment(case=self.case, establishment=establishment, actor=request.user)
        messages.success(request, _("Linked to %(name)s.") % {"name": establishment_name(establishment)})
        return None


class CaseEstablishmentRegisterView(CaseActionView):
    """Add the employer the case names to the registry (an unregistered workplace) and link the case."""

    def act(self, request):
        form = EstablishmentRegisterForm(request.POST)
        if not form.is_valid():
            raise CaseError(_("Enter the establishment's name."))
        services.establishment_register_from_case(case=self.case, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The establishment is added to the registry and the case linked to it."))


class CaseEnforcementView(CaseActionView):
    form_name = "enforcement"

    def act(self, request):
        if not (request.user.is_superuser or request.user.has_perm("cases.add_enforcementaction")):
            raise PermissionDenied
        form = EnforcementForm(
            request.POST, case=self.case, allowed=services.enforcement_allowed_next(self.case)
        )
        if not form.is_valid():
            return self.invalid(form)
        data = form.cleaned_data
        action = services.enforcement_issue(
            case=self.case,
            kind=data["kind"],
            actor=request.user,
            violations=list(data["violations"]),
            amount_iqd=data.get("amount_iqd"),
            due_date=data.get("due_date"),
            notes=data.get("notes", ""),
        )
        messages.success(request, _("%(action)s issued.") % {"action": action.get_kind_display()})
        return None


class ViolationStatusView(CaseActionView):
    def act(self, request):
        if not may_change_violations(request.user):
            raise PermissionDenied
        violation = self.case.violations.filter(pk=self.kwargs["violation_id"]).first()
        if violation is None:
            raise CaseNotFound(_("No such violation."))
        form = ViolationStatusForm(request.POST)
        if not form.is_valid():
            raise CaseError(_("Choose a valid status."))
        services.violation_set_status(
            violation=violation,
            status=form.cleaned_data["status"],
            actor=request.user,
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Violation updated."))


class CaseRevealView(CaseActionView):
    """Show the reporter's confidential answers, once, after an explicit request that is logged."""

    def act(self, request):
        if not (request.user.is_superuser or request.user.has_perm("cases.view_confidential")):
            raise PermissionDenied
        values = services.confidential_read(case=self.case, actor=request.user)
        view = CaseDetailView(request=request, kwargs=self.kwargs, args=())
        view.case = self.case
        revealed = revealed_rows(self.case, values, translation.get_language())
        response = render(request, view.template_name, view.get_context_data(revealed=revealed))
        response["Cache-Control"] = "no-store"
        return response


def revealed_rows(case: Case, values: dict, language: str) -> list[dict]:
    """The revealed answers, labelled and shown by their field type (repeat groups and files included)."""
    fields = case.form_version.ui["fields"]
    rows = []
    for key, value in sorted(values.items()):
        spec = fields.get(key)
        if spec is None:
            rows.append({"label": key, "value": value if isinstance(value, str) else ""})
            continue
        shown = fieldtypes.get(spec["type"]).display(spec, value, language)
        rows.append({"label": localize(spec["label"], language), "value": shown})
    return rows


class AttachmentDownloadView(StaffMixin, View):
    """A case file. Ordinary files by a link (GET); confidential ones only by a POST from the revealed
    section (CSRF-checked), because opening one is recorded: no other site can make a browser record it."""

    def get(self, request, reference: str, attachment_id: int):
        return self._serve(request, attachment_id, confidential=False)

    def post(self, request, reference: str, attachment_id: int):
        return self._serve(request, attachment_id, confidential=True)

    def _serve(self, request, attachment_id: int, *, confidential: bool):
        case = self.get_case()
        if not confidential and case.attachments.filter(pk=attachment_id, confidential=True).exists():
            raise Http404(_("No such file."))
        try:
            attachment = services.attachment_open(case=case, attachment_id=attachment_id, actor=request.user)
        except CaseNotFound:
            raise Http404(_("No such file.")) from None
        response = FileResponse(
            attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
        )
        response["Cache-Control"] = "no-store"
        return response


# --- transitions ------------------------------------------------------------------


def _available_transition(case, user, key):
    for transition_ in transitions_available(case=case, user=user):
        if transition_.key == key:
            return transition_
    return None


class TransitionView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    """A step without a form: confirm, with a comment (required when the workflow says so)."""

    template_name = "cases/staff/transition.html"
    header_icon = "resubmit"

    def dispatch_allowed(self, request, *args, **kwargs):
        self.case = self.get_case()
        self.transition = _available_transition(self.case, request.user, kwargs["key"])
        if self.transition is None:
            # Not a step this user may take now: no button was shown, and posting anyway is refused.
            raise PermissionDenied
        if self.transition.form_id:
            return TransitionWizard.as_view(case=self.case, transition=self.transition)(
                request, *args, **kwargs
            )
        return super().dispatch_allowed(request, *args, **kwargs)

    def get_page_title(self):
        return localize(self.transition.label)

    def get_page_subtitle(self):
        return self.case.reference

    def transition_form(self, data=None) -> TransitionForm:
        target = self.case.case_type.workflow.state(self.transition.to_state)
        chooses = bool(target and target.requires_assignee and may_assign(self.request.user))
        return TransitionForm(
            data,
            comment_required=self.transition.comment_required,
            candidates=assignee_candidates(case=self.case) if chooses else None,
            initial={"assignee": self.case.assignee_id},
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case=self.case, transition=self.transition, form=form or self.transition_form())
        return context

    def post(self, request, *args, **kwargs):
        form = self.transition_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.transition(
                self.case,
                self.transition.key,
                request.user,
                comment=form.cleaned_data["comment"],
                language=translation.get_language(),
                assignee=form.cleaned_data.get("assignee"),
            )
        except CaseError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Done: %(step)s.") % {"step": localize(self.transition.label)})
        return HttpResponseRedirect(self.case_url(self.case))


class TransitionReviewForm(ReviewForm):
    comment = TransitionForm.base_fields["comment"]


class TransitionWizard(FormWizardView):
    """A step with a form (e.g. a checklist): the form's sections one by one, then a review
    with a comment; the case moves only when the whole form is valid."""

    template_name = "cases/staff/transition_wizard.html"
    case = None
    transition = None

    def get_version(self):
        return form_version_current(key=self.transition.form.key)

    def get_prefix(self, request, *args, **kwargs):
        return f"case_{self.case.pk}_{self.transition.key}_v{self.version.number}"

    def get_form(self, step=None, data=None, files=None, rows=None):
        step = step or self.steps.current
        if step == REVIEW_STEP:
            form = TransitionReviewForm(data=data, prefix=self.get_form_prefix(step))
            form.fields["comment"].required = self.transition.comment_required
            return form
        return super().get_form(step, data=data, files=files, rows=rows)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(
            case=self.case,
            transition=self.transition,
            transition_label=localize(self.transition.label),
            page_title=localize(self.transition.label),
        )
        return context

    def submit(self, result, answers, files):
        review = self.get_form(REVIEW_STEP, data=self.storage.get_step_data(REVIEW_STEP))
        comment = review.cleaned_data.get("comment", "") if review.is_valid() else ""
        try:
            services.transition(
                self.case,
                self.transition.key,
                self.request.user,
                answers,
                files,
                comment=comment,
                language=translation.get_language(),
            )
        except CaseError as error:
            details = [item["message"] for item in error.errors or [] if item.get("message") != error.message]
            return self.review_again(" ".join([error.message, *details]))
        messages.success(self.request, _("Done: %(step)s.") % {"step": localize(self.transition.label)})
        return HttpResponseRedirect(reverse("ecms_cases:detail", args=[self.case.reference]))


# --- printable documents ------------------------------------------------------------------


class CaseReportView(StaffMixin, TemplateView):
    """The case report (data, visits with their answers, violations, enforcement), for printing or PDF."""

    template_name = "cases/staff/print_report.html"

    def get_context_data(self, **kwargs):
        case = self.get_case()
        language = translation.get_language()
        labels = state_labels(workflow_ids=[case.case_type.workflow_id], language=language)
        return {
            "case": case,
            "state_label": labels.get((case.case_type.workflow_id, case.state), case.state),
            "sections": summary(case.form_version, case.data, language),
            "visits": [item for item in timeline_items(case, language) if item["answers"]],
            "violations": case.violations.select_related("provision__instrument"),
            "enforcement_actions": case.enforcement_actions.select_related("issued_by"),
            "printed_at": timezone.now(),
            "printed_by": person_label(self.request.user),
        }


class EnforcementNoticeView(StaffMixin, TemplateView):
    template_name = "cases/staff/print_notice.html"

    def get_context_data(self, **kwargs):
        case = self.get_case()
        action = (
            case.enforcement_actions.select_related("issued_by").filter(pk=self.kwargs["action_id"]).first()
        )
        if action is None:
            raise Http404(_("No such enforcement action."))
        return {
            "case": case,
            "action": action,
            "violations": action.violations.select_related("provision__instrument"),
            "printed_at": timezone.now(),
        }
