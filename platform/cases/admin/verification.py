"""The first section of a visit that verifies the establishment's outstanding violations: for each, the
outcome (corrected / not corrected / could not be verified), a note and photos. The answers go with the
transition to the one check and update (cases.primitives.verification)."""

from django import forms
from django.utils.translation import gettext as _

from cases.admin.forms import violation_label
from cases.primitives.verification import OUTCOMES
from forms_builder.fieldtypes.files import multiple_file_field

VERIFY_STEP = "verify_violations"


class VerificationForm(forms.Form):
    """One outcome, note and photos per violation: fields v<id>_outcome, v<id>_note, v<id>_files."""

    def __init__(self, *args, violations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.violations = list(violations)
        self.rows = []
        for violation in self.violations:
            name = f"v{violation.pk}"
            self.fields[f"{name}_outcome"] = forms.ChoiceField(
                label=_("Outcome"), choices=list(OUTCOMES.items()), widget=forms.RadioSelect
            )
            self.fields[f"{name}_note"] = forms.CharField(
                label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"{name}_files"] = multiple_file_field(
                accept="image/*,application/pdf", label=_("Photos or files"), required=False
            )
            self.rows.append(
                {
                    "violation": violation,
                    "label": violation_label(violation),
                    "fields": [self[f"{name}_outcome"], self[f"{name}_note"], self[f"{name}_files"]],
                }
            )

    def verifications(self) -> list[dict]:
        """The answers as the transition takes them (call after ``is_valid``)."""
        answers = []
        for violation in self.violations:
            name = f"v{violation.pk}"
            answers.append(
                {
                    "violation": violation.pk,
                    "outcome": self.cleaned_data.get(f"{name}_outcome"),
                    "note": self.cleaned_data.get(f"{name}_note") or "",
                    "files": list(self.files.getlist(self.add_prefix(f"{name}_files")) if self.files else []),
                }
            )
        return answers
