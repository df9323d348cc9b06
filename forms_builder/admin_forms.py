"""Admin forms: refuse to publish an inconsistent form definition, with the reasons shown."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from forms_builder.compiler import compile_definition
from forms_builder.services import option_list_problems


class FormDefinitionAdminForm(WagtailAdminModelForm):
    def _post_clean(self):
        super()._post_clean()
        if self.is_deferred_validation or self.errors:
            return  # saving a draft: inconsistencies are allowed until publishing
        compiled = compile_definition(self.instance)
        if compiled.problems:
            self.add_error(
                None,
                ValidationError(
                    [_("This form cannot be published yet:")] + compiled.problems, code="cannot_publish"
                ),
            )
            self._place_at_blocks(compiled.problems_by_key)

    def _place_at_blocks(self, problems_by_key: dict[str, list[str]]) -> None:
        """Each field's problems also sit at the field's own block in the editor (a repeat group's child's
        at its group), so the editor sees them where the fix is."""
        index_of = {}
        for index, block in enumerate(self.instance.fields):
            value = block.value if hasattr(block.value, "get") else {}
            index_of.setdefault(value.get("key") or "", index)
            for child in value.get("fields") or []:
                if hasattr(child.value, "get") and child.value.get("key"):
                    index_of.setdefault(child.value["key"], index)
        block_errors: dict[int, list[str]] = {}
        for key, messages in problems_by_key.items():
            if key and key in index_of:
                block_errors.setdefault(index_of[key], []).extend(messages)
        if block_errors and "fields" in self.fields:
            self.add_error(
                "fields",
                StreamBlockValidationError(
                    block_errors={
                        index: StructBlockValidationError(non_block_errors=ErrorList(messages))
                        for index, messages in block_errors.items()
                    }
                ),
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
