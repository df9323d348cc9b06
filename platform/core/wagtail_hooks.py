"""Project-wide admin additions: the stylesheet of the staff screens (logical properties, RTL and LTR) and
the background jobs screen."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.admin_jobs import JobActionView, JobListView, may_see_jobs


@hooks.register("insert_global_admin_css")
def staff_screens_css():
    return format_html('<link rel="stylesheet" href="{}">', static("ecms/css/admin.css"))


@hooks.register("register_admin_urls")
def job_urls():
    return [
        path("jobs/", JobListView.as_view(), name="ecms_jobs"),
        path("jobs/<uuid:job_id>/retry/", JobActionView.as_view(action="retry"), name="ecms_job_retry"),
        path("jobs/<uuid:job_id>/discard/", JobActionView.as_view(action="discard"), name="ecms_job_discard"),
    ]


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_jobs(request.user)


@hooks.register("register_settings_menu_item")
def jobs_menu_item():
    return JobsMenuItem(_("Background jobs"), reverse("ecms_jobs"), icon_name="cogs", order=900)


@hooks.register("register_log_actions")
def job_log_actions(actions):
    actions.register_action("ecms.job.retry", _("Retry a failed job"), _("Failed job sent again"))
    actions.register_action("ecms.job.discard", _("Discard a failed job"), _("Failed job discarded"))
