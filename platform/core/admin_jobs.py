"""The background jobs screen in the admin (Settings → Background jobs): the outbox rows, failed ones
first, with their last error; a failed job can be retried or discarded (each logged with who did it).
Replaces django-rq's screens, which need Django's own admin site."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core import jobs
from core.models import JobRecord
from core.views import AdminPageMixin, admin_forbidden


def may_see_jobs(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("ecms.view_jobrecord"))


def may_manage_jobs(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("ecms.change_jobrecord"))


class JobListView(AdminPageMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "ecms/admin/jobs.html"
    page_title = gettext_lazy("Background jobs")
    header_icon = "cogs"

    def may_view(self, user) -> bool:
        return may_see_jobs(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        records = JobRecord.objects.annotate(
            failed_first=Case(When(status=JobRecord.Status.FAILED, then=Value(0)), default=Value(1)),
        ).order_by("failed_first", "-created_at")
        if status in JobRecord.Status.values:
            records = records.filter(status=status)
        page = Paginator(records, 50).get_page(self.request.GET.get("p"))
        context.update(
            page=page,
            status=status,
            statuses=JobRecord.Status.choices,
            may_manage=may_manage_jobs(self.request.user),
            failed=JobRecord.objects.filter(status=JobRecord.Status.FAILED).count(),
        )
        return context


class JobActionView(View):
    action = ""

    def post(self, request, job_id):
        if not may_manage_jobs(request.user):
            raise PermissionDenied
        service = {"retry": jobs.job_retry, "discard": jobs.job_discard}[self.action]
        try:
            record = service(job_id=job_id, actor=request.user)
        except jobs.JobNotRetryable:
            messages.error(request, _("Only a failed job can be retried or discarded."))
        else:
            done = _("Sent again: %(job)s") if self.action == "retry" else _("Discarded: %(job)s")
            messages.success(request, done % {"job": record.func})
        return HttpResponseRedirect(reverse("ecms_jobs"))

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return admin_forbidden(request)
