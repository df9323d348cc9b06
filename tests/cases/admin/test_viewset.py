"""The staff case screens are one ViewSet: its URLs under /admin/cases/ and its menu, in the reader's
language whatever language the menu was first built in."""

from django.urls import reverse
from django.utils import translation

from cases.admin.viewset import case_screens


def test_the_screens_are_served_under_admin_cases_in_the_ecms_cases_namespace():
    assert case_screens.url_prefix == "cases"
    assert reverse("ecms_cases:queue", args=["mine"]) == "/admin/cases/queue/mine/"
    assert reverse("ecms_cases:detail", args=["REF"]).startswith("/admin/cases/")


def test_the_cases_menu_speaks_the_reader_s_language_not_the_first_reader_s():
    with translation.override("ar"):
        menu = case_screens.get_menu_item()
    with translation.override("en"):
        assert str(menu.label) == "Cases"
        assert "New case" in [str(item.label) for item in menu.menu.initial_menu_items]
    with translation.override("ar"):
        assert str(menu.label) == "القضايا"
