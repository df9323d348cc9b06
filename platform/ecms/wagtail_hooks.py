"""Project-wide admin additions: the stylesheet of the staff screens (logical properties, RTL and LTR)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def staff_screens_css():
    return format_html('<link rel="stylesheet" href="{}">', static("ecms/css/admin.css"))
