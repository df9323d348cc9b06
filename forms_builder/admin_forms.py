"""Admin forms: refuse to publish an inconsistent form definition, with the reasons shown."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from forms_builder.compiler import compile_definition
from forms_builder.services import option_list_problems


class FormDefinitionAdminForm(WagtailAdminModelForm):
    def _post_clean(self):
        super()._post_clean()
        if self.is_deferred_validation or self.errors:
            return  # saving a draft: inconsistencies are allowed until publishing
        problems = compile_definition(self.instance).problems
        if problems:
            self.add_error(
                None,
                ValidationError([_("This form cannot be published yet:")] + problems, code="cannot_publish"),
            )


class OptionListAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("options")
        if formset is None:
            return cleaned
        options = [
            {
                "code": form.cleaned_data.get("code"),
                "label": form.cleaned_data.get("label"),
                "parent": form.cleaned_data.get("parent_code"),
            }
            for form in formset.forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        for problem in option_list_problems(options):
            self.add_error(None, problem)
        return cleaned
