from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from registry.admin_views import (
    EstablishmentCreateView,
    EstablishmentDeleteView,
    EstablishmentEditView,
    EstablishmentImportView,
    EstablishmentInspectView,
    establishment_export,
)
from registry.models import EconomicActivity, Establishment, Governorate, LegalInstrument, LegalProvision
from registry.selectors import governorate_ids_of, scope_by_governorate_ids


class GovernorateAdmin(ModelAdmin):
    model = Governorate
    menu_icon = "site"
    list_display = ("code", "name_ar", "name_en", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name")
    ordering = ("sort_order", "code")


class EconomicActivityAdmin(ModelAdmin):
    model = EconomicActivity
    menu_icon = "list-ul"
    list_display = ("code", "name_ar", "name_en", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name")


class EstablishmentAdmin(ModelAdmin):
    """Establishments in the user's governorates; the page of one shows its case history and open
    violations (panels added by the case engine); import and export through spreadsheets."""

    model = Establishment
    menu_icon = "home"
    list_display = ("name", "registration_number", "governorate", "activity", "workers_total", "is_active")
    list_filter = ("governorate", "activity", "is_active")
    search_fields = ("name", "name_en", "registration_number")
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_class = EstablishmentInspectView
    create_view_class = EstablishmentCreateView
    edit_view_class = EstablishmentEditView
    delete_view_class = EstablishmentDeleteView
    index_template_name = "registry/establishment_index.html"
    inspect_template_name = "registry/establishment_inspect.html"
    inspect_view_fields = (
        "name",
        "name_en",
        "registration_number",
        "social_security_number",
        "governorate",
        "activity",
        "district",
        "address",
        "workers_total",
        "workers_women",
        "phone",
        "email",
        "is_active",
    )

    def get_queryset(self, request):
        return scope_by_governorate_ids(
            super().get_queryset(request), governorate_ids=governorate_ids_of(user=request.user)
        )

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (
            path(
                f"{self.url_helper.base_url_path}/import/",
                EstablishmentImportView.as_view(),
                name="registry_establishment_import",
            ),
            path(
                f"{self.url_helper.base_url_path}/export/",
                establishment_export,
                name="registry_establishment_export",
            ),
        )


class RegistriesGroup(ModelAdminGroup):
    menu_label = _("Registries")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (EstablishmentAdmin, GovernorateAdmin, EconomicActivityAdmin)


modeladmin_register(RegistriesGroup)


class LegalInstrumentViewSet(SnippetViewSet):
    model = LegalInstrument
    icon = "doc-full"
    menu_label = _("Legal instruments")
    list_display = ["__str__", "kind", "year", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["key", "title"]


class LegalProvisionViewSet(SnippetViewSet):
    model = LegalProvision
    icon = "doc-full-inverse"
    menu_label = _("Legal provisions")
    list_display = ["__str__", "instrument", "article", "validation_status"]
    list_filter = ["instrument", "validation_status", "is_active"]
    search_fields = ["key", "article", "title"]


class LegalLibraryGroup(SnippetViewSetGroup):
    menu_label = _("Legal library")
    menu_icon = "doc-full"
    menu_order = 310
    items = (LegalInstrumentViewSet, LegalProvisionViewSet)


register_snippet(LegalLibraryGroup)
