"""django-import-export resources of the registries: the columns of the spreadsheets ministries exchange."""

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from core.text import FORMULA_STARTS
from registry.models import EconomicActivity, Establishment, Governorate
from registry.selectors import governorate_ids_of

ESTABLISHMENT_COLUMNS = (
    "registration_number",
    "name",
    "name_en",
    "social_security_number",
    "governorate",
    "activity",
    "district",
    "address",
    "latitude",
    "longitude",
    "workers_total",
    "workers_women",
    "phone",
    "email",
    "is_active",
)


def formula_restored(value):
    """The value a neutralised cell stood for, so that our own export imports back unchanged."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class CodeWidget(widgets.ForeignKeyWidget):
    """A foreign key written as its code (IQ-BG, C); an unknown code is a row error that names it."""

    def clean(self, value, row=None, **kwargs):
        value = (str(value).strip() if value is not None else "").upper()
        if not value:
            return None
        try:
            return self.get_queryset(value, row, **kwargs).get(**{self.field: value})
        except self.model.DoesNotExist:
            raise ValueError(_("Unknown code “%(code)s”.") % {"code": value}) from None


class NumberWidget(widgets.DecimalWidget):
    """A number cell; anything else is a row error in plain words (not a Python exception's text)."""

    def __init__(self, *args, whole: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.whole = whole

    def clean(self, value, row=None, **kwargs):
        try:
            number = super().clean(value, row=row, **kwargs)
        except (ArithmeticError, ValueError, TypeError):
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None
        if number is not None and self.whole:
            if number != number.to_integral_value() or number < 0:
                raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
            return int(number)
        return number


class EstablishmentResource(resources.ModelResource):
    """Establishments, matched on their registration number; only in the importing user's governorates."""

    governorate = fields.Field(
        attribute="governorate", column_name="governorate", widget=CodeWidget(Governorate, field="code")
    )
    activity = fields.Field(
        attribute="activity", column_name="activity", widget=CodeWidget(EconomicActivity, field="code")
    )
    workers_total = fields.Field(
        attribute="workers_total", column_name="workers_total", widget=NumberWidget()
    )
    workers_women = fields.Field(
        attribute="workers_women", column_name="workers_women", widget=NumberWidget()
    )
    latitude = fields.Field(attribute="latitude", column_name="latitude", widget=NumberWidget(whole=False))
    longitude = fields.Field(attribute="longitude", column_name="longitude", widget=NumberWidget(whole=False))

    class Meta:
        model = Establishment
        import_id_fields = ["registration_number"]
        fields = ESTABLISHMENT_COLUMNS
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def before_import_row(self, row, **kwargs):
        for column, value in list(row.items()):
            row[column] = formula_restored(value)
        if not str(row.get("registration_number") or "").strip():
            raise ValueError(_("The registration number is required: rows are matched on it."))
        if not str(row.get("name") or "").strip():
            raise ValueError(_("The name is required."))

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        if not new:
            self._check_scope(instance)  # an establishment of another governorate is not yours to change
        return instance, new

    def before_save_instance(self, instance, row, **kwargs):
        self._check_scope(instance)

    def _check_scope(self, instance):
        scope = governorate_ids_of(user=self.user) if self.user is not None else None
        if scope is not None and instance.governorate_id and instance.governorate_id not in scope:
            raise ValueError(_("This establishment is in a governorate outside your scope."))
