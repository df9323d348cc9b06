from django import forms
from django.utils.translation import gettext_lazy as _


class EstablishmentImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet"), help_text=_("CSV (UTF-8) or Excel (XLSX), at most 5 MB."))
    file_format = forms.ChoiceField(
        label=_("Format"), choices=(("xlsx", _("Excel (XLSX)")), ("csv", _("CSV (UTF-8)"))), initial="xlsx"
    )
