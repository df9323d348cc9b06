from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found as django_page_not_found


def page_not_found(request, exception=None):
    """404: the API's error format under /api/, the portal's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"errors": [{"field": None, "code": "not_found", "message": _("Not found.")}]}, status=404
        )
    return django_page_not_found(request, exception)


def admin_forbidden(request):
    """A real 403 page in the admin's frame (Wagtail turns PermissionDenied into a redirect to the dashboard,
    which hides the refusal from someone who posted a step they were not offered)."""
    from django.shortcuts import render

    return render(request, "ecms/admin/forbidden.html", status=403)


class AdminPageMixin:
    """A page of the Wagtail admin (put before ``WagtailAdminTemplateMixin``): shown to those ``may_view``
    allows — a real 403 page for the others — and titled in its breadcrumbs."""

    def may_view(self, user) -> bool:
        return user.is_active

    def dispatch(self, request, *args, **kwargs):
        if not self.may_view(request.user):
            return admin_forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]
