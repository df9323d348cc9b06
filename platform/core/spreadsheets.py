"""Every CSV and Excel file the admin produces neutralises spreadsheet formulas, Wagtail's own reports
included (site history, page reports, form submissions): a data clerk cannot plant "=HYPERLINK(...)" for
the administrator who exports. Wagtail's export mixin is wrapped once, at start-up (docs/decisions.md)."""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.text import neutralise_formula


def neutralise_admin_spreadsheets() -> None:
    if getattr(SpreadsheetExportMixin, "_ecms_neutralised", False):
        return
    original = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(original(self, field, value, export_format))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin._ecms_neutralised = True
