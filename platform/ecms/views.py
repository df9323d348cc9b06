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
