from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from registry.models import EconomicActivity, Governorate


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


class RegistriesGroup(ModelAdminGroup):
    menu_label = _("Registries")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (GovernorateAdmin, EconomicActivityAdmin)


modeladmin_register(RegistriesGroup)
