"""Template helpers of the portal that read its settings (name, logo, colours)."""

from django import template
from wagtail.models import Site

from content.models import PortalSettings
from core.localcache import remembered

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_settings(context):
    """The portal's settings (name, logo, colours) for the request's site; None when there is no site."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    # Read by every portal page; remembered per process for a moment (ECMS_CONFIG_CACHE_SECONDS).
    return remembered("portal_settings", site.pk, lambda: PortalSettings.for_site(site))
